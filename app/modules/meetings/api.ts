// The /api/v1 endpoints of the meetings core: series, meetings, agenda items, participants and
// attendance. Thin: the input schemas are the forms' and the service's (schemas.ts); permissions
// live in the service.
import { z } from "zod";
import { dateTime, defineEndpoint, uuidParams, versionField } from "../../platform/api/endpoint.ts";
import { timeZones } from "../directory/schema.ts";
import { MyActionSchema } from "./minutes-api.ts";
import { attendanceStates, meetingStatuses, participantKinds } from "./schema.ts";
import {
  ZAgendaItemCreateSchema,
  ZAgendaItemUpdateSchema,
  ZAgendaMoveSchema,
  ZAttendanceUpdateSchema,
  ZMeetingCancelSchema,
  ZMeetingPlanSchema,
  ZMeetingUpdateSchema,
  ZParticipantAddSchema,
  ZSeriesCreateSchema,
  ZSeriesUpdateSchema,
} from "./schemas.ts";
import {
  addParticipant,
  cancelMeeting,
  createAgendaItem,
  createSeries,
  deleteAgendaItem,
  getMeeting,
  getSeries,
  listAgenda,
  listMeetings,
  listParticipants,
  listSeries,
  moveAgendaItem,
  planMeeting,
  removeParticipant,
  renewSeriesFeed,
  updateAgendaItem,
  updateAttendance,
  updateMeeting,
  updateSeries,
} from "./service.ts";

const id = z.uuid();
const networkParams = uuidParams({ id: "The network's id." });
const seriesParams = uuidParams({ id: "The series' id." });
const meetingParams = uuidParams({ id: "The meeting's id." });
const itemParams = uuidParams({ id: "The meeting's id.", itemId: "The agenda item's id." });
const personParams = uuidParams({
  id: "The meeting's id.",
  personId: "The participant's person id.",
});

const TimeZone = z.enum(timeZones);
const version = versionField();

// ——— Response schemas ———

export const SeriesSchema = z
  .object({
    id,
    networkId: id,
    name: z.string(),
    rrule: z.string().meta({ description: "RFC 5545 RRULE value, without the `RRULE:` prefix." }),
    firstDate: z.iso.date(),
    startTime: z.string().meta({ description: "Local HH:MM in `timeZone`." }),
    endTime: z.string(),
    timeZone: TimeZone,
    place: z.string().meta({ description: "Empty for readers without members' access." }),
    onlineUrl: z.string().nullable(),
    version,
  })
  .meta({ id: "MeetingSeries" });

const SeriesEntrySchema = z
  .object({
    kind: z.enum(["meeting", "occurrence"]).meta({
      description: "`meeting`: planned (maybe moved or cancelled); `occurrence`: not planned yet.",
    }),
    meetingId: id.optional(),
    title: z.string().optional(),
    startsAt: dateTime(),
    endsAt: dateTime(),
    occurrenceStart: dateTime()
      .nullable()
      .meta({ description: "The occurrence (RECURRENCE-ID) the entry stands for." }),
    cancelled: z.boolean().optional(),
    moved: z.boolean().optional(),
  })
  .meta({ id: "MeetingSeriesEntry" });

const RuleSchema = z
  .object({
    frequency: z.enum(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]),
    interval: z.int(),
    days: z.array(z.object({ nth: z.int().nullable(), weekday: z.string() })),
    monthDays: z.array(z.int()),
    count: z.int().nullable(),
    until: z.string().nullable(),
  })
  .nullable();

export const SeriesPageSchema = z
  .object({
    series: SeriesSchema,
    network: z.object({ id, name: z.string() }),
    rule: RuleSchema,
    can: z.object({ edit: z.boolean(), readMembersContent: z.boolean() }),
    next: z.array(SeriesEntrySchema),
    past: z.array(
      z.object({
        id,
        title: z.string(),
        startsAt: dateTime(),
        endsAt: dateTime(),
        status: z.enum(meetingStatuses),
      }),
    ),
    feedPath: z
      .string()
      .nullable()
      .meta({ description: "The series' secret iCalendar feed path (members only)." }),
  })
  .meta({ id: "MeetingSeriesPage" });

export const MeetingSchema = z
  .object({
    id,
    networkId: id,
    seriesId: id.nullable(),
    occurrenceStart: dateTime().nullable(),
    title: z.string(),
    startsAt: dateTime(),
    endsAt: dateTime(),
    timeZone: TimeZone,
    date: z.iso.date().meta({ description: "Local date in `timeZone`." }),
    startTime: z.string(),
    endTime: z.string(),
    place: z.string(),
    onlineUrl: z.string().nullable(),
    chairPersonId: id.nullable(),
    secretaryPersonId: id.nullable(),
    status: z.enum(meetingStatuses),
    icalSequence: z.int().min(0),
    version,
  })
  .meta({ id: "Meeting" });

const PersonRefSchema = z.object({ id, name: z.string() });

export const AgendaItemSchema = z
  .object({
    id,
    number: z.int().min(1),
    title: z.string(),
    purpose: z.string(),
    plannedMinutes: z.int().nullable(),
    documentLinks: z.array(z.object({ title: z.string(), url: z.string() })),
    responsible: z.array(PersonRefSchema),
    guests: z.array(PersonRefSchema),
  })
  .meta({ id: "AgendaItem" });

export const ParticipantSchema = z
  .object({
    id,
    personId: id,
    name: z.string(),
    title: z.string().nullable(),
    organizationId: id.nullable(),
    organizationName: z.string().nullable(),
    kind: z.enum(participantKinds),
    attendance: z.enum(attendanceStates),
    items: z.array(z.object({ id, number: z.int(), title: z.string() })),
  })
  .meta({ id: "MeetingParticipant" });

export const MeetingPageSchema = z
  .object({
    meeting: MeetingSchema,
    network: z.object({ id, name: z.string(), ownerOrganizationName: z.string() }),
    series: z.object({ id, name: z.string() }).nullable(),
    chair: PersonRefSchema.nullable(),
    secretary: PersonRefSchema.nullable(),
    can: z.object({
      edit: z.boolean(),
      readMembersContent: z.boolean(),
      updateOwnAttendance: z.boolean(),
      readMinutes: z.boolean().meta({
        description: "The minutes can be read (and downloaded as DOCX and PDF) by the caller.",
      }),
    }),
    myPersonId: id.nullable(),
    agenda: z.array(AgendaItemSchema),
    members: z.array(ParticipantSchema),
    guests: z.array(ParticipantSchema),
    openActions: z
      .array(MyActionSchema)
      .meta({ description: "Open actions of the network's earlier meetings, carried over." }),
    nextMeetings: z.array(SeriesEntrySchema),
  })
  .meta({ id: "MeetingPage" });

const tags = ["meetings"];
const editors =
  "Chairs, vice chairs, secretaries, the owning organization's admins and editors, and platform admins.";

export const meetingsEndpoints = [
  defineEndpoint({
    operationId: "listMeetingSeries",
    method: "GET",
    path: "/networks/{id}/series",
    summary: "List a network's meeting series",
    tags,
    auth: "public",
    params: networkParams,
    response: z.array(SeriesSchema),
    problems: ["not_found"],
    handler: ({ db, actor, params }) => listSeries(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "createMeetingSeries",
    method: "POST",
    path: "/networks/{id}/series",
    summary: "Create a meeting series",
    description: `${editors} \`rrule\` is an RFC 5545 RRULE with FREQ DAILY, WEEKLY, MONTHLY or YEARLY.`,
    tags,
    auth: "required",
    params: networkParams,
    body: ZSeriesCreateSchema.meta({ id: "MeetingSeriesCreate" }),
    response: SeriesSchema,
    status: 201,
    problems: ["forbidden", "not_found"],
    location: (created) => `/series/${created.id}`,
    handler: ({ db, actor, params, body }) => createSeries(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "getMeetingSeries",
    method: "GET",
    path: "/series/{id}",
    summary: "Read a series with its next meetings",
    description:
      "The next entries merge planned meetings (moved ones at their new time, cancelled ones marked) with occurrences of the rule not planned yet.",
    tags,
    auth: "public",
    params: seriesParams,
    response: SeriesPageSchema,
    problems: ["not_found"],
    handler: ({ db, actor, params }) => getSeries(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "updateMeetingSeries",
    method: "PATCH",
    path: "/series/{id}",
    summary: "Change a meeting series",
    description: `${editors} Planned meetings keep their own times. Send the \`version\` you read.`,
    tags,
    auth: "required",
    params: seriesParams,
    body: ZSeriesUpdateSchema.meta({ id: "MeetingSeriesUpdate" }),
    response: SeriesSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) => updateSeries(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "renewMeetingSeriesFeed",
    method: "POST",
    path: "/series/{id}/feed-renewal",
    summary: "Replace the series' calendar feed link",
    description: `${editors} The old secret link stops working; the series returned holds the new \`feedPath\`.`,
    tags,
    auth: "required",
    params: seriesParams,
    response: SeriesPageSchema,
    problems: ["forbidden", "not_found"],
    handler: async ({ db, actor, params }) => {
      await renewSeriesFeed(db, actor, params.id);
      return getSeries(db, actor, params.id);
    },
  }),
  defineEndpoint({
    operationId: "listNetworkMeetings",
    method: "GET",
    path: "/networks/{id}/meetings",
    summary: "List a network's meetings",
    description: "Newest first. Readers without members' access get title and time only.",
    tags,
    auth: "public",
    params: networkParams,
    response: z.array(MeetingSchema),
    problems: ["not_found"],
    handler: ({ db, actor, params }) => listMeetings(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "planMeeting",
    method: "POST",
    path: "/meetings",
    summary: "Plan a meeting",
    description: `${editors} Either an occurrence of a series (\`seriesId\` + \`occurrenceStart\`) or a single meeting (\`networkId\`, \`title\`, \`date\`, \`startTime\`, \`endTime\`). Every current member is invited unless \`inviteMembers\` is false.`,
    tags,
    auth: "required",
    body: ZMeetingPlanSchema.meta({ id: "MeetingPlan" }),
    response: MeetingSchema,
    status: 201,
    problems: ["forbidden", "not_found", "conflict"],
    location: (created) => `/meetings/${created.id}`,
    handler: ({ db, actor, body }) => planMeeting(db, actor, body),
  }),
  defineEndpoint({
    operationId: "getMeeting",
    method: "GET",
    path: "/meetings/{id}",
    summary: "Read a meeting",
    description:
      "The meeting page's data. On public networks the public gets title and time only; agenda, participants and open actions need members' access.",
    tags,
    auth: "public",
    params: meetingParams,
    response: MeetingPageSchema,
    problems: ["not_found"],
    handler: ({ db, actor, params }) => getMeeting(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "updateMeeting",
    method: "PATCH",
    path: "/meetings/{id}",
    summary: "Move or change a meeting",
    description: `${editors} Date and times are local to the meeting's time zone. Send the \`version\` you read; a stale one is refused with 409.`,
    tags,
    auth: "required",
    params: meetingParams,
    body: ZMeetingUpdateSchema.meta({ id: "MeetingUpdate" }),
    response: MeetingSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) => updateMeeting(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "cancelMeeting",
    method: "POST",
    path: "/meetings/{id}/cancel",
    summary: "Cancel a meeting",
    description: `${editors} The meeting stays, marked cancelled; the series goes on.`,
    tags,
    auth: "required",
    params: meetingParams,
    body: ZMeetingCancelSchema.meta({ id: "MeetingCancel" }),
    response: MeetingSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) => cancelMeeting(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "listAgendaItems",
    method: "GET",
    path: "/meetings/{id}/agenda-items",
    summary: "List a meeting's agenda",
    description: "Members' content.",
    tags,
    auth: "public",
    params: meetingParams,
    response: z.array(AgendaItemSchema),
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params }) => listAgenda(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "createAgendaItem",
    method: "POST",
    path: "/meetings/{id}/agenda-items",
    summary: "Add an agenda item",
    description: `${editors} Guests of the item become guests of the meeting.`,
    tags,
    auth: "required",
    params: meetingParams,
    body: ZAgendaItemCreateSchema.meta({ id: "AgendaItemCreate" }),
    response: AgendaItemSchema,
    status: 201,
    problems: ["forbidden", "not_found"],
    location: (item, params) => `/meetings/${params.id}/agenda-items/${item.id}`,
    handler: ({ db, actor, params, body }) => createAgendaItem(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "updateAgendaItem",
    method: "PATCH",
    path: "/meetings/{id}/agenda-items/{itemId}",
    summary: "Change an agenda item",
    tags,
    auth: "required",
    params: itemParams,
    body: ZAgendaItemUpdateSchema.meta({ id: "AgendaItemUpdate" }),
    response: AgendaItemSchema,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params, body }) =>
      updateAgendaItem(db, actor, params.id, params.itemId, body),
  }),
  defineEndpoint({
    operationId: "deleteAgendaItem",
    method: "DELETE",
    path: "/meetings/{id}/agenda-items/{itemId}",
    summary: "Delete an agenda item",
    description: "The other items are renumbered.",
    tags,
    auth: "required",
    params: itemParams,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params }) => deleteAgendaItem(db, actor, params.id, params.itemId),
  }),
  defineEndpoint({
    operationId: "moveAgendaItem",
    method: "POST",
    path: "/meetings/{id}/agenda-items/{itemId}/move",
    summary: "Reorder the agenda",
    description:
      "Moves an item one step (`direction`: up or down) or to a 1-based `position`; the agenda is renumbered. Answers the whole agenda.",
    tags,
    auth: "required",
    params: itemParams,
    body: ZAgendaMoveSchema.meta({ id: "AgendaItemMove" }),
    response: z.array(AgendaItemSchema),
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params, body }) =>
      moveAgendaItem(db, actor, params.id, params.itemId, body),
  }),
  defineEndpoint({
    operationId: "listMeetingParticipants",
    method: "GET",
    path: "/meetings/{id}/participants",
    summary: "List participants with attendance",
    description: "Members' content. Members first, then guests with the items they come for.",
    tags,
    auth: "public",
    params: meetingParams,
    response: z.array(ParticipantSchema),
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params }) => listParticipants(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "addMeetingParticipant",
    method: "POST",
    path: "/meetings/{id}/participants",
    summary: "Add a participant",
    description: `${editors} A person from the directory, a guest unless \`kind\` is member.`,
    tags,
    auth: "required",
    params: meetingParams,
    body: ZParticipantAddSchema.meta({ id: "MeetingParticipantAdd" }),
    response: z.array(ParticipantSchema),
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params, body }) => addParticipant(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "removeMeetingParticipant",
    method: "DELETE",
    path: "/meetings/{id}/participants/{personId}",
    summary: "Remove a participant",
    tags,
    auth: "required",
    params: personParams,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params }) => removeParticipant(db, actor, params.id, params.personId),
  }),
  defineEndpoint({
    operationId: "updateMeetingAttendance",
    method: "PATCH",
    path: "/meetings/{id}/attendance",
    summary: "Record attendance",
    description:
      "Editors set anyone's attendance; a member sets only their own. Every person must be a participant. Send with each entry the answer you read as `previous`: an entry equal to it is not written, and one whose stored answer changed since is not overwritten — the other entries are saved and the answer is 409, naming the people whose answer was kept.",
    tags,
    auth: "required",
    params: meetingParams,
    body: ZAttendanceUpdateSchema.meta({ id: "MeetingAttendanceUpdate" }),
    response: z.array(ParticipantSchema),
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) => updateAttendance(db, actor, params.id, body),
  }),
];
