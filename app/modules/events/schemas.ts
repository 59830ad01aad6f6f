// Input schemas of the organizing side of events (events, rooms, organizers and partners,
// committees, tracks, speakers, sessions, the program filter): one set for the forms, the service
// and the /api/v1 endpoints. Objects are strict; messages are i18n catalog keys; no transforms.
import { z } from "zod";
import {
  choiceError,
  requiredText,
  unknownKeysError,
  uuidInput as id,
  versionInput,
} from "../../platform/input-schemas.ts";
import { timeZones } from "../directory/schema.ts";
import { maxEventDays, eventLength } from "./rules.ts";
import {
  committeeKinds,
  committeeRoles,
  eventCurrencies,
  eventKinds,
  eventLanguages,
  eventOrganizationRoles,
  eventStatuses,
  sessionKinds,
} from "./schema.ts";
import {
  capacityInput,
  endTimeAfterStart,
  localDateInput,
  localTimeInput,
  optionalFields,
  optionalText,
  positionInput,
} from "./input-fields.ts";

const unknownKeys = unknownKeysError("events.error.unknownFields");
const version = versionInput();
const localDate = localDateInput();
const localTime = localTimeInput("events.error.time");
const capacity = capacityInput();
const position = positionInput();

const flag = z.boolean({ error: "error.invalid" });
const idList = z.array(id()).max(100, "error.invalid");

export const ZEventKindSchema = z.enum(eventKinds, choiceError);
export const ZEventStatusSchema = z.enum(eventStatuses, choiceError);
export const ZSessionKindSchema = z.enum(sessionKinds, choiceError);
export const ZOrganizationRoleSchema = z.enum(eventOrganizationRoles, choiceError);
export const ZCommitteeSchema = z.enum(committeeKinds, choiceError);
export const ZCommitteeRoleSchema = z.enum(committeeRoles, choiceError);

function refineDates(
  value: { startDate?: string | undefined; endDate?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (!value.startDate || !value.endDate) return;
  if (value.endDate < value.startDate)
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "events.error.endBeforeStart" });
  else if (eventLength(value.startDate, value.endDate) > maxEventDays)
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "events.error.tooLong" });
}

// ——— Events ———

const eventFields = {
  kind: ZEventKindSchema,
  name: requiredText(200),
  description: optionalText(20_000),
  startDate: localDate,
  endDate: localDate,
  timeZone: z.enum(timeZones, choiceError),
  language: z.enum(eventLanguages, choiceError),
  currency: z.enum(eventCurrencies, choiceError),
  venueName: optionalText(300),
  venueAddress: optionalText(500),
  /** Places for the whole event; null: only the ticket types limit. */
  capacity: capacity.nullish(),
  /** Registrations' personal data is erased on this day. */
  retentionDate: localDate.nullish(),
};

export const ZEventCreateSchema = z
  .strictObject(
    {
      ...eventFields,
      timeZone: eventFields.timeZone.default("Europe/Stockholm"),
      language: eventFields.language.default("sv"),
      currency: eventFields.currency.default("SEK"),
      /** The lead organizer: the actor must be its admin or editor (or a platform admin). */
      leadOrganizationId: id(),
    },
    unknownKeys,
  )
  .superRefine(refineDates);
export type TEventCreateInput = z.input<typeof ZEventCreateSchema>;

/** Only the fields given change; `version` must be the version read (else conflict). */
export const ZEventUpdateSchema = z
  .strictObject(
    {
      ...optionalFields(eventFields),
      /** The MC: one of the event's speakers; null: none. */
      mcSpeakerId: id().nullish(),
      version,
    },
    unknownKeys,
  )
  .superRefine(refineDates);
export type TEventUpdateInput = z.input<typeof ZEventUpdateSchema>;

/** Publish (`published`), cancel (`cancelled`) or take back to draft (`draft`). */
export const ZEventStatusChangeSchema = z.strictObject(
  { status: ZEventStatusSchema, version },
  unknownKeys,
);
export type TEventStatusChangeInput = z.input<typeof ZEventStatusChangeSchema>;

export const ZEventDeleteSchema = z.strictObject({ version: version.optional() }, unknownKeys);
export type TEventDeleteInput = z.input<typeof ZEventDeleteSchema>;

const page = z.coerce
  .number({ error: "error.invalid" })
  .int("error.invalid")
  .min(1, "error.invalid")
  .max(100_000, "error.invalid")
  .default(1);
const pageSize = z.coerce
  .number({ error: "error.invalid" })
  .int("error.invalid")
  .min(1, "error.invalid")
  .max(100, "error.invalid")
  .default(25);

export const eventListScopes = ["upcoming", "past", "all"] as const;

export const ZEventListFilterSchema = z.strictObject(
  {
    /** Matches the name, the description and the venue. */
    q: z.string().trim().max(200, "error.tooLong").optional(),
    /** `upcoming` (default): not yet ended; `past`: ended; `all`. */
    when: z.enum(eventListScopes, choiceError).default("upcoming"),
    page,
    pageSize,
  },
  unknownKeys,
);
export type TEventListFilterInput = z.input<typeof ZEventListFilterSchema>;

/**
 * A row of a list changes its facts only against the version read; a pure move of `position`
 * (the "move up/down" buttons) needs none.
 */
function versionWhenFactsChange(value: Record<string, unknown>, ctx: z.RefinementCtx) {
  const facts = Object.keys(value).filter(
    (key) => key !== "position" && key !== "version" && value[key] !== undefined,
  );
  if (facts.length && value.version === undefined)
    ctx.addIssue({ code: "custom", path: ["version"], message: "error.required" });
}

// ——— Rooms, tracks ———

export const ZRoomCreateSchema = z.strictObject(
  { name: requiredText(200), capacity: capacity.nullish() },
  unknownKeys,
);
export type TRoomCreateInput = z.input<typeof ZRoomCreateSchema>;

/**
 * `position`: the room's new place in the order (0 first); a move alone needs no `version`, any
 * other change the version read (stale: conflict).
 */
export const ZRoomUpdateSchema = z
  .strictObject(
    {
      name: requiredText(200).optional(),
      capacity: capacity.nullish(),
      position: position.optional(),
      version: version.optional(),
    },
    unknownKeys,
  )
  .superRefine(versionWhenFactsChange);
export type TRoomUpdateInput = z.input<typeof ZRoomUpdateSchema>;

export const ZTrackCreateSchema = z.strictObject({ name: requiredText(200) }, unknownKeys);
export type TTrackCreateInput = z.input<typeof ZTrackCreateSchema>;

export const ZTrackUpdateSchema = z
  .strictObject(
    {
      name: requiredText(200).optional(),
      position: position.optional(),
      version: version.optional(),
    },
    unknownKeys,
  )
  .superRefine(versionWhenFactsChange);
export type TTrackUpdateInput = z.input<typeof ZTrackUpdateSchema>;

// ——— Organizers and partners, committees ———

export const ZEventOrganizationCreateSchema = z.strictObject(
  { organizationId: id(), role: ZOrganizationRoleSchema },
  unknownKeys,
);
export type TEventOrganizationCreateInput = z.input<typeof ZEventOrganizationCreateSchema>;

export const ZEventOrganizationUpdateSchema = z
  .strictObject(
    {
      role: ZOrganizationRoleSchema.optional(),
      position: position.optional(),
      version: version.optional(),
    },
    unknownKeys,
  )
  .superRefine(versionWhenFactsChange);
export type TEventOrganizationUpdateInput = z.input<typeof ZEventOrganizationUpdateSchema>;

export const ZCommitteeMemberCreateSchema = z.strictObject(
  {
    committee: ZCommitteeSchema,
    personId: id(),
    role: ZCommitteeRoleSchema.default("member"),
    /** Show the person's email on the public page. */
    showEmail: flag.default(false),
    /** Show the person's phone number on the public page. */
    showPhone: flag.default(false),
  },
  unknownKeys,
);
export type TCommitteeMemberCreateInput = z.input<typeof ZCommitteeMemberCreateSchema>;

export const ZCommitteeMemberUpdateSchema = z
  .strictObject(
    {
      role: ZCommitteeRoleSchema.optional(),
      showEmail: flag.optional(),
      showPhone: flag.optional(),
      position: position.optional(),
      version: version.optional(),
    },
    unknownKeys,
  )
  .superRefine(versionWhenFactsChange);
export type TCommitteeMemberUpdateInput = z.input<typeof ZCommitteeMemberUpdateSchema>;

// ——— Speakers ———

const speakerFields = {
  name: requiredText(200),
  title: optionalText(200),
  bio: optionalText(5000),
  /** An organization of the directory; else `organizationName` as free text. */
  organizationId: id().nullish(),
  organizationName: optionalText(300),
  /** The speaker's person in the directory, if any. */
  personId: id().nullish(),
};

export const ZSpeakerCreateSchema = z.strictObject(speakerFields, unknownKeys);
export type TSpeakerCreateInput = z.input<typeof ZSpeakerCreateSchema>;

/** Only the fields given change; `version` must be the version read (else conflict). */
export const ZSpeakerUpdateSchema = z.strictObject(
  { ...optionalFields(speakerFields), version },
  unknownKeys,
);
export type TSpeakerUpdateInput = z.input<typeof ZSpeakerUpdateSchema>;

// ——— Sessions ———

const endAfterStart = endTimeAfterStart("events.error.endTimeBeforeStart");

const sessionFields = {
  kind: ZSessionKindSchema,
  title: requiredText(300),
  abstract: optionalText(20_000),
  /** A day of the event (YYYY-MM-DD); times are wall-clock times in the event's time zone. */
  date: localDate,
  startTime: localTime,
  endTime: localTime,
  roomId: id().nullish(),
  trackId: id().nullish(),
  speakerIds: idList.optional(),
  panelistIds: idList.optional(),
  moderatorIds: idList.optional(),
};

export const ZSessionCreateSchema = z
  .strictObject(sessionFields, unknownKeys)
  .superRefine(endAfterStart);
export type TSessionCreateInput = z.input<typeof ZSessionCreateSchema>;

/** Only the fields given change (a list given replaces that role's people); stale `version`: conflict. */
export const ZSessionUpdateSchema = z
  .strictObject(
    {
      ...optionalFields(sessionFields),
      version,
    },
    unknownKeys,
  )
  .superRefine(endAfterStart);
export type TSessionUpdateInput = z.input<typeof ZSessionUpdateSchema>;

export const ZSessionDeleteSchema = z.strictObject({ version: version.optional() }, unknownKeys);
export type TSessionDeleteInput = z.input<typeof ZSessionDeleteSchema>;

/** The program's filter: a day of the event, a track, a kind of session. */
export const ZProgramFilterSchema = z.strictObject(
  {
    day: localDate.optional(),
    trackId: id().optional(),
    kind: ZSessionKindSchema.optional(),
  },
  unknownKeys,
);
export type TProgramFilterInput = z.input<typeof ZProgramFilterSchema>;
