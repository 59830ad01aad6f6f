// Pure rules of the minutes: the workflow, the three-way merge of concurrent saves and the word
// diff shown when comparing versions or a conflict.
import { diffWords } from "diff";
import { diff3Merge } from "node-diff3";
import type { ItemMinutes, MinutesContent, MinutesStatus } from "./schema.ts";

/**
 * Allowed workflow moves: forward one step, and back to draft from any later step (published
 * minutes are unpublished by it), which is the way to change approved or published text.
 */
const transitions: Record<MinutesStatus, readonly MinutesStatus[]> = {
  draft: ["in_review"],
  in_review: ["approved", "draft"],
  approved: ["published", "draft"],
  published: ["draft"],
};

/** The text may be changed while a draft or in review; approved and published text is fixed. */
export function canEditText(status: MinutesStatus): boolean {
  return status === "draft" || status === "in_review";
}

export function canTransition(from: MinutesStatus, to: MinutesStatus): boolean {
  return transitions[from].includes(to);
}

export function nextStatuses(from: MinutesStatus): readonly MinutesStatus[] {
  return transitions[from];
}

export const itemFields = ["notes", "reflections", "decisions"] as const;
export type ItemField = (typeof itemFields)[number];

export function emptyItem(): ItemMinutes {
  return { notes: "", reflections: [], decisions: [] };
}

export function emptyContent(): MinutesContent {
  return { items: {} };
}

export function itemOf(content: MinutesContent, itemId: string): ItemMinutes {
  return { ...emptyItem(), ...content.items[itemId] };
}

/** A list field as edited in a textarea: one entry per non-empty line. */
export function linesToList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

export function fieldLines(item: ItemMinutes, field: ItemField): string[] {
  if (field === "notes") return item.notes === "" ? [] : item.notes.split(/\r?\n/);
  return [...item[field]];
}

export function fieldText(item: ItemMinutes, field: ItemField): string {
  return fieldLines(item, field).join("\n");
}

export type FieldConflict = { itemId: string; field: ItemField };

export type MergeResult = { content: MinutesContent; conflicts: FieldConflict[] };

/**
 * Merges lines of one field three ways. Changes on one side only are taken; where both sides
 * changed the same lines differently, both versions are kept (mine first) and the field is
 * reported as conflicting, so nobody's text is lost.
 */
export function mergeLines(
  mine: string[],
  base: string[],
  theirs: string[],
): { lines: string[]; conflict: boolean } {
  const lines: string[] = [];
  let conflict = false;
  for (const region of diff3Merge<string>(mine, base, theirs, { excludeFalseConflicts: true })) {
    if (region.ok) lines.push(...region.ok);
    else if (region.conflict) {
      conflict = true;
      lines.push(...region.conflict.a, ...region.conflict.b);
    }
  }
  return { lines, conflict };
}

/** Three-way merge of whole minutes, field by field (lists merged as lines). */
export function mergeMinutes(
  base: MinutesContent,
  mine: MinutesContent,
  theirs: MinutesContent,
): MergeResult {
  const ids = [
    ...new Set([
      ...Object.keys(theirs.items),
      ...Object.keys(mine.items),
      ...Object.keys(base.items),
    ]),
  ];
  const items: Record<string, ItemMinutes> = {};
  const conflicts: FieldConflict[] = [];
  for (const id of ids) {
    const [b, m, t] = [itemOf(base, id), itemOf(mine, id), itemOf(theirs, id)];
    const merged = emptyItem();
    for (const field of itemFields) {
      const result = mergeLines(fieldLines(m, field), fieldLines(b, field), fieldLines(t, field));
      if (result.conflict) conflicts.push({ itemId: id, field });
      if (field === "notes") merged.notes = result.lines.join("\n");
      else merged[field] = result.lines;
    }
    items[id] = merged;
  }
  return { content: { items }, conflicts };
}

/** One field where a refused save and the current minutes differ. */
export type FieldDifference = {
  itemId: string;
  field: ItemField;
  /** The saved text now (lists one entry per line). */
  current: string;
  /** The three-way merge of the refused save into the current text. */
  merged: string;
  /** Both sides changed the same lines: `merged` holds both versions, the sender's first. */
  conflict: boolean;
};

/**
 * The fields where what was sent (`mine`) differs from the current minutes, with the current text,
 * the merged text and whether the merge found a conflict there; in the order of the items.
 */
export function fieldDifferences(
  mine: MinutesContent,
  current: MinutesContent,
  merge: MergeResult,
): FieldDifference[] {
  const ids = Object.keys(merge.content.items);
  const differences: FieldDifference[] = [];
  for (const itemId of ids) {
    const [m, c, merged] = [
      itemOf(mine, itemId),
      itemOf(current, itemId),
      itemOf(merge.content, itemId),
    ];
    for (const field of itemFields) {
      const currentText = fieldText(c, field);
      if (fieldText(m, field) === currentText) continue;
      differences.push({
        itemId,
        field,
        current: currentText,
        merged: fieldText(merged, field),
        conflict: merge.conflicts.some((x) => x.itemId === itemId && x.field === field),
      });
    }
  }
  return differences;
}

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

/** Word diff from an older to a newer text, for <ins>/<del> rendering. */
export function wordDiff(older: string, newer: string): DiffPart[] {
  return diffWords(older, newer).map((change) => ({
    kind: change.added ? "added" : change.removed ? "removed" : "same",
    text: change.value,
  }));
}

/** Normalizes any stored or submitted content to the full shape. */
export function normalizeContent(content: unknown): MinutesContent {
  const items: Record<string, ItemMinutes> = {};
  const raw = (content as { items?: Record<string, Partial<ItemMinutes>> } | null)?.items ?? {};
  for (const [id, item] of Object.entries(raw)) {
    items[id] = {
      notes: typeof item.notes === "string" ? item.notes : "",
      reflections: Array.isArray(item.reflections) ? item.reflections.map(String) : [],
      decisions: Array.isArray(item.decisions) ? item.decisions.map(String) : [],
    };
  }
  return { items };
}
