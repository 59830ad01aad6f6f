import { describe, expect, it } from "vitest";
import { norwegianOrgNumber, swedishOrgNumber } from "./factories.ts";
import {
  checkOrganizationFacts,
  defaultTimeZone,
  formatOrgNumber,
  isCurrentAffiliation,
  likePattern,
  luhnCheckDigit,
  luhnValid,
  orgNumberMessageKey,
  pageInfo,
  parseHsaId,
  parseNorwegianOrgNumber,
  parseOrgNumber,
  parseSwedishOrgNumber,
  wouldCreateCycle,
} from "./rules.ts";

describe("Swedish organisationsnummer", () => {
  it.each([
    ["232100-0016", "2321000016"], // Region Stockholm
    ["2321000131", "2321000131"], // Västra Götalandsregionen
    ["162321000255", "2321000255"], // Region Skåne, with the 16 prefix
    ["16232100-0255", "2321000255"],
    [" 556016-0680 ", "5560160680"],
    ["802002 4280", "8020024280"],
  ])("accepts %s as %s", (input, digits) => {
    expect(parseSwedishOrgNumber(input)).toEqual({
      ok: true,
      digits,
      formatted: `${digits.slice(0, 6)}-${digits.slice(6)}`,
    });
  });

  it.each([
    ["232100-0017", "checkDigit"],
    ["556016-0681", "checkDigit"],
    ["23210000", "format"],
    ["232100-00166", "format"],
    ["2321OO0016", "format"],
    ["192321000016", "format"], // century prefix of a personal identity number
    ["", "format"],
    ["811218-9876", "notOrganization"], // a personnummer (third digit 1)
    ["640823-3234", "notOrganization"],
  ])("refuses %s (%s)", (input, problem) => {
    expect(parseSwedishOrgNumber(input)).toEqual({ ok: false, problem });
  });

  it("computes Luhn check digits", () => {
    expect(luhnCheckDigit("232100001")).toBe(6);
    expect(luhnValid("2321000016")).toBe(true);
    expect(luhnValid("2321000015")).toBe(false);
    expect(luhnValid("abc")).toBe(false);
  });
});

describe("Norwegian organisasjonsnummer", () => {
  it.each([
    ["974760673", "974760673"], // Brønnøysundregistrene
    ["991 324 968", "991324968"], // Helse Sør-Øst RHF
    ["NO 883658752 MVA", "883658752"], // Helse Nord RHF, VAT form
    ["983974724", "983974724"], // Helse Bergen HF
  ])("accepts %s", (input, digits) => {
    expect(parseNorwegianOrgNumber(input)).toEqual({
      ok: true,
      digits,
      formatted: `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`,
    });
  });

  it.each([
    ["974760674", "checkDigit"],
    ["991324969", "checkDigit"],
    ["97476067", "format"],
    ["9747606733", "format"],
    ["123456785", "format"], // does not start with 8 or 9
    ["974-760-673", "format"],
  ])("refuses %s (%s)", (input, problem) => {
    expect(parseNorwegianOrgNumber(input)).toEqual({ ok: false, problem });
  });

  it("refuses numbers whose remainder is 1 (no check digit exists)", () => {
    // Find eight digits whose weighted sum leaves remainder 1 (mod 11): no check digit fits.
    let body = "";
    for (let n = 0; n < 10_000_000; n++) {
      const candidate = `9${String(n).padStart(7, "0")}`;
      const weights = [3, 2, 7, 6, 5, 4, 3, 2];
      const sum = [...candidate].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
      if (sum % 11 === 1) {
        body = candidate;
        break;
      }
    }
    for (let check = 0; check <= 9; check++) {
      expect(parseNorwegianOrgNumber(`${body}${check}`)).toEqual({
        ok: false,
        problem: "checkDigit",
      });
    }
  });

  it("makes factory numbers that pass", () => {
    for (let n = 1; n < 200; n++) {
      expect(parseNorwegianOrgNumber(norwegianOrgNumber(n)).ok).toBe(true);
      expect(parseSwedishOrgNumber(swedishOrgNumber(n)).ok).toBe(true);
    }
  });
});

describe("organization numbers by country", () => {
  it("parses by country and formats stored digits", () => {
    expect(parseOrgNumber("SE", "974760673").ok).toBe(false);
    expect(parseOrgNumber("NO", "974760673").ok).toBe(true);
    expect(formatOrgNumber("SE", "2321000016")).toBe("232100-0016");
    expect(formatOrgNumber("NO", "974760673")).toBe("974 760 673");
    expect(formatOrgNumber("NO", null)).toBe("");
    expect(formatOrgNumber("SE", "123")).toBe("123");
  });

  it("names the message of each problem", () => {
    expect(orgNumberMessageKey("format", "SE")).toBe("directory.error.orgNumberFormatSE");
    expect(orgNumberMessageKey("format", "NO")).toBe("directory.error.orgNumberFormatNO");
    expect(orgNumberMessageKey("checkDigit", "NO")).toBe("directory.error.orgNumberCheckDigit");
    expect(orgNumberMessageKey("notOrganization", "SE")).toBe("directory.error.orgNumberPersonal");
  });

  it("checks number and HSA-id against the country", () => {
    expect(
      checkOrganizationFacts({
        country: "SE",
        organizationNumber: "232100-0016",
        hsaId: "se2321000016-abc",
      }),
    ).toEqual({ errors: {}, organizationNumber: "2321000016", hsaId: "SE2321000016-ABC" });
    expect(
      checkOrganizationFacts({
        country: "NO",
        organizationNumber: "232100-0016",
        hsaId: "SE2321000016",
      }).errors,
    ).toEqual({
      organizationNumber: ["directory.error.orgNumberFormatNO"],
      hsaId: ["directory.error.hsaIdSwedishOnly"],
    });
    expect(checkOrganizationFacts({ country: "SE", organizationNumber: null, hsaId: "" })).toEqual({
      errors: {},
      organizationNumber: null,
      hsaId: null,
    });
  });
});

describe("HSA-id", () => {
  it.each(["SE2321000016-15CQ", "se2321000016", "SE162321000024-0036142", "SE2321000222-MEDHC"])(
    "accepts %s",
    (input) => {
      expect(parseHsaId(input)).toEqual({ ok: true, value: input.trim().toUpperCase() });
    },
  );

  it.each([
    "2321000016-15CQ", // no country code
    "NO2321000016", // not Swedish
    "SE2321000017-1", // Luhn fails on the organization number
    "SE232100001", // too short
    "SE2321000016-", // empty suffix
    "SE2321000016-ÅÄÖ",
    "SE2321000016-ABCDEFGHIJKLMNOPQRSTUVWXYZ", // longer than 31 characters
  ])("refuses %s", (input) => {
    expect(parseHsaId(input)).toEqual({ ok: false });
  });
});

describe("pagination", () => {
  it("computes pages, offsets and clamps", () => {
    expect(pageInfo(0, 1, 25)).toEqual({
      page: 1,
      pageSize: 25,
      total: 0,
      pageCount: 1,
      offset: 0,
    });
    expect(pageInfo(51, 3, 25)).toEqual({
      page: 3,
      pageSize: 25,
      total: 51,
      pageCount: 3,
      offset: 50,
    });
    expect(pageInfo(50, 3, 25)).toMatchObject({ page: 2, pageCount: 2, offset: 25 });
    expect(pageInfo(10, 0, 0)).toMatchObject({ page: 1, pageSize: 1, pageCount: 10, offset: 0 });
    expect(pageInfo(10, 2.7, 3)).toMatchObject({ page: 2, offset: 3 });
  });
});

describe("other rules", () => {
  it("defaults the time zone by country", () => {
    expect(defaultTimeZone("SE")).toBe("Europe/Stockholm");
    expect(defaultTimeZone("NO")).toBe("Europe/Oslo");
  });

  it("knows current affiliations", () => {
    const today = "2025-06-01";
    expect(isCurrentAffiliation({ startDate: null, endDate: null }, today)).toBe(true);
    expect(isCurrentAffiliation({ startDate: "2025-06-01", endDate: "2025-06-01" }, today)).toBe(
      true,
    );
    expect(isCurrentAffiliation({ startDate: "2025-06-02", endDate: null }, today)).toBe(false);
    expect(isCurrentAffiliation({ startDate: null, endDate: "2025-05-31" }, today)).toBe(false);
  });

  it("detects cycles and escapes LIKE patterns", () => {
    expect(wouldCreateCycle("a", ["b", "a", "c"])).toBe(true);
    expect(wouldCreateCycle("a", ["b", "c"])).toBe(false);
    expect(likePattern("50%_a\\b")).toBe("%50\\%\\_a\\\\b%");
  });
});
