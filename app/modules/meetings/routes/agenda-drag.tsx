// Reordering agenda rows with the mouse (HTML5 drag and drop), added once JavaScript runs: the
// page works without it through the up and down buttons, which stay for keyboard users.
import { useState, useSyncExternalStore, type CSSProperties, type DragEvent } from "react";
import { positionForDrop } from "../rules.ts";

type RowDragProps = {
  draggable?: boolean;
  onDragStart?: (event: DragEvent<HTMLElement>) => void;
  onDragOver?: (event: DragEvent<HTMLElement>) => void;
  onDrop?: (event: DragEvent<HTMLElement>) => void;
  onDragEnd?: () => void;
  style?: CSSProperties;
};

/** The line that shows where the row will land: the accent colour, 3px, above or below a row. */
const dropLine = "var(--accent)";

const subscribeToNothing = () => () => {};

/**
 * Drag and drop over the rows of `ids`, in order. `move` gets the dragged id and its new 1-based
 * position; a drop where the row already is does nothing. `enhanced` is false on the server and
 * before hydration: rows are then plain and nothing hints at dragging.
 */
export function useRowDrag(ids: readonly string[], move: (id: string, position: number) => void) {
  // False on the server and while hydrating, true once the page runs in the browser.
  const enhanced = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  const [dragged, setDragged] = useState<string | null>(null);
  const [slot, setSlot] = useState<number | null>(null);

  const reset = () => {
    setDragged(null);
    setSlot(null);
  };

  function rowProps(id: string, index: number): RowDragProps {
    if (!enhanced) return {};
    const lineAbove = dragged !== null && slot === index;
    const lineBelow = dragged !== null && slot === ids.length && index === ids.length - 1;
    return {
      draggable: true,
      onDragStart: (event) => {
        // A link inside the row drags its own address, not the row.
        if (event.target !== event.currentTarget) return;
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", id);
        setDragged(id);
      },
      onDragOver: (event) => {
        if (dragged === null) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
        const box = event.currentTarget.getBoundingClientRect();
        setSlot(event.clientY > box.top + box.height / 2 ? index + 1 : index);
      },
      onDrop: (event) => {
        event.preventDefault();
        if (dragged !== null && slot !== null) {
          const from = ids.indexOf(dragged);
          const position = positionForDrop(from, slot);
          if (from >= 0 && position !== from + 1) move(dragged, position);
        }
        reset();
      },
      onDragEnd: reset,
      style: {
        cursor: "grab",
        opacity: dragged === id ? 0.5 : undefined,
        boxShadow: lineAbove
          ? `inset 0 3px 0 ${dropLine}`
          : lineBelow
            ? `inset 0 -3px 0 ${dropLine}`
            : undefined,
      },
    };
  }

  return { enhanced, rowProps };
}
