// Input schemas of side meetings (reservations, slots, invitations, the guest's answer, the
// network's meeting in its room): one set for the forms, the service and the /api/v1 endpoints.
// Objects are strict; messages are i18n catalog keys; no transforms (JSON Schema as they are).
import { z } from "zod";
import {
  choiceError,
  requiredText,
  unknownKeysError,
  uuidInput as id,
  versionInput,
} from "../../platform/input-schemas.ts";
import { guestKinds, guestLanguages } from "./bookings-rules.ts";
import { endTimeAfterStart, localDateInput, localTimeInput } from "./input-fields.ts";

const unknownKeys = unknownKeysError("bookings.error.unknownFields");
const version = versionInput();
const localDate = localDateInput();
const localTime = localTimeInput("bookings.error.time");

const endAfterStartSameDay = endTimeAfterStart("bookings.error.endBeforeStart");

/** A network asks for a room from a day and time to a day and time (within the event's days). */
export const ZReservationRequestSchema = z
  .strictObject(
    {
      networkId: id(),
      roomId: id(),
      startDate: localDate,
      startTime: localTime,
      endDate: localDate,
      endTime: localTime,
      note: z.string().trim().max(2000, "error.tooLong").optional(),
    },
    unknownKeys,
  )
  .superRefine((value, ctx) => {
    if (value.endDate < value.startDate)
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "bookings.error.endBeforeStart" });
    else if (value.endDate === value.startDate) endAfterStartSameDay(value, ctx);
  });
export type TReservationRequestInput = z.input<typeof ZReservationRequestSchema>;

/** The organizers accept or decline a requested reservation. */
export const ZReservationDecisionSchema = z.strictObject(
  { decision: z.enum(["accept", "decline"], choiceError), version },
  unknownKeys,
);
export type TReservationDecisionInput = z.input<typeof ZReservationDecisionSchema>;

/** A stale version is refused; used to cancel reservations and bookings. */
export const ZVersionSchema = z.strictObject({ version }, unknownKeys);
export type TVersionInput = z.input<typeof ZVersionSchema>;

/**
 * Slots on one day: one from start to end, or (with slotMinutes) as many consecutive slots of
 * that length as fit, with gapMinutes between them.
 */
export const ZSlotCreateSchema = z
  .strictObject(
    {
      date: localDate,
      startTime: localTime,
      endTime: localTime,
      slotMinutes: z.coerce
        .number({ error: "error.invalid" })
        .int("error.invalid")
        .min(5, "bookings.error.slotMinutes")
        .max(720, "bookings.error.slotMinutes")
        .optional(),
      gapMinutes: z.coerce
        .number({ error: "error.invalid" })
        .int("error.invalid")
        .min(0, "bookings.error.gapMinutes")
        .max(240, "bookings.error.gapMinutes")
        .optional(),
    },
    unknownKeys,
  )
  .superRefine(endAfterStartSameDay);
export type TSlotCreateInput = z.input<typeof ZSlotCreateSchema>;

/** A member invites a guest to a slot, with a topic; the mail goes out in `language`. */
export const ZInvitationCreateSchema = z.strictObject(
  {
    topic: requiredText(300),
    guestName: requiredText(200),
    guestEmail: z
      .email({ error: "error.email" })
      .max(320, "error.tooLong")
      .meta({ description: "Where the invitation with the answer link is sent." }),
    guestOrganization: z.string().trim().max(200, "error.tooLong").optional(),
    guestKind: z.enum(guestKinds, choiceError),
    language: z.enum(guestLanguages, choiceError).default("sv"),
  },
  unknownKeys,
);
export type TInvitationCreateInput = z.input<typeof ZInvitationCreateSchema>;

/** The guest's answer through the secret link. */
export const ZGuestAnswerSchema = z.strictObject(
  {
    answer: z.enum(["accept", "decline"], choiceError),
    message: z.string().trim().max(1000, "error.tooLong").optional(),
  },
  unknownKeys,
);
export type TGuestAnswerInput = z.input<typeof ZGuestAnswerSchema>;

/** The network's own meeting in its reserved room, planned in the meetings module. */
export const ZReservationMeetingSchema = z
  .strictObject(
    {
      title: requiredText(200),
      date: localDate,
      startTime: localTime,
      endTime: localTime,
      /** Invite every current member of the network (default), as the meetings module does. */
      inviteMembers: z.boolean({ error: "error.invalid" }).default(true),
    },
    unknownKeys,
  )
  .superRefine(endAfterStartSameDay);
export type TReservationMeetingInput = z.input<typeof ZReservationMeetingSchema>;
