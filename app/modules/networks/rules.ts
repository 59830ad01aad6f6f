// Pure rules of networks: seats and grouping of members. No I/O; the service loads the rows.
import type { Country, OrganizationKind } from "../directory/schema.ts";
import { memberRoleRank } from "./policy.ts";
import type { MemberRole } from "./schema.ts";

/** Roles that take one of the organization's seats; secretary, adjunct and observer take none. */
export const seatHoldingRoles: readonly MemberRole[] = ["chair", "vice_chair", "member"];

export function holdsSeat(role: MemberRole): boolean {
  return seatHoldingRoles.includes(role);
}

export type SeatRule = {
  id?: string;
  organizationId: string | null;
  organizationKind: OrganizationKind | null;
  /** With organizationKind: only organizations of this country; null = any country. */
  country: Country | null;
  seats: number;
};

export type SeatOrganization = {
  id: string;
  name?: string;
  kind: OrganizationKind;
  country: Country;
};

/**
 * The rule that gives an organization its seats: a rule naming it wins; else a rule for its kind
 * and country, else one for its kind in any country. Several rules at the same level: the
 * smallest number of seats (the strictest) applies. No rule → null (no limit).
 */
export function seatRuleFor(
  rules: readonly SeatRule[],
  organization: SeatOrganization,
): SeatRule | null {
  const strictest = (candidates: SeatRule[]) =>
    candidates.reduce<SeatRule | null>(
      (best, rule) => (best === null || rule.seats < best.seats ? rule : best),
      null,
    );
  const named = rules.filter((rule) => rule.organizationId === organization.id);
  if (named.length) return strictest(named);
  const byKind = rules.filter(
    (rule) => rule.organizationId === null && rule.organizationKind === organization.kind,
  );
  const inCountry = byKind.filter((rule) => rule.country === organization.country);
  if (inCountry.length) return strictest(inCountry);
  return strictest(byKind.filter((rule) => rule.country === null));
}

/** The seats of an organization, or null when no rule limits it. */
export function seatLimit(
  rules: readonly SeatRule[],
  organization: SeatOrganization,
): number | null {
  return seatRuleFor(rules, organization)?.seats ?? null;
}

export type Membership = {
  id?: string;
  organizationId: string;
  role: MemberRole;
  startDate: string;
  endDate: string | null;
};

/** A membership is current on `day` (YYYY-MM-DD) if it has started and not ended before it. */
export function isCurrentMembership(
  membership: { startDate: string; endDate: string | null },
  day: string,
): boolean {
  return membership.startDate <= day && (membership.endDate === null || membership.endDate >= day);
}

export type SeatOverviewRow<O extends SeatOrganization = SeatOrganization> = {
  organization: O;
  seats: number;
  /** Seat-holding members current on the day. */
  filled: number;
  /** max(0, seats − filled). */
  empty: number;
  /** Members beyond the seats (after a rule was tightened): filled − seats when positive. */
  over: number;
  rule: SeatRule;
};

/**
 * For every organization some rule covers: its seats, how many are filled on `day` by
 * seat-holding members, how many are empty. Organizations without a limit are left out. Sorted
 * by name (then id).
 */
export function seatOverview<O extends SeatOrganization>(
  rules: readonly SeatRule[],
  organizations: readonly O[],
  members: readonly Membership[],
  day: string,
): SeatOverviewRow<O>[] {
  const seen = new Set<string>();
  const rows: SeatOverviewRow<O>[] = [];
  for (const organization of organizations) {
    if (seen.has(organization.id)) continue;
    seen.add(organization.id);
    const rule = seatRuleFor(rules, organization);
    if (!rule) continue;
    const filled = members.filter(
      (member) =>
        member.organizationId === organization.id &&
        holdsSeat(member.role) &&
        isCurrentMembership(member, day),
    ).length;
    rows.push({
      organization,
      seats: rule.seats,
      filled,
      empty: Math.max(0, rule.seats - filled),
      over: Math.max(0, filled - rule.seats),
      rule,
    });
  }
  return rows.sort(
    (a, b) =>
      (a.organization.name ?? "").localeCompare(b.organization.name ?? "", "sv") ||
      a.organization.id.localeCompare(b.organization.id),
  );
}

/**
 * The most seat-holding memberships of one organization that are current on the same day within
 * [start, end] (end null = open-ended). Enough to check the days where a membership starts: the
 * count only rises there.
 */
export function peakSeatsTaken(
  memberships: readonly Membership[],
  organizationId: string,
  start: string,
  end: string | null,
): number {
  const relevant = memberships.filter(
    (member) =>
      member.organizationId === organizationId &&
      holdsSeat(member.role) &&
      (end === null || member.startDate <= end) &&
      (member.endDate === null || member.endDate >= start),
  );
  const days = new Set<string>([start]);
  for (const member of relevant) if (member.startDate > start) days.add(member.startDate);
  let peak = 0;
  for (const day of days) {
    const taken = relevant.filter((member) => isCurrentMembership(member, day)).length;
    if (taken > peak) peak = taken;
  }
  return peak;
}

export type SeatCheck =
  { ok: true; seats: number | null } | { ok: false; seats: number; taken: number };

/**
 * Whether a membership (new, or changed: give its id to leave its old version out) fits the
 * organization's seats: roles without a seat always fit; no rule → no limit; else the
 * seat-holding memberships overlapping its dates, plus this one, must not exceed the seats.
 */
export function checkSeat(
  rules: readonly SeatRule[],
  organization: SeatOrganization,
  existing: readonly Membership[],
  candidate: Membership,
): SeatCheck {
  const seats = seatLimit(rules, organization);
  if (!holdsSeat(candidate.role) || seats === null) return { ok: true, seats };
  const others = existing.filter(
    (member) => candidate.id === undefined || member.id !== candidate.id,
  );
  const taken = peakSeatsTaken(others, organization.id, candidate.startDate, candidate.endDate);
  if (taken + 1 > seats) return { ok: false, seats, taken };
  return { ok: true, seats };
}

export type MemberGroup<M> = {
  organizationId: string;
  organizationName: string;
  members: M[];
};

/**
 * Members grouped by organization: groups by organization name, members by role (chair first)
 * and then name.
 */
export function groupMembersByOrganization<
  M extends { organizationId: string; organizationName: string; role: MemberRole; name: string },
>(members: readonly M[]): MemberGroup<M>[] {
  const groups = new Map<string, MemberGroup<M>>();
  for (const member of members) {
    let group = groups.get(member.organizationId);
    if (!group) {
      group = {
        organizationId: member.organizationId,
        organizationName: member.organizationName,
        members: [],
      };
      groups.set(member.organizationId, group);
    }
    group.members.push(member);
  }
  const result = [...groups.values()];
  for (const group of result) {
    group.members.sort(
      (a, b) =>
        memberRoleRank[a.role] - memberRoleRank[b.role] || a.name.localeCompare(b.name, "sv"),
    );
  }
  return result.sort(
    (a, b) =>
      a.organizationName.localeCompare(b.organizationName, "sv") ||
      a.organizationId.localeCompare(b.organizationId),
  );
}
