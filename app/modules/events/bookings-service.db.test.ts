import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import type { Actor } from "../../platform/actor.ts";
import { auditEntries } from "../../platform/audit/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { actorFor } from "../directory/factories.ts";
import { mailsTo, tokenFromMail } from "../identity/testing.ts";
import { meetingParticipants, meetings } from "../meetings/schema.ts";
import { insertMember, insertNetworkWithRoles } from "../networks/factories.ts";
import { getNetworkOverview } from "../networks/service.ts";
import { at, insertReservation, insertSlots, insertTestEvent } from "./bookings-factories.ts";
import { eventBookings, eventBookingSlots, eventRoomReservations } from "./bookings-schema.ts";
import {
  addSlots,
  answerBooking,
  cancelBooking,
  cancelReservation,
  decideReservation,
  getEventBookings,
  getGuestBooking,
  getReservation,
  inviteGuest,
  planReservationMeeting,
  removeSlot,
  requestReservation,
} from "./bookings-service.ts";
import { eventSessions } from "./schema.ts";
import { failure, outcome } from "../../../tests/support/outcomes.ts";

const guest = {
  topic: "Nationell digital infrastruktur",
  guestName: "Lena Ek",
  guestOrganization: "E-hälsomyndigheten",
  guestKind: "agency" as const,
};

describeDatabases("side meetings", (ctx) => {
  async function setup(visibility: "public" | "members" = "members") {
    const event = await insertTestEvent(ctx.db);
    const network = await insertNetworkWithRoles(ctx.db, { visibility });
    return { ...event, ...network, room: event.rooms[1]! };
  }

  async function acceptedReservation(s: Awaited<ReturnType<typeof setup>>) {
    return insertReservation(ctx.db, {
      eventId: s.event.id,
      roomId: s.room.id,
      networkId: s.network.id,
      startsAt: at(s.event, "2031-05-20", "08:00"),
      endsAt: at(s.event, "2031-05-21", "17:00"),
    });
  }

  const wholeEvent = {
    startDate: "2031-05-20",
    startTime: "08:00",
    endDate: "2031-05-21",
    endTime: "17:00",
  };

  describe("reservations", () => {
    it("a network's chair asks for a room and an organizer accepts, audited", async () => {
      const s = await setup();
      const chair = s.members.chair.actor;
      const requested = await requestReservation(ctx.db, chair, s.event.id, {
        networkId: s.network.id,
        roomId: s.room.id,
        ...wholeEvent,
        note: "Hästskobord för 20",
      });
      expect(requested).toMatchObject({
        status: "requested",
        roomName: "Rum G2",
        startDate: "2031-05-20",
        startTime: "08:00",
        endTime: "17:00",
        note: "Hästskobord för 20",
        version: 1,
      });
      expect(requested.can).toMatchObject({ decide: false, cancel: true, manage: false });
      const accepted = await decideReservation(
        ctx.db,
        s.committeeMember,
        s.event.id,
        requested.id,
        { decision: "accept", version: 1 },
      );
      expect(accepted).toMatchObject({ status: "accepted", version: 2 });
      const stale = await failure(
        decideReservation(ctx.db, s.organizer, s.event.id, requested.id, {
          decision: "decline",
          version: 1,
        }),
      );
      expect(stale.code).toBe("conflict");
      const trail = await ctx.db
        .select()
        .from(auditEntries)
        .where(eq(auditEntries.entityId, requested.id));
      expect(trail.map((entry) => entry.action).sort()).toEqual(["create", "update"]);
    });

    it("is accepted at once when the one who asks may also edit the event", async () => {
      const s = await setup();
      const both = actorFor({ isPlatformAdmin: true });
      const reservation = await requestReservation(ctx.db, both, s.event.id, {
        networkId: s.network.id,
        roomId: s.room.id,
        ...wholeEvent,
      });
      expect(reservation.status).toBe("accepted");
    });

    it("never double-books a room: other reservations and the program's sessions hold it", async () => {
      const s = await setup();
      const chair = s.members.chair.actor;
      const first = await requestReservation(ctx.db, chair, s.event.id, {
        networkId: s.network.id,
        roomId: s.room.id,
        startDate: "2031-05-20",
        startTime: "09:00",
        endDate: "2031-05-20",
        endTime: "12:00",
      });
      const other = await insertNetworkWithRoles(ctx.db, { name: "Andra nätverket" });
      const clash = await failure(
        requestReservation(ctx.db, other.members.secretary.actor, s.event.id, {
          networkId: other.network.id,
          roomId: s.room.id,
          startDate: "2031-05-20",
          startTime: "11:00",
          endDate: "2031-05-20",
          endTime: "13:00",
        }),
      );
      expect(clash.code).toBe("conflict");
      expect(clash.message).toBe("bookings.error.roomReserved");
      expect(clash.params).toMatchObject({
        network: s.network.name,
        when: "2031-05-20 09:00–12:00",
      });
      expect(clash.fieldErrors.startDate).toEqual(["bookings.error.roomTaken"]);
      // Right after, or in another room, is fine.
      const after = await requestReservation(ctx.db, other.members.chair.actor, s.event.id, {
        networkId: other.network.id,
        roomId: s.room.id,
        startDate: "2031-05-20",
        startTime: "12:00",
        endDate: "2031-05-20",
        endTime: "13:00",
      });
      expect(after.status).toBe("requested");
      // A declined request frees the room.
      await decideReservation(ctx.db, s.organizer, s.event.id, first.id, {
        decision: "decline",
        version: 1,
      });
      expect(
        (
          await requestReservation(ctx.db, other.members.chair.actor, s.event.id, {
            networkId: other.network.id,
            roomId: s.room.id,
            startDate: "2031-05-20",
            startTime: "10:00",
            endDate: "2031-05-20",
            endTime: "11:00",
          })
        ).status,
      ).toBe("requested");

      // A session of the program in the room.
      await ctx.db.insert(eventSessions).values({
        eventId: s.event.id,
        kind: "seminar",
        title: "Seminarium om AI",
        roomId: s.rooms[2]!.id,
        startsAt: at(s.event, "2031-05-21", "10:00"),
        endsAt: at(s.event, "2031-05-21", "11:00"),
      });
      const session = await failure(
        requestReservation(ctx.db, chair, s.event.id, {
          networkId: s.network.id,
          roomId: s.rooms[2]!.id,
          ...wholeEvent,
        }),
      );
      expect(session.message).toBe("bookings.error.roomHasSession");
      expect(session.params).toMatchObject({ title: "Seminarium om AI" });
    });

    it("checks the program again when the organizers accept", async () => {
      const s = await setup();
      const requested = await requestReservation(ctx.db, s.members.chair.actor, s.event.id, {
        networkId: s.network.id,
        roomId: s.room.id,
        ...wholeEvent,
      });
      // The program puts a session there meanwhile (written directly, as another module might).
      await ctx.db.insert(eventSessions).values({
        eventId: s.event.id,
        kind: "panel",
        title: "Panel",
        roomId: s.room.id,
        startsAt: at(s.event, "2031-05-20", "13:00"),
        endsAt: at(s.event, "2031-05-20", "14:00"),
      });
      const refused = await failure(
        decideReservation(ctx.db, s.organizer, s.event.id, requested.id, {
          decision: "accept",
          version: 1,
        }),
      );
      expect(refused.message).toBe("bookings.error.roomHasSession");
    });

    it("keeps to the event's days and valid input", async () => {
      const s = await setup();
      const outside = await failure(
        requestReservation(ctx.db, s.members.chair.actor, s.event.id, {
          networkId: s.network.id,
          roomId: s.room.id,
          ...wholeEvent,
          endDate: "2031-05-22",
        }),
      );
      expect(outside.fieldErrors).toEqual({ endDate: ["bookings.error.notEventDay"] });
      const bad = await failure(
        requestReservation(ctx.db, s.members.chair.actor, s.event.id, {
          networkId: s.network.id,
          roomId: s.room.id,
          startDate: "2031-05-20",
          startTime: "25:00",
          endDate: "2031-05-20",
          endTime: "08:00",
        }),
      );
      expect(bad.fieldErrors.startTime).toEqual(["bookings.error.time"]);
      const otherEventRoom = (await insertTestEvent(ctx.db)).rooms[0]!;
      const room = await failure(
        requestReservation(ctx.db, s.members.chair.actor, s.event.id, {
          networkId: s.network.id,
          roomId: otherEventRoom.id,
          ...wholeEvent,
        }),
      );
      expect(room.fieldErrors).toEqual({ roomId: ["bookings.error.roomNotFound"] });
    });

    it("lets only the network's runners ask and only the event's editors decide", async () => {
      const s = await setup();
      const ask = (actor: Actor | null) =>
        outcome(
          requestReservation(ctx.db, actor, s.event.id, {
            networkId: s.network.id,
            roomId: s.room.id,
            startDate: "2031-05-20",
            startTime: "08:00",
            endDate: "2031-05-20",
            endTime: "08:30",
          }).then((reservation) =>
            ctx.db
              .delete(eventRoomReservations)
              .where(eq(eventRoomReservations.id, reservation.id)),
          ),
        );
      expect({
        public: await ask(null),
        outsider: await ask(s.outsider),
        member: await ask(s.members.member.actor),
        observer: await ask(s.members.observer.actor),
        organizer: await ask(s.organizer),
        chair: await ask(s.members.chair.actor),
        viceChair: await ask(s.members.vice_chair.actor),
        secretary: await ask(s.members.secretary.actor),
        ownerEditor: await ask(s.ownerEditor),
      }).toEqual({
        public: "unauthenticated",
        // A members-only network is unknown to those outside it.
        outsider: "validation",
        member: "forbidden",
        observer: "forbidden",
        organizer: "validation",
        chair: "ok",
        viceChair: "ok",
        secretary: "ok",
        ownerEditor: "ok",
      });

      const requested = await requestReservation(ctx.db, s.members.chair.actor, s.event.id, {
        networkId: s.network.id,
        roomId: s.room.id,
        ...wholeEvent,
      });
      const decide = (actor: Actor | null) =>
        outcome(
          decideReservation(ctx.db, actor, s.event.id, requested.id, {
            decision: "decline",
            version: 99,
          }),
        );
      expect({
        public: await decide(null),
        chair: await decide(s.members.chair.actor),
        partner: await decide(s.partnerEditor),
        // Past the permission check: refused only for its stale version.
        organizer: await decide(s.organizer),
        committee: await decide(s.committeeMember),
      }).toEqual({
        public: "not_found",
        chair: "forbidden",
        // A request is not public: the partner does not see it.
        partner: "not_found",
        organizer: "conflict",
        committee: "conflict",
      });
    });

    it("hides draft events and cancels with the guests told", async () => {
      const draft = await insertTestEvent(ctx.db, { status: "draft" });
      const network = await insertNetworkWithRoles(ctx.db);
      expect(
        await outcome(
          requestReservation(ctx.db, network.members.chair.actor, draft.event.id, {
            networkId: network.network.id,
            roomId: draft.rooms[0]!.id,
            ...wholeEvent,
          }),
        ),
      ).toBe("not_found");

      const s = await setup();
      const reservation = await acceptedReservation(s);
      const [slot] = await insertSlots(ctx.db, reservation.id, [
        {
          startsAt: at(s.event, "2031-05-20", "09:00"),
          endsAt: at(s.event, "2031-05-20", "09:30"),
        },
      ]);
      const email = "annika.cancel@leverantor.example";
      await inviteGuest(ctx.db, s.members.member.actor, s.event.id, reservation.id, slot!.id, {
        ...guest,
        guestEmail: email,
      });
      const cancelled = await cancelReservation(
        ctx.db,
        s.members.chair.actor,
        s.event.id,
        reservation.id,
        {
          version: reservation.version,
        },
      );
      expect(cancelled.status).toBe("cancelled");
      const [booking] = await ctx.db
        .select()
        .from(eventBookings)
        .where(eq(eventBookings.slotId, slot!.id));
      expect(booking?.status).toBe("cancelled");
      const mails = await mailsTo(ctx.db, email);
      expect(mails.map((mail) => mail.subject)).toEqual([
        `Inställt: ${guest.topic} (${s.network.name}, ${s.event.name})`,
        `Inbjudan: ${guest.topic} (${s.network.name}, ${s.event.name})`,
      ]);
    });
  });

  describe("slots", () => {
    it("the network's runners publish slots cut to length, without overlaps", async () => {
      const s = await setup();
      const reservation = await acceptedReservation(s);
      const slotsBy = (actor: Actor, date: string, startTime: string, endTime: string) =>
        addSlots(ctx.db, actor, s.event.id, reservation.id, { date, startTime, endTime });
      const slots = await addSlots(ctx.db, s.members.secretary.actor, s.event.id, reservation.id, {
        date: "2031-05-20",
        startTime: "09:00",
        endTime: "11:00",
        slotMinutes: 45,
        gapMinutes: 15,
      });
      expect(slots.map((slot) => `${slot.startTime}–${slot.endTime}`)).toEqual([
        "09:00–09:45",
        "10:00–10:45",
      ]);
      const overlap = await failure(slotsBy(s.members.chair.actor, "2031-05-20", "10:30", "11:30"));
      expect(overlap.message).toBe("bookings.error.slotOverlaps");
      expect(overlap.params).toEqual({ when: "2031-05-20 10:00–10:45" });
      const outside = await failure(slotsBy(s.members.chair.actor, "2031-05-21", "16:30", "17:30"));
      expect(outside.fieldErrors).toEqual({ date: ["bookings.error.outsideReservation"] });
      expect(await outcome(slotsBy(s.members.member.actor, "2031-05-21", "09:00", "10:00"))).toBe(
        "forbidden",
      );
      expect(await outcome(slotsBy(s.organizer, "2031-05-21", "09:00", "10:00"))).toBe("forbidden");
      // A slot with a live guest is not removed; a free one is.
      await inviteGuest(ctx.db, s.members.member.actor, s.event.id, reservation.id, slots[0]!.id, {
        ...guest,
        guestEmail: "slot.guest@example.se",
      });
      expect(
        (
          await failure(
            removeSlot(ctx.db, s.members.chair.actor, s.event.id, reservation.id, slots[0]!.id),
          )
        ).message,
      ).toBe("bookings.error.slotHasBooking");
      await removeSlot(ctx.db, s.members.chair.actor, s.event.id, reservation.id, slots[1]!.id);
      expect(
        await ctx.db
          .select()
          .from(eventBookingSlots)
          .where(eq(eventBookingSlots.reservationId, reservation.id)),
      ).toHaveLength(1);
    });

    it("waits until the organizers accept the reservation", async () => {
      const s = await setup();
      const requested = await requestReservation(ctx.db, s.members.chair.actor, s.event.id, {
        networkId: s.network.id,
        roomId: s.room.id,
        ...wholeEvent,
      });
      const refused = await failure(
        addSlots(ctx.db, s.members.chair.actor, s.event.id, requested.id, {
          date: "2031-05-20",
          startTime: "09:00",
          endTime: "10:00",
        }),
      );
      expect(refused.message).toBe("bookings.error.notAccepted");
    });
  });

  describe("invitations", () => {
    it("a member invites a guest who answers by link in the chosen language; the inviter is told", async () => {
      const s = await setup();
      const inviter = await insertMember(ctx.db, s.network.id, {
        role: "member",
        email: "inviter.member@region.example",
        personName: "Ingrid Inbjudare",
      });
      const inviterActor = actorFor({ personId: inviter.person.id });
      const reservation = await acceptedReservation(s);
      const [slot] = await insertSlots(ctx.db, reservation.id, [
        {
          startsAt: at(s.event, "2031-05-20", "14:00"),
          endsAt: at(s.event, "2031-05-20", "14:30"),
        },
      ]);
      const email = "lena.ek@myndighet.example";
      const booking = await inviteGuest(
        ctx.db,
        inviterActor,
        s.event.id,
        reservation.id,
        slot!.id,
        {
          ...guest,
          guestEmail: email,
          language: "en",
        },
      );
      expect(booking).toMatchObject({
        status: "invited",
        guestName: "Lena Ek",
        invitedByName: "Ingrid Inbjudare",
        canCancel: true,
      });
      const [mail] = await mailsTo(ctx.db, email);
      expect(mail?.subject).toBe(`Invitation: ${guest.topic} (${s.network.name}, ${s.event.name})`);
      expect(mail?.text).toContain("Ingrid Inbjudare invites you to a talk");
      expect(mail?.text).toContain("Rum G2, Svenska Mässan, Mässans gata 20, Göteborg");
      expect(mail?.text).toContain("14:00–14:30");
      const token = tokenFromMail(mail, "/bookings/");
      // Only the hash is stored.
      const [stored] = await ctx.db
        .select()
        .from(eventBookings)
        .where(eq(eventBookings.id, booking.id));
      expect(stored?.tokenHash).not.toContain(token);

      const seen = await getGuestBooking(ctx.db, token);
      expect(seen).toMatchObject({
        status: "invited",
        language: "en",
        topic: guest.topic,
        mayAccept: true,
        mayDecline: true,
      });
      const accepted = await answerBooking(ctx.db, token, {
        answer: "accept",
        message: "Jag tar med en kollega.",
      });
      expect(accepted).toMatchObject({ status: "accepted", mayAccept: false, mayDecline: true });
      const [told] = await mailsTo(ctx.db, "inviter.member@region.example");
      expect(told?.subject).toBe(`Lena Ek kommer: ${guest.topic}`);
      expect(told?.text).toContain("Jag tar med en kollega.");

      // The slot is taken now.
      const taken = await failure(
        inviteGuest(ctx.db, s.members.chair.actor, s.event.id, reservation.id, slot!.id, {
          ...guest,
          guestEmail: "someone.else@example.se",
        }),
      );
      expect(taken.message).toBe("bookings.error.slotTaken");

      // The guest cannot come after all: the slot is free again, and declining is final.
      await answerBooking(ctx.db, token, { answer: "decline" });
      expect((await failure(answerBooking(ctx.db, token, { answer: "accept" }))).message).toBe(
        "bookings.error.cannot.accept",
      );
      const again = await inviteGuest(
        ctx.db,
        s.members.chair.actor,
        s.event.id,
        reservation.id,
        slot!.id,
        {
          ...guest,
          guestEmail: "someone.else@example.se",
        },
      );
      expect(again.status).toBe("invited");
      expect((await failure(getGuestBooking(ctx.db, "not-a-real-token-at-all"))).code).toBe(
        "not_found",
      );
    });

    it("refuses invitations by those outside the network and to past slots", async () => {
      const s = await setup();
      const reservation = await acceptedReservation(s);
      // Sorted by start: the past one first.
      const [past, future] = await insertSlots(ctx.db, reservation.id, [
        {
          startsAt: at(s.event, "2031-05-20", "09:00"),
          endsAt: at(s.event, "2031-05-20", "09:30"),
        },
        { startsAt: new Date(Date.now() - 3600_000), endsAt: new Date(Date.now() - 1800_000) },
      ]);
      const invite = (actor: Actor | null, slotId: string) =>
        outcome(
          inviteGuest(ctx.db, actor, s.event.id, reservation.id, slotId, {
            ...guest,
            guestEmail: `g${Math.random().toString(36).slice(2)}@example.se`,
          }).then((booking) =>
            ctx.db.delete(eventBookings).where(eq(eventBookings.id, booking.id)),
          ),
        );
      expect({
        public: await invite(null, future!.id),
        outsider: await invite(s.outsider, future!.id),
        organizer: await invite(s.organizer, future!.id),
        observer: await invite(s.members.observer.actor, future!.id),
        member: await invite(s.members.member.actor, future!.id),
        past: await invite(s.members.member.actor, past!.id),
      }).toEqual({
        // The reservation of a members-only network is unknown to the public and outsiders.
        public: "not_found",
        outsider: "not_found",
        organizer: "forbidden",
        observer: "ok",
        member: "ok",
        past: "conflict",
      });
    });

    it("lets the inviter and the runners cancel a booking, not another member", async () => {
      const s = await setup();
      const reservation = await acceptedReservation(s);
      const [slot] = await insertSlots(ctx.db, reservation.id, [
        {
          startsAt: at(s.event, "2031-05-21", "09:00"),
          endsAt: at(s.event, "2031-05-21", "09:30"),
        },
      ]);
      const booking = await inviteGuest(
        ctx.db,
        s.members.member.actor,
        s.event.id,
        reservation.id,
        slot!.id,
        {
          ...guest,
          guestEmail: "cancel.me@example.se",
        },
      );
      expect(
        await outcome(
          cancelBooking(ctx.db, s.members.adjunct.actor, s.event.id, reservation.id, booking.id, {
            version: 1,
          }),
        ),
      ).toBe("forbidden");
      const cancelled = await cancelBooking(
        ctx.db,
        s.members.member.actor,
        s.event.id,
        reservation.id,
        booking.id,
        { version: 1 },
      );
      expect(cancelled.status).toBe("cancelled");
    });
  });

  describe("what each reader sees", () => {
    it("members see guests and topics, organizers see taken slots, the public only the room", async () => {
      const s = await setup("public");
      const reservation = await acceptedReservation(s);
      const [slot] = await insertSlots(ctx.db, reservation.id, [
        {
          startsAt: at(s.event, "2031-05-20", "10:00"),
          endsAt: at(s.event, "2031-05-20", "10:30"),
        },
      ]);
      await inviteGuest(ctx.db, s.members.member.actor, s.event.id, reservation.id, slot!.id, {
        ...guest,
        guestEmail: "seen@example.se",
      });
      const member = await getReservation(
        ctx.db,
        s.members.member.actor,
        s.event.id,
        reservation.id,
      );
      expect(member.slots[0]).toMatchObject({
        state: "invited",
        booking: { guestName: "Lena Ek", topic: guest.topic },
      });
      const organizer = await getReservation(ctx.db, s.organizer, s.event.id, reservation.id);
      expect(organizer.slots[0]).toMatchObject({ state: "invited", booking: null, history: [] });
      const visitor = await getReservation(ctx.db, null, s.event.id, reservation.id);
      expect(visitor.slots).toEqual([]);
      expect(visitor.reservation).toMatchObject({ networkName: s.network.name, note: "" });
      expect((await getEventBookings(ctx.db, null, s.event.id)).reservations).toHaveLength(1);

      // A request not yet accepted, and a members-only network's room, stay hidden.
      const hidden = await insertNetworkWithRoles(ctx.db, { visibility: "members" });
      const other = await insertReservation(ctx.db, {
        eventId: s.event.id,
        roomId: s.rooms[2]!.id,
        networkId: hidden.network.id,
        startsAt: at(s.event, "2031-05-20", "08:00"),
        endsAt: at(s.event, "2031-05-20", "10:00"),
      });
      expect((await getEventBookings(ctx.db, null, s.event.id)).reservations).toHaveLength(1);
      expect(await outcome(getReservation(ctx.db, s.outsider, s.event.id, other.id))).toBe(
        "not_found",
      );
      expect(
        (await getEventBookings(ctx.db, s.committeeMember, s.event.id)).reservations,
      ).toHaveLength(2);
    });
  });

  describe("the network's meeting in its room", () => {
    it("is a meeting of the meetings module with the room as its place, clear of slots", async () => {
      const s = await setup();
      const reservation = await acceptedReservation(s);
      await insertSlots(ctx.db, reservation.id, [
        {
          startsAt: at(s.event, "2031-05-21", "09:00"),
          endsAt: at(s.event, "2031-05-21", "09:30"),
        },
      ]);
      const clash = await failure(
        planReservationMeeting(ctx.db, s.members.chair.actor, s.event.id, reservation.id, {
          title: "Vårmöte",
          date: "2031-05-21",
          startTime: "09:15",
          endTime: "12:00",
        }),
      );
      expect(clash.message).toBe("bookings.error.slotOverlaps");
      const planned = await planReservationMeeting(
        ctx.db,
        s.members.chair.actor,
        s.event.id,
        reservation.id,
        { title: "Vårmöte", date: "2031-05-21", startTime: "13:00", endTime: "16:00" },
      );
      const [row] = await ctx.db.select().from(meetings).where(eq(meetings.id, planned.id));
      expect(row).toMatchObject({
        networkId: s.network.id,
        title: "Vårmöte",
        place: "Rum G2, Svenska Mässan, Mässans gata 20, Göteborg",
        status: "planned",
      });
      // Members are invited as for any meeting, and the network lists it.
      const invited = await ctx.db
        .select()
        .from(meetingParticipants)
        .where(eq(meetingParticipants.meetingId, planned.id));
      expect(invited.length).toBe(6);
      const overview = await getNetworkOverview(ctx.db, s.members.member.actor, s.network.id);
      expect(overview.upcomingMeetings.map((meeting) => meeting.id)).toContain(planned.id);
      // Slots keep clear of the meeting.
      const slotClash = await failure(
        addSlots(ctx.db, s.members.chair.actor, s.event.id, reservation.id, {
          date: "2031-05-21",
          startTime: "15:00",
          endTime: "17:00",
        }),
      );
      expect(slotClash.message).toBe("bookings.error.meetingThen");
      expect(await outcome(getReservation(ctx.db, null, s.event.id, reservation.id))).toBe(
        "not_found",
      );
      const page = await getReservation(ctx.db, s.organizer, s.event.id, reservation.id);
      expect(page.meetings).toMatchObject([
        { title: "Vårmöte", startTime: "13:00", endTime: "16:00" },
      ]);
      expect(
        await outcome(
          planReservationMeeting(ctx.db, s.members.member.actor, s.event.id, reservation.id, {
            title: "X",
            date: "2031-05-20",
            startTime: "13:00",
            endTime: "14:00",
          }),
        ),
      ).toBe("forbidden");
    });
  });

  describe("under concurrency", () => {
    it("lets exactly one of many concurrent invitations take a slot", async () => {
      const s = await setup();
      const reservation = await acceptedReservation(s);
      const [slot] = await insertSlots(ctx.db, reservation.id, [
        {
          startsAt: at(s.event, "2031-05-20", "15:00"),
          endsAt: at(s.event, "2031-05-20", "15:30"),
        },
      ]);
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          inviteGuest(ctx.db, s.members.member.actor, s.event.id, reservation.id, slot!.id, {
            ...guest,
            guestEmail: `race${i}@example.se`,
          }),
        ),
      );
      const won = results.filter((result) => result.status === "fulfilled");
      expect(won).toHaveLength(1);
      for (const result of results)
        if (result.status === "rejected") {
          expect(result.reason).toBeInstanceOf(AppError);
          expect((result.reason as AppError).message).toBe("bookings.error.slotTaken");
        }
      const live = await ctx.db
        .select()
        .from(eventBookings)
        .where(and(eq(eventBookings.slotId, slot!.id), eq(eventBookings.status, "invited")));
      expect(live).toHaveLength(1);
    });

    it("lets exactly one of many concurrent overlapping requests hold a room", async () => {
      const s = await setup();
      const networks = await Promise.all(
        Array.from({ length: 8 }, (_, i) => insertNetworkWithRoles(ctx.db, { name: `Kö ${i}` })),
      );
      const results = await Promise.allSettled(
        networks.map((network, i) =>
          requestReservation(ctx.db, network.members.chair.actor, s.event.id, {
            networkId: network.network.id,
            roomId: s.rooms[0]!.id,
            startDate: "2031-05-21",
            startTime: `${String(9 + (i % 3)).padStart(2, "0")}:00`,
            endDate: "2031-05-21",
            endTime: "13:00",
          }),
        ),
      );
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      for (const result of results)
        if (result.status === "rejected")
          expect((result.reason as AppError).message).toBe("bookings.error.roomReserved");
      const held = await ctx.db
        .select()
        .from(eventRoomReservations)
        .where(eq(eventRoomReservations.roomId, s.rooms[0]!.id));
      expect(held).toHaveLength(1);
    });
  });
});
