import { describe, expect, it } from "vitest";
import { asciiSlug, fileResponse } from "./file-response.ts";

describe("asciiSlug", () => {
  it("spells out Swedish and Norwegian letters instead of dropping them", () => {
    expect(asciiSlug("Regional e-hälsodag i Västra Götaland")).toBe(
      "Regional-e-halsodag-i-Vastra-Gotaland",
    );
    expect(asciiSlug("Helse Sør-Øst: Bærum")).toBe("Helse-Sor-Ost-Baerum");
  });

  it("keeps at most the given length", () => {
    expect(asciiSlug("a".repeat(100))).toHaveLength(60);
    expect(asciiSlug("Årsmöte 2027", 6)).toBe("Arsmot");
  });
});

describe("fileResponse", () => {
  it("keeps a file private unless it may be cached publicly, and gives the Unicode name", () => {
    const headers = fileResponse("x", {
      contentType: "text/csv",
      fileName: "moten.csv",
      unicodeName: "möten.csv",
    }).headers;
    expect(headers.get("Cache-Control")).toBe("private, no-store");
    expect(headers.get("Content-Disposition")).toBe(
      `attachment; filename="moten.csv"; filename*=UTF-8''m%C3%B6ten.csv`,
    );
    const shared = fileResponse("x", {
      contentType: "text/csv",
      fileName: "a.csv",
      publicMaxAge: 60,
    });
    expect(shared.headers.get("Cache-Control")).toBe("public, max-age=60");
  });
});
