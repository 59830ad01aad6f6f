// The /api/v1 endpoints of side meetings: a network's room reservations at an event, their time
// slots, invitations of guests, the network's meeting in the room, and the guest's answer by
// secret link. Thin: the input schemas are the forms' and the service's (bookings-schemas.ts);
// permissions live in the service.
import { z } from "zod";
import { dateTime, defineEndpoint } from "../../platform/api/endpoint.ts";
import { fieldErrorsFromAppError } from "../../platform/api/issues.ts";
import { ApiProblem } from "../../platform/api/problem.ts";
import { isAppError } from "../../platform/errors.ts";
import { meetingStatuses } from "../meetings/schema.ts";
import {
  bookingStatuses,
  guestKinds,
  guestLanguages,
  reservationStatuses,
} from "./bookings-rules.ts";
import {
  ZGuestAnswerSchema,
  ZInvitationCreateSchema,
  ZReservationDecisionSchema,
  ZReservationMeetingSchema,
  ZReservationRequestSchema,
  ZSlotCreateSchema,
  ZVersionSchema,
} from "./bookings-schemas.ts";
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

const id = z.uuid();
const eventParams = z.strictObject({ id: id.meta({ description: "The event's id." }) });
const reservationParams = z.strictObject({
  id: id.meta({ description: "The event's id." }),
  reservationId: id.meta({ description: "The reservation's id." }),
});
const slotParams = reservationParams.extend({
  slotId: id.meta({ description: "The time slot's id." }),
});
const bookingParams = reservationParams.extend({
  bookingId: id.meta({ description: "The invitation's id." }),
});
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

/** A refusal whose message has placeholders (what holds the room, and when) keeps them. */
async function withMessageParams<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error) && error.params) {
      const { _form: _summary, ...fields } = error.fieldErrors;
      throw new ApiProblem(
        error.code,
        error.message,
        error.params,
        fieldErrorsFromAppError(fields),
      );
    }
    throw error;
  }
}

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
      items: (await getEventBookings(db, actor, params.id)).reservations,
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
    body: ZReservationRequestSchema.meta({ id: "EventRoomReservationRequest" }),
    response: ReservationSchema,
    status: 201,
    problems: ["forbidden", "not_found", "conflict"],
    handler: async ({ db, actor, params, body, responseHeaders }) => {
      const created = await withMessageParams(() => requestReservation(db, actor, params.id, body));
      responseHeaders.set("Location", `/api/v1/events/${params.id}/reservations/${created.id}`);
      return created;
    },
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
      const page = await getReservation(db, actor, params.id, params.reservationId);
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
    body: ZReservationDecisionSchema.meta({ id: "EventRoomReservationDecision" }),
    response: ReservationSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      withMessageParams(() => decideReservation(db, actor, params.id, params.reservationId, body)),
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
    body: ZVersionSchema.meta({ id: "EventBookingVersion" }),
    response: ReservationSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      cancelReservation(db, actor, params.id, params.reservationId, body),
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
    body: ZSlotCreateSchema.meta({ id: "EventBookingSlotsCreate" }),
    response: z.object({ items: z.array(SlotSchema) }),
    status: 201,
    problems: ["forbidden", "not_found", "conflict"],
    handler: async ({ db, actor, params, body }) => ({
      items: await withMessageParams(() =>
        addSlots(db, actor, params.id, params.reservationId, body),
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
      removeSlot(db, actor, params.id, params.reservationId, params.slotId),
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
    body: ZInvitationCreateSchema.meta({ id: "EventBookingInvitation" }),
    response: BookingSchema,
    status: 201,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      inviteGuest(db, actor, params.id, params.reservationId, params.slotId, body),
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
    body: ZVersionSchema,
    response: BookingSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      cancelBooking(db, actor, params.id, params.reservationId, params.bookingId, body),
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
    body: ZReservationMeetingSchema.meta({ id: "EventReservationMeetingPlan" }),
    response: ReservationMeetingSchema,
    status: 201,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      withMessageParams(() =>
        planReservationMeeting(db, actor, params.id, params.reservationId, body),
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
    handler: ({ db, params }) => getGuestBooking(db, params.token),
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
    body: ZGuestAnswerSchema.meta({ id: "EventGuestAnswer" }),
    response: GuestBookingSchema,
    problems: ["not_found", "conflict"],
    handler: ({ db, params, body }) => answerBooking(db, params.token, body),
  }),
];
