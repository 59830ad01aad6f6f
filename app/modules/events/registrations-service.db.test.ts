// Tickets and registrations against a real database: ticket types and their rules, registering
// (confirmed, waiting list, invitation codes, students, invoices, questions), the registrant's
// link (change, cancel, personal agenda), the waiting list moving up on a cancellation, the mails
// (read back, the .ics with ical.js), the organizers' counts, the retention job, and each action
// against each role.
import ICAL from "ical.js";
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { describeDatabases } from "../../db/testing.ts";
import type { Actor } from "../../platform/actor.ts";
import { jobs } from "../../platform/jobs/schema.ts";
import { MailMessageSchema, type MailMessage } from "../../platform/mail/outbox.ts";
import { insertEvent, insertEventWithRoles, insertSession, type EventRoles } from "./factories.ts";
import {
  exampleOrgNumber,
  insertInvitationCode,
  insertQuestion,
  insertRegistrations,
  insertTicket,
  registrationInput,
} from "./registrations-factories.ts";
import { eraseDueRegistrations } from "./registrations-retention.ts";
import type { TRegistrationCreateInput } from "./registrations-schemas.ts";
import { registrationAnswers, registrations } from "./registrations-schema.ts";
import * as service from "./registrations-service.ts";
import { events } from "./schema.ts";
import { failure, outcome } from "../../../tests/support/outcomes.ts";
import * as tickets from "./tickets-service.ts";

const now = new Date("2030-02-01T10:00:00Z");

async function mails(db: Db, to?: string): Promise<MailMessage[]> {
  const rows = await db
    .select({ payload: jobs.payload })
    .from(jobs)
    .where(eq(jobs.kind, "mail.send"))
    .orderBy(asc(jobs.createdAt));
  return rows
    .map((row) => MailMessageSchema.parse(row.payload))
    .filter((mail) => to === undefined || mail.to === to);
}

function tokenOf(mail: MailMessage): string {
  const match = /\/registrations\/([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match) throw new Error("no link in the mail");
  return match[1]!;
}

describeDatabases("tickets and registrations", (ctx) => {
  let roles: EventRoles;

  beforeAll(async () => {
    roles = await insertEventWithRoles(ctx.db, {
      status: "published",
      name: "Vårdforum Väst",
      startDate: "2030-05-14",
      endDate: "2030-05-15",
    });
  });

  describe("ticket types", () => {
    it("adds ticket types with an early bird, VAT, sales window, student and one-day validity", async () => {
      const early = await tickets.createTicketType(
        ctx.db,
        roles.leadEditor,
        roles.event.id,
        {
          name: "Ordinarie",
          price: 320_000,
          earlyBirdPrice: 260_000,
          earlyBirdUntil: "2030-03-15",
          salesStart: "2030-01-01T08:00:00+01:00",
          capacity: 200,
        },
        now,
      );
      expect(early).toMatchObject({
        price: 320_000,
        vatRate: 2500,
        currentPrice: 260_000,
        earlyBirdNow: true,
        salesState: "open",
        placesLeft: 200,
      });
      const student = await tickets.createTicketType(
        ctx.db,
        roles.committeeMember,
        roles.event.id,
        { name: "Student", price: 10_000, eligibility: "student" },
        now,
      );
      expect(student.eligibility).toBe("student");
      const oneDay = await tickets.createTicketType(
        ctx.db,
        roles.leadAdmin,
        roles.event.id,
        { name: "Endast dag 2", price: 180_000, validDate: "2030-05-15" },
        now,
      );
      expect(oneDay.validDate).toBe("2030-05-15");
      const list = await tickets.listTicketTypes(ctx.db, null, roles.event.id, now);
      expect(list.map((type) => type.name)).toEqual(["Ordinarie", "Student", "Endast dag 2"]);
    });

    it("refuses what breaks the rules, with a message by field", async () => {
      const error = await failure(
        tickets.createTicketType(ctx.db, roles.leadEditor, roles.event.id, {
          name: "ordinarie",
          price: 100_000,
          earlyBirdPrice: 150_000,
          validDate: "2030-06-01",
          salesStart: "2030-03-01T00:00:00Z",
          salesEnd: "2030-02-01T00:00:00Z",
        }),
      );
      expect(error.fieldErrors).toEqual({
        name: ["tickets.error.nameTaken"],
        earlyBirdUntil: ["tickets.error.earlyBirdUntilRequired"],
        earlyBirdPrice: ["tickets.error.earlyBirdAbovePrice"],
        validDate: ["tickets.error.validDateOutside"],
        salesEnd: ["tickets.error.salesEndBeforeStart"],
      });
      const paidInvitation = await failure(
        tickets.createTicketType(ctx.db, roles.leadEditor, roles.event.id, {
          name: "Talare",
          price: 5_000,
          invitationOnly: true,
        }),
      );
      expect(paidInvitation.fieldErrors.price).toEqual(["tickets.error.invitationFree"]);
      const badPrice = await failure(
        tickets.createTicketType(ctx.db, roles.leadEditor, roles.event.id, {
          name: "Konstig",
          price: "tre" as never,
        }),
      );
      expect(badPrice.fieldErrors.price).toEqual(["registrations.error.price"]);
    });

    it("refuses a stale version, a capacity below the confirmed places, and deleting a type in use", async () => {
      const event = await insertEvent(ctx.db, {
        leadOrganizationId: roles.event.leadOrganizationId,
      });
      const type = await insertTicket(ctx.db, event.id, { capacity: 5 });
      await insertRegistrations(ctx.db, event.id, [
        { ticketTypeId: type.id },
        { ticketTypeId: type.id },
        { ticketTypeId: type.id, status: "waitlisted" },
      ]);
      const stale = await failure(
        tickets.updateTicketType(ctx.db, roles.leadEditor, event.id, type.id, {
          name: "Ny",
          version: type.version + 1,
        }),
      );
      expect(stale.code).toBe("conflict");
      const below = await failure(
        tickets.updateTicketType(ctx.db, roles.leadEditor, event.id, type.id, {
          capacity: 1,
          version: type.version,
        }),
      );
      expect(below.fieldErrors.capacity).toEqual(["tickets.error.capacityBelowConfirmed"]);
      expect(below.params).toEqual({ confirmed: 2 });
      const inUse = await failure(
        tickets.deleteTicketType(ctx.db, roles.leadEditor, event.id, type.id),
      );
      expect(inUse).toMatchObject({ code: "conflict", message: "tickets.error.hasRegistrations" });
    });

    it("moves the waiting list up when the capacity is raised", async () => {
      const event = await insertEvent(ctx.db, {
        leadOrganizationId: roles.event.leadOrganizationId,
      });
      const type = await insertTicket(ctx.db, event.id, { capacity: 1 });
      const [, waiting] = await insertRegistrations(ctx.db, event.id, [
        { ticketTypeId: type.id },
        { ticketTypeId: type.id, status: "waitlisted", email: "vantar@example.se" },
      ]);
      const after = await tickets.updateTicketType(ctx.db, roles.leadEditor, event.id, type.id, {
        capacity: 2,
        version: type.version,
      });
      expect(after).toMatchObject({ confirmed: 2, waitlisted: 0, placesLeft: 0 });
      const [row] = await ctx.db
        .select()
        .from(registrations)
        .where(eq(registrations.id, waiting!.id));
      expect(row?.status).toBe("confirmed");
      expect((await mails(ctx.db, "vantar@example.se")).map((mail) => mail.subject)).toEqual([
        expect.stringContaining("Du har fått en plats"),
      ]);
    });

    it("keeps questions and invitation codes", async () => {
      const question = await tickets.createQuestion(ctx.db, roles.leadEditor, roles.event.id, {
        label: "Specialkost",
        kind: "text",
        purpose: "dietary",
      });
      const oneOption = await failure(
        tickets.createQuestion(ctx.db, roles.leadEditor, roles.event.id, {
          label: "Pass",
          kind: "choice",
          options: ["A"],
        }),
      );
      expect(oneOption.fieldErrors.options).toEqual(["registrations.error.optionsRequired"]);
      const updated = await tickets.updateQuestion(
        ctx.db,
        roles.leadEditor,
        roles.event.id,
        question.id,
        { required: false, version: question.version },
      );
      expect(updated.version).toBe(question.version + 1);
      const stale = await failure(
        tickets.updateQuestion(ctx.db, roles.leadEditor, roles.event.id, question.id, {
          label: "x",
          version: question.version,
        }),
      );
      expect(stale.code).toBe("conflict");
      const ordinary = (await tickets.listTicketTypes(ctx.db, null, roles.event.id))[0]!;
      const notInvitation = await failure(
        tickets.createInvitationCode(ctx.db, roles.leadEditor, roles.event.id, {
          ticketTypeId: ordinary.id,
        }),
      );
      expect(notInvitation.fieldErrors.ticketTypeId).toEqual([
        "tickets.error.codeNeedsInvitationType",
      ]);
    });
  });

  describe("registering", () => {
    let event: Awaited<ReturnType<typeof insertEvent>>;
    let ordinary: Awaited<ReturnType<typeof insertTicket>>;
    let student: Awaited<ReturnType<typeof insertTicket>>;
    let dayOne: Awaited<ReturnType<typeof insertTicket>>;
    let speaker: Awaited<ReturnType<typeof insertTicket>>;
    let diet: Awaited<ReturnType<typeof insertQuestion>>;
    let session: Awaited<ReturnType<typeof insertQuestion>>;

    /** A visitor's registration (no login) to the event, at `now`. */
    const register = (input: TRegistrationCreateInput) =>
      service.register(ctx.db, null, event.id, input, now);
    /** A registration that answers the required session choice. */
    const answered = (ticketTypeId: string, overrides: Partial<TRegistrationCreateInput> = {}) =>
      registrationInput(ticketTypeId, { answers: { [session.id]: "AI i vården" }, ...overrides });

    beforeAll(async () => {
      event = await insertEvent(ctx.db, {
        leadOrganizationId: roles.event.leadOrganizationId,
        capacity: 3,
        startDate: "2030-05-14",
        endDate: "2030-05-15",
      });
      ordinary = await insertTicket(ctx.db, event.id, {
        name: "Ordinarie",
        price: 300_000,
        earlyBirdPrice: 240_000,
        earlyBirdUntil: "2030-03-01",
        position: 0,
      });
      student = await insertTicket(ctx.db, event.id, {
        name: "Student",
        price: 10_000,
        eligibility: "student",
        position: 1,
      });
      dayOne = await insertTicket(ctx.db, event.id, {
        name: "Dag 1",
        price: 150_000,
        validDate: "2030-05-14",
        position: 2,
      });
      speaker = await insertTicket(ctx.db, event.id, {
        name: "Talare",
        price: 0,
        invitationOnly: true,
        position: 3,
      });
      diet = await insertQuestion(ctx.db, event.id, { label: "Kost", purpose: "dietary" });
      session = await insertQuestion(ctx.db, event.id, {
        label: "Eftermiddagspass",
        kind: "choice",
        options: ["AI i vården", "Vård nära dig"],
        required: true,
        purpose: "session_choice",
        position: 1,
      });
    });

    it("confirms while a place is free, at the early-bird price, and mails the confirmation with an .ics", async () => {
      const result = await register(
        registrationInput(ordinary.id, {
          email: "eva@example.se",
          name: "Eva Ek",
          locale: "en",
          answers: { [diet.id]: "Vegetarisk", [session.id]: "AI i vården" },
        }),
      );
      expect(result.registration).toMatchObject({
        status: "confirmed",
        price: 240_000,
        vatRate: 2500,
        invoiceOrganizationNumber: exampleOrgNumber,
        answers: { [diet.id]: "Vegetarisk", [session.id]: "AI i vården" },
      });
      const [mail] = await mails(ctx.db, "eva@example.se");
      expect(mail?.subject).toBe(`Confirmation: ${event.name}`);
      expect(mail?.text.replace(/\s/g, " ")).toContain(
        "SEK 2,400 excl. VAT (VAT 25 %: SEK 600, total SEK 3,000)",
      );
      expect(tokenOf(mail!)).toBe(result.token);
      const calendar = new ICAL.Component(ICAL.parse(mail!.icalEvent!.content));
      const vevent = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
      expect(vevent.summary).toBe(event.name);
      expect(vevent.startDate.toString()).toBe("2030-05-14");
      expect(vevent.endDate.toString()).toBe("2030-05-16");
      expect(mail!.icalEvent!.method).toBe("PUBLISH");
    });

    it("refuses the form's mistakes with a message by field", async () => {
      const error = await failure(
        register({
          ...registrationInput(student.id),
          invoiceOrganizationNumber: "232100-0017",
          invoiceAddress: "",
          answers: { [session.id]: "Något annat" },
          consent: false as never,
        }),
      );
      expect(error.fieldErrors).toMatchObject({ consent: ["registrations.error.consent"] });
      const rules = await failure(
        register({
          ...registrationInput(student.id),
          invoiceOrganizationNumber: "232100-0017",
          invoiceAddress: undefined,
          answers: { [session.id]: "Något annat" },
        }),
      );
      expect(rules.fieldErrors).toEqual({
        school: ["registrations.error.schoolRequired"],
        invoiceOrganizationNumber: ["directory.error.orgNumberCheckDigit"],
        invoiceAddress: ["registrations.error.invoiceAddressRequired"],
        [`answers.${session.id}`]: ["registrations.error.answerChoice"],
      });
      const missing = await failure(
        register({
          ...registrationInput(ordinary.id),
          invoiceOrganizationNumber: undefined,
          invoiceReference: undefined,
          answers: {},
        }),
      );
      expect(missing.fieldErrors).toEqual({
        invoiceOrganizationNumber: ["registrations.error.orgNumberRequired"],
        invoiceReference: ["registrations.error.invoiceReferenceRequired"],
        [`answers.${session.id}`]: ["registrations.error.answerRequired"],
      });
      expect(await mails(ctx.db, "nobody")).toEqual([]);
    });

    it("takes a student with a school and a Norwegian organization number", async () => {
      const result = await register(
        registrationInput(student.id, {
          email: "student@example.no",
          school: "Høgskolen i Østfold",
          invoiceOrganizationNumber: "974760673",
          invoiceReference: undefined,
          answers: { [session.id]: "Vård nära dig" },
        }),
      );
      expect(result.registration).toMatchObject({
        status: "confirmed",
        price: 10_000,
        school: "Høgskolen i Østfold",
        invoiceOrganizationNumber: "974 760 673",
      });
    });

    it("gives a free ticket by invitation code, as often as the code allows", async () => {
      await insertInvitationCode(ctx.db, event.id, speaker.id, { code: "TALARE2030", maxUses: 1 });
      const withoutCode = await failure(register(registrationInput(speaker.id)));
      expect(withoutCode.fieldErrors.invitationCode).toEqual(["registrations.error.codeRequired"]);
      const wrong = await failure(register(answered(speaker.id, { invitationCode: "FEL" })));
      expect(wrong.fieldErrors.invitationCode).toEqual(["registrations.error.codeUnknown"]);
      const speakerResult = await register({
        ...answered(speaker.id, { invitationCode: "talare 2030" }),
        invoiceOrganizationNumber: undefined,
        invoiceReference: undefined,
        invoiceAddress: undefined,
      });
      expect(speakerResult.registration).toMatchObject({
        status: "confirmed",
        price: 0,
        byInvitation: true,
      });
      const usedUp = await failure(
        register(answered(speaker.id, { invitationCode: "TALARE2030" })),
      );
      expect(usedUp.fieldErrors.invitationCode).toEqual(["registrations.error.codeUsedUp"]);
    });

    it("puts the next on the waiting list when the day is full, and refuses a second registration of one email", async () => {
      // Three confirmed on both days (capacity 3): Eva, the student and the speaker.
      const dayTicket = await register(answered(dayOne.id, { email: "dag1@example.se" }));
      expect(dayTicket.registration.status).toBe("waitlisted");
      const second = await register(answered(ordinary.id, { email: "andra@example.se" }));
      expect(second.registration.status).toBe("waitlisted");
      const [mail] = await mails(ctx.db, "andra@example.se");
      expect(mail?.subject).toBe(`Väntelista: ${event.name}`);
      expect(mail?.icalEvent).toBeUndefined();
      const again = await failure(register(answered(ordinary.id, { email: "ANDRA@example.se" })));
      expect(again.fieldErrors.email).toEqual(["registrations.error.alreadyRegistered"]);
      const own = await service.getOwnRegistration(ctx.db, second.token, now);
      expect(own.waitingPosition).toBe(2);
    });

    it("moves the next in line up when a confirmed registrant cancels by their link, and mails both", async () => {
      const evaMail = (await mails(ctx.db, "eva@example.se"))[0]!;
      const token = tokenOf(evaMail);
      const own = await service.getOwnRegistration(ctx.db, token, now);
      const stale = await failure(
        service.cancelOwnRegistration(
          ctx.db,
          token,
          { version: own.registration.version + 1 },
          now,
        ),
      );
      expect(stale).toMatchObject({ code: "conflict", message: "registrations.error.stale" });
      await service.cancelOwnRegistration(
        ctx.db,
        token,
        { version: own.registration.version },
        now,
      );
      const statuses = await ctx.db
        .select({ email: registrations.email, status: registrations.status })
        .from(registrations)
        .where(eq(registrations.eventId, event.id))
        .orderBy(asc(registrations.createdAt));
      // The one-day registrant was first in line and fits on day one: moved up.
      expect(Object.fromEntries(statuses.map((row) => [row.email, row.status]))).toMatchObject({
        "eva@example.se": "cancelled",
        "dag1@example.se": "confirmed",
        "andra@example.se": "waitlisted",
      });
      expect((await mails(ctx.db, "eva@example.se")).at(-1)?.subject).toBe(
        `Cancelled: ${event.name}`,
      );
      const promoted = (await mails(ctx.db, "dag1@example.se")).at(-1)!;
      expect(promoted.subject).toBe(`Du har fått en plats: ${event.name}`);
      expect(promoted.icalEvent?.content).toContain("DTSTART;VALUE=DATE:20300514");
      expect(promoted.icalEvent?.content).toContain("DTEND;VALUE=DATE:20300515");
      // The cancelled link still shows the registration, but nothing can change any more.
      const after = await service.getOwnRegistration(ctx.db, token, now);
      expect(after).toMatchObject({ canChange: false, registration: { status: "cancelled" } });
      const again = await failure(service.cancelOwnRegistration(ctx.db, token, {}, now));
      expect(again.message).toBe("registrations.error.alreadyCancelled");
    });

    it("lets the registrant change their details against the version read", async () => {
      const token = tokenOf((await mails(ctx.db, "student@example.no"))[0]!);
      const own = await service.getOwnRegistration(ctx.db, token, now);
      const changed = await service.updateOwnRegistration(
        ctx.db,
        token,
        {
          name: "Sara Student",
          school: "Universitetet i Oslo",
          answers: { [diet.id]: "Glutenfri", [session.id]: "AI i vården" },
          version: own.registration.version,
        },
        now,
      );
      expect(changed).toMatchObject({ name: "Sara Student", school: "Universitetet i Oslo" });
      const stale = await failure(
        service.updateOwnRegistration(
          ctx.db,
          token,
          { name: "X", version: own.registration.version },
          now,
        ),
      );
      expect(stale.message).toBe("registrations.error.stale");
      const noSchool = await failure(
        service.updateOwnRegistration(ctx.db, token, { school: "", version: changed.version }, now),
      );
      expect(noSchool.fieldErrors.school).toEqual(["registrations.error.schoolRequired"]);
      expect(await failure(service.getOwnRegistration(ctx.db, "fel-token", now))).toMatchObject({
        code: "not_found",
        message: "registrations.error.linkNotFound",
      });
    });

    it("keeps a personal agenda of the ticket's days, as an .ics", async () => {
      const first = await insertSession(ctx.db, event, {
        title: "Öppning",
        date: "2030-05-14",
        startTime: "09:00",
        endTime: "09:30",
      });
      const second = await insertSession(ctx.db, event, {
        title: "Dag två",
        date: "2030-05-15",
        startTime: "10:00",
        endTime: "11:00",
      });
      const token = tokenOf((await mails(ctx.db, "dag1@example.se"))[0]!);
      const own = await service.getOwnRegistration(ctx.db, token, now);
      expect(own.program.map((day) => day.date)).toEqual(["2030-05-14"]);
      const outside = await failure(
        service.saveOwnAgenda(ctx.db, token, { sessionIds: [first.id, second.id] }),
      );
      expect(outside.fieldErrors.sessionIds).toEqual(["registrations.error.agendaSession"]);
      await service.saveOwnAgenda(ctx.db, token, { sessionIds: [first.id] });
      expect((await service.getOwnRegistration(ctx.db, token, now)).agenda).toEqual([first.id]);
      const ics = await service.ownAgendaCalendar(ctx.db, token);
      const calendar = new ICAL.Component(ICAL.parse(ics));
      const vevents = calendar.getAllSubcomponents("vevent").map((part) => new ICAL.Event(part));
      expect(vevents.map((vevent) => vevent.summary)).toEqual(["Öppning"]);
      expect(vevents[0]!.startDate.toJSDate().toISOString()).toBe("2030-05-14T07:00:00.000Z");
      const waiting = tokenOf((await mails(ctx.db, "andra@example.se"))[0]!);
      expect(
        (await failure(service.saveOwnAgenda(ctx.db, waiting, { sessionIds: [] }))).message,
      ).toBe("registrations.error.agendaConfirmedOnly");
    });

    it("counts per ticket type and per day, and sums up dietary needs for the caterer", async () => {
      const overview = await service.registrationOverview(ctx.db, roles.leadEditor, event.id);
      expect(
        overview.tickets.map((row) => [row.name, row.confirmed, row.waitlisted, row.cancelled]),
      ).toEqual([
        ["Ordinarie", 0, 1, 1],
        ["Student", 1, 0, 0],
        ["Dag 1", 1, 0, 0],
        ["Talare", 1, 0, 0],
      ]);
      expect(overview.days).toEqual([
        { date: "2030-05-14", confirmed: 3, waitlisted: 1 },
        { date: "2030-05-15", confirmed: 2, waitlisted: 1 },
      ]);
      expect(overview.dietary).toEqual([
        { question: "Kost", answers: [expect.objectContaining({ answer: "Glutenfri", count: 1 })] },
      ]);
      const page = await service.listRegistrations(ctx.db, roles.leadEditor, event.id, {
        status: "confirmed",
        q: "sara",
      });
      expect(page.items.map((row) => row.name)).toEqual(["Sara Student"]);
      const byType = await service.listRegistrations(ctx.db, roles.leadEditor, event.id, {
        ticketTypeId: ordinary.id,
      });
      expect(byType.total).toBe(2);
    });

    it("lets an organizer cancel, which moves the next in line up", async () => {
      const [dayRow] = await ctx.db
        .select()
        .from(registrations)
        .where(
          and(eq(registrations.eventId, event.id), eq(registrations.email, "dag1@example.se")),
        );
      // Day one is full (3); "andra" waits for a whole-event ticket and fits once one leaves.
      const cancelled = await service.cancelRegistration(
        ctx.db,
        roles.leadEditor,
        event.id,
        dayRow!.id,
        { version: dayRow!.version },
      );
      expect(cancelled.status).toBe("cancelled");
      expect((await mails(ctx.db, "dag1@example.se")).at(-1)?.subject).toBe(
        `Avbokad: ${event.name}`,
      );
      const [andra] = await ctx.db
        .select()
        .from(registrations)
        .where(
          and(eq(registrations.eventId, event.id), eq(registrations.email, "andra@example.se")),
        );
      expect(andra?.status).toBe("confirmed");
    });

    it("refuses registrations for drafts, cancelled events and events already over", async () => {
      const draft = await insertEvent(ctx.db, { status: "draft" });
      const draftType = await insertTicket(ctx.db, draft.id);
      expect(
        (
          await failure(
            service.register(ctx.db, null, draft.id, registrationInput(draftType.id), now),
          )
        ).code,
      ).toBe("not_found");
      await ctx.db.update(events).set({ status: "cancelled" }).where(eq(events.id, draft.id));
      expect(
        (
          await failure(
            service.register(ctx.db, null, draft.id, registrationInput(draftType.id), now),
          )
        ).message,
      ).toBe("registrations.error.state.cancelled");
      expect(
        (
          await failure(
            service.register(
              ctx.db,
              null,
              event.id,
              registrationInput(ordinary.id),
              new Date("2030-05-16T10:00:00Z"),
            ),
          )
        ).message,
      ).toBe("registrations.error.state.over");
    });

    it("refuses a ticket outside its sales window", async () => {
      const later = await insertTicket(ctx.db, event.id, {
        name: "Sent",
        salesStart: new Date("2030-03-01T00:00:00Z"),
      });
      const error = await failure(register(answered(later.id)));
      expect(error.fieldErrors.ticketTypeId).toEqual(["tickets.error.sales.not_started"]);
    });
  });

  describe("retention", () => {
    it("erases personal data on the retention date, keeps the counts, and voids the links", async () => {
      const event = await insertEvent(ctx.db, {
        leadOrganizationId: roles.event.leadOrganizationId,
        startDate: "2030-05-14",
        endDate: "2030-05-14",
      });
      await ctx.db
        .update(events)
        .set({ retentionDate: "2030-08-01" })
        .where(eq(events.id, event.id));
      const type = await insertTicket(ctx.db, event.id, { name: "Hel dag" });
      const question = await insertQuestion(ctx.db, event.id, { purpose: "dietary" });
      const result = await service.register(
        ctx.db,
        null,
        event.id,
        registrationInput(type.id, { answers: { [question.id]: "Vegansk" } }),
        new Date("2030-04-01T10:00:00Z"),
      );
      await insertRegistrations(ctx.db, event.id, [
        { ticketTypeId: type.id, status: "waitlisted" },
        { ticketTypeId: type.id, status: "cancelled" },
      ]);
      expect(await eraseDueRegistrations(ctx.db, new Date("2030-07-31T12:00:00Z"))).toBe(0);
      // Midnight in Stockholm starts 1 August at 22:00 UTC on 31 July.
      expect(await eraseDueRegistrations(ctx.db, new Date("2030-07-31T22:30:00Z"))).toBe(3);
      const rows = await ctx.db
        .select()
        .from(registrations)
        .where(eq(registrations.eventId, event.id));
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        expect(row).toMatchObject({
          name: "",
          email: "",
          organizationName: "",
          invoiceOrganizationNumber: "",
          invoiceReference: "",
          invoiceAddress: "",
        });
        expect(row.erasedAt).not.toBeNull();
      }
      const answers = await ctx.db
        .select()
        .from(registrationAnswers)
        .where(eq(registrationAnswers.registrationId, result.registration.id));
      expect(answers).toEqual([]);
      expect((await failure(service.getOwnRegistration(ctx.db, result.token))).code).toBe(
        "not_found",
      );
      const overview = await service.registrationOverview(ctx.db, roles.leadEditor, event.id);
      expect(overview.tickets[0]).toMatchObject({ confirmed: 1, waitlisted: 1, cancelled: 1 });
      expect(overview.days).toEqual([{ date: "2030-05-14", confirmed: 1, waitlisted: 1 }]);
      expect(overview.totals.erased).toBe(3);
      // Nothing personal is left in the audit trail either.
      const audit = await ctx.db.execute(
        sql`SELECT changes::text AS changes FROM audit_entries WHERE entity_id = ${result.registration.id}`,
      );
      const text = JSON.stringify((audit as unknown as { rows: unknown[] }).rows);
      expect(text).not.toContain("Anna");
      expect(text).not.toContain("example.se");
      expect(await eraseDueRegistrations(ctx.db, new Date("2030-08-02T12:00:00Z"))).toBe(0);
    });
  });

  describe("permissions", () => {
    type Who = keyof Omit<EventRoles, "event"> | "public";
    const editors: Who[] = [
      "leadAdmin",
      "leadEditor",
      "deputyEditor",
      "committeeMember",
      "platformAdmin",
    ];
    const others: Who[] = ["partnerEditor", "outsider", "public"];
    const actorOf = (who: Who): Actor | null => (who === "public" ? null : (roles[who] as Actor));

    it("lets organizers and committee members, and nobody else, act on tickets and registrations", async () => {
      const event = roles.event;
      const type = await insertTicket(ctx.db, event.id, { name: "Bas" });
      const [registration] = await insertRegistrations(ctx.db, event.id, [
        ...Array.from({ length: 10 }, () => ({ ticketTypeId: type.id })),
      ]);
      const results: Record<string, Record<string, string>> = {};
      let n = 0;
      for (const who of [...editors, ...others]) {
        const actor = actorOf(who);
        n++;
        const actions: Record<string, () => Promise<unknown>> = {
          createTicketType: () =>
            tickets.createTicketType(ctx.db, actor, event.id, { name: `Typ ${n}`, price: 100 }),
          updateTicketType: async () => {
            const fresh = await tickets.getTicketType(ctx.db, null, event.id, type.id);
            return tickets.updateTicketType(ctx.db, actor, event.id, type.id, {
              description: `ändrad ${n}`,
              version: fresh.version,
            });
          },
          createQuestion: () =>
            tickets.createQuestion(ctx.db, actor, event.id, { label: `Fråga ${n}`, kind: "text" }),
          listInvitationCodes: () => tickets.listInvitationCodes(ctx.db, actor, event.id),
          listRegistrations: () => service.listRegistrations(ctx.db, actor, event.id),
          overview: () => service.registrationOverview(ctx.db, actor, event.id),
          getRegistration: () => service.getRegistration(ctx.db, actor, event.id, registration!.id),
          exportRows: () => service.registrationsForExport(ctx.db, actor, event.id),
          promote: () => service.promoteWaitingList(ctx.db, actor, event.id),
          listTicketTypes: () => tickets.listTicketTypes(ctx.db, actor, event.id),
        };
        results[who] = {};
        for (const [name, work] of Object.entries(actions))
          results[who]![name] = await outcome(work());
      }
      for (const who of editors)
        expect(
          Object.values(results[who]!).every((value) => value === "ok"),
          who,
        ).toBe(true);
      const refusedFor = (who: Who) => (who === "public" ? "unauthenticated" : "forbidden");
      for (const who of others)
        expect(results[who], who).toEqual({
          createTicketType: refusedFor(who),
          updateTicketType: refusedFor(who),
          createQuestion: refusedFor(who),
          listInvitationCodes: refusedFor(who),
          listRegistrations: refusedFor(who),
          overview: refusedFor(who),
          getRegistration: refusedFor(who),
          exportRows: refusedFor(who),
          promote: refusedFor(who),
          listTicketTypes: "ok",
        });
      // Cancelling, one per role (each on a registration of its own).
      const rows = await ctx.db
        .select()
        .from(registrations)
        .where(eq(registrations.eventId, event.id))
        .orderBy(asc(registrations.createdAt));
      for (const [index, who] of [...editors, ...others].entries()) {
        const row = rows[index + 1]!;
        expect(
          await outcome(service.cancelRegistration(ctx.db, actorOf(who), event.id, row.id)),
          who,
        ).toBe(editors.includes(who) ? "ok" : refusedFor(who));
      }
      // A draft's form is not even found by those who do not edit it.
      const draft = await insertEvent(ctx.db, {
        status: "draft",
        leadOrganizationId: roles.event.leadOrganizationId,
      });
      expect(await outcome(service.getRegistrationForm(ctx.db, null, draft.id))).toBe("not_found");
      expect(await outcome(service.getRegistrationForm(ctx.db, roles.outsider, draft.id))).toBe(
        "not_found",
      );
      expect(await outcome(service.getRegistrationForm(ctx.db, roles.leadEditor, draft.id))).toBe(
        "ok",
      );
    });
  });
});
