// The /api/v1 endpoints of networks: networks, members and seat rules. Thin: the input schemas
// are the forms' and the service's (schemas.ts); permissions live in the service.
import { z } from "zod";
import {
  dateTime,
  defineEndpoint,
  paginated,
  uuidParams,
  versionField,
} from "../../platform/api/endpoint.ts";
import { ApiProblem } from "../../platform/api/problem.ts";
import { countries, organizationKinds } from "../directory/schema.ts";
import { memberRoles, networkVisibilities } from "./schema.ts";
import {
  ZMemberCreateSchema,
  ZMemberEndSchema,
  ZMemberListFilterSchema,
  ZMemberUpdateSchema,
  ZNetworkCreateSchema,
  ZNetworkDeleteSchema,
  ZNetworkListFilterSchema,
  ZNetworkUpdateSchema,
  ZSeatRuleCreateSchema,
  ZSeatRuleUpdateSchema,
} from "./schemas.ts";
import {
  addMember,
  addSeatRule,
  createNetwork,
  deleteNetwork,
  endMember,
  getMember,
  getNetwork,
  listMembers,
  listNetworks,
  listSeatRules,
  removeSeatRule,
  SeatLimitError,
  updateMember,
  updateNetwork,
  updateSeatRule,
} from "./service.ts";

const id = z.uuid();
const idParams = uuidParams({ id: "The network's id (a UUID)." });
const memberParams = uuidParams({ id: "The network's id.", memberId: "The membership's id." });
const ruleParams = uuidParams({ id: "The network's id.", ruleId: "The seat rule's id." });

const Visibility = z.enum(networkVisibilities).meta({
  id: "NetworkVisibility",
  description: "`public`: everyone reads the network; `members`: its members and managers only.",
});
const Role = z.enum(memberRoles).meta({
  id: "NetworkMemberRole",
  description: "Chair, vice chair and member take a seat; secretary, adjunct and observer do not.",
});

// ——— Response schemas ———

export const NetworkSchema = z
  .object({
    id,
    name: z.string(),
    description: z.string(),
    ownerOrganizationId: id,
    ownerOrganizationName: z.string(),
    visibility: Visibility,
    version: versionField(),
    createdAt: dateTime(),
    updatedAt: dateTime(),
  })
  .meta({ id: "Network" });

export const NetworkSummarySchema = z
  .object({
    id,
    name: z.string(),
    description: z.string(),
    visibility: Visibility,
    ownerOrganizationId: id,
    ownerOrganizationName: z.string(),
    memberCount: z.int().min(0).meta({ description: "Current members." }),
  })
  .meta({ id: "NetworkSummary" });

export const NetworkMemberSchema = z
  .object({
    id,
    networkId: id,
    personId: id,
    name: z.string(),
    title: z.string().nullable(),
    organizationId: id,
    organizationName: z.string(),
    role: Role,
    startDate: z.iso.date(),
    endDate: z.iso.date().nullable().meta({ description: "Null while the membership lasts." }),
    current: z.boolean(),
  })
  .meta({ id: "NetworkMember" });

export const SeatRuleSchema = z
  .object({
    id,
    organizationId: id.nullable(),
    organizationName: z.string().nullable(),
    organizationKind: z.enum(organizationKinds).nullable(),
    country: z.enum(countries).nullable(),
    seats: z.int().min(0),
  })
  .meta({ id: "NetworkSeatRule" });

export const SeatOverviewSchema = z
  .object({
    rules: z.array(SeatRuleSchema),
    seats: z.array(
      z.object({
        organization: z.object({
          id,
          name: z.string(),
          kind: z.enum(organizationKinds),
          country: z.enum(countries),
        }),
        seats: z.int().min(0),
        filled: z.int().min(0),
        empty: z.int().min(0),
        over: z.int().min(0),
      }),
    ),
  })
  .meta({ id: "NetworkSeats" });

const NetworkCreate = ZNetworkCreateSchema.meta({ id: "NetworkCreate" });
const NetworkUpdate = ZNetworkUpdateSchema.meta({ id: "NetworkUpdate" });
const MemberCreate = ZMemberCreateSchema.meta({ id: "NetworkMemberCreate" });
const MemberUpdate = ZMemberUpdateSchema.meta({ id: "NetworkMemberUpdate" });
const MemberEnd = ZMemberEndSchema.meta({ id: "NetworkMemberEnd" });
const SeatRuleCreate = ZSeatRuleCreateSchema.meta({ id: "NetworkSeatRuleCreate" });
const SeatRuleUpdate = ZSeatRuleUpdateSchema.meta({ id: "NetworkSeatRuleUpdate" });

const tags = ["networks"];

/** A refusal over the seats, with the organization and its seats in the message. */
async function withSeatProblem<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SeatLimitError) {
      throw new ApiProblem("conflict", error.message, error.params);
    }
    throw error;
  }
}

export const networksEndpoints = [
  defineEndpoint({
    operationId: "listNetworks",
    method: "GET",
    path: "/networks",
    summary: "List networks",
    description:
      "Public networks for everyone; members-only networks for their current members and the owning organization's admins and editors. `q` matches the name and the description.",
    tags,
    auth: "public",
    query: ZNetworkListFilterSchema,
    response: paginated(NetworkSummarySchema),
    paginated: true,
    handler: ({ db, actor, query }) => listNetworks(db, actor, query),
  }),
  defineEndpoint({
    operationId: "getNetwork",
    method: "GET",
    path: "/networks/{id}",
    summary: "Read a network",
    tags,
    auth: "public",
    params: idParams,
    response: NetworkSchema,
    problems: ["not_found"],
    handler: async ({ db, actor, params }) => (await getNetwork(db, actor, params.id)).network,
  }),
  defineEndpoint({
    operationId: "createNetwork",
    method: "POST",
    path: "/networks",
    summary: "Create a network",
    description:
      "Admins and editors of the owning organization (or of an organization above it) and platform admins.",
    tags,
    auth: "required",
    body: NetworkCreate,
    response: NetworkSchema,
    status: 201,
    problems: ["forbidden"],
    location: (created) => `/networks/${created.id}`,
    handler: ({ db, actor, body }) => createNetwork(db, actor, body),
  }),
  defineEndpoint({
    operationId: "updateNetwork",
    method: "PATCH",
    path: "/networks/{id}",
    summary: "Change a network",
    description:
      "Chairs, vice chairs, secretaries and the owner's managers. Send the `version` you read; a stale one is refused with 409.",
    tags,
    auth: "required",
    params: idParams,
    body: NetworkUpdate,
    response: NetworkSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) => updateNetwork(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "deleteNetwork",
    method: "DELETE",
    path: "/networks/{id}",
    summary: "Delete a network",
    description:
      "The owning organization's admins and editors, and platform admins. Members, seat rules and meetings go with it.",
    tags,
    auth: "required",
    params: idParams,
    query: ZNetworkDeleteSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, query }) => deleteNetwork(db, actor, params.id, query),
  }),
  defineEndpoint({
    operationId: "listNetworkMembers",
    method: "GET",
    path: "/networks/{id}/members",
    summary: "List a network's members",
    description: "Current and upcoming memberships; `includeEnded=true` adds the history.",
    tags,
    auth: "public",
    params: idParams,
    query: ZMemberListFilterSchema,
    response: z.array(NetworkMemberSchema),
    problems: ["not_found"],
    handler: ({ db, actor, params, query }) => listMembers(db, actor, params.id, query),
  }),
  defineEndpoint({
    operationId: "getNetworkMember",
    method: "GET",
    path: "/networks/{id}/members/{memberId}",
    summary: "Read a membership",
    tags,
    auth: "public",
    params: memberParams,
    response: NetworkMemberSchema,
    problems: ["not_found"],
    handler: ({ db, actor, params }) => getMember(db, actor, params.id, params.memberId),
  }),
  defineEndpoint({
    operationId: "addNetworkMember",
    method: "POST",
    path: "/networks/{id}/members",
    summary: "Add a member",
    description:
      "Chairs, vice chairs, secretaries and the owner's managers. A seat-holding role (chair, vice chair, member) beyond the organization's seats is refused with 409.",
    tags,
    auth: "required",
    params: idParams,
    body: MemberCreate,
    response: NetworkMemberSchema,
    status: 201,
    problems: ["forbidden", "not_found", "conflict"],
    location: (member, params) => `/networks/${params.id}/members/${member.id}`,
    handler: ({ db, actor, params, body }) =>
      withSeatProblem(() => addMember(db, actor, params.id, body)),
  }),
  defineEndpoint({
    operationId: "updateNetworkMember",
    method: "PATCH",
    path: "/networks/{id}/members/{memberId}",
    summary: "Change a member's role or dates",
    description:
      "A new role for a membership that began before today starts a new membership from today (returned, with its own id); the old role ends yesterday and stays in the history. Dates, and a role set before the membership began, are corrected in place.",
    tags,
    auth: "required",
    params: memberParams,
    body: MemberUpdate,
    response: NetworkMemberSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) =>
      withSeatProblem(() => updateMember(db, actor, params.id, params.memberId, body)),
  }),
  defineEndpoint({
    operationId: "endNetworkMember",
    method: "POST",
    path: "/networks/{id}/members/{memberId}/end",
    summary: "End a membership",
    description: "Sets the end date (today unless given); the membership stays in the history.",
    tags,
    auth: "required",
    params: memberParams,
    body: MemberEnd,
    response: NetworkMemberSchema,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params, body }) =>
      endMember(db, actor, params.id, params.memberId, body),
  }),
  defineEndpoint({
    operationId: "listNetworkSeats",
    method: "GET",
    path: "/networks/{id}/seats",
    summary: "Seat rules and seat overview",
    description:
      "The rules, and for each organization a rule covers: its seats, how many are filled today and how many are empty.",
    tags,
    auth: "public",
    params: idParams,
    response: SeatOverviewSchema,
    problems: ["not_found"],
    handler: ({ db, actor, params }) => listSeatRules(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "addNetworkSeatRule",
    method: "POST",
    path: "/networks/{id}/seat-rules",
    summary: "Add a seat rule",
    description:
      "For one organization (`organizationId`) or a kind of organization (`organizationKind`, optionally `country`). A rule naming an organization wins over its kind's rule.",
    tags,
    auth: "required",
    params: idParams,
    body: SeatRuleCreate,
    response: SeatRuleSchema,
    status: 201,
    problems: ["forbidden", "not_found"],
    location: (rule, params) => `/networks/${params.id}/seat-rules/${rule.id}`,
    handler: ({ db, actor, params, body }) => addSeatRule(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "updateNetworkSeatRule",
    method: "PATCH",
    path: "/networks/{id}/seat-rules/{ruleId}",
    summary: "Change a seat rule's number of seats",
    tags,
    auth: "required",
    params: ruleParams,
    body: SeatRuleUpdate,
    response: SeatRuleSchema,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params, body }) =>
      updateSeatRule(db, actor, params.id, params.ruleId, body),
  }),
  defineEndpoint({
    operationId: "removeNetworkSeatRule",
    method: "DELETE",
    path: "/networks/{id}/seat-rules/{ruleId}",
    summary: "Remove a seat rule",
    tags,
    auth: "required",
    params: ruleParams,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params }) => removeSeatRule(db, actor, params.id, params.ruleId),
  }),
];
