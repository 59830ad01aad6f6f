// Pure rules of the directory: national organization numbers, HSA-ids, time zones, pagination.
// No I/O here; everything is unit tested in rules.test.ts.
import type { Country, TimeZone } from "./schema.ts";

/** Why an organization number is refused; each maps to a message key in messages.ts. */
export type OrgNumberProblem = "format" | "checkDigit" | "notOrganization";

export type OrgNumberResult =
  { ok: true; digits: string; formatted: string } | { ok: false; problem: OrgNumberProblem };

/** The Luhn (mod 10) check over a string of digits whose last digit is the check digit. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The Luhn check digit that completes the given digits. */
export function luhnCheckDigit(digitsWithoutCheck: string): number {
  for (let candidate = 0; candidate <= 9; candidate++) {
    if (luhnValid(digitsWithoutCheck + candidate)) return candidate;
  }
  throw new Error("unreachable");
}

/**
 * Swedish organisationsnummer: ten digits NNNNNN-NNNN, the last a Luhn check digit.
 *
 * Accepted input: with or without the hyphen, spaces ignored, and the twelve-digit form with the
 * century-like prefix "16" that some registers use for legal persons (162321000016).
 *
 * Decision: only numbers of legal persons are accepted — their third digit is 2 or more (a
 * personnummer has a month, 01–12, in that place, so its third digit is 0 or 1). A sole trader's
 * organization number is their personal identity number, which we do not want in a public
 * directory; such organizations are registered without a number. For the same reason the
 * twelve-digit forms with "19" or "20" (personal identity numbers) are refused.
 */
export function parseSwedishOrgNumber(input: string): OrgNumberResult {
  const compact = input.replace(/\s+/g, "");
  const match = /^(16)?(\d{6})-?(\d{4})$/.exec(compact);
  if (!match) return { ok: false, problem: "format" };
  const digits = `${match[2]}${match[3]}`;
  if (Number(digits[2]) < 2) return { ok: false, problem: "notOrganization" };
  if (!luhnValid(digits)) return { ok: false, problem: "checkDigit" };
  return { ok: true, digits, formatted: formatSwedishOrgNumber(digits) };
}

/** NNNNNN-NNNN */
export function formatSwedishOrgNumber(digits: string): string {
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

const norwegianWeights = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** The mod-11 check digit of eight digits, or null when the remainder makes the number invalid. */
export function norwegianCheckDigit(firstEight: string): number | null {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(firstEight[i]) * norwegianWeights[i]!;
  const remainder = sum % 11;
  if (remainder === 0) return 0;
  if (remainder === 1) return null;
  return 11 - remainder;
}

/**
 * Norwegian organisasjonsnummer: nine digits, the last a mod-11 check digit (weights
 * 3 2 7 6 5 4 3 2; remainder 0 gives 0, remainder 1 makes the number invalid). Numbers from
 * Enhetsregisteret begin with 8 or 9. Spaces are ignored, as are a leading "NO" and a trailing
 * "MVA" (the VAT register form, "NO 974 760 673 MVA").
 */
export function parseNorwegianOrgNumber(input: string): OrgNumberResult {
  const compact = input.replace(/\s+/g, "").replace(/^NO/i, "").replace(/MVA$/i, "");
  if (!/^\d{9}$/.test(compact)) return { ok: false, problem: "format" };
  if (compact[0] !== "8" && compact[0] !== "9") return { ok: false, problem: "format" };
  const check = norwegianCheckDigit(compact.slice(0, 8));
  if (check === null || check !== Number(compact[8])) return { ok: false, problem: "checkDigit" };
  return { ok: true, digits: compact, formatted: formatNorwegianOrgNumber(compact) };
}

/** NNN NNN NNN */
export function formatNorwegianOrgNumber(digits: string): string {
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

export function parseOrgNumber(country: Country, input: string): OrgNumberResult {
  return country === "SE" ? parseSwedishOrgNumber(input) : parseNorwegianOrgNumber(input);
}

/** How a stored (normalized) number is shown; unknown shapes are shown as stored. */
export function formatOrgNumber(country: Country, digits: string | null | undefined): string {
  if (!digits) return "";
  if (country === "SE" && /^\d{10}$/.test(digits)) return formatSwedishOrgNumber(digits);
  if (country === "NO" && /^\d{9}$/.test(digits)) return formatNorwegianOrgNumber(digits);
  return digits;
}

/** The message key of an organization number problem. */
export function orgNumberMessageKey(problem: OrgNumberProblem, country: Country): string {
  if (problem === "notOrganization") return "directory.error.orgNumberPersonal";
  if (problem === "checkDigit") return "directory.error.orgNumberCheckDigit";
  return country === "SE"
    ? "directory.error.orgNumberFormatSE"
    : "directory.error.orgNumberFormatNO";
}

/**
 * HSA-id (the Swedish health care catalogue's identifier): "SE", the ten-digit organization number
 * of the responsible organization (optionally with the "16" prefix), then optionally a hyphen and
 * a suffix of letters and digits, e.g. SE2321000016-15CQ. At most 31 characters. The embedded
 * organization number must pass the Luhn check; the suffix is not interpreted (lenient), and the
 * id is stored upper-case.
 */
export function parseHsaId(input: string): { ok: true; value: string } | { ok: false } {
  const value = input.trim().toUpperCase();
  const match = /^SE(16)?(\d{10})(-[A-Z0-9]{1,25})?$/.exec(value);
  if (!match || value.length > 31) return { ok: false };
  if (!luhnValid(match[2]!)) return { ok: false };
  return { ok: true, value };
}

export function defaultTimeZone(country: Country): TimeZone {
  return country === "NO" ? "Europe/Oslo" : "Europe/Stockholm";
}

export type PageInfo = {
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
  offset: number;
};

/**
 * Page arithmetic: at least one page (an empty list has one, empty page); a page beyond the last
 * shows the last page; page and size below 1 count as 1.
 */
export function pageInfo(total: number, page: number, pageSize: number): PageInfo {
  const size = Math.max(1, Math.floor(pageSize));
  const pageCount = Math.max(1, Math.ceil(Math.max(0, total) / size));
  const current = Math.min(Math.max(1, Math.floor(page)), pageCount);
  return { page: current, pageSize: size, total, pageCount, offset: (current - 1) * size };
}

/** An affiliation is current on `today` (YYYY-MM-DD) if it has started and not yet ended. */
export function isCurrentAffiliation(
  affiliation: { startDate: string | null; endDate: string | null },
  today: string,
): boolean {
  if (affiliation.startDate && affiliation.startDate > today) return false;
  if (affiliation.endDate && affiliation.endDate < today) return false;
  return true;
}

/**
 * Whether making `newParentId` the parent of `organizationId` would make a loop; `newParentChain`
 * is the new parent followed by its ancestors.
 */
export function wouldCreateCycle(organizationId: string, newParentChain: readonly string[]) {
  return newParentChain.includes(organizationId);
}

/** A text for ILIKE that matches itself literally (%, _ and \ escaped). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Checks an organization's number and HSA-id against its country. Returns message keys by field
 * (empty when all is well) and the normalized values to store.
 */
export function checkOrganizationFacts(facts: {
  country: Country;
  organizationNumber: string | null | undefined;
  hsaId: string | null | undefined;
}): {
  errors: Record<string, string[]>;
  organizationNumber: string | null;
  hsaId: string | null;
} {
  const errors: Record<string, string[]> = {};
  let organizationNumber: string | null = null;
  let hsaId: string | null = null;
  if (facts.organizationNumber) {
    const parsed = parseOrgNumber(facts.country, facts.organizationNumber);
    if (parsed.ok) organizationNumber = parsed.digits;
    else errors.organizationNumber = [orgNumberMessageKey(parsed.problem, facts.country)];
  }
  if (facts.hsaId) {
    const parsed = parseHsaId(facts.hsaId);
    if (facts.country !== "SE") errors.hsaId = ["directory.error.hsaIdSwedishOnly"];
    else if (!parsed.ok) errors.hsaId = ["directory.error.hsaId"];
    else hsaId = parsed.value;
  }
  return { errors, organizationNumber, hsaId };
}
