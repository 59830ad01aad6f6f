import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import type { Actor } from "../../platform/actor.ts";
import { auditEntries } from "../../platform/audit/schema.ts";
import { failure, outcome } from "../../../tests/support/outcomes.ts";
import { jobs } from "../../platform/jobs/schema.ts";
import { MAIL_SEND_JOB } from "../../platform/mail/outbox.ts";
import { resetConfig } from "../../platform/config.ts";
import { insertPerson } from "../directory/factories.ts";
import { insertMember, insertNetworkWithRoles } from "../networks/factories.ts";
import type { NetworkVisibility } from "../networks/schema.ts";
import { insertAgendaItem, insertMeeting, insertParticipant, insertSeries } from "./factories.ts";
import { seriesFeed } from "./calendar.ts";
import { listVersions, setVisibility } from "./minutes.ts";
import { meetingActions, meetingParticipants, meetings } from "./schema.ts";
import {
  addParticipant,
  cancelMeeting,
  createAgendaItem,
  createSeries,
  deleteAgendaItem,
  getMeeting,
  getSeries,
  inviteMembers,
  listAgenda,
  moveAgendaItem,
  planMeeting,
  removeParticipant,
  renewSeriesFeed,
  updateAgendaItem,
  updateAttendance,
  updateMeeting,
  updateSeries,
} from "./service.ts";

// Invitation mails link to BASE_URL.
process.env.BASE_URL = "http://localhost:3000";
resetConfig();

describeDatabases("meetings service", (ctx) => {
  async function setup(visibility: NetworkVisibility = "members") {
    const roles = await insertNetworkWithRoles(ctx.db, { visibility });
    return roles;
  }

  it("creates a series and plans an occurrence with the series' defaults and all members invited", async () => {
    const net = await setup();
    const secretary = net.members.secretary.actor;
    const series = await createSeries(ctx.db, secretary, net.network.id, {
      name: "Samordningsmöte",
      rrule: "RRULE:FREQ=MONTHLY;BYDAY=2TU",
      firstDate: "2026-01-13",
      startTime: "09:00",
      endTime: "11:30",
      place: "Sal 3",
    });
    expect(series).toMatchObject({ rrule: "FREQ=MONTHLY;BYDAY=2TU", timeZone: "Europe/Stockholm" });
    const bad = await failure(
      createSeries(ctx.db, secretary, net.network.id, {
        name: "Fel",
        rrule: "FREQ=HOURLY",
        firstDate: "2026-01-13",
        startTime: "10:00",
        endTime: "09:00",
      }),
    );
    expect(bad.fieldErrors).toEqual({
      rrule: ["meetings.error.rruleFrequency"],
      endTime: ["meetings.error.endBeforeStart"],
    });

    const offRule = await failure(
      createSeries(ctx.db, secretary, net.network.id, {
        name: "Fel dag",
        rrule: "FREQ=MONTHLY;BYDAY=2TU",
        firstDate: "2026-01-14",
        startTime: "09:00",
        endTime: "10:00",
      }),
    );
    expect(offRule.fieldErrors).toEqual({ firstDate: ["meetings.error.firstDateNotInRule"] });

    const meeting = await planMeeting(ctx.db, secretary, {
      seriesId: series.id,
      occurrenceStart: "2026-04-14T07:00:00Z",
    });
    expect(meeting).toMatchObject({
      title: "Samordningsmöte",
      date: "2026-04-14",
      startTime: "09:00",
      endTime: "11:30",
      place: "Sal 3",
      chairPersonId: net.members.chair.person.id,
      secretaryPersonId: net.members.secretary.person.id,
    });
    expect(meeting.occurrenceStart?.toISOString()).toBe("2026-04-14T07:00:00.000Z");
    const invited = await ctx.db
      .select()
      .from(meetingParticipants)
      .where(eq(meetingParticipants.meetingId, meeting.id));
    expect(invited).toHaveLength(6);
    expect(invited.every((p) => p.kind === "member" && p.attendance === "invited")).toBe(true);

    const twice = await failure(
      planMeeting(ctx.db, secretary, {
        seriesId: series.id,
        occurrenceStart: "2026-04-14T07:00:00Z",
      }),
    );
    expect([twice.code, twice.message]).toEqual(["conflict", "meetings.error.alreadyPlanned"]);
    const notOne = await failure(
      planMeeting(ctx.db, secretary, {
        seriesId: series.id,
        occurrenceStart: "2026-04-15T07:00:00Z",
      }),
    );
    expect(notOne.fieldErrors).toEqual({ occurrenceStart: ["meetings.error.notAnOccurrence"] });

    const updated = await updateSeries(ctx.db, secretary, series.id, {
      name: "Nytt namn",
      version: 1,
    });
    expect(updated.version).toBe(2);
    expect((await failure(updateSeries(ctx.db, secretary, series.id, { version: 1 }))).code).toBe(
      "conflict",
    );
  });

  it("moves and cancels single occurrences without breaking the series; next meetings merge them", async () => {
    const net = await setup();
    const chair = net.members.chair.actor;
    const series = await insertSeries(ctx.db, net.network.id, { name: "Månadsmöte" });
    const feb = await planMeeting(ctx.db, chair, {
      seriesId: series.id,
      occurrenceStart: "2026-02-10T08:00:00Z",
    });
    const mar = await planMeeting(ctx.db, chair, {
      seriesId: series.id,
      occurrenceStart: "2026-03-10T08:00:00Z",
    });
    const moved = await updateMeeting(ctx.db, chair, feb.id, {
      date: "2026-02-17",
      startTime: "13:00",
      endTime: "15:00",
      version: feb.version,
    });
    expect(moved).toMatchObject({ date: "2026-02-17", startTime: "13:00", icalSequence: 1 });
    expect(moved.occurrenceStart?.toISOString()).toBe("2026-02-10T08:00:00.000Z");
    const stale = await failure(updateMeeting(ctx.db, chair, feb.id, { place: "B", version: 1 }));
    expect([stale.code, stale.message]).toEqual(["conflict", "meetings.error.conflict"]);
    const noTell = await updateMeeting(ctx.db, chair, feb.id, {
      chairPersonId: null,
      version: moved.version,
    });
    expect(noTell.icalSequence).toBe(1);

    const cancelled = await cancelMeeting(ctx.db, chair, mar.id, { version: mar.version });
    expect(cancelled).toMatchObject({ status: "cancelled", icalSequence: 1 });

    const page = await getSeries(ctx.db, chair, series.id, {
      now: new Date("2026-02-01T00:00:00Z"),
      limit: 4,
    });
    expect(
      page.next.map((entry) =>
        entry.kind === "meeting"
          ? `${entry.startsAt.toISOString()}${entry.moved ? " moved" : ""}${entry.cancelled ? " cancelled" : ""}`
          : `${entry.startsAt.toISOString()} unplanned`,
      ),
    ).toEqual([
      "2026-02-17T12:00:00.000Z moved",
      "2026-03-10T08:00:00.000Z cancelled",
      "2026-04-14T07:00:00.000Z unplanned",
      "2026-05-12T07:00:00.000Z unplanned",
    ]);
    expect(page.feedPath).toBe(`/calendar/series/${series.feedToken}.ics`);

    // A renewed feed link replaces the old one, which stops working; members may not renew it.
    expect(await outcome(renewSeriesFeed(ctx.db, net.members.member.actor, series.id))).toBe(
      "forbidden",
    );
    await renewSeriesFeed(ctx.db, chair, series.id);
    const renewed = await getSeries(ctx.db, chair, series.id);
    expect(renewed.feedPath).not.toBe(page.feedPath);
    expect(await seriesFeed(ctx.db, series.feedToken)).toBeNull();
    const token = /\/calendar\/series\/(.+)\.ics$/.exec(renewed.feedPath ?? "")?.[1] ?? "";
    expect(await seriesFeed(ctx.db, token)).toContain("BEGIN:VCALENDAR");
  });

  it("keeps the agenda numbered through add, reorder and delete; guests become participants", async () => {
    const net = await setup();
    const secretary = net.members.secretary.actor;
    const meeting = await insertMeeting(ctx.db, net.network.id);
    const guest = await insertPerson(ctx.db, { name: "Gästa Gästsson" });
    const a = await createAgendaItem(ctx.db, secretary, meeting.id, { title: "Inledning" });
    const b = await createAgendaItem(ctx.db, secretary, meeting.id, {
      title: "Vårdens digitala stöd",
      purpose: "Beslut",
      plannedMinutes: 30,
      responsiblePersonIds: [net.members.chair.person.id],
      guestPersonIds: [guest.id],
      documentLinks: [{ title: "Underlag", url: "https://example.org/underlag.pdf" }],
    });
    const c = await createAgendaItem(ctx.db, secretary, meeting.id, { title: "Övrigt" });
    expect([a.number, b.number, c.number]).toEqual([1, 2, 3]);
    expect(b.guests.map((g) => g.name)).toEqual(["Gästa Gästsson"]);
    const bad = await failure(
      createAgendaItem(ctx.db, secretary, meeting.id, {
        title: "X",
        documentLinks: [{ title: "Skript", url: "javascript:alert(1)" }],
      }),
    );
    expect(bad.fieldErrors).toEqual({ "documentLinks.0.url": ["meetings.error.documentUrl"] });

    let page = await getMeeting(ctx.db, secretary, meeting.id);
    expect(page.guests.map((g) => [g.name, g.items.map((i) => i.title)])).toEqual([
      ["Gästa Gästsson", ["Vårdens digitala stöd"]],
    ]);

    let agenda = await moveAgendaItem(ctx.db, secretary, meeting.id, c.id, { direction: "up" });
    expect(agenda.map((i) => `${i.number} ${i.title}`)).toEqual([
      "1 Inledning",
      "2 Övrigt",
      "3 Vårdens digitala stöd",
    ]);
    agenda = await moveAgendaItem(ctx.db, secretary, meeting.id, b.id, { position: 1 });
    expect(agenda.map((i) => i.title)).toEqual(["Vårdens digitala stöd", "Inledning", "Övrigt"]);
    agenda = await moveAgendaItem(ctx.db, secretary, meeting.id, b.id, { direction: "up" });
    expect(agenda.map((i) => i.title)).toEqual(["Vårdens digitala stöd", "Inledning", "Övrigt"]);

    await updateAgendaItem(ctx.db, secretary, meeting.id, b.id, { guestPersonIds: [] });
    page = await getMeeting(ctx.db, secretary, meeting.id);
    expect(page.guests).toEqual([]);

    await deleteAgendaItem(ctx.db, secretary, meeting.id, a.id);
    agenda = await listAgenda(ctx.db, secretary, meeting.id);
    expect(agenda.map((i) => `${i.number} ${i.title}`)).toEqual([
      "1 Vårdens digitala stöd",
      "2 Övrigt",
    ]);
    const trail = await ctx.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.entityType, "agenda_item"), eq(auditEntries.entityId, a.id)));
    expect(trail.map((entry) => entry.action)).toEqual(["create", "delete"]);
  });

  it("carries over open actions of earlier meetings of the series only, and shows the next meetings", async () => {
    const net = await setup();
    const member = net.members.member;
    const series = await insertSeries(ctx.db, net.network.id);
    const otherSeries = await insertSeries(ctx.db, net.network.id, { name: "Veckomöte" });
    const earlier = await insertMeeting(ctx.db, net.network.id, {
      date: "2026-01-13",
      seriesId: series.id,
      occurrenceStart: new Date("2026-01-13T08:00:00Z"),
    });
    const oneOff = await insertMeeting(ctx.db, net.network.id, { date: "2026-01-20" });
    const elsewhere = await insertMeeting(ctx.db, net.network.id, {
      date: "2026-01-21",
      seriesId: otherSeries.id,
    });
    const current = await insertMeeting(ctx.db, net.network.id, {
      date: "2026-02-10",
      seriesId: series.id,
      occurrenceStart: new Date("2026-02-10T08:00:00Z"),
    });
    const laterOneOff = await insertMeeting(ctx.db, net.network.id, { date: "2026-03-01" });
    await ctx.db.insert(meetingActions).values([
      {
        networkId: net.network.id,
        meetingId: earlier.id,
        title: "Öppen",
        ownerPersonId: member.person.id,
      },
      { networkId: net.network.id, meetingId: earlier.id, title: "Klar", status: "done" },
      { networkId: net.network.id, meetingId: oneOff.id, title: "Från ett enstaka möte" },
      { networkId: net.network.id, meetingId: elsewhere.id, title: "Från en annan serie" },
      { networkId: net.network.id, meetingId: current.id, title: "Från detta möte" },
    ]);
    await insertParticipant(ctx.db, current.id, member.person.id);
    const page = await getMeeting(ctx.db, member.actor, current.id, {
      now: new Date("2026-01-01T00:00:00Z"),
    });
    expect(page.openActions.map((action) => action.title)).toEqual(["Öppen"]);
    // A single meeting carries over nothing from the network's other meetings.
    const single = await getMeeting(ctx.db, member.actor, laterOneOff.id);
    expect(single.openActions).toEqual([]);
    expect(page.can).toEqual({
      edit: false,
      readMembersContent: true,
      updateOwnAttendance: true,
      readMinutes: false,
    });
    expect(page.nextMeetings[0]).toMatchObject({ kind: "occurrence" });
    expect(page.nextMeetings[0]?.startsAt.toISOString()).toBe("2026-03-10T08:00:00.000Z");
  });

  it("lets the public see a public network's meeting title and time only", async () => {
    const net = await setup("public");
    const meeting = await insertMeeting(ctx.db, net.network.id, { place: "Hemligt rum" });
    await insertAgendaItem(ctx.db, meeting.id, 1, { title: "Intern punkt" });
    await insertParticipant(ctx.db, meeting.id, net.members.member.person.id);
    const page = await getMeeting(ctx.db, null, meeting.id);
    expect(page.meeting.title).toBe(meeting.title);
    expect(page.meeting.place).toBe("");
    expect(page.agenda).toEqual([]);
    expect(page.members).toEqual([]);
    expect(page.can.readMembersContent).toBe(false);
    const series = await insertSeries(ctx.db, net.network.id, { place: "Hemligt rum" });
    const seriesPage = await getSeries(ctx.db, null, series.id);
    expect(seriesPage.series.place).toBe("");
    expect(seriesPage.feedPath).toBeNull();
    expect(seriesPage.next.length).toBeGreaterThan(0);
  });

  it("mails an invitation with an .ics when planning, moving and cancelling, in the same transaction", async () => {
    const net = await setup();
    const chair = net.members.chair.actor;
    const invitee = await insertMember(ctx.db, net.network.id, { email: "inbjuden@example.se" });
    const mails = async () =>
      (await ctx.db.select().from(jobs).where(eq(jobs.kind, MAIL_SEND_JOB)))
        .map(
          (job) => job.payload as { to: string; subject: string; icalEvent?: { method: string } },
        )
        .filter((mail) => mail.to === "inbjuden@example.se");
    const meeting = await planMeeting(ctx.db, chair, {
      networkId: net.network.id,
      title: "Extramöte",
      date: "2026-12-01",
      startTime: "10:00",
      endTime: "11:00",
    });
    expect((await mails()).map((mail) => mail.icalEvent?.method)).toEqual(["REQUEST"]);
    const moved = await updateMeeting(ctx.db, chair, meeting.id, {
      startTime: "12:00",
      endTime: "13:00",
      version: meeting.version,
    });
    expect(moved.icalSequence).toBe(1);
    expect(await mails()).toHaveLength(2);
    await cancelMeeting(ctx.db, chair, meeting.id, { version: moved.version });
    expect((await mails()).map((mail) => mail.icalEvent?.method)).toEqual([
      "REQUEST",
      "REQUEST",
      "CANCEL",
    ]);
    expect(invitee.person.email).toBe("inbjuden@example.se");
  });

  describe("permission matrix", () => {
    type Who =
      | "public"
      | "outsider"
      | "observer"
      | "adjunct"
      | "member"
      | "secretary"
      | "vice_chair"
      | "chair"
      | "ownerEditor"
      | "platformAdmin";
    const everyone: Who[] = [
      "public",
      "outsider",
      "observer",
      "adjunct",
      "member",
      "secretary",
      "vice_chair",
      "chair",
      "ownerEditor",
      "platformAdmin",
    ];

    async function world(visibility: NetworkVisibility) {
      const net = await setup(visibility);
      const actors: Record<Who, Actor | null> = {
        public: null,
        outsider: net.outsider,
        observer: net.members.observer.actor,
        adjunct: net.members.adjunct.actor,
        member: net.members.member.actor,
        secretary: net.members.secretary.actor,
        vice_chair: net.members.vice_chair.actor,
        chair: net.members.chair.actor,
        ownerEditor: net.ownerEditor,
        platformAdmin: net.platformAdmin,
      };
      const series = await insertSeries(ctx.db, net.network.id);
      /** A fresh meeting with every member invited and one agenda item. */
      async function freshMeeting() {
        const meeting = await insertMeeting(ctx.db, net.network.id);
        for (const role of ["chair", "secretary", "member"] as const)
          await insertParticipant(ctx.db, meeting.id, net.members[role].person.id);
        const item = await insertAgendaItem(ctx.db, meeting.id, 1);
        await insertAgendaItem(ctx.db, meeting.id, 2);
        return { meeting, item };
      }
      return { net, actors, series, freshMeeting };
    }

    type Action = (w: Awaited<ReturnType<typeof world>>, actor: Actor | null) => Promise<unknown>;

    const actions: Record<string, Action> = {
      readMeeting: async (w, actor) =>
        getMeeting(ctx.db, actor, (await w.freshMeeting()).meeting.id),
      readAgenda: async (w, actor) =>
        listAgenda(ctx.db, actor, (await w.freshMeeting()).meeting.id),
      createSeries: (w, actor) =>
        createSeries(ctx.db, actor, w.net.network.id, {
          name: "Veckomöte",
          rrule: "FREQ=WEEKLY;BYDAY=MO",
          firstDate: "2026-01-05",
          startTime: "08:00",
          endTime: "08:30",
        }),
      planMeeting: (w, actor) =>
        planMeeting(ctx.db, actor, {
          networkId: w.net.network.id,
          title: "Extramöte",
          date: "2026-12-01",
          startTime: "10:00",
          endTime: "11:00",
        }),
      moveMeeting: async (w, actor) => {
        const { meeting } = await w.freshMeeting();
        return updateMeeting(ctx.db, actor, meeting.id, { date: "2026-12-09", version: 1 });
      },
      cancelMeeting: async (w, actor) => {
        const { meeting } = await w.freshMeeting();
        return cancelMeeting(ctx.db, actor, meeting.id, { version: 1 });
      },
      addAgendaItem: async (w, actor) =>
        createAgendaItem(ctx.db, actor, (await w.freshMeeting()).meeting.id, { title: "Ny" }),
      reorderAgenda: async (w, actor) => {
        const { meeting, item } = await w.freshMeeting();
        return moveAgendaItem(ctx.db, actor, meeting.id, item.id, { direction: "down" });
      },
      addGuest: async (w, actor) => {
        const guest = await insertPerson(ctx.db, { name: "Gäst" });
        const { meeting } = await w.freshMeeting();
        return addParticipant(ctx.db, actor, meeting.id, { personId: guest.id });
      },
      memberOwnAttendance: async (w, actor) => {
        const { meeting } = await w.freshMeeting();
        return updateAttendance(ctx.db, actor, meeting.id, {
          entries: [{ personId: w.net.members.member.person.id, attendance: "absent_with_notice" }],
        });
      },
      chairsAttendance: async (w, actor) => {
        const { meeting } = await w.freshMeeting();
        return updateAttendance(ctx.db, actor, meeting.id, {
          entries: [{ personId: w.net.members.chair.person.id, attendance: "present" }],
        });
      },
      updateSeries: async (w, actor) => {
        const series = await insertSeries(ctx.db, w.net.network.id);
        return updateSeries(ctx.db, actor, series.id, { name: "Nytt namn", version: 1 });
      },
      deleteAgendaItem: async (w, actor) => {
        const { meeting, item } = await w.freshMeeting();
        return deleteAgendaItem(ctx.db, actor, meeting.id, item.id);
      },
      removeParticipant: async (w, actor) => {
        const { meeting } = await w.freshMeeting();
        return removeParticipant(ctx.db, actor, meeting.id, w.net.members.member.person.id);
      },
      inviteMembers: async (w, actor) =>
        inviteMembers(ctx.db, actor, (await w.freshMeeting()).meeting.id),
      setVisibility: async (w, actor) =>
        setVisibility(ctx.db, actor, {
          meetingId: (await w.freshMeeting()).meeting.id,
          version: 1,
          visibility: "public",
        }),
      listVersions: async (w, actor) =>
        listVersions(ctx.db, actor, (await w.freshMeeting()).meeting.id),
    };

    /** Chairs, vice chairs and secretaries run the network, with the owner's managers. */
    const editors = {
      secretary: "ok",
      vice_chair: "ok",
      chair: "ok",
      ownerEditor: "ok",
      platformAdmin: "ok",
    };
    /** Members of any other role: members, adjuncts and observers alike. */
    const readers = (outcome: string) => ({ observer: outcome, adjunct: outcome, member: outcome });
    const hidden = { public: "not_found", outsider: "not_found" };
    const editorsOnly = { ...hidden, ...readers("forbidden"), ...editors };
    const membersOnly: Record<string, Record<Who, string>> = {
      readMeeting: { ...hidden, ...readers("ok"), ...editors },
      readAgenda: { ...hidden, ...readers("ok"), ...editors },
      createSeries: editorsOnly,
      updateSeries: editorsOnly,
      planMeeting: editorsOnly,
      moveMeeting: editorsOnly,
      cancelMeeting: editorsOnly,
      addAgendaItem: editorsOnly,
      reorderAgenda: editorsOnly,
      deleteAgendaItem: editorsOnly,
      addGuest: editorsOnly,
      removeParticipant: editorsOnly,
      inviteMembers: editorsOnly,
      // Their own attendance: the member's; adjuncts and observers may not set the member's.
      memberOwnAttendance: {
        ...hidden,
        ...readers("forbidden"),
        member: "ok",
        ...editors,
      },
      chairsAttendance: editorsOnly,
      setVisibility: editorsOnly,
      // Versions include drafts: for editors only, "not found" to everyone else.
      listVersions: { ...hidden, ...readers("not_found"), ...editors },
    };
    const publicNetwork: Record<string, Record<Who, string>> = Object.fromEntries(
      Object.entries(membersOnly).map(([name, row]) => [
        name,
        {
          ...row,
          public: name === "readMeeting" ? "ok" : "unauthenticated",
          outsider:
            name === "readMeeting" ? "ok" : name === "listVersions" ? "not_found" : "forbidden",
        },
      ]),
    );

    for (const [visibility, matrix] of [
      ["members", membersOnly],
      ["public", publicNetwork],
    ] as const) {
      it(`refuses and allows each action by role (${visibility} network)`, async () => {
        const w = await world(visibility);
        const actual: Record<string, Record<Who, string>> = {};
        for (const [name, action] of Object.entries(actions)) {
          actual[name] = {} as Record<Who, string>;
          for (const who of everyone) actual[name][who] = await outcome(action(w, w.actors[who]));
        }
        expect(actual).toEqual(matrix);
      });
    }
  });

  it("lets a member set only their own attendance, and only as a participant", async () => {
    const net = await setup();
    const meeting = await insertMeeting(ctx.db, net.network.id);
    const member = net.members.member;
    await insertParticipant(ctx.db, meeting.id, member.person.id);
    const other = await insertMember(ctx.db, net.network.id);
    const notInvited = await failure(
      updateAttendance(ctx.db, net.members.chair.actor, meeting.id, {
        entries: [{ personId: other.person.id, attendance: "present" }],
      }),
    );
    expect(notInvited.code).toBe("not_found");
    const participants = await updateAttendance(ctx.db, member.actor, meeting.id, {
      entries: [{ personId: member.person.id, attendance: "absent_with_notice" }],
    });
    expect(participants.find((p) => p.personId === member.person.id)?.attendance).toBe(
      "absent_with_notice",
    );
    const [row] = await ctx.db.select().from(meetings).where(eq(meetings.id, meeting.id));
    expect(row?.status).toBe("planned");
  });

  it("writes only the answers the secretary changed, never over one changed meanwhile", async () => {
    const net = await setup();
    const meeting = await insertMeeting(ctx.db, net.network.id);
    const member = net.members.member;
    const chair = net.members.chair;
    const vice = net.members.vice_chair;
    for (const who of [member, chair, vice])
      await insertParticipant(ctx.db, meeting.id, who.person.id);
    // The secretary's form is rendered: everyone "invited". Meanwhile the member sends notice.
    await updateAttendance(ctx.db, member.actor, meeting.id, {
      entries: [{ personId: member.person.id, attendance: "absent_with_notice" }],
    });
    // The secretary marks the chair present and posts every row as the form showed it.
    const refused = await failure(
      updateAttendance(ctx.db, net.members.secretary.actor, meeting.id, {
        entries: [
          { personId: member.person.id, attendance: "present", previous: "invited" },
          { personId: chair.person.id, attendance: "present", previous: "invited" },
          { personId: vice.person.id, attendance: "invited", previous: "invited" },
        ],
      }),
    );
    expect([refused.code, refused.message, refused.params]).toEqual([
      "conflict",
      "meetings.error.attendanceChanged",
      { names: member.person.name },
    ]);
    const rows = await ctx.db
      .select()
      .from(meetingParticipants)
      .where(eq(meetingParticipants.meetingId, meeting.id));
    const answer = (personId: string) => rows.find((row) => row.personId === personId)?.attendance;
    expect(answer(member.person.id)).toBe("absent_with_notice");
    expect(answer(chair.person.id)).toBe("present");
    expect(answer(vice.person.id)).toBe("invited");

    // A row the form did not change is not written, even if it differs from the stored one.
    await updateAttendance(ctx.db, net.members.secretary.actor, meeting.id, {
      entries: [{ personId: member.person.id, attendance: "invited", previous: "invited" }],
    });
    const [still] = await ctx.db
      .select()
      .from(meetingParticipants)
      .where(
        and(
          eq(meetingParticipants.meetingId, meeting.id),
          eq(meetingParticipants.personId, member.person.id),
        ),
      );
    expect(still?.attendance).toBe("absent_with_notice");
  });
});
