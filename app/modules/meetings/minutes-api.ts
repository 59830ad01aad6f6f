// The /api/v1 endpoints of minutes and actions. Thin: same schemas and services as the pages.
import { z } from "zod";
import { dateTime, defineEndpoint, uuidParams } from "../../platform/api/endpoint.ts";
import { ApiProblem, ProblemSchema } from "../../platform/api/problem.ts";
import {
  createAction,
  getAction,
  listMeetingActions,
  listMyActions,
  updateAction,
} from "./actions.ts";
import { fieldDifferences, itemFields } from "./minutes-rules.ts";
import {
  changeStatus,
  getMinutes,
  getVersion,
  isMinutesConflict,
  listVersions,
  saveMinutes,
  setVisibility,
} from "./minutes.ts";
import {
  ZActionCreateSchema,
  ZActionUpdateSchema,
  ZMinutesContentSchema,
  ZMinutesSaveSchema,
  ZMinutesStatusSchema,
  ZMinutesVisibilitySchema,
} from "./minutes-schemas.ts";
import { actionStatuses, minutesStatuses, minutesVisibilities } from "./schema.ts";

const id = z.uuid();
const meetingParams = uuidParams({ id: "The meeting's id." });
const actionParams = uuidParams({ id: "The action's id." });
const versionParams = z.strictObject({
  id: z.uuid().meta({ description: "The meeting's id." }),
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .meta({ description: "The version's number, from 1." }),
});
const tags = ["Minutes"];
const editors =
  "Chairs, vice chairs and secretaries of the network and the owning organization's admins and editors.";

const MinutesSchema = z
  .object({
    meetingId: id,
    status: z.enum(minutesStatuses),
    visibility: z.enum(minutesVisibilities),
    content: ZMinutesContentSchema,
    version: z.int().meta({ description: "Send it back as `baseVersion` / `version`." }),
    publishedAt: dateTime().nullable(),
    updatedAt: dateTime().nullable(),
    exists: z.boolean(),
    can: z.object({ edit: z.boolean() }),
  })
  .meta({ id: "MeetingMinutes" });

const VersionSchema = z
  .object({
    version: z.int(),
    status: z.enum(minutesStatuses),
    savedByLabel: z.string(),
    savedAt: dateTime(),
  })
  .meta({ id: "MeetingMinutesVersion" });

const VersionWithContentSchema = VersionSchema.extend({ content: ZMinutesContentSchema }).meta({
  id: "MeetingMinutesVersionContent",
});

const ActionSchema = z
  .object({
    id,
    networkId: id,
    meetingId: id,
    agendaItemId: id.nullable(),
    title: z.string(),
    ownerPersonId: id.nullable(),
    ownerName: z.string().nullable(),
    dueDate: z.iso.date().nullable(),
    status: z.enum(actionStatuses),
    version: z.int(),
  })
  .meta({ id: "MeetingAction" });

export const MyActionSchema = ActionSchema.extend({
  meetingTitle: z.string(),
  meetingStartsAt: dateTime(),
  meetingTimeZone: z.string(),
  networkName: z.string(),
}).meta({ id: "MyMeetingAction" });

const MinutesConflictSchema = ProblemSchema.extend({
  currentVersion: z.int().meta({
    description: "The version saved now: send it as `baseVersion` with the resolved content.",
  }),
  baseVersion: z.int().meta({ description: "The version the refused save started from." }),
  differences: z
    .array(
      z
        .object({
          itemId: id,
          field: z.enum(itemFields),
          current: z.string().meta({
            description: "The field's saved text now; lists as one entry per line.",
          }),
          merged: z.string().meta({
            description: "The three-way merge of your text into the saved one; lists as lines.",
          }),
          conflict: z.boolean().meta({
            description:
              "Both sides changed the same lines: `merged` holds both versions, yours first. Resolve by hand.",
          }),
        })
        .meta({ id: "MeetingMinutesFieldDifference" }),
    )
    .meta({ description: "Every field where your text and the saved text differ." }),
  merged: ZMinutesContentSchema.meta({
    description:
      "The whole merged content, ready to save with `baseVersion: currentVersion` once any field marked `conflict` is resolved.",
  }),
}).meta({
  id: "MeetingMinutesConflict",
  description:
    "A save refused because someone saved since `baseVersion` (409), with what is needed to merge.",
});

/** A save that was behind: 409 with the current version, the differing fields and the merge. */
async function withMergeProblem<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isMinutesConflict(error)) throw error;
    const { details } = error;
    const merge = { content: details.mergedContent, conflicts: details.conflicts };
    throw new ApiProblem(
      "conflict",
      error.message,
      error.params,
      [],
      {},
      {
        currentVersion: details.currentVersion,
        baseVersion: details.baseVersion,
        differences: fieldDifferences(details.mineContent, details.currentContent, merge),
        merged: details.mergedContent,
      },
    );
  }
}

export const minutesEndpoints = [
  defineEndpoint({
    operationId: "getMeetingMinutes",
    method: "GET",
    path: "/meetings/{id}/minutes",
    summary: "Read a meeting's minutes",
    description:
      "Drafts: editors only. In review and approved: members. Published: per visibility. Otherwise 404.",
    tags,
    auth: "public",
    params: meetingParams,
    response: MinutesSchema,
    problems: ["not_found"],
    handler: ({ db, actor, params }) => getMinutes(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "saveMeetingMinutes",
    method: "PUT",
    path: "/meetings/{id}/minutes",
    summary: "Save a meeting's minutes text",
    description: `${editors} \`baseVersion\` is the version you started from; when someone saved since, the save is refused with 409 and the problem carries \`currentVersion\`, the fields that differ (\`differences\`) and the proposed three-way merge (\`merged\`): resolve the fields marked \`conflict\` and save against \`currentVersion\`. Only drafts and minutes in review can be saved: approved or published minutes answer 409 until they are moved back to draft.`,
    tags,
    auth: "required",
    params: meetingParams,
    body: ZMinutesSaveSchema.meta({ id: "MeetingMinutesSave" }),
    response: MinutesSchema,
    problems: ["forbidden", "not_found", "conflict"],
    problemSchemas: { conflict: MinutesConflictSchema },
    handler: ({ db, actor, params, body }) =>
      withMergeProblem(() => saveMinutes(db, actor, { meetingId: params.id, ...body })),
  }),
  defineEndpoint({
    operationId: "changeMeetingMinutesStatus",
    method: "POST",
    path: "/meetings/{id}/minutes/status",
    summary: "Move the minutes through the workflow",
    description: `${editors} draft → in_review → approved → published; back to draft from in_review, approved or published (unpublishing them). Publishing mails the participants.`,
    tags,
    auth: "required",
    params: meetingParams,
    body: ZMinutesStatusSchema.meta({ id: "MeetingMinutesStatus" }),
    response: MinutesSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      changeStatus(db, actor, { meetingId: params.id, ...body }),
  }),
  defineEndpoint({
    operationId: "setMeetingMinutesVisibility",
    method: "POST",
    path: "/meetings/{id}/minutes/visibility",
    summary: "Set who reads the minutes once published",
    description: editors,
    tags,
    auth: "required",
    params: meetingParams,
    body: ZMinutesVisibilitySchema.meta({ id: "MeetingMinutesVisibility" }),
    response: MinutesSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      setVisibility(db, actor, { meetingId: params.id, ...body }),
  }),
  defineEndpoint({
    operationId: "listMeetingMinutesVersions",
    method: "GET",
    path: "/meetings/{id}/minutes/versions",
    summary: "List the saved versions of the minutes",
    description: `${editors} Newest first.`,
    tags,
    auth: "required",
    params: meetingParams,
    response: z.array(VersionSchema),
    problems: ["not_found"],
    handler: ({ db, actor, params }) => listVersions(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "getMeetingMinutesVersion",
    method: "GET",
    path: "/meetings/{id}/minutes/versions/{version}",
    summary: "Read one saved version of the minutes, with its text",
    description: `${editors} Versions include drafts, so they are for editors only, as on the versions page.`,
    tags,
    auth: "required",
    params: versionParams,
    response: VersionWithContentSchema,
    problems: ["not_found"],
    handler: async ({ db, actor, params }) =>
      (await getVersion(db, actor, params.id, params.version)).version,
  }),
  defineEndpoint({
    operationId: "listMeetingActions",
    method: "GET",
    path: "/meetings/{id}/actions",
    summary: "List the actions of a meeting",
    description:
      "In creation order. For the network's members (and the owner's managers), and for everyone who may read the meeting's minutes (published public minutes list their actions). Otherwise 404.",
    tags,
    auth: "public",
    params: meetingParams,
    response: z.array(ActionSchema),
    problems: ["not_found"],
    handler: ({ db, actor, params }) => listMeetingActions(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "getAction",
    method: "GET",
    path: "/actions/{id}",
    summary: "Read an action",
    description:
      "For its owner (also a guest or a former member), and for those who may read the actions of its meeting. Otherwise 404.",
    tags,
    auth: "public",
    params: actionParams,
    response: ActionSchema,
    problems: ["not_found"],
    handler: ({ db, actor, params }) => getAction(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "listMyActions",
    method: "GET",
    path: "/actions",
    summary: "List my open actions",
    description: "The caller's open and in-progress actions, soonest due first.",
    tags,
    auth: "required",
    response: z.array(MyActionSchema),
    handler: ({ db, actor }) => listMyActions(db, actor),
  }),
  defineEndpoint({
    operationId: "createAction",
    method: "POST",
    path: "/actions",
    summary: "Create an action at a meeting",
    description: `${editors} The owner is told by mail.`,
    tags,
    auth: "required",
    body: ZActionCreateSchema.meta({ id: "MeetingActionCreate" }),
    response: ActionSchema,
    status: 201,
    problems: ["forbidden", "not_found"],
    location: (action) => `/actions/${action.id}`,
    handler: ({ db, actor, body }) => createAction(db, actor, body),
  }),
  defineEndpoint({
    operationId: "updateAction",
    method: "PATCH",
    path: "/actions/{id}",
    summary: "Change an action",
    description: `${editors} change any field; the action's owner changes its status only. Send the \`version\` you read.`,
    tags,
    auth: "required",
    params: actionParams,
    body: ZActionUpdateSchema.meta({ id: "MeetingActionUpdate" }),
    response: ActionSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) => updateAction(db, actor, params.id, body),
  }),
];
