import { describe, expect, it } from "vitest";
import {
  checkSeat,
  groupMembersByOrganization,
  holdsSeat,
  peakSeatsTaken,
  seatLimit,
  seatOverview,
  seatRuleFor,
  type Membership,
  type SeatRule,
} from "./rules.ts";

const stockholm = { id: "sthlm", name: "Region Stockholm", kind: "region", country: "SE" } as const;
const uppsala = { id: "upps", name: "Region Uppsala", kind: "region", country: "SE" } as const;
const vastra = {
  id: "vgr",
  name: "Västra Götalandsregionen",
  kind: "region",
  country: "SE",
} as const;
const helse = { id: "helse", name: "Helse Vest RHF", kind: "region", country: "NO" } as const;
const kommun = { id: "kommun", name: "Ale kommun", kind: "municipality", country: "SE" } as const;

const perRegion: SeatRule = {
  organizationId: null,
  organizationKind: "region",
  country: "SE",
  seats: 1,
};
const twoForStockholm: SeatRule = {
  organizationId: "sthlm",
  organizationKind: null,
  country: null,
  seats: 2,
};

function member(organizationId: string, overrides: Partial<Membership> = {}): Membership {
  return { organizationId, role: "member", startDate: "2026-01-01", endDate: null, ...overrides };
}

describe("seat rules", () => {
  it("lets seat-holding roles take seats and others not", () => {
    expect(holdsSeat("chair")).toBe(true);
    expect(holdsSeat("vice_chair")).toBe(true);
    expect(holdsSeat("member")).toBe(true);
    expect(holdsSeat("secretary")).toBe(false);
    expect(holdsSeat("adjunct")).toBe(false);
    expect(holdsSeat("observer")).toBe(false);
  });

  it("prefers a rule naming the organization over its kind and country", () => {
    const rules = [perRegion, twoForStockholm];
    expect(seatRuleFor(rules, stockholm)).toBe(twoForStockholm);
    expect(seatLimit(rules, stockholm)).toBe(2);
    expect(seatLimit(rules, uppsala)).toBe(1);
    // The order of the rules does not matter.
    expect(seatLimit([twoForStockholm, perRegion], stockholm)).toBe(2);
  });

  it("applies a kind rule only in its country, and a country-less one everywhere", () => {
    expect(seatLimit([perRegion], helse)).toBeNull();
    const anyCountry: SeatRule = { ...perRegion, country: null, seats: 3 };
    expect(seatLimit([anyCountry], helse)).toBe(3);
    expect(seatLimit([anyCountry, perRegion], uppsala)).toBe(1);
  });

  it("has no limit without a rule, and a zero-seat rule is a limit", () => {
    expect(seatLimit([perRegion], kommun)).toBeNull();
    expect(seatLimit([], stockholm)).toBeNull();
    expect(seatLimit([{ ...twoForStockholm, seats: 0 }, perRegion], stockholm)).toBe(0);
  });
});

describe("seat overview", () => {
  it("counts filled and empty seats per covered organization, sorted by name", () => {
    const rows = seatOverview(
      [perRegion, twoForStockholm],
      [vastra, stockholm, uppsala, kommun, stockholm],
      [
        member("sthlm", { role: "chair" }),
        member("sthlm", { role: "secretary" }),
        member("upps"),
        member("upps", { endDate: "2026-02-01" }),
        member("vgr", { startDate: "2027-01-01" }),
        member("kommun"),
      ],
      "2026-06-01",
    );
    expect(
      rows.map(({ organization, seats, filled, empty, over }) => [
        organization.id,
        seats,
        filled,
        empty,
        over,
      ]),
    ).toEqual([
      ["sthlm", 2, 1, 1, 0],
      ["upps", 1, 1, 0, 0],
      ["vgr", 1, 0, 1, 0],
    ]);
  });

  it("reports members beyond a tightened rule as over", () => {
    const [row] = seatOverview(
      [perRegion],
      [uppsala],
      [member("upps"), member("upps")],
      "2026-06-01",
    );
    expect(row).toMatchObject({ seats: 1, filled: 2, empty: 0, over: 1 });
  });
});

describe("seat check", () => {
  const rules = [perRegion, twoForStockholm];

  it("refuses a seat-holding member over the limit", () => {
    expect(checkSeat(rules, uppsala, [member("upps")], member("upps"))).toEqual({
      ok: false,
      seats: 1,
      taken: 1,
    });
    expect(checkSeat(rules, stockholm, [member("sthlm")], member("sthlm"))).toEqual({
      ok: true,
      seats: 2,
    });
  });

  it("lets roles without a seat and organizations without a rule in", () => {
    expect(
      checkSeat(rules, uppsala, [member("upps")], member("upps", { role: "secretary" })).ok,
    ).toBe(true);
    expect(checkSeat(rules, kommun, [member("kommun")], member("kommun")).ok).toBe(true);
  });

  it("leaves the changed membership itself out of the count", () => {
    const existing = [member("upps", { id: "m1" })];
    expect(
      checkSeat(rules, uppsala, existing, member("upps", { id: "m1", role: "chair" })).ok,
    ).toBe(true);
    expect(checkSeat(rules, uppsala, existing, member("upps", { id: "m2" })).ok).toBe(false);
  });

  it("counts only memberships overlapping the new one's dates", () => {
    const ending = member("upps", { endDate: "2026-12-31" });
    expect(
      checkSeat(rules, uppsala, [ending], member("upps", { startDate: "2027-01-01" })).ok,
    ).toBe(true);
    expect(
      checkSeat(rules, uppsala, [ending], member("upps", { startDate: "2026-12-31" })).ok,
    ).toBe(false);
    const later = member("upps", { startDate: "2027-06-01" });
    expect(
      checkSeat(
        rules,
        uppsala,
        [later],
        member("upps", { startDate: "2026-01-01", endDate: "2027-05-31" }),
      ).ok,
    ).toBe(true);
    expect(checkSeat(rules, uppsala, [later], member("upps", { startDate: "2026-01-01" })).ok).toBe(
      false,
    );
  });

  it("finds the peak of overlapping memberships", () => {
    const memberships = [
      member("sthlm", { startDate: "2026-01-01", endDate: "2026-03-31" }),
      member("sthlm", { startDate: "2026-04-01" }),
      member("sthlm", { startDate: "2026-05-01", role: "observer" }),
      member("sthlm", { startDate: "2026-06-01" }),
    ];
    expect(peakSeatsTaken(memberships, "sthlm", "2026-01-01", "2026-05-31")).toBe(1);
    expect(peakSeatsTaken(memberships, "sthlm", "2026-01-01", null)).toBe(2);
  });
});

describe("grouping members", () => {
  it("groups by organization name, chair first, then by name", () => {
    const groups = groupMembersByOrganization([
      { organizationId: "b", organizationName: "Region Östergötland", role: "member", name: "Åsa" },
      { organizationId: "a", organizationName: "Region Dalarna", role: "member", name: "Björn" },
      { organizationId: "a", organizationName: "Region Dalarna", role: "secretary", name: "Anna" },
      { organizationId: "a", organizationName: "Region Dalarna", role: "chair", name: "Cecilia" },
      { organizationId: "a", organizationName: "Region Dalarna", role: "member", name: "Adam" },
    ]);
    expect(groups.map((group) => group.organizationName)).toEqual([
      "Region Dalarna",
      "Region Östergötland",
    ]);
    expect(groups[0]!.members.map((m) => m.name)).toEqual(["Cecilia", "Anna", "Adam", "Björn"]);
  });
});
