import { describe, expect, it } from "vitest";
import { diffRecords } from "./rules.ts";

describe("diffRecords", () => {
  it("lists only the fields that changed, with before and after", () => {
    const before = { name: "Region Norr", website: null, updatedAt: new Date(1) };
    const after = { name: "Region Nord", website: "https://example.se", updatedAt: new Date(2) };
    expect(diffRecords(before, after)).toEqual({
      name: ["Region Norr", "Region Nord"],
      website: [null, "https://example.se"],
    });
  });

  it("treats undefined and null as the same and compares dates by instant", () => {
    expect(diffRecords({ a: undefined, d: new Date(5) }, { a: null, d: new Date(5) })).toEqual({});
  });
});
