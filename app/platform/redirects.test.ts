import { describe, expect, it } from "vitest";
import { safeLocalPath } from "./redirects.ts";

describe("safeLocalPath", () => {
  it("follows paths on this site, with their query and fragment", () => {
    expect(safeLocalPath("/organizations?q=vast#list")).toBe("/organizations?q=vast#list");
    expect(safeLocalPath("/people/../organizations")).toBe("/organizations");
  });

  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "/.//evil.example",
    "/%2e%2e//evil.example",
    "/a/..//evil.example",
    "javascript:alert(1)",
    "/\u0000x",
    "",
    42,
    undefined,
  ])("sends %j to the fallback", (next) => {
    expect(safeLocalPath(next, "/start")).toBe("/start");
  });
});
