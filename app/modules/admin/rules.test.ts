import { describe, expect, it } from "vitest";
import { auditPageHref, describeChanges, entityHref, formatAuditValue } from "./rules.ts";

describe("formatAuditValue", () => {
  it("shows strings, numbers and booleans as they are and empty values as null", () => {
    expect(formatAuditValue("Region Norr")).toBe("Region Norr");
    expect(formatAuditValue(42)).toBe("42");
    expect(formatAuditValue(false)).toBe("false");
    expect(formatAuditValue(null)).toBeNull();
    expect(formatAuditValue(undefined)).toBeNull();
    expect(formatAuditValue("")).toBeNull();
  });

  it("shows objects as JSON and cuts long values", () => {
    expect(formatAuditValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    const long = formatAuditValue("x".repeat(500))!;
    expect(long).toHaveLength(200);
    expect(long.endsWith("…")).toBe(true);
  });
});

describe("describeChanges", () => {
  it("turns an update's pairs into before → after lines", () => {
    expect(
      describeChanges("update", {
        name: ["Region Norr", "Region Nord"],
        website: [null, "https://nord.example"],
      }),
    ).toEqual([
      { field: "name", before: "Region Norr", after: "Region Nord" },
      { field: "website", before: null, after: "https://nord.example" },
    ]);
  });

  it("shows a create as new values and a delete as removed values, skipping empty fields", () => {
    expect(describeChanges("create", { name: "A", website: null })).toEqual([
      { field: "name", before: null, after: "A" },
    ]);
    expect(describeChanges("delete", { name: "A", hsaId: "" })).toEqual([
      { field: "name", before: "A", after: null },
    ]);
  });

  it("copes with an update stored without a pair", () => {
    expect(describeChanges("update", { note: "x" })).toEqual([
      { field: "note", before: null, after: "x" },
    ]);
  });
});

describe("entityHref", () => {
  it("links records that have a page and nothing else", () => {
    expect(entityHref("organization", "a b")).toBe("/organizations/a%20b");
    expect(entityHref("person", "p1")).toBe("/people/p1");
    expect(entityHref("user", "u1")).toBe("/admin/users/u1");
    expect(entityHref("api_token", "t1")).toBeNull();
    expect(entityHref("toString", "x")).toBeNull();
  });
});

describe("auditPageHref", () => {
  it("keeps only the filters that are set", () => {
    expect(auditPageHref({})).toBe("/admin/audit");
    expect(auditPageHref({ entityType: "person", entityId: "", cursor: "c1" })).toBe(
      "/admin/audit?entityType=person&cursor=c1",
    );
  });
});
