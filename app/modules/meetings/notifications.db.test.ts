import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ICAL from "ical.js";
import { simpleParser } from "mailparser";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { resetConfig } from "../../platform/config.ts";
import { runDueJobs } from "../../platform/jobs/worker.ts";
import { resetMailTransport } from "../../platform/mail/transport.ts";
import { users } from "../identity/schema.ts";
import { createTestUser, mailsTo, uniqueEmail } from "../identity/testing.ts";
import { insertPerson } from "../directory/factories.ts";
import {
  actorForPerson,
  insertMember,
  insertNetwork,
  insertTestOrganization,
} from "../networks/factories.ts";
import { insertMeeting, insertParticipant } from "./factories.ts";
import {
  notifyActionAssigned,
  notifyMeetingCancelled,
  notifyMeetingChanged,
  notifyMeetingPlanned,
  notifyMinutesPublished,
  remindActionsDueTomorrow,
} from "./notifications.ts";
import { meetingActions, meetings } from "./schema.ts";
import {
  addParticipant,
  cancelMeeting,
  createAgendaItem,
  inviteMembers,
  removeParticipant,
  updateAgendaItem,
} from "./service.ts";

const savedEnv = { ...process.env };
beforeEach(() => {
  process.env.BASE_URL = "https://samverka.example/";
  resetConfig();
});
afterEach(() => {
  process.env = { ...savedEnv };
  resetConfig();
});

function vevent(content: string | undefined) {
  const root = new ICAL.Component(ICAL.parse(content ?? ""));
  return { root, event: root.getFirstSubcomponent("vevent")! };
}

describeDatabases("meeting notifications", (ctx) => {
  async function setup() {
    const network = await insertNetwork(ctx.db, { name: "Nätverket" });
    const norwegian = await insertTestOrganization(ctx.db, { country: "NO" });
    const swede = await insertMember(ctx.db, network.id, {
      personName: "Åsa Svensson",
      email: uniqueEmail("asa"),
    });
    const norwegianMember = await insertMember(ctx.db, network.id, {
      personName: "Ola Nordmann",
      email: uniqueEmail("ola"),
      organizationId: norwegian.id,
    });
    // Has an account in English: the account's locale wins over the affiliation.
    const english = await insertMember(ctx.db, network.id, {
      personName: "Emma English",
      email: uniqueEmail("emma"),
    });
    const account = await createTestUser(ctx.db, { email: english.person.email! });
    await ctx.db
      .update(users)
      .set({ locale: "en", personId: english.person.id })
      .where(eq(users.id, account.id));
    const noEmail = await insertMember(ctx.db, network.id, { personName: "Utan E-post" });
    const meeting = await insertMeeting(ctx.db, network.id, { title: "Styrgrupp" });
    for (const member of [swede, norwegianMember, english, noEmail])
      await insertParticipant(ctx.db, meeting.id, member.person.id);
    return { network, meeting, swede, norwegianMember, english };
  }

  it("invites, updates and cancels in each participant's language with an .ics", async () => {
    const { meeting, swede, norwegianMember, english } = await setup();
    await ctx.db.transaction((tx) => notifyMeetingPlanned(tx, meeting.id));

    const [sv] = await mailsTo(ctx.db, swede.person.email!);
    expect(sv?.subject).toBe("Inbjudan: Styrgrupp (Nätverket)");
    expect(sv?.text).toContain(`https://samverka.example/meetings/${meeting.id}`);
    expect(sv?.icalEvent?.method).toBe("REQUEST");
    const { root, event } = vevent(sv?.icalEvent?.content);
    expect(root.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(event.getFirstPropertyValue("sequence")).toBe(0);
    const attendees = event
      .getAllProperties("attendee")
      .map((p) => String(p.getFirstValue()).toLowerCase());
    // Each .ics names its own recipient only: nobody gets the others' addresses.
    expect(attendees).toEqual([`mailto:${swede.person.email}`]);

    const [nb] = await mailsTo(ctx.db, norwegianMember.person.email!);
    expect(nb?.subject).toBe("Invitasjon: Styrgrupp (Nätverket)");
    const [en] = await mailsTo(ctx.db, english.person.email!);
    expect(en?.subject).toBe("Invitation: Styrgrupp (Nätverket)");

    // Moved: the meetings core raises the sequence, then notifies.
    await ctx.db
      .update(meetings)
      .set({ icalSequence: 1, startsAt: new Date(meeting.startsAt.getTime() + 3600_000) })
      .where(eq(meetings.id, meeting.id));
    await ctx.db.transaction((tx) => notifyMeetingChanged(tx, meeting.id));
    const [changed] = await mailsTo(ctx.db, swede.person.email!);
    expect(changed?.subject).toBe("Ändrat möte: Styrgrupp (Nätverket)");
    const moved = vevent(changed?.icalEvent?.content).event;
    expect(moved.getFirstPropertyValue("sequence")).toBe(1);
    expect(moved.getFirstPropertyValue("uid")).toBe(
      vevent(sv?.icalEvent?.content).event.getFirstPropertyValue("uid"),
    );

    await ctx.db
      .update(meetings)
      .set({ status: "cancelled", icalSequence: 2 })
      .where(eq(meetings.id, meeting.id));
    await ctx.db.transaction((tx) => notifyMeetingCancelled(tx, meeting.id));
    const [cancelled] = await mailsTo(ctx.db, norwegianMember.person.email!);
    expect(cancelled?.subject).toBe("Avlyst: Styrgrupp (Nätverket)");
    expect(cancelled?.icalEvent?.method).toBe("CANCEL");
    const cancel = vevent(cancelled?.icalEvent?.content);
    expect(cancel.root.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(cancel.event.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  it("invites guests and members added after planning, in their language, with an .ics", async () => {
    const { network, meeting, swede } = await setup();
    const secretary = await insertMember(ctx.db, network.id, { role: "secretary" });
    const acting = actorForPerson(secretary.person.id);
    const norwegian = await insertTestOrganization(ctx.db, { country: "NO" });
    const guest = await insertPerson(ctx.db, {
      name: "Gunn Gjest",
      email: uniqueEmail("gjest"),
      affiliations: [{ organizationId: norwegian.id }],
    });
    const item = await createAgendaItem(ctx.db, acting, meeting.id, { title: "Journalsystem" });
    await updateAgendaItem(ctx.db, acting, meeting.id, item.id, { guestPersonIds: [guest.id] });
    const [invitation] = await mailsTo(ctx.db, guest.email!);
    expect(invitation?.subject).toBe("Invitasjon: Styrgrupp (Nätverket)");
    expect(invitation?.icalEvent?.method).toBe("REQUEST");
    const { root, event } = vevent(invitation?.icalEvent?.content);
    expect(root.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(event.getFirstPropertyValue("uid")).toBe(`meeting-${meeting.id}@samverka.example`);
    const attendees = event
      .getAllProperties("attendee")
      .map((p) => String(p.getFirstValue()).toLowerCase());
    expect(attendees).toContain(`mailto:${guest.email}`);
    // Nobody already invited is mailed again; saving the item again invites no one twice.
    expect(await mailsTo(ctx.db, swede.person.email!)).toEqual([]);
    await updateAgendaItem(ctx.db, acting, meeting.id, item.id, { guestPersonIds: [guest.id] });
    expect(await mailsTo(ctx.db, guest.email!)).toHaveLength(1);

    const other = await insertPerson(ctx.db, { name: "Per Person", email: uniqueEmail("per") });
    await addParticipant(ctx.db, acting, meeting.id, { personId: other.id });
    expect((await mailsTo(ctx.db, other.email!)).map((m) => m.subject)).toEqual([
      "Inbjudan: Styrgrupp (Nätverket)",
    ]);

    // Taken off the agenda, or removed, they get a cancellation for their calendar.
    await updateAgendaItem(ctx.db, acting, meeting.id, item.id, { guestPersonIds: [] });
    const [uninvited] = await mailsTo(ctx.db, guest.email!);
    expect(uninvited?.subject).toBe("Du er ikke lenger med på: Styrgrupp (Nätverket)");
    const cancel = vevent(uninvited?.icalEvent?.content);
    expect(cancel.root.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(cancel.event.getFirstPropertyValue("uid")).toBe(
      `meeting-${meeting.id}@samverka.example`,
    );
    await removeParticipant(ctx.db, acting, meeting.id, other.id);
    const [removed] = await mailsTo(ctx.db, other.email!);
    expect(removed?.icalEvent?.method).toBe("CANCEL");
    expect(await mailsTo(ctx.db, swede.person.email!)).toEqual([]);

    const late = await insertMember(ctx.db, network.id, { email: uniqueEmail("sen") });
    await inviteMembers(ctx.db, acting, meeting.id);
    const [lateMail] = await mailsTo(ctx.db, late.person.email!);
    expect(lateMail?.icalEvent?.method).toBe("REQUEST");
    expect(await mailsTo(ctx.db, swede.person.email!)).toEqual([]);

    // A meeting that is over invites nobody new (a guest recorded while writing the minutes).
    const [planned] = await ctx.db.select().from(meetings).where(eq(meetings.id, meeting.id));
    await ctx.db
      .update(meetings)
      .set({ startsAt: new Date(Date.now() - 7200_000), endsAt: new Date(Date.now() - 3600_000) })
      .where(eq(meetings.id, meeting.id));
    const recorded = await insertPerson(ctx.db, { name: "Efter Mötet", email: uniqueEmail("e") });
    await createAgendaItem(ctx.db, acting, meeting.id, {
      title: "Rapport",
      guestPersonIds: [recorded.id],
    });
    expect(await mailsTo(ctx.db, recorded.email!)).toEqual([]);
    await ctx.db
      .update(meetings)
      .set({ startsAt: planned!.startsAt, endsAt: planned!.endsAt })
      .where(eq(meetings.id, meeting.id));

    // A cancelled meeting invites nobody new.
    const [row] = await ctx.db.select().from(meetings).where(eq(meetings.id, meeting.id));
    await cancelMeeting(ctx.db, acting, meeting.id, { version: row!.version });
    const afterCancel = await insertPerson(ctx.db, { name: "Sen Gäst", email: uniqueEmail("x") });
    await createAgendaItem(ctx.db, acting, meeting.id, {
      title: "Övrigt",
      guestPersonIds: [afterCancel.id],
    });
    expect(await mailsTo(ctx.db, afterCancel.email!)).toEqual([]);
  });

  it("delivers the invitation with a text/calendar part", async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "samverka-invite-"));
    process.env.DATA_DIR = dataDir;
    delete process.env.SMTP_URL;
    resetConfig();
    resetMailTransport();
    const { meeting } = await setup();
    await ctx.db.transaction((tx) => notifyMeetingPlanned(tx, meeting.id));
    await runDueJobs(ctx.db);
    const dir = path.join(dataDir, "outbox");
    const raws = await Promise.all(
      (await fs.readdir(dir)).map((f) => fs.readFile(path.join(dir, f))),
    );
    // Earlier tests' mails are delivered too: keep this meeting's.
    const parsed = await Promise.all(raws.map((raw) => simpleParser(raw)));
    const icsOf = (mail: (typeof parsed)[number]) =>
      mail.attachments.find((a) => a.contentType === "text/calendar")?.content.toString("utf8");
    const mine = parsed.filter((mail) =>
      icsOf(mail)?.includes(`UID:meeting-${meeting.id}@samverka.example`),
    );
    expect(mine).toHaveLength(3);
    expect(mine.map((mail) => mail.subject)).toContain("Inbjudan: Styrgrupp (Nätverket)");
    expect(
      raws.some((raw) =>
        /Content-Type: text\/calendar; charset=utf-8;\s+method=REQUEST/i.test(raw.toString()),
      ),
    ).toBe(true);
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it("queues no mail when the transaction rolls back", async () => {
    const { meeting, swede } = await setup();
    await expect(
      ctx.db.transaction(async (tx) => {
        await notifyMeetingPlanned(tx, meeting.id);
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await mailsTo(ctx.db, swede.person.email!)).toEqual([]);
  });

  it("tells current members that minutes are published", async () => {
    const { network, meeting, english } = await setup();
    const former = await insertMember(ctx.db, network.id, {
      email: uniqueEmail("former"),
      startDate: "2020-01-01",
      endDate: "2021-01-01",
    });
    await ctx.db.transaction((tx) => notifyMinutesPublished(tx, meeting.id));
    const [mail] = await mailsTo(ctx.db, english.person.email!);
    expect(mail?.subject).toBe("Minutes: Styrgrupp (Nätverket)");
    expect(mail?.text).toContain(`https://samverka.example/meetings/${meeting.id}/minutes`);
    expect(await mailsTo(ctx.db, former.person.email!)).toEqual([]);
  });

  it("tells an owner of a new action, and reminds once the day before it is due", async () => {
    const { network, meeting, swede } = await setup();
    const now = new Date("2026-12-09T08:00:00Z");
    const [action] = await ctx.db
      .insert(meetingActions)
      .values({
        networkId: network.id,
        meetingId: meeting.id,
        title: "Skriva rapporten",
        ownerPersonId: swede.person.id,
        dueDate: "2026-12-10",
      })
      .returning();
    const [done] = await ctx.db
      .insert(meetingActions)
      .values({
        networkId: network.id,
        meetingId: meeting.id,
        title: "Redan klar",
        ownerPersonId: swede.person.id,
        dueDate: "2026-12-10",
        status: "done",
      })
      .returning();
    await ctx.db.transaction((tx) => notifyActionAssigned(tx, action!.id));
    const [assigned] = await mailsTo(ctx.db, swede.person.email!);
    expect(assigned?.subject).toBe("Ny åtgärd: Skriva rapporten");
    expect(assigned?.text).toContain("https://samverka.example/actions");

    // Two workers at once, then a later hour: one reminder in all.
    const counts = await Promise.all([
      remindActionsDueTomorrow(ctx.db, now),
      remindActionsDueTomorrow(ctx.db, now),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await remindActionsDueTomorrow(ctx.db, new Date(now.getTime() + 3600_000))).toBe(0);
    const reminders = (await mailsTo(ctx.db, swede.person.email!)).filter((mail) =>
      mail.subject.startsWith("Påminnelse"),
    );
    expect(reminders.map((mail) => mail.subject)).toEqual([
      "Påminnelse: Skriva rapporten ska vara klar i morgon",
    ]);
    const [row] = await ctx.db
      .select()
      .from(meetingActions)
      .where(eq(meetingActions.id, action!.id));
    expect(row?.remindedForDueDate).toBe("2026-12-10");
    void done;
  });
});
