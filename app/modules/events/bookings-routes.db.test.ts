// The side-meeting pages rendered on the server as React Router does, against a PGlite of this
// file's own: a network asks for a room, the organizer accepts, slots are published, a member
// invites a guest who accepts by the link; all with plain forms, no JavaScript.
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { openAppDatabase } from "../../../tests/support/app-database.ts";
import { decodedHtml, routeVisitor } from "../../../tests/support/render-routes.ts";

const getDb = await openAppDatabase("samverka-bookings-");
const { insertTestEvent } = await import("./bookings-factories.ts");
const { insertNetworkWithRoles } = await import("../networks/factories.ts");
const { mailsTo, tokenFromMail } = await import("../identity/testing.ts");
const { eventRoomReservations, eventBookingSlots } = await import("./bookings-schema.ts");

const visit = routeVisitor({
  "/events/:id/bookings": () => import("./routes/bookings.tsx") as never,
  "/events/:id/bookings/:reservationId": () => import("./routes/bookings-reservation.tsx") as never,
  "/bookings/:token": () => import("./routes/bookings-answer.tsx") as never,
});

it("books a room, publishes slots and invites a guest who accepts, all without JavaScript", async () => {
  const db = await getDb();
  const s = await insertTestEvent(db, { name: "Vitalis 2031" });
  const net = await insertNetworkWithRoles(db, { visibility: "public", name: "IT-chefsnätverket" });
  const chair = net.members.chair.actor;
  const eventPage = `/events/${s.event.id}/bookings`;

  // The chair sees the request form with the networks they run; a plain member does not.
  const chairView = decodedHtml((await visit(chair, eventPage)).html);
  expect(chairView).toContain("Sidomöten på Vitalis 2031");
  expect(chairView).toContain("Boka ett rum för ditt nätverk");
  expect(chairView).toContain(">IT-chefsnätverket</option>");
  expect(decodedHtml((await visit(net.members.member.actor, eventPage)).html)).not.toContain(
    "Boka ett rum för ditt nätverk",
  );

  // A refusal comes back with what was typed and the message by the field.
  const outside = await visit(chair, eventPage, {
    _csrf: "t",
    intent: "request",
    networkId: net.network.id,
    roomId: s.rooms[1]!.id,
    startDate: "2031-05-19",
    startTime: "08:00",
    endDate: "2031-05-21",
    endTime: "17:00",
    note: "Hästskobord",
  });
  expect(outside.status).toBe(422);
  const outsideHtml = decodedHtml(outside.html);
  expect(outsideHtml).toContain("Välj en av evenemangets dagar.");
  expect(outsideHtml).toContain('value="2031-05-19"');
  expect(outsideHtml).toContain("Hästskobord</textarea>");

  const requested = await visit(chair, eventPage, {
    _csrf: "t",
    intent: "request",
    networkId: net.network.id,
    roomId: s.rooms[1]!.id,
    startDate: "2031-05-20",
    startTime: "08:00",
    endDate: "2031-05-21",
    endTime: "17:00",
    note: "Hästskobord",
  });
  const [reservation] = await db
    .select()
    .from(eventRoomReservations)
    .where(eq(eventRoomReservations.eventId, s.event.id));
  expect(requested.location).toBe(`${eventPage}/${reservation!.id}?done=requested`);

  // A second network asking for the same time is told who has the room.
  const other = await insertNetworkWithRoles(db, { name: "Andra nätverket" });
  const clash = await visit(other.members.chair.actor, eventPage, {
    _csrf: "t",
    intent: "request",
    networkId: other.network.id,
    roomId: s.rooms[1]!.id,
    startDate: "2031-05-21",
    startTime: "10:00",
    endDate: "2031-05-21",
    endTime: "11:00",
  });
  expect(clash.status).toBe(409);
  expect(decodedHtml(clash.html)).toContain(
    "Rummet är redan bokat av IT-chefsnätverket 2031-05-20 08:00 – 2031-05-21 17:00.",
  );
  expect(decodedHtml(clash.html)).toContain("Rummet är upptaget då.");

  // The public does not see a request; the organizer accepts it from the list.
  expect(decodedHtml((await visit(null, eventPage)).html)).toContain(
    "Inga rum är bokade av nätverk än.",
  );
  const accepted = await visit(s.organizer, eventPage, {
    _csrf: "t",
    intent: "accept",
    reservationId: reservation!.id,
    version: "1",
  });
  expect(accepted.location).toBe(`${eventPage}?done=accepted`);
  const publicList = decodedHtml((await visit(null, eventPage)).html);
  expect(publicList).toContain("IT-chefsnätverket");
  expect(publicList).not.toContain("Godkänn");

  // The secretary publishes slots of 30 minutes.
  const reservationPage = `${eventPage}/${reservation!.id}`;
  const slots = await visit(net.members.secretary.actor, reservationPage, {
    _csrf: "t",
    intent: "addSlots",
    date: "2031-05-20",
    startTime: "09:00",
    endTime: "10:30",
    slotMinutes: "30",
    gapMinutes: "0",
  });
  expect(slots.location).toBe(`${reservationPage}?done=slots`);
  const slotRows = await db
    .select()
    .from(eventBookingSlots)
    .where(eq(eventBookingSlots.reservationId, reservation!.id));
  expect(slotRows).toHaveLength(3);

  // A member invites a guest; a mistake keeps the form filled in.
  const member = net.members.member.actor;
  const wrong = await visit(member, reservationPage, {
    _csrf: "t",
    intent: "invite",
    slotId: slotRows[0]!.id,
    topic: "Säker <b>inloggning</b>",
    guestName: "Lena Ek",
    guestEmail: "inte-en-adress",
    guestOrganization: "",
    guestKind: "agency",
    language: "nb",
  });
  expect(wrong.status).toBe(422);
  const wrongHtml = decodedHtml(wrong.html);
  expect(wrongHtml).toContain(
    'value="Säker <b>inloggning</b>"'.replace(/</g, "&lt;").replace(/>/g, "&gt;"),
  );
  expect(wrongHtml).toContain('value="inte-en-adress"');
  const invited = await visit(member, reservationPage, {
    _csrf: "t",
    intent: "invite",
    slotId: slotRows[0]!.id,
    topic: "Säker <b>inloggning</b>",
    guestName: "Lena Ek",
    guestEmail: "lena.ek@myndighet.example",
    guestOrganization: "Myndigheten",
    guestKind: "agency",
    language: "nb",
  });
  expect(invited.location).toBe(`${reservationPage}?done=invited`);

  // Members see the guest and the topic (encoded); the organizer sees the slot taken; the
  // public sees neither slots nor guests.
  const memberHtml = (await visit(member, reservationPage)).html;
  expect(decodedHtml(memberHtml)).toContain("Lena Ek, Myndigheten");
  expect(memberHtml).toContain("Säker &lt;b&gt;inloggning&lt;/b&gt;");
  const organizerHtml = decodedHtml((await visit(s.organizer, reservationPage)).html);
  expect(organizerHtml).toContain("Inbjudan skickad");
  expect(organizerHtml).not.toContain("Lena Ek");
  const publicHtml = decodedHtml((await visit(null, reservationPage)).html);
  expect(publicHtml).toContain("IT-chefsnätverket i Rum G2");
  expect(publicHtml).not.toContain("Lena Ek");
  expect(publicHtml).not.toContain("Tider");

  // The guest's page, in the language chosen for them, without login.
  const [mail] = await mailsTo(db, "lena.ek@myndighet.example");
  expect(mail?.subject).toContain("Invitasjon:");
  const token = tokenFromMail(mail, "/bookings/");
  const guestPage = await visit(null, `/bookings/${token}`);
  expect(guestPage.status).toBe(200);
  const guestHtml = decodedHtml(guestPage.html);
  expect(guestHtml).toContain('lang="nb"');
  expect(guestHtml).toContain("Invitasjon fra IT-chefsnätverket");
  expect(guestHtml).toContain("Takk ja");
  const answered = await visit(null, `/bookings/${token}`, {
    _csrf: "t",
    answer: "accept",
    message: "Vi kommer to.",
  });
  expect(answered.location).toBe(`/bookings/${token}?done=accept`);
  const thanks = decodedHtml((await visit(null, `/bookings/${token}?done=accept`)).html);
  expect(thanks).toContain("Takk! Du har takket ja.");
  expect(thanks).toContain("Jeg kan ikke komme");
  expect(decodedHtml((await visit(member, reservationPage)).html)).toContain("Bekräftad");
  expect((await visit(null, "/bookings/fel-lank-som-inte-finns-alls")).status).toBe(404);

  // The chair plans the network's spring meeting in the room.
  const meeting = await visit(chair, reservationPage, {
    _csrf: "t",
    intent: "meeting",
    title: "Vårmöte",
    date: "2031-05-21",
    startTime: "13:00",
    endTime: "16:00",
    inviteMembers: "1",
  });
  expect(meeting.location).toBe(`${reservationPage}?done=meeting`);
  expect(decodedHtml((await visit(null, reservationPage)).html)).toContain("Vårmöte");
});

it("keeps members-only networks' rooms and drafts away from outsiders", async () => {
  const db = await getDb();
  const s = await insertTestEvent(db, { status: "draft" });
  const net = await insertNetworkWithRoles(db);
  expect((await visit(net.members.chair.actor, `/events/${s.event.id}/bookings`)).status).toBe(404);
  expect((await visit(s.committeeMember, `/events/${s.event.id}/bookings`)).status).toBe(200);
});
