// Fields the events' input schemas share, beside app/platform/input-schemas.ts. Each is a
// function, so a schema file makes its own instances (the OpenAPI document names a reused
// instance as a shared schema).
import { z } from "zod";

/** Text that may be left out, at most `max` characters once trimmed. */
export const optionalText = (max: number) => z.string().trim().max(max, "error.tooLong").optional();

export const localDateInput = () => z.iso.date({ error: "error.date" });

/** A time of day as HH:MM; anything else gets `messageKey`. */
export const localTimeInput = (messageKey: string) =>
  z.string({ error: "error.required" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, messageKey);

/** Places in a room or at an event. */
export const capacityInput = () =>
  z.coerce
    .number({ error: "error.invalid" })
    .int("error.invalid")
    .min(1, "events.error.capacityRange")
    .max(1_000_000, "events.error.capacityRange");

/** A place in an ordered list, from 0. */
export const positionInput = () =>
  z.coerce
    .number({ error: "error.invalid" })
    .int("error.invalid")
    .min(0, "error.invalid")
    .max(10_000, "error.invalid");

/** A refinement: on one day, the end time comes after the start time, else `messageKey`. */
export function endTimeAfterStart(messageKey: string) {
  return (
    value: { startTime?: string | undefined; endTime?: string | undefined },
    ctx: z.RefinementCtx,
  ) => {
    if (value.startTime && value.endTime && value.endTime <= value.startTime)
      ctx.addIssue({ code: "custom", path: ["endTime"], message: messageKey });
  };
}

type Optional<Fields extends Record<string, z.ZodType>> = {
  [K in keyof Fields]: Fields[K] extends z.ZodOptional ? Fields[K] : z.ZodOptional<Fields[K]>;
};

/** The fields of a change: any may be left out (fields that may already be are kept as they are). */
export function optionalFields<Fields extends Record<string, z.ZodType>>(
  fields: Fields,
): Optional<Fields> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, field]) => [
      key,
      field instanceof z.ZodOptional ? field : field.optional(),
    ]),
  ) as Optional<Fields>;
}
