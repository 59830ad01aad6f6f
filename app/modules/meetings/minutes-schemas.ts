// Input schemas of the minutes and actions: one set for forms, services and /api/v1.
import { z } from "zod";
import { unknownKeysError, uuidInput as id, versionInput } from "../../platform/input-schemas.ts";
import { actionStatuses, minutesStatuses, minutesVisibilities } from "./schema.ts";

const unknownKeys = unknownKeysError("meetings.error.unknownFields");
const version = versionInput();
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: "error.invalid" });

const itemMinutes = z.strictObject({
  notes: z.string().max(50_000, "error.tooLong"),
  reflections: z.array(z.string().max(5_000, "error.tooLong")).max(500),
  decisions: z.array(z.string().max(5_000, "error.tooLong")).max(500),
});

export const ZMinutesContentSchema = z.strictObject({
  items: z.record(z.uuid({ error: "error.invalid" }), itemMinutes),
});

/** A save names the version it started from (`baseVersion`). */
export const ZMinutesSaveSchema = z.strictObject(
  { baseVersion: version, content: ZMinutesContentSchema },
  unknownKeys,
);
export type TMinutesSaveInput = z.input<typeof ZMinutesSaveSchema>;

export const ZMinutesStatusSchema = z.strictObject(
  { version, status: choice(minutesStatuses) },
  unknownKeys,
);
export type TMinutesStatusInput = z.input<typeof ZMinutesStatusSchema>;

export const ZMinutesVisibilitySchema = z.strictObject(
  { version, visibility: choice(minutesVisibilities) },
  unknownKeys,
);
export type TMinutesVisibilityInput = z.input<typeof ZMinutesVisibilitySchema>;

const dueDate = z.union([z.literal(""), z.iso.date({ error: "error.date" })]).nullish();

export const ZActionCreateSchema = z.strictObject(
  {
    meetingId: id(),
    agendaItemId: id().nullish(),
    title: z
      .string({ error: "error.required" })
      .trim()
      .min(1, "error.required")
      .max(500, "error.tooLong"),
    ownerPersonId: z.union([z.literal(""), id()]).nullish(),
    dueDate,
  },
  unknownKeys,
);
export type TActionCreateInput = z.input<typeof ZActionCreateSchema>;

export const ZActionUpdateSchema = z.strictObject(
  {
    version,
    title: z.string().trim().min(1, "error.required").max(500, "error.tooLong").optional(),
    ownerPersonId: z.union([z.literal(""), id()]).nullish(),
    dueDate,
    status: choice(actionStatuses).optional(),
  },
  unknownKeys,
);
export type TActionUpdateInput = z.input<typeof ZActionUpdateSchema>;
