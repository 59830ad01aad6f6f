import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { DbOrTx } from "../../db/client.ts";
import { describeDatabases } from "../../db/testing.ts";
import type { Actor } from "../../platform/actor.ts";
import { auditEntries } from "../../platform/audit/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { addDays } from "../../platform/time.ts";
import { todayIn } from "../../i18n/format.ts";
import { failure, outcome } from "../../../tests/support/outcomes.ts";
import { actorFor, insertPerson } from "../directory/factories.ts";
import { insertSeries } from "../meetings/factories.ts";
import { meetingActions, meetings } from "../meetings/schema.ts";
import {
  insertMember,
  insertNetwork,
  insertNetworkWithRoles,
  insertSeatRule,
  insertTestOrganization,
} from "./factories.ts";
import { networkMembers, type NetworkVisibility } from "./schema.ts";
import {
  addMember,
  addSeatRule,
  createNetwork,
  deleteNetwork,
  endMember,
  getNetwork,
  getNetworkOverview,
  listMembers,
  listNetworks,
  removeSeatRule,
  SeatLimitError,
  updateMember,
  updateNetwork,
  updateSeatRule,
} from "./service.ts";

const admin = actorFor({ isPlatformAdmin: true, label: "admin@example.se" });

describeDatabases("networks service", (ctx) => {
  it("creates, updates with a version check, and deletes a network, with audit entries", async () => {
    const owner = await insertTestOrganization(ctx.db, { kind: "region", name: "Region Testa" });
    const editor = actorFor({ roles: { [owner.id]: "editor" }, label: "editor@example.se" });
    const created = await createNetwork(ctx.db, editor, {
      name: "Samordningsgruppen",
      description: "Utvecklingsdirektörer",
      ownerOrganizationId: owner.id,
      visibility: "members",
    });
    expect(created).toMatchObject({
      name: "Samordningsgruppen",
      ownerOrganizationName: "Region Testa",
      version: 1,
    });
    const updated = await updateNetwork(ctx.db, editor, created.id, {
      name: "Samordningsgruppen för digitalisering",
      version: 1,
    });
    expect(updated.version).toBe(2);
    const stale = await failure(
      updateNetwork(ctx.db, editor, created.id, { name: "Annat", version: 1 }),
    );
    expect(stale.code).toBe("conflict");
    const trail = await ctx.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.entityId, created.id));
    expect(trail.map((entry) => entry.action).sort()).toEqual(["create", "update"]);
    await deleteNetwork(ctx.db, editor, created.id, { version: 2 });
    expect((await failure(getNetwork(ctx.db, admin, created.id))).code).toBe("not_found");
    const deleted = await ctx.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.entityId, created.id), eq(auditEntries.action, "delete")));
    expect(deleted).toHaveLength(1);
  });

  it("refuses an owner organization that does not exist, and bad input", async () => {
    const missing = await failure(
      createNetwork(ctx.db, admin, {
        name: "X",
        ownerOrganizationId: "00000000-0000-4000-8000-000000000000",
      }),
    );
    expect(missing.fieldErrors.ownerOrganizationId).toEqual([
      "networks.error.organizationNotFound",
    ]);
    const bad = await failure(
      createNetwork(ctx.db, admin, {
        name: "",
        ownerOrganizationId: "nope",
        visibility: "secret" as NetworkVisibility,
      }),
    );
    expect(bad.code).toBe("validation");
    expect(Object.keys(bad.fieldErrors).sort()).toEqual([
      "name",
      "ownerOrganizationId",
      "visibility",
    ]);
  });

  it("lists public networks to everyone and members-only ones to insiders, with a text filter", async () => {
    const open = await insertNetwork(ctx.db, { name: "Listnät öppet", visibility: "public" });
    const closed = await insertNetwork(ctx.db, { name: "Listnät slutet", visibility: "members" });
    const { person } = await insertMember(ctx.db, closed.id);
    const ended = await insertMember(ctx.db, closed.id, {
      startDate: "2020-01-01",
      endDate: "2021-01-01",
    });
    const names = async (actor: Actor | null) =>
      (await listNetworks(ctx.db, actor, { q: "Listnät" })).items.map((item) => item.name);
    expect(await names(null)).toEqual(["Listnät öppet"]);
    expect(await names(actorFor({ personId: ended.person.id }))).toEqual(["Listnät öppet"]);
    expect(await names(actorFor({ personId: person.id }))).toEqual([
      "Listnät slutet",
      "Listnät öppet",
    ]);
    expect(await names(actorFor({ roles: { [closed.ownerOrganizationId]: "editor" } }))).toEqual([
      "Listnät slutet",
      "Listnät öppet",
    ]);
    expect(await names(admin)).toEqual(["Listnät slutet", "Listnät öppet"]);
    const paged = await listNetworks(ctx.db, admin, { q: "Listnät", pageSize: 1, page: 2 });
    expect(paged).toMatchObject({ total: 2, page: 2, pageCount: 2 });
    expect(paged.items.map((item) => item.name)).toEqual(["Listnät öppet"]);
    expect(paged.items[0]!.memberCount).toBe(0);
    expect(open.id).toBeTruthy();
  });

  it("keeps the old role in the history when a member takes a new one", async () => {
    const network = await insertNetwork(ctx.db);
    const vice = await insertMember(ctx.db, network.id, {
      role: "vice_chair",
      startDate: "2024-01-01",
    });
    const today = todayIn("Europe/Stockholm");
    const chair = await updateMember(ctx.db, admin, network.id, vice.member.id, { role: "chair" });
    expect(chair).toMatchObject({ role: "chair", startDate: today, endDate: null });
    expect(chair.id).not.toBe(vice.member.id);
    const all = await listMembers(ctx.db, admin, network.id, { includeEnded: true });
    expect(all.map(({ role, startDate, endDate }) => ({ role, startDate, endDate }))).toEqual(
      expect.arrayContaining([
        { role: "vice_chair", startDate: "2024-01-01", endDate: addDays(today, -1) },
        { role: "chair", startDate: today, endDate: null },
      ]),
    );
    expect(all).toHaveLength(2);
    // A role set on a membership that begins today is a correction: no new period.
    const corrected = await updateMember(ctx.db, admin, network.id, chair.id, { role: "member" });
    expect(corrected.id).toBe(chair.id);
    expect(await listMembers(ctx.db, admin, network.id, { includeEnded: true })).toHaveLength(2);
  });

  it("shows members by organization, history, seats, meetings and open actions", async () => {
    const network = await insertNetwork(ctx.db, { visibility: "public" });
    const regionA = await insertTestOrganization(ctx.db, { kind: "region", name: "Region Alfa" });
    const regionB = await insertTestOrganization(ctx.db, { kind: "region", name: "Region Beta" });
    await insertSeatRule(ctx.db, network.id, { organizationId: regionA.id, seats: 2 });
    await insertSeatRule(ctx.db, network.id, { organizationId: regionB.id, seats: 1 });
    const chair = await insertMember(ctx.db, network.id, {
      organizationId: regionA.id,
      role: "chair",
      personName: "Cecilia Chair",
    });
    await insertMember(ctx.db, network.id, {
      organizationId: regionA.id,
      role: "secretary",
      personName: "Sara Sekreterare",
    });
    await insertMember(ctx.db, network.id, {
      organizationId: regionB.id,
      personName: "Erik Ended",
      startDate: "2020-01-01",
      endDate: "2021-12-31",
    });
    const weekly = await insertSeries(ctx.db, network.id, { name: "Veckomöte" });
    const monthly = await insertSeries(ctx.db, network.id, { name: "Månadsmöte" });
    const past = new Date(Date.now() - 7 * 86_400_000);
    const future = new Date(Date.now() + 7 * 86_400_000);
    const [pastMeeting] = await ctx.db
      .insert(meetings)
      .values({
        networkId: network.id,
        title: "Förra mötet",
        startsAt: past,
        endsAt: new Date(past.getTime() + 3_600_000),
        timeZone: "Europe/Stockholm",
      })
      .returning();
    await ctx.db.insert(meetings).values({
      networkId: network.id,
      title: "Nästa möte",
      startsAt: future,
      endsAt: new Date(future.getTime() + 3_600_000),
      timeZone: "Europe/Stockholm",
    });
    await ctx.db.insert(meetingActions).values([
      {
        networkId: network.id,
        meetingId: pastMeeting!.id,
        title: "Skicka underlag",
        ownerPersonId: chair.person.id,
        dueDate: "2030-01-01",
      },
      { networkId: network.id, meetingId: pastMeeting!.id, title: "Klar sak", status: "done" },
    ]);

    const overview = await getNetworkOverview(
      ctx.db,
      actorFor({ personId: chair.person.id }),
      network.id,
    );
    expect(overview.can).toEqual({ edit: true, delete: false, readMembersContent: true });
    expect(overview.myRole).toBe("chair");
    const alfa = overview.groups.find((group) => group.organizationName === "Region Alfa");
    expect(alfa?.members.map((m) => [m.name, m.role])).toEqual([
      ["Cecilia Chair", "chair"],
      ["Sara Sekreterare", "secretary"],
    ]);
    expect(overview.groups.some((group) => group.organizationName === "Region Beta")).toBe(false);
    expect(overview.history.map((m) => m.name)).toEqual(["Erik Ended"]);
    expect(
      overview.seats.map((row) => [row.organization.name, row.seats, row.filled, row.empty]),
    ).toEqual([
      ["Region Alfa", 2, 1, 1],
      ["Region Beta", 1, 0, 1],
    ]);
    expect(overview.upcomingMeetings.map((m) => m.title)).toEqual(["Nästa möte"]);
    expect(overview.pastMeetings.map((m) => m.title)).toEqual(["Förra mötet"]);
    expect(overview.series).toEqual([
      { id: monthly.id, name: "Månadsmöte" },
      { id: weekly.id, name: "Veckomöte" },
    ]);
    expect(overview.openActions).toMatchObject([
      { title: "Skicka underlag", ownerName: "Cecilia Chair", meetingTitle: "Förra mötet" },
    ]);

    // The public reads the public network, but not the members-only open actions.
    const publicView = await getNetworkOverview(ctx.db, null, network.id);
    expect(publicView.can).toEqual({ edit: false, delete: false, readMembersContent: false });
    expect(publicView.openActions).toEqual([]);
    expect(publicView.series.map((s) => s.name)).toEqual(["Månadsmöte", "Veckomöte"]);
    expect(publicView.groups.length).toBe(1);
  });

  it("refuses a seat-holding member over the limit, naming the organization and its seats", async () => {
    const network = await insertNetwork(ctx.db);
    const region = await insertTestOrganization(ctx.db, { kind: "region", name: "Region Gamma" });
    await insertSeatRule(ctx.db, network.id, {
      organizationKind: "region",
      country: "SE",
      seats: 1,
    });
    const first = await insertPerson(ctx.db, { name: "Första" });
    const second = await insertPerson(ctx.db, { name: "Andra" });
    const member = await addMember(ctx.db, admin, network.id, {
      personId: first.id,
      organizationId: region.id,
      role: "member",
    });
    expect(member).toMatchObject({
      name: "Första",
      organizationName: "Region Gamma",
      current: true,
    });
    const refused = await failure(
      addMember(ctx.db, admin, network.id, { personId: second.id, organizationId: region.id }),
    );
    expect(refused).toBeInstanceOf(SeatLimitError);
    expect(refused.code).toBe("conflict");
    expect((refused as SeatLimitError).params).toEqual({ organization: "Region Gamma", seats: 1 });
    // A secretary takes no seat.
    const secretary = await addMember(ctx.db, admin, network.id, {
      personId: second.id,
      organizationId: region.id,
      role: "secretary",
    });
    // …and cannot become a member while the seat is taken.
    expect(
      await failure(updateMember(ctx.db, admin, network.id, secretary.id, { role: "member" })),
    ).toBeInstanceOf(SeatLimitError);
    // The same person twice for the same organization is refused.
    const twice = await failure(
      addMember(ctx.db, admin, network.id, {
        personId: first.id,
        organizationId: region.id,
        role: "observer",
      }),
    );
    expect(twice.fieldErrors.personId).toEqual(["networks.error.alreadyMember"]);
    // Ending the first membership frees the seat from the day after; history is kept.
    const ended = await endMember(ctx.db, admin, network.id, member.id, {
      endDate: member.startDate,
    });
    expect(ended.endDate).toBe(member.startDate);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const later = await updateMember(ctx.db, admin, network.id, secretary.id, {
      role: "member",
      startDate: tomorrow,
    });
    expect(later.role).toBe("member");
    const all = await listMembers(ctx.db, admin, network.id, { includeEnded: true });
    expect(all).toHaveLength(2);
    // A named rule wins over the kind rule.
    await addSeatRule(ctx.db, admin, network.id, { organizationId: region.id, seats: 3 });
    const third = await insertPerson(ctx.db, { name: "Tredje" });
    await addMember(ctx.db, admin, network.id, {
      personId: third.id,
      organizationId: region.id,
      startDate: tomorrow,
    });
  });

  it("manages seat rules: add, refuse duplicates and bad targets, update, remove", async () => {
    const network = await insertNetwork(ctx.db);
    const rule = await addSeatRule(ctx.db, admin, network.id, {
      organizationKind: "region",
      country: "SE",
      seats: 1,
    });
    expect(rule).toMatchObject({ organizationKind: "region", country: "SE", seats: 1 });
    const duplicate = await failure(
      addSeatRule(ctx.db, admin, network.id, {
        organizationKind: "region",
        country: "SE",
        seats: 2,
      }),
    );
    expect(duplicate.fieldErrors.organizationId).toEqual(["networks.error.seatRuleDuplicate"]);
    const both = await failure(
      addSeatRule(ctx.db, admin, network.id, {
        organizationKind: "region",
        organizationId: network.ownerOrganizationId,
        seats: 2,
      }),
    );
    expect(both.fieldErrors.organizationId).toEqual(["networks.error.seatRuleTarget"]);
    expect((await updateSeatRule(ctx.db, admin, network.id, rule.id, { seats: 2 })).seats).toBe(2);
    await removeSeatRule(ctx.db, admin, network.id, rule.id);
    expect((await failure(removeSeatRule(ctx.db, admin, network.id, rule.id))).code).toBe(
      "not_found",
    );
    const audit = await ctx.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.entityId, rule.id));
    expect(audit.map((entry) => entry.action).sort()).toEqual(["create", "delete", "update"]);
  });

  it("lets exactly one of concurrent adds take the last seat", async () => {
    const network = await insertNetwork(ctx.db);
    const region = await insertTestOrganization(ctx.db, { kind: "region" });
    await insertSeatRule(ctx.db, network.id, { organizationId: region.id, seats: 2 });
    await insertMember(ctx.db, network.id, { organizationId: region.id });
    const candidates = await Promise.all(
      Array.from({ length: 6 }, (_, i) => insertPerson(ctx.db, { name: `Kandidat ${i}` })),
    );
    const results = await Promise.allSettled(
      candidates.map((person) =>
        addMember(ctx.db, admin, network.id, { personId: person.id, organizationId: region.id }),
      ),
    );
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result) => result.status === "rejected");
    expect(won).toHaveLength(1);
    for (const result of lost) expect(result.reason).toBeInstanceOf(SeatLimitError);
    const seated = await ctx.db
      .select()
      .from(networkMembers)
      .where(eq(networkMembers.organizationId, region.id));
    expect(seated).toHaveLength(2);
  });
});

// ---------------------------------------------------------------------------------------------
// Permission matrix: every network action against every role.

type Role =
  | "public"
  | "outsider"
  | "observer"
  | "member"
  | "secretary"
  | "chair"
  | "ownerEditor"
  | "platformAdmin";
const roles: Role[] = [
  "public",
  "outsider",
  "observer",
  "member",
  "secretary",
  "chair",
  "ownerEditor",
  "platformAdmin",
];

type Setup = Awaited<ReturnType<typeof insertNetworkWithRoles>>;
type Action = (db: DbOrTx, actor: Actor | null, setup: Setup) => Promise<unknown>;

function actorOf(role: Role, setup: Setup): Actor | null {
  switch (role) {
    case "public":
      return null;
    case "outsider":
      return setup.outsider;
    case "ownerEditor":
      return setup.ownerEditor;
    case "platformAdmin":
      return setup.platformAdmin;
    default:
      return setup.members[role].actor;
  }
}

const actions: Record<string, Action> = {
  read: (db, actor, s) => getNetworkOverview(db, actor, s.network.id),
  readOpenActions: async (db, actor, s) => {
    const overview = await getNetworkOverview(db, actor, s.network.id);
    if (!overview.can.readMembersContent) throw new AppError("forbidden", "error.forbidden");
  },
  listMembers: (db, actor, s) => listMembers(db, actor, s.network.id),
  update: async (db, actor, s) => {
    const { network } = await getNetwork(db, admin, s.network.id);
    return updateNetwork(db, actor, s.network.id, { description: "x", version: network.version });
  },
  addMember: async (db, actor, s) => {
    const person = await insertPerson(db, { name: "Ny medlem" });
    return addMember(db, actor, s.network.id, {
      personId: person.id,
      organizationId: s.members.member.organization.id,
      role: "observer",
    });
  },
  updateMember: (db, actor, s) =>
    updateMember(db, actor, s.network.id, s.members.adjunct.member.id, { role: "adjunct" }),
  endMember: (db, actor, s) =>
    endMember(db, actor, s.network.id, s.members.adjunct.member.id, {
      endDate: "2099-12-31",
    }),
  addSeatRule: (db, actor, s) =>
    addSeatRule(db, actor, s.network.id, {
      organizationId: s.members.member.organization.id,
      seats: 5,
    }).then((rule) => removeSeatRule(db, admin, s.network.id, rule.id)),
  updateSeatRule: async (db, actor, s) => {
    const rule = await insertSeatRule(db, s.network.id, {
      organizationId: s.members.member.organization.id,
      seats: 5,
    });
    try {
      return await updateSeatRule(db, actor, s.network.id, rule.id, { seats: 6 });
    } finally {
      await removeSeatRule(db, admin, s.network.id, rule.id);
    }
  },
  removeSeatRule: async (db, actor, s) => {
    const rule = await insertSeatRule(db, s.network.id, {
      organizationId: s.members.member.organization.id,
      seats: 5,
    });
    try {
      return await removeSeatRule(db, actor, s.network.id, rule.id);
    } catch (error) {
      await removeSeatRule(db, admin, s.network.id, rule.id);
      throw error;
    }
  },
  createForOwner: (db, actor, s) =>
    createNetwork(db, actor, {
      name: "Nytt nätverk",
      ownerOrganizationId: s.network.ownerOrganizationId,
    }),
  // Last: it removes the network.
  delete: (db, actor, s) => deleteNetwork(db, actor, s.network.id),
};

const ok = "ok";
const editors = { secretary: ok, chair: ok, ownerEditor: ok, platformAdmin: ok } as const;

/** Members-only network: outsiders are told it does not exist; members may not run it. */
const membersOnlyExpected: Record<string, Record<Role, string>> = {
  read: { public: "not_found", outsider: "not_found", observer: ok, member: ok, ...editors },
  readOpenActions: {
    public: "not_found",
    outsider: "not_found",
    observer: ok,
    member: ok,
    ...editors,
  },
  listMembers: { public: "not_found", outsider: "not_found", observer: ok, member: ok, ...editors },
  ...Object.fromEntries(
    [
      "update",
      "addMember",
      "updateMember",
      "endMember",
      "addSeatRule",
      "updateSeatRule",
      "removeSeatRule",
    ].map((name) => [
      name,
      {
        public: "not_found",
        outsider: "not_found",
        observer: "forbidden",
        member: "forbidden",
        ...editors,
      },
    ]),
  ),
  createForOwner: {
    public: "unauthenticated",
    outsider: "forbidden",
    observer: "forbidden",
    member: "forbidden",
    secretary: "forbidden",
    chair: "forbidden",
    ownerEditor: ok,
    platformAdmin: ok,
  },
  delete: {
    public: "not_found",
    outsider: "not_found",
    observer: "forbidden",
    member: "forbidden",
    secretary: "forbidden",
    chair: "forbidden",
    ownerEditor: ok,
    platformAdmin: ok,
  },
};

/** Public network: everyone reads it; the public is asked to log in before changing anything. */
const publicExpected: Record<string, Record<Role, string>> = Object.fromEntries(
  Object.entries(membersOnlyExpected).map(([name, row]) => {
    const adjusted = { ...row };
    if (name === "read" || name === "listMembers") {
      adjusted.public = ok;
      adjusted.outsider = ok;
    } else if (name === "readOpenActions") {
      adjusted.public = "forbidden";
      adjusted.outsider = "forbidden";
    } else if (name !== "createForOwner") {
      adjusted.public = "unauthenticated";
      adjusted.outsider = "forbidden";
    }
    return [name, adjusted];
  }),
);

describeDatabases("networks permission matrix", (ctx) => {
  for (const visibility of ["members", "public"] as const) {
    describe(`${visibility} network`, () => {
      const expected = visibility === "members" ? membersOnlyExpected : publicExpected;
      for (const role of roles) {
        it(`${role}`, async () => {
          const setup = await insertNetworkWithRoles(ctx.db, { visibility });
          const got: Record<string, string> = {};
          for (const [name, action] of Object.entries(actions)) {
            got[name] = await outcome(action(ctx.db, actorOf(role, setup), setup));
          }
          const want = Object.fromEntries(
            Object.keys(actions).map((name) => [name, expected[name]![role]]),
          );
          expect(got).toEqual(want);
        });
      }
    });
  }
});
