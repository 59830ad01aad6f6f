// Input schemas of the meetings core (series, meetings, agenda, participants, attendance): one
// set for the forms, the service and the /api/v1 endpoints. Objects are strict; messages are i18n
// catalog keys; no transforms (JSON Schema as they are).
import { z } from "zod";
import {
  choiceError,
  requiredText,
  unknownKeysError,
  uuidInput as id,
  versionInput,
} from "../../platform/input-schemas.ts";
import { timeZones } from "../directory/schema.ts";
import { isHttpUrl, rruleError } from "./rules.ts";
import { attendanceStates, participantKinds } from "./schema.ts";

const unknownKeys = unknownKeysError("meetings.error.unknownFields");
const version = versionInput();

const localDate = z.iso.date({ error: "error.date" });
const localTime = z
  .string({ error: "error.required" })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "meetings.error.time");
const place = z.string().trim().max(300, "error.tooLong");
const onlineUrl = z
  .union([z.literal(""), z.httpUrl({ error: "error.url" }).max(1000, "error.tooLong")], {
    error: "error.url",
  })
  .nullish();
const rrule = z
  .string({ error: "error.required" })
  .trim()
  .min(1, "error.required")
  .max(500, "error.tooLong")
  .superRefine((value, ctx) => {
    const key = rruleError(value);
    if (key) ctx.addIssue({ code: "custom", message: key });
  });

export const ZTimeZoneSchema = z.enum(timeZones, choiceError);
export const ZAttendanceSchema = z.enum(attendanceStates, choiceError);
export const ZParticipantKindSchema = z.enum(participantKinds, choiceError);

/** End after start on the same day (a meeting does not run past midnight). */
function endAfterStart(
  value: { startTime?: string | undefined; endTime?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (value.startTime && value.endTime && value.endTime <= value.startTime)
    ctx.addIssue({ code: "custom", path: ["endTime"], message: "meetings.error.endBeforeStart" });
}

// ——— Series ———

export const ZSeriesCreateSchema = z
  .strictObject(
    {
      name: requiredText(200),
      /** RFC 5545 RRULE value, e.g. "FREQ=MONTHLY;BYDAY=2TU" (an "RRULE:" prefix is accepted). */
      rrule,
      firstDate: localDate,
      startTime: localTime,
      endTime: localTime,
      /** Defaults to the owning organization's time zone. */
      timeZone: ZTimeZoneSchema.optional(),
      place: place.optional(),
      onlineUrl,
    },
    unknownKeys,
  )
  .superRefine(endAfterStart);
export type TSeriesCreateInput = z.input<typeof ZSeriesCreateSchema>;

/** Only the fields given change; `version` must be the version read (else conflict). */
export const ZSeriesUpdateSchema = z
  .strictObject(
    {
      name: requiredText(200).optional(),
      rrule: rrule.optional(),
      firstDate: localDate.optional(),
      startTime: localTime.optional(),
      endTime: localTime.optional(),
      timeZone: ZTimeZoneSchema.optional(),
      place: place.optional(),
      onlineUrl,
      version,
    },
    unknownKeys,
  )
  .superRefine(endAfterStart);
export type TSeriesUpdateInput = z.input<typeof ZSeriesUpdateSchema>;

// ——— Meetings ———

/**
 * Plans a meeting: either an occurrence of a series (`seriesId` + `occurrenceStart`, the
 * occurrence's start instant; times, place and title come from the series unless given), or a
 * single meeting of a network (`networkId`, `title`, `date`, `startTime`, `endTime`).
 */
export const ZMeetingPlanSchema = z
  .strictObject(
    {
      seriesId: id().optional(),
      occurrenceStart: z.iso.datetime({ offset: true, error: "error.invalid" }).optional(),
      networkId: id().optional(),
      title: requiredText(200).optional(),
      date: localDate.optional(),
      startTime: localTime.optional(),
      endTime: localTime.optional(),
      timeZone: ZTimeZoneSchema.optional(),
      place: place.optional(),
      onlineUrl,
      /** Invite every current member of the network (default). */
      inviteMembers: z.boolean({ error: "error.invalid" }).default(true),
    },
    unknownKeys,
  )
  .superRefine((value, ctx) => {
    endAfterStart(value, ctx);
    if (value.seriesId) {
      if (!value.occurrenceStart)
        ctx.addIssue({ code: "custom", path: ["occurrenceStart"], message: "error.required" });
      return;
    }
    if (!value.networkId)
      ctx.addIssue({ code: "custom", path: ["networkId"], message: "error.required" });
    for (const field of ["title", "date", "startTime", "endTime"] as const)
      if (!value[field]) ctx.addIssue({ code: "custom", path: [field], message: "error.required" });
  });
export type TMeetingPlanInput = z.input<typeof ZMeetingPlanSchema>;

/**
 * Changes a meeting: move it (date and times, in its time zone), its place or link, its chair
 * or secretary, its title. Null clears a link, chair or secretary. Stale `version`: conflict.
 */
export const ZMeetingUpdateSchema = z
  .strictObject(
    {
      title: requiredText(200).optional(),
      date: localDate.optional(),
      startTime: localTime.optional(),
      endTime: localTime.optional(),
      place: place.optional(),
      onlineUrl,
      chairPersonId: id().nullish(),
      secretaryPersonId: id().nullish(),
      version,
    },
    unknownKeys,
  )
  .superRefine(endAfterStart);
export type TMeetingUpdateInput = z.input<typeof ZMeetingUpdateSchema>;

export const ZMeetingCancelSchema = z.strictObject({ version }, unknownKeys);
export type TMeetingCancelInput = z.input<typeof ZMeetingCancelSchema>;

// ——— Agenda ———

export const ZDocumentLinkSchema = z.strictObject(
  {
    title: requiredText(200),
    url: z
      .string({ error: "error.required" })
      .trim()
      .max(1000, "error.tooLong")
      .refine(isHttpUrl, "meetings.error.documentUrl"),
  },
  unknownKeys,
);

const plannedMinutes = z.coerce
  .number({ error: "error.invalid" })
  .int("error.invalid")
  .min(1, "meetings.error.plannedMinutes")
  .max(1440, "meetings.error.plannedMinutes")
  .nullish();

const personIds = z.array(id()).max(50, "error.tooLong");

export const ZAgendaItemCreateSchema = z.strictObject(
  {
    title: requiredText(300),
    /** "Syfte": information, discussion, decision… */
    purpose: z.string().trim().max(1000, "error.tooLong").optional(),
    plannedMinutes,
    documentLinks: z.array(ZDocumentLinkSchema).max(20, "error.tooLong").optional(),
    responsiblePersonIds: personIds.optional(),
    /** Guests who come for this item; they become participants (kind guest) of the meeting. */
    guestPersonIds: personIds.optional(),
    /** 1-based; defaults to last. */
    position: z.coerce.number({ error: "error.invalid" }).int("error.invalid").min(1).optional(),
  },
  unknownKeys,
);
export type TAgendaItemCreateInput = z.input<typeof ZAgendaItemCreateSchema>;

/** Only the fields given change; lists given replace the item's lists. */
export const ZAgendaItemUpdateSchema = z.strictObject(
  {
    title: requiredText(300).optional(),
    purpose: z.string().trim().max(1000, "error.tooLong").optional(),
    plannedMinutes,
    documentLinks: z.array(ZDocumentLinkSchema).max(20, "error.tooLong").optional(),
    responsiblePersonIds: personIds.optional(),
    guestPersonIds: personIds.optional(),
  },
  unknownKeys,
);
export type TAgendaItemUpdateInput = z.input<typeof ZAgendaItemUpdateSchema>;

/** Move one step (`direction`) or to a 1-based `position`. */
export const ZAgendaMoveSchema = z
  .strictObject(
    {
      direction: z.enum(["up", "down"], choiceError).optional(),
      position: z.coerce.number({ error: "error.invalid" }).int("error.invalid").min(1).optional(),
    },
    unknownKeys,
  )
  .refine((value) => (value.direction === undefined) !== (value.position === undefined), {
    message: "meetings.error.moveTarget",
    path: ["position"],
  });
export type TAgendaMoveInput = z.input<typeof ZAgendaMoveSchema>;

// ——— Participants and attendance ———

export const ZParticipantAddSchema = z.strictObject(
  {
    personId: id(),
    kind: ZParticipantKindSchema.default("guest"),
    /** The organization the person comes for; defaults to their membership's or affiliation's. */
    organizationId: id().nullish(),
  },
  unknownKeys,
);
export type TParticipantAddInput = z.input<typeof ZParticipantAddSchema>;

export const ZAttendanceUpdateSchema = z.strictObject(
  {
    entries: z
      .array(
        z.strictObject(
          {
            personId: id(),
            attendance: ZAttendanceSchema,
            /**
             * The answer the form was showing (the stored one when it was read). When given, an
             * unchanged answer is not written, and one someone else changed meanwhile is not
             * overwritten.
             */
            previous: ZAttendanceSchema.optional(),
          },
          unknownKeys,
        ),
      )
      .min(1, "error.required")
      .max(500, "error.tooLong"),
  },
  unknownKeys,
);
export type TAttendanceUpdateInput = z.input<typeof ZAttendanceUpdateSchema>;
