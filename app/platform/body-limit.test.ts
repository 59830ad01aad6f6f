import { describe, expect, it } from "vitest";
import { bodyRefusal, MAX_BODY_BYTES } from "./body-limit.ts";

describe("bodyRefusal", () => {
  it("lets reads and bodies of a declared, acceptable length through", () => {
    expect(bodyRefusal("GET", {})).toBeNull();
    expect(bodyRefusal("POST", { "content-length": "120" })).toBeNull();
    expect(bodyRefusal("POST", { "content-length": String(MAX_BODY_BYTES) })).toBeNull();
    expect(bodyRefusal("DELETE", {})).toBeNull();
  });

  it("refuses a body that is too large or has no declared length", () => {
    expect(bodyRefusal("POST", { "content-length": String(MAX_BODY_BYTES + 1) })).toBe(413);
    expect(bodyRefusal("PATCH", { "content-length": "lots" })).toBe(413);
    expect(bodyRefusal("POST", { "transfer-encoding": "chunked" })).toBe(411);
  });
});
