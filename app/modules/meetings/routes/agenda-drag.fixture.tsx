// A page for agenda-drag.browser.test.ts: four rows with the drag hook, the moves recorded.
import { createRoot } from "react-dom/client";
import { useRowDrag } from "./agenda-drag.tsx";

const ids = ["a", "b", "c", "d"];
const moves: [string, number][] = [];
(window as unknown as { moves: typeof moves }).moves = moves;

function Rows() {
  const { enhanced, rowProps } = useRowDrag(ids, (id, position) => moves.push([id, position]));
  return (
    <table data-enhanced={enhanced}>
      <tbody>
        {ids.map((id, index) => (
          <tr key={id} id={id} {...rowProps(id, index)}>
            <th scope="row" style={{ padding: 12 }}>
              {id}
            </th>
            <td>
              <a href="#nowhere">{`link ${id}`}</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

createRoot(document.getElementById("root")!).render(<Rows />);
