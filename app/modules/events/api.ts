// The /api/v1 endpoints of the organizing side of events: events, their status, rooms, tracks,
// organizers and partners, committee members, speakers, sessions and the program. Thin: the
// input schemas are the forms' and the service's (schemas.ts); permissions live in the service.
import { z } from "zod";
import { dateTime, defineEndpoint, paginated, versionField } from "../../platform/api/endpoint.ts";
import { timeZones } from "../directory/schema.ts";
import { editors, eventParams, eventPartParams, withMessageParams } from "./api-shared.ts";
import {
  committeeKinds,
  committeeRoles,
  eventCurrencies,
  eventKinds,
  eventLanguages,
  eventOrganizationRoles,
  eventStatuses,
  sessionKinds,
  sessionPersonRoles,
} from "./schema.ts";
import * as schemas from "./schemas.ts";
import * as service from "./service.ts";

const id = z.uuid();
const roomParams = eventPartParams({ roomId: "The room's id." });
const trackParams = eventPartParams({ trackId: "The track's id." });
const speakerParams = eventPartParams({ speakerId: "The speaker's id." });
const sessionParams = eventPartParams({ sessionId: "The session's id." });
const organizationParams = eventPartParams({ rowId: "The organizer's or partner's row id." });
const memberParams = eventPartParams({ memberId: "The committee membership's id." });

const version = versionField();

// ——— Response schemas ———

export const EventSchema = z
  .object({
    id,
    kind: z.enum(eventKinds),
    name: z.string(),
    description: z.string(),
    startDate: z.iso.date(),
    endDate: z.iso.date(),
    timeZone: z.enum(timeZones),
    language: z.enum(eventLanguages),
    currency: z.enum(eventCurrencies),
    venueName: z.string(),
    venueAddress: z.string(),
    status: z.enum(eventStatuses).meta({
      description:
        "`draft`: organizers and committee members only; `published` and `cancelled`: public.",
    }),
    capacity: z.int().min(1).nullable(),
    retentionDate: z.iso.date().nullable(),
    mcSpeakerId: id.nullable().meta({ description: "The MC, one of the event's speakers." }),
    version,
    createdAt: dateTime(),
    updatedAt: dateTime(),
  })
  .meta({ id: "Event" });

export const EventSummarySchema = z
  .object({
    id,
    kind: z.enum(eventKinds),
    name: z.string(),
    startDate: z.iso.date(),
    endDate: z.iso.date(),
    venueName: z.string(),
    status: z.enum(eventStatuses),
    organizers: z.array(z.string()).meta({ description: "Lead organizers' names, in order." }),
  })
  .meta({ id: "EventSummary" });

const RoomSchema = z
  .object({
    id,
    name: z.string(),
    capacity: z.int().min(1).nullable(),
    position: z.int().min(0),
    version,
  })
  .meta({ id: "EventRoom" });

const TrackSchema = z
  .object({ id, name: z.string(), position: z.int().min(0), version })
  .meta({ id: "EventTrack" });

const OrganizationSchema = z
  .object({
    id,
    organizationId: id,
    organizationName: z.string(),
    role: z.enum(eventOrganizationRoles),
    position: z.int().min(0),
    version,
  })
  .meta({ id: "EventOrganization" });

const CommitteeMemberSchema = z
  .object({
    id,
    committee: z.enum(committeeKinds),
    personId: id,
    name: z.string(),
    title: z.string().nullable(),
    role: z.enum(committeeRoles),
    showEmail: z.boolean(),
    showPhone: z.boolean(),
    email: z
      .string()
      .nullable()
      .meta({ description: "Null unless shown on the event page, or the reader edits the event." }),
    phone: z.string().nullable(),
    position: z.int().min(0),
    version,
  })
  .meta({ id: "EventCommitteeMember" });

const SpeakerSchema = z
  .object({
    id,
    name: z.string(),
    title: z.string(),
    bio: z.string(),
    organizationId: id.nullable(),
    organizationName: z
      .string()
      .meta({ description: "The directory's name when linked, else the free text." }),
    personId: id.nullable(),
    version,
  })
  .meta({ id: "EventSpeaker" });

const SessionSchema = z
  .object({
    id,
    eventId: id,
    kind: z.enum(sessionKinds),
    title: z.string(),
    abstract: z.string(),
    startsAt: dateTime(),
    endsAt: dateTime(),
    date: z.iso.date().meta({ description: "The day in the event's time zone." }),
    startTime: z.string().meta({ description: "HH:MM in the event's time zone." }),
    endTime: z.string().meta({ description: "HH:MM in the event's time zone." }),
    roomId: id.nullable(),
    roomName: z.string().nullable(),
    trackId: id.nullable(),
    trackName: z.string().nullable(),
    people: z.array(
      z.object({
        speakerId: id,
        name: z.string(),
        title: z.string(),
        organizationName: z.string(),
        role: z.enum(sessionPersonRoles),
      }),
    ),
    version,
  })
  .meta({ id: "EventSession" });

const ProgramSchema = z
  .object({
    days: z.array(
      z.object({
        date: z.iso.date(),
        sessions: z.array(SessionSchema),
      }),
    ),
  })
  .meta({ id: "EventProgram" });

const tags = ["events"];

const organizers =
  "Organizers only: admins and editors of a lead or deputy lead organizer, and platform admins.";

export const eventsEndpoints = [
  // ——— Events ———
  defineEndpoint({
    operationId: "listEvents",
    method: "GET",
    path: "/events",
    summary: "List events",
    description:
      "Published and cancelled events for everyone, drafts for those who edit them. `when`: `upcoming` (default), `past` or `all`; `q` matches name, description and venue.",
    tags,
    auth: "public",
    query: schemas.ZEventListFilterSchema,
    response: paginated(EventSummarySchema),
    paginated: true,
    handler: ({ db, actor, query }) => service.listEvents(db, actor, query),
  }),
  defineEndpoint({
    operationId: "getEvent",
    method: "GET",
    path: "/events/{id}",
    summary: "Read an event",
    tags,
    auth: "public",
    params: eventParams,
    response: EventSchema,
    problems: ["not_found"],
    handler: async ({ db, actor, params }) => (await service.getEvent(db, actor, params.id)).event,
  }),
  defineEndpoint({
    operationId: "createEvent",
    method: "POST",
    path: "/events",
    summary: "Create an event",
    description:
      "A draft, with `leadOrganizationId` as its lead organizer: the caller must be an admin or editor of it (or of an organization above it), or a platform admin.",
    tags,
    auth: "required",
    body: schemas.ZEventCreateSchema.meta({ id: "EventCreate" }),
    response: EventSchema,
    status: 201,
    problems: ["forbidden"],
    location: (created) => `/events/${created.id}`,
    handler: ({ db, actor, body }) => service.createEvent(db, actor, body),
  }),
  defineEndpoint({
    operationId: "updateEvent",
    method: "PATCH",
    path: "/events/{id}",
    summary: "Change an event",
    description: `${editors} Send the \`version\` you read; a stale one is refused with 409.`,
    tags,
    auth: "required",
    params: eventParams,
    body: schemas.ZEventUpdateSchema.meta({ id: "EventUpdate" }),
    response: EventSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) => service.updateEvent(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "changeEventStatus",
    method: "POST",
    path: "/events/{id}/status",
    summary: "Publish, cancel or take an event back to draft",
    description: `${organizers} Version-checked.`,
    tags,
    auth: "required",
    params: eventParams,
    body: schemas.ZEventStatusChangeSchema.meta({ id: "EventStatusChange" }),
    response: EventSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) => service.changeEventStatus(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "deleteEvent",
    method: "DELETE",
    path: "/events/{id}",
    summary: "Delete an event",
    description: `${organizers} Its program, tickets and everything else go with it.`,
    tags,
    auth: "required",
    params: eventParams,
    query: schemas.ZEventDeleteSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, query }) => service.deleteEvent(db, actor, params.id, query),
  }),
  defineEndpoint({
    operationId: "getEventProgram",
    method: "GET",
    path: "/events/{id}/program",
    summary: "The program, per day",
    description:
      "Sessions grouped per day in the event's time zone, filtered by `day`, `trackId` and `kind`.",
    tags,
    auth: "public",
    params: eventParams,
    query: schemas.ZProgramFilterSchema,
    response: ProgramSchema,
    problems: ["not_found"],
    handler: async ({ db, actor, params, query }) => ({
      days: (await service.getProgram(db, actor, params.id, query)).program,
    }),
  }),

  // ——— Rooms ———
  defineEndpoint({
    operationId: "listEventRooms",
    method: "GET",
    path: "/events/{id}/rooms",
    summary: "List an event's rooms",
    tags,
    auth: "public",
    params: eventParams,
    response: z.array(RoomSchema),
    problems: ["not_found"],
    handler: ({ db, actor, params }) => service.listRooms(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "addEventRoom",
    method: "POST",
    path: "/events/{id}/rooms",
    summary: "Add a room",
    description: editors,
    tags,
    auth: "required",
    params: eventParams,
    body: schemas.ZRoomCreateSchema.meta({ id: "EventRoomCreate" }),
    response: RoomSchema,
    status: 201,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params, body }) => service.addRoom(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "updateEventRoom",
    method: "PATCH",
    path: "/events/{id}/rooms/{roomId}",
    summary: "Change a room (name, places, place in the order)",
    description: `${editors} Send the \`version\` you read; a stale one is refused with 409. A pure move (only \`position\`) needs no \`version\`.`,
    tags,
    auth: "required",
    params: roomParams,
    body: schemas.ZRoomUpdateSchema.meta({ id: "EventRoomUpdate" }),
    response: RoomSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      service.updateRoom(db, actor, params.id, params.roomId, body),
  }),
  defineEndpoint({
    operationId: "removeEventRoom",
    method: "DELETE",
    path: "/events/{id}/rooms/{roomId}",
    summary: "Remove a room",
    description: `${editors} Its sessions stay in the program without a room.`,
    tags,
    auth: "required",
    params: roomParams,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params }) => service.removeRoom(db, actor, params.id, params.roomId),
  }),

  // ——— Tracks ———
  defineEndpoint({
    operationId: "listEventTracks",
    method: "GET",
    path: "/events/{id}/tracks",
    summary: "List an event's tracks",
    tags,
    auth: "public",
    params: eventParams,
    response: z.array(TrackSchema),
    problems: ["not_found"],
    handler: ({ db, actor, params }) => service.listTracks(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "addEventTrack",
    method: "POST",
    path: "/events/{id}/tracks",
    summary: "Add a track",
    description: editors,
    tags,
    auth: "required",
    params: eventParams,
    body: schemas.ZTrackCreateSchema.meta({ id: "EventTrackCreate" }),
    response: TrackSchema,
    status: 201,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params, body }) => service.addTrack(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "updateEventTrack",
    method: "PATCH",
    path: "/events/{id}/tracks/{trackId}",
    summary: "Change a track (name, place in the order)",
    description: `${editors} Send the \`version\` you read; a stale one is refused with 409. A pure move (only \`position\`) needs no \`version\`.`,
    tags,
    auth: "required",
    params: trackParams,
    body: schemas.ZTrackUpdateSchema.meta({ id: "EventTrackUpdate" }),
    response: TrackSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      service.updateTrack(db, actor, params.id, params.trackId, body),
  }),
  defineEndpoint({
    operationId: "removeEventTrack",
    method: "DELETE",
    path: "/events/{id}/tracks/{trackId}",
    summary: "Remove a track",
    description: editors,
    tags,
    auth: "required",
    params: trackParams,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params }) => service.removeTrack(db, actor, params.id, params.trackId),
  }),

  // ——— Organizers and partners ———
  defineEndpoint({
    operationId: "listEventOrganizations",
    method: "GET",
    path: "/events/{id}/organizations",
    summary: "List an event's organizers and partners, in order",
    tags,
    auth: "public",
    params: eventParams,
    response: z.array(OrganizationSchema),
    problems: ["not_found"],
    handler: ({ db, actor, params }) => service.listEventOrganizations(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "addEventOrganization",
    method: "POST",
    path: "/events/{id}/organizations",
    summary: "Add an organizer or partner",
    description: organizers,
    tags,
    auth: "required",
    params: eventParams,
    body: schemas.ZEventOrganizationCreateSchema.meta({ id: "EventOrganizationCreate" }),
    response: OrganizationSchema,
    status: 201,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params, body }) =>
      service.addEventOrganization(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "updateEventOrganization",
    method: "PATCH",
    path: "/events/{id}/organizations/{rowId}",
    summary: "Change an organizer's or partner's role or place",
    description: `${organizers} The event keeps at least one lead organizer. Send the \`version\` you read; a stale one is refused with 409. A pure move (only \`position\`) needs no \`version\`.`,
    tags,
    auth: "required",
    params: organizationParams,
    body: schemas.ZEventOrganizationUpdateSchema.meta({ id: "EventOrganizationUpdate" }),
    response: OrganizationSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      service.updateEventOrganization(db, actor, params.id, params.rowId, body),
  }),
  defineEndpoint({
    operationId: "removeEventOrganization",
    method: "DELETE",
    path: "/events/{id}/organizations/{rowId}",
    summary: "Remove an organizer or partner",
    description: `${organizers} The last lead organizer stays.`,
    tags,
    auth: "required",
    params: organizationParams,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params }) =>
      service.removeEventOrganization(db, actor, params.id, params.rowId),
  }),

  // ——— Committees ———
  defineEndpoint({
    operationId: "listEventCommitteeMembers",
    method: "GET",
    path: "/events/{id}/committee-members",
    summary: "List the program and organizing committees' members",
    description:
      "Contact details as the organizer chose to show them; all of them for those who edit the event.",
    tags,
    auth: "public",
    params: eventParams,
    response: z.array(CommitteeMemberSchema),
    problems: ["not_found"],
    handler: ({ db, actor, params }) => service.listCommitteeMembers(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "addEventCommitteeMember",
    method: "POST",
    path: "/events/{id}/committee-members",
    summary: "Add a committee member",
    description: `${organizers} Committee members edit the event.`,
    tags,
    auth: "required",
    params: eventParams,
    body: schemas.ZCommitteeMemberCreateSchema.meta({ id: "EventCommitteeMemberCreate" }),
    response: CommitteeMemberSchema,
    status: 201,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params, body }) =>
      service.addCommitteeMember(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "updateEventCommitteeMember",
    method: "PATCH",
    path: "/events/{id}/committee-members/{memberId}",
    summary: "Change a committee member's role, shown contact details or place",
    description: `${organizers} Send the \`version\` you read; a stale one is refused with 409. A pure move (only \`position\`) needs no \`version\`.`,
    tags,
    auth: "required",
    params: memberParams,
    body: schemas.ZCommitteeMemberUpdateSchema.meta({ id: "EventCommitteeMemberUpdate" }),
    response: CommitteeMemberSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      service.updateCommitteeMember(db, actor, params.id, params.memberId, body),
  }),
  defineEndpoint({
    operationId: "removeEventCommitteeMember",
    method: "DELETE",
    path: "/events/{id}/committee-members/{memberId}",
    summary: "Remove a committee member",
    description: organizers,
    tags,
    auth: "required",
    params: memberParams,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params }) =>
      service.removeCommitteeMember(db, actor, params.id, params.memberId),
  }),

  // ——— Speakers ———
  defineEndpoint({
    operationId: "listEventSpeakers",
    method: "GET",
    path: "/events/{id}/speakers",
    summary: "List an event's speakers",
    tags,
    auth: "public",
    params: eventParams,
    response: z.array(SpeakerSchema),
    problems: ["not_found"],
    handler: ({ db, actor, params }) => service.listSpeakers(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "getEventSpeaker",
    method: "GET",
    path: "/events/{id}/speakers/{speakerId}",
    summary: "Read a speaker",
    tags,
    auth: "public",
    params: speakerParams,
    response: SpeakerSchema,
    problems: ["not_found"],
    handler: ({ db, actor, params }) => service.getSpeaker(db, actor, params.id, params.speakerId),
  }),
  defineEndpoint({
    operationId: "addEventSpeaker",
    method: "POST",
    path: "/events/{id}/speakers",
    summary: "Add a speaker",
    description: `${editors} The organization is one of the directory (\`organizationId\`) or free text (\`organizationName\`).`,
    tags,
    auth: "required",
    params: eventParams,
    body: schemas.ZSpeakerCreateSchema.meta({ id: "EventSpeakerCreate" }),
    response: SpeakerSchema,
    status: 201,
    problems: ["forbidden", "not_found"],
    location: (speaker, params) => `/events/${params.id}/speakers/${speaker.id}`,
    handler: ({ db, actor, params, body }) => service.addSpeaker(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "updateEventSpeaker",
    method: "PATCH",
    path: "/events/{id}/speakers/{speakerId}",
    summary: "Change a speaker",
    description: `${editors} Send the \`version\` you read; a stale one is refused with 409.`,
    tags,
    auth: "required",
    params: speakerParams,
    body: schemas.ZSpeakerUpdateSchema.meta({ id: "EventSpeakerUpdate" }),
    response: SpeakerSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      service.updateSpeaker(db, actor, params.id, params.speakerId, body),
  }),
  defineEndpoint({
    operationId: "removeEventSpeaker",
    method: "DELETE",
    path: "/events/{id}/speakers/{speakerId}",
    summary: "Remove a speaker",
    description: `${editors} They leave every session (and the MC's place).`,
    tags,
    auth: "required",
    params: speakerParams,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params }) =>
      service.removeSpeaker(db, actor, params.id, params.speakerId),
  }),

  // ——— Sessions ———
  defineEndpoint({
    operationId: "listEventSessions",
    method: "GET",
    path: "/events/{id}/sessions",
    summary: "List an event's sessions in time order",
    tags,
    auth: "public",
    params: eventParams,
    response: z.array(SessionSchema),
    problems: ["not_found"],
    handler: ({ db, actor, params }) => service.listSessions(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "getEventSession",
    method: "GET",
    path: "/events/{id}/sessions/{sessionId}",
    summary: "Read a session",
    tags,
    auth: "public",
    params: sessionParams,
    response: SessionSchema,
    problems: ["not_found"],
    handler: async ({ db, actor, params }) =>
      (await service.getSession(db, actor, params.id, params.sessionId)).session,
  }),
  defineEndpoint({
    operationId: "createEventSession",
    method: "POST",
    path: "/events/{id}/sessions",
    summary: "Add a session to the program",
    description: `${editors} \`date\`, \`startTime\` and \`endTime\` are in the event's time zone. A room already booked at an overlapping time, or a speaker, panelist or moderator already in another session then, is refused with 409 naming the clashing session.`,
    tags,
    auth: "required",
    params: eventParams,
    body: schemas.ZSessionCreateSchema.meta({ id: "EventSessionCreate" }),
    response: SessionSchema,
    status: 201,
    problems: ["forbidden", "not_found", "conflict"],
    location: (session, params) => `/events/${params.id}/sessions/${session.id}`,
    handler: ({ db, actor, params, body }) =>
      withMessageParams(() => service.createSession(db, actor, params.id, body)),
  }),
  defineEndpoint({
    operationId: "updateEventSession",
    method: "PATCH",
    path: "/events/{id}/sessions/{sessionId}",
    summary: "Change a session",
    description: `${editors} Version-checked; the same clash checks as adding. A list of people given replaces that role's people.`,
    tags,
    auth: "required",
    params: sessionParams,
    body: schemas.ZSessionUpdateSchema.meta({ id: "EventSessionUpdate" }),
    response: SessionSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      withMessageParams(() => service.updateSession(db, actor, params.id, params.sessionId, body)),
  }),
  defineEndpoint({
    operationId: "deleteEventSession",
    method: "DELETE",
    path: "/events/{id}/sessions/{sessionId}",
    summary: "Delete a session",
    description: editors,
    tags,
    auth: "required",
    params: sessionParams,
    query: schemas.ZSessionDeleteSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, query }) =>
      service.deleteSession(db, actor, params.id, params.sessionId, query),
  }),
];
