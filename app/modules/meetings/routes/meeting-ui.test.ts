import { describe, expect, it } from "vitest";
import { translator } from "../../../i18n/translate.ts";
import { describeRrule } from "../rules.ts";
import { ruleInWords } from "./meeting-ui.tsx";

describe("a series' rule in words", () => {
  it("gives the end date in the reader's language, not as an ISO date", () => {
    const rrule = "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20261215T000000Z";
    const words = (locale: "sv" | "nb" | "en") =>
      ruleInWords(translator(locale), locale, describeRrule(rrule), rrule);
    expect(words("sv")).toContain("till och med 15 dec. 2026");
    expect(words("nb")).toContain("til og med 15. des. 2026");
    expect(words("en")).toContain("until 15 Dec 2026");
    for (const locale of ["sv", "nb", "en"] as const)
      expect(words(locale)).not.toContain("2026-12-15");
  });
});
