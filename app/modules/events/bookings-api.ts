// The /api/v1 endpoints of side meetings: a network's room reservations at an event, their time
// slots, invitations of guests, the network's meeting in the room, and the guest's answer by
// secret link. Thin: the input schemas are the forms' and the service's (bookings-schemas.ts);
// permissions live in the service.
import { z } from "zod";
import { dateTime, defineEndpoint, uuidParams } from "../../platform/api/endpoint.ts";
import { meetingStatuses } from "../meetings/schema.ts";
import { withMessageParams } from "./api-shared.ts";
import {
  bookingStatuses,
  guestKinds,
  guestLanguages,
  reservationStatuses,
} from "./bookings-rules.ts";
import * as schemas from "./bookings-schemas.ts";
import * as service from "./bookings-service.ts";

const id = z.uuid();
const eventParams = uuidParams({ id: "The event's id." });
const reservationPath = { id: "The event's id.", reservationId: "The reservation's id." };
const reservationParams = uuidParams(reservationPath);
const slotParams = uuidParams({ ...reservationPath, slotId: "The time slot's id." });
const bookingParams = uuidParams({ ...reservationPath, bookingId: "The invitation's id." });
const tokenParams = z.strictObject({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{20,200}$/)
    .meta({ description: "The secret of the guest's link (from the invitation mail)." }),
});

const localDate = z.iso.date();
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

// ——— Response schemas ———

export const ReservationSchema = z
  .object({
    id,
    eventId: id,
    roomId: id,
    roomName: z.string(),
    networkId: id,
    networkName: z.string(),
    startsAt: dateTime(),
    endsAt: dateTime(),
    timeZone: z.string(),
    startDate: localDate,
    startTime: localTime,
    endDate: localDate,
    endTime: localTime,
    status: z.enum(reservationStatuses).meta({
      description:
        "`requested` (waiting for the organizers; already holds the room), `accepted`, `declined` or `cancelled`.",
    }),
    note: z.string().meta({ description: "Empty for readers outside the network and organizers." }),
    requestedByLabel: z.string(),
    decidedAt: dateTime().nullable(),
    version: z.int().min(1).meta({ description: "Send it back with a decision or cancellation." }),
    can: z.object({
      decide: z.boolean(),
      cancel: z.boolean(),
      manage: z.boolean(),
      invite: z.boolean(),
      seeSlots: z.boolean(),
    }),
  })
  .meta({ id: "EventRoomReservation" });

export const BookingSchema = z
  .object({
    id,
    slotId: id,
    topic: z.string(),
    guestName: z.string(),
    guestEmail: z.string(),
    guestOrganization: z.string(),
    guestKind: z.enum(guestKinds),
    language: z.enum(guestLanguages),
    status: z.enum(bookingStatuses),
    response: z.string().meta({ description: "The guest's message with the answer." }),
    respondedAt: dateTime().nullable(),
    invitedByLabel: z.string(),
    invitedByName: z.string().nullable(),
    version: z.int().min(1),
    canCancel: z.boolean(),
  })
  .meta({ id: "EventBooking" });

export const SlotSchema = z
  .object({
    id,
    startsAt: dateTime(),
    endsAt: dateTime(),
    date: localDate,
    startTime: localTime,
    endTime: localTime,
    state: z.enum(["free", "invited", "accepted"]),
    bookable: z.boolean().meta({ description: "Free and still to come." }),
    booking: BookingSchema.nullable().meta({
      description: "The live booking; for the network's members only (else null).",
    }),
    history: z.array(BookingSchema).meta({
      description: "Declined and cancelled bookings; for the network's members only.",
    }),
  })
  .meta({ id: "EventBookingSlot" });

export const ReservationMeetingSchema = z
  .object({
    id: id.meta({ description: "The meeting's id in the meetings module." }),
    title: z.string(),
    startsAt: dateTime(),
    endsAt: dateTime(),
    date: localDate,
    startTime: localTime,
    endTime: localTime,
    status: z.enum(meetingStatuses),
  })
  .meta({ id: "EventReservationMeeting" });

const ReservationDetailSchema = z
  .object({
    reservation: ReservationSchema,
    slots: z.array(SlotSchema).meta({
      description: "For the event's organizers and the network's members; empty for others.",
    }),
    meetings: z.array(ReservationMeetingSchema),
  })
  .meta({ id: "EventRoomReservationDetail" });

const GuestBookingSchema = z
  .object({
    status: z.enum(bookingStatuses),
    topic: z.string(),
    guestName: z.string(),
    language: z.enum(guestLanguages),
    response: z.string(),
    networkName: z.string(),
    eventName: z.string(),
    roomName: z.string(),
    place: z.string(),
    timeZone: z.string(),
    startsAt: dateTime(),
    endsAt: dateTime(),
    date: localDate,
    startTime: localTime,
    endTime: localTime,
    invitedByName: z.string(),
    mayAccept: z.boolean(),
    mayDecline: z.boolean(),
  })
  .meta({ id: "EventGuestBooking" });

const tags = ["side meetings"];

export const bookingsEndpoints = [
  defineEndpoint({
    operationId: "listEventReservations",
    method: "GET",
    path: "/events/{id}/reservations",
    summary: "List the rooms networks reserved at an event",
    description:
      "The event's organizers and committee members see every reservation; a network's members see their network's; the public sees accepted reservations of public networks.",
    tags,
    auth: "public",
    params: eventParams,
    response: z.object({ items: z.array(ReservationSchema) }),
    problems: ["not_found"],
    handler: async ({ db, actor, params }) => ({
      items: (await service.getEventBookings(db, actor, params.id)).reservations,
    }),
  }),
  defineEndpoint({
    operationId: "requestEventReservation",
    method: "POST",
    path: "/events/{id}/reservations",
    summary: "Reserve a room of an event for a network",
    description:
      "By the network's chair, vice chair or secretary or its owner's admins and editors. Waits for the organizers (`requested`) unless the caller may edit the event too (`accepted`). A room already reserved or used by the program then is refused with 409.",
    tags,
    auth: "required",
    params: eventParams,
    body: schemas.ZReservationRequestSchema.meta({ id: "EventRoomReservationRequest" }),
    response: ReservationSchema,
    status: 201,
    problems: ["forbidden", "not_found", "conflict"],
    location: (created, params) => `/events/${params.id}/reservations/${created.id}`,
    handler: ({ db, actor, params, body }) =>
      withMessageParams(() => service.requestReservation(db, actor, params.id, body)),
  }),
  defineEndpoint({
    operationId: "getEventReservation",
    method: "GET",
    path: "/events/{id}/reservations/{reservationId}",
    summary: "Read a reservation with its slots and the network's meetings in the room",
    description:
      "Slots are shown to the event's organizers (taken or free) and the network's members (with guests and topics).",
    tags,
    auth: "public",
    params: reservationParams,
    response: ReservationDetailSchema,
    problems: ["not_found"],
    handler: async ({ db, actor, params }) => {
      const page = await service.getReservation(db, actor, params.id, params.reservationId);
      return { reservation: page.reservation, slots: page.slots, meetings: page.meetings };
    },
  }),
  defineEndpoint({
    operationId: "decideEventReservation",
    method: "POST",
    path: "/events/{id}/reservations/{reservationId}/decision",
    summary: "Accept or decline a requested reservation",
    description: "The event's organizers and committee members.",
    tags,
    auth: "required",
    params: reservationParams,
    body: schemas.ZReservationDecisionSchema.meta({ id: "EventRoomReservationDecision" }),
    response: ReservationSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      withMessageParams(() =>
        service.decideReservation(db, actor, params.id, params.reservationId, body),
      ),
  }),
  defineEndpoint({
    operationId: "cancelEventReservation",
    method: "POST",
    path: "/events/{id}/reservations/{reservationId}/cancel",
    summary: "Cancel a reservation",
    description:
      "The network's runners or the event's organizers. Live invitations are cancelled and their guests told by mail.",
    tags,
    auth: "required",
    params: reservationParams,
    body: schemas.ZVersionSchema.meta({ id: "EventBookingVersion" }),
    response: ReservationSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      service.cancelReservation(db, actor, params.id, params.reservationId, body),
  }),
  defineEndpoint({
    operationId: "addEventReservationSlots",
    method: "POST",
    path: "/events/{id}/reservations/{reservationId}/slots",
    summary: "Publish time slots in a reserved room",
    description:
      "The network's runners, on an accepted reservation: one slot, or the span cut into `slotMinutes` slots. Overlaps with other slots or the network's meeting are refused with 409.",
    tags,
    auth: "required",
    params: reservationParams,
    body: schemas.ZSlotCreateSchema.meta({ id: "EventBookingSlotsCreate" }),
    response: z.object({ items: z.array(SlotSchema) }),
    status: 201,
    problems: ["forbidden", "not_found", "conflict"],
    handler: async ({ db, actor, params, body }) => ({
      items: await withMessageParams(() =>
        service.addSlots(db, actor, params.id, params.reservationId, body),
      ),
    }),
  }),
  defineEndpoint({
    operationId: "removeEventReservationSlot",
    method: "DELETE",
    path: "/events/{id}/reservations/{reservationId}/slots/{slotId}",
    summary: "Remove a time slot without a live invitation",
    tags,
    auth: "required",
    params: slotParams,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params }) =>
      service.removeSlot(db, actor, params.id, params.reservationId, params.slotId),
  }),
  defineEndpoint({
    operationId: "inviteEventBookingGuest",
    method: "POST",
    path: "/events/{id}/reservations/{reservationId}/slots/{slotId}/invitations",
    summary: "Invite a guest to a free time slot",
    description:
      "Any current member of the network. The guest gets a mail in `language` with a secret link to accept or decline. A slot already taken is refused with 409.",
    tags,
    auth: "required",
    params: slotParams,
    body: schemas.ZInvitationCreateSchema.meta({ id: "EventBookingInvitation" }),
    response: BookingSchema,
    status: 201,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      service.inviteGuest(db, actor, params.id, params.reservationId, params.slotId, body),
  }),
  defineEndpoint({
    operationId: "cancelEventBooking",
    method: "POST",
    path: "/events/{id}/reservations/{reservationId}/invitations/{bookingId}/cancel",
    summary: "Cancel a guest's invitation",
    description: "The inviter or the network's runners; the guest is told by mail.",
    tags,
    auth: "required",
    params: bookingParams,
    body: schemas.ZVersionSchema,
    response: BookingSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      service.cancelBooking(db, actor, params.id, params.reservationId, params.bookingId, body),
  }),
  defineEndpoint({
    operationId: "planEventReservationMeeting",
    method: "POST",
    path: "/events/{id}/reservations/{reservationId}/meetings",
    summary: "Plan the network's meeting in its reserved room",
    description:
      "The network's runners: a meeting of the meetings module with the room and venue as its place (see `/meetings/{id}`).",
    tags,
    auth: "required",
    params: reservationParams,
    body: schemas.ZReservationMeetingSchema.meta({ id: "EventReservationMeetingPlan" }),
    response: ReservationMeetingSchema,
    status: 201,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      withMessageParams(() =>
        service.planReservationMeeting(db, actor, params.id, params.reservationId, body),
      ),
  }),
  defineEndpoint({
    operationId: "getGuestBooking",
    method: "GET",
    path: "/booking-answers/{token}",
    summary: "Read an invitation by its secret link",
    description: "For the invited guest, without login.",
    tags,
    auth: "public",
    params: tokenParams,
    response: GuestBookingSchema,
    problems: ["not_found"],
    handler: ({ db, params }) => service.getGuestBooking(db, params.token),
  }),
  defineEndpoint({
    operationId: "answerGuestBooking",
    method: "POST",
    path: "/booking-answers/{token}",
    summary: "Accept or decline an invitation by its secret link",
    description:
      "For the invited guest, without login. An accepted guest may still decline before the slot starts; a declined invitation is final.",
    tags,
    auth: "public",
    params: tokenParams,
    body: schemas.ZGuestAnswerSchema.meta({ id: "EventGuestAnswer" }),
    response: GuestBookingSchema,
    problems: ["not_found", "conflict"],
    handler: ({ db, params, body }) => service.answerBooking(db, params.token, body),
  }),
];
