import { describe, expect, it } from "vitest";
import {
  canEditText,
  canTransition,
  fieldDifferences,
  linesToList,
  mergeLines,
  mergeMinutes,
  normalizeContent,
  wordDiff,
} from "./minutes-rules.ts";

describe("minutes workflow", () => {
  it("moves forward one step and back to draft", () => {
    expect(canTransition("draft", "in_review")).toBe(true);
    expect(canTransition("in_review", "approved")).toBe(true);
    expect(canTransition("approved", "published")).toBe(true);
    expect(canTransition("in_review", "draft")).toBe(true);
    expect(canTransition("approved", "draft")).toBe(true);
    expect(canTransition("published", "draft")).toBe(true);
  });
  it("refuses skipping, and leaving published other than back to draft", () => {
    expect(canTransition("draft", "published")).toBe(false);
    expect(canTransition("draft", "approved")).toBe(false);
    expect(canTransition("published", "approved")).toBe(false);
    expect(canTransition("published", "in_review")).toBe(false);
    expect(canTransition("in_review", "published")).toBe(false);
  });
});

describe("editable text", () => {
  it("is editable as a draft or in review only", () => {
    expect(
      ["draft", "in_review", "approved", "published"].map((s) => canEditText(s as never)),
    ).toEqual([true, true, false, false]);
  });
});

describe("three-way merge", () => {
  const item = (notes: string, reflections: string[] = [], decisions: string[] = []) => ({
    notes,
    reflections,
    decisions,
  });

  it("takes changes of both sides in different lines", () => {
    const r = mergeLines(["a", "B", "m", "c"], ["a", "b", "m", "c"], ["a", "b", "m", "C"]);
    expect(r).toEqual({ lines: ["a", "B", "m", "C"], conflict: false });
  });

  it("keeps both texts when the same line changed differently", () => {
    const r = mergeLines(["mine"], ["base"], ["theirs"]);
    expect(r.conflict).toBe(true);
    expect(r.lines).toEqual(["mine", "theirs"]);
  });

  it("does not report identical changes as a conflict", () => {
    expect(mergeLines(["x"], ["o"], ["x"])).toEqual({ lines: ["x"], conflict: false });
  });

  it("merges per field and reports conflicting fields", () => {
    const base = { items: { i1: item("Start", ["r1"]), i2: item("") } };
    const mine = { items: { i1: item("Mine", ["r1", "r2"]), i2: item("") } };
    const theirs = { items: { i1: item("Theirs", ["r0", "r1"]), i2: item("", [], ["d"]) } };
    const result = mergeMinutes(base, mine, theirs);
    expect(result.conflicts).toEqual([{ itemId: "i1", field: "notes" }]);
    expect(result.content.items.i1).toEqual(item("Mine\nTheirs", ["r0", "r1", "r2"]));
    expect(result.content.items.i2).toEqual(item("", [], ["d"]));
  });

  it("lists the fields that differ from the current text, with the merge and a conflict flag", () => {
    const base = { items: { i1: item("Start", ["r1"]), i2: item("Same") } };
    const mine = { items: { i1: item("Mine", ["r1", "r2"]), i2: item("Same") } };
    const theirs = { items: { i1: item("Theirs", ["r1"]), i2: item("Same"), i3: item("New") } };
    const merge = mergeMinutes(base, mine, theirs);
    expect(fieldDifferences(mine, theirs, merge)).toEqual([
      { itemId: "i1", field: "notes", current: "Theirs", merged: "Mine\nTheirs", conflict: true },
      { itemId: "i1", field: "reflections", current: "r1", merged: "r1\nr2", conflict: false },
      { itemId: "i3", field: "notes", current: "New", merged: "New", conflict: false },
    ]);
  });

  it("handles items only one side has", () => {
    const result = mergeMinutes({ items: {} }, { items: { a: item("x") } }, { items: {} });
    expect(result).toEqual({ content: { items: { a: item("x") } }, conflicts: [] });
  });
});

describe("helpers", () => {
  it("splits lists by line", () => {
    expect(linesToList(" a \r\n\nb\n")).toEqual(["a", "b"]);
  });
  it("word diff marks added and removed words", () => {
    const parts = wordDiff("the old text", "the new text");
    expect(parts.filter((p) => p.kind === "removed").map((p) => p.text)).toEqual(["old"]);
    expect(parts.filter((p) => p.kind === "added").map((p) => p.text)).toEqual(["new"]);
  });
  it("normalizes partial content", () => {
    expect(normalizeContent({ items: { a: { notes: "n" } } })).toEqual({
      items: { a: { notes: "n", reflections: [], decisions: [] } },
    });
    expect(normalizeContent(null)).toEqual({ items: {} });
  });
});
