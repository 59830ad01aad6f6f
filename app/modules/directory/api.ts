// The directory's /api/v1 endpoints: organizations and people. Thin: the input schemas are the
// ones the forms and the service use (schemas.ts), permissions live in the service, and the
// response schemas below say what goes on the wire.
import { z } from "zod";
import {
  dateTime,
  defineEndpoint,
  paginated,
  uuidParams,
  versionField,
} from "../../platform/api/endpoint.ts";
import {
  ZAffiliationCreateSchema,
  ZAffiliationUpdateSchema,
  ZCountrySchema,
  ZDeleteSchema,
  ZOrganizationCreateSchema,
  ZOrganizationKindSchema,
  ZOrganizationListFilterSchema,
  ZOrganizationUpdateSchema,
  ZPersonCreateSchema,
  ZPersonListFilterSchema,
  ZPersonUpdateSchema,
  ZTimeZoneSchema,
} from "./schemas.ts";
import {
  addAffiliation,
  createOrganization,
  createPerson,
  deleteOrganization,
  deletePerson,
  getOrganization,
  getPersonOverview,
  listOrganizations,
  listPeople,
  removeAffiliation,
  updateAffiliation,
  updateOrganization,
  updatePerson,
} from "./service.ts";
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";

// Shared enums become named components, in the request and the response schemas alike.
z.globalRegistry.add(ZOrganizationKindSchema, {
  id: "OrganizationKind",
  description: "What kind of organization it is.",
});
z.globalRegistry.add(ZCountrySchema, { id: "Country", description: "ISO 3166-1 alpha-2." });
z.globalRegistry.add(ZTimeZoneSchema, { id: "TimeZone", description: "IANA time zone." });

const id = z.uuid();
const idParams = uuidParams({ id: "The id (a UUID)." });
const nullableText = z.string().nullable();

// ——— Response schemas ———

export const OrganizationSchema = z
  .object({
    id,
    name: z.string(),
    kind: ZOrganizationKindSchema,
    parentId: id.nullable().meta({ description: "The organization this one is part of." }),
    country: ZCountrySchema,
    organizationNumber: nullableText.meta({
      description: "Digits only: 10 for Sweden (Luhn), 9 for Norway (mod 11).",
    }),
    hsaId: nullableText,
    website: nullableText,
    timeZone: ZTimeZoneSchema,
    version: versionField(),
    createdAt: dateTime(),
    updatedAt: dateTime(),
  })
  .meta({ id: "Organization" });

export const OrganizationSummarySchema = z
  .object({
    id,
    name: z.string(),
    kind: ZOrganizationKindSchema,
    country: ZCountrySchema,
    organizationNumber: nullableText,
    parentId: id.nullable(),
    parentName: nullableText,
  })
  .meta({ id: "OrganizationSummary" });

export const PersonSummarySchema = z
  .object({
    id,
    name: z.string(),
    title: nullableText,
    email: nullableText.meta({ description: "Null unless the caller is logged in." }),
    organizations: z
      .array(z.object({ id, name: z.string() }))
      .meta({ description: "Organizations of current affiliations." }),
  })
  .meta({ id: "PersonSummary" });

export const PersonAffiliationSchema = z
  .object({
    id,
    organizationId: id,
    organizationName: z.string(),
    title: nullableText,
    startDate: z.iso.date().nullable(),
    endDate: z.iso.date().nullable(),
    current: z.boolean(),
  })
  .meta({ id: "PersonAffiliation" });

export const PersonSchema = z
  .object({
    id,
    name: z.string(),
    title: nullableText,
    email: nullableText.meta({ description: "Null unless the caller is logged in." }),
    phone: nullableText.meta({ description: "Null unless the caller is logged in." }),
    version: versionField(),
    createdAt: dateTime(),
    updatedAt: dateTime(),
    affiliations: z.array(PersonAffiliationSchema),
  })
  .meta({ id: "Person" });

export const AffiliationSchema = z
  .object({
    id,
    personId: id,
    organizationId: id,
    title: nullableText,
    startDate: z.iso.date().nullable(),
    endDate: z.iso.date().nullable().meta({ description: "Null while the affiliation lasts." }),
    createdAt: dateTime(),
    updatedAt: dateTime(),
  })
  .meta({ id: "Affiliation" });

// ——— Request schemas, named for the document ———

const OrganizationCreate = ZOrganizationCreateSchema.meta({ id: "OrganizationCreate" });
const OrganizationUpdate = ZOrganizationUpdateSchema.meta({ id: "OrganizationUpdate" });
const PersonCreate = ZPersonCreateSchema.meta({ id: "PersonCreate" });
const PersonUpdate = ZPersonUpdateSchema.meta({ id: "PersonUpdate" });
const AffiliationCreate = ZAffiliationCreateSchema.meta({ id: "AffiliationCreate" });
const AffiliationUpdate = ZAffiliationUpdateSchema.meta({ id: "AffiliationUpdate" });

const tags = { organizations: ["organizations"], people: ["people"], affiliations: ["people"] };
/** A person with their affiliations, as the person page shows them to this actor. */
async function personDetail(db: DbOrTx, actor: Actor | null, personId: string) {
  const overview = await getPersonOverview(db, actor, personId);
  return { ...overview.person, affiliations: overview.affiliations };
}

export const directoryEndpoints = [
  defineEndpoint({
    operationId: "listOrganizations",
    method: "GET",
    path: "/organizations",
    summary: "List organizations",
    description:
      "Filter by kind, country, parent and text (`q` matches the name, also approximately, the organization number and the HSA-id). Sorted by name, best matches first when searching.",
    tags: tags.organizations,
    auth: "public",
    query: ZOrganizationListFilterSchema,
    response: paginated(OrganizationSummarySchema),
    paginated: true,
    handler: ({ db, actor, query }) => listOrganizations(db, actor, query),
  }),
  defineEndpoint({
    operationId: "getOrganization",
    method: "GET",
    path: "/organizations/{id}",
    summary: "Read an organization",
    tags: tags.organizations,
    auth: "public",
    params: idParams,
    response: OrganizationSchema,
    problems: ["not_found"],
    handler: ({ db, actor, params }) => getOrganization(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "createOrganization",
    method: "POST",
    path: "/organizations",
    summary: "Create an organization",
    description:
      "Platform admins create anywhere; admins and editors of an organization create below it. The organization number is checked against the country's check digit and must be unique.",
    tags: tags.organizations,
    auth: "required",
    body: OrganizationCreate,
    response: OrganizationSchema,
    status: 201,
    problems: ["forbidden"],
    location: (created) => `/organizations/${created.id}`,
    handler: ({ db, actor, body }) => createOrganization(db, actor, body),
  }),
  defineEndpoint({
    operationId: "updateOrganization",
    method: "PATCH",
    path: "/organizations/{id}",
    summary: "Change an organization",
    description:
      "Only the fields sent change; null clears an optional field. `version` must be the version read, else 409.",
    tags: tags.organizations,
    auth: "required",
    params: idParams,
    body: OrganizationUpdate,
    response: OrganizationSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, body }) => updateOrganization(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "deleteOrganization",
    method: "DELETE",
    path: "/organizations/{id}",
    summary: "Delete an organization",
    description:
      "Refused with 409 while it has sub-organizations, or when `version` is given and stale.",
    tags: tags.organizations,
    auth: "required",
    params: idParams,
    query: ZDeleteSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, query }) => deleteOrganization(db, actor, params.id, query),
  }),
  defineEndpoint({
    operationId: "listPeople",
    method: "GET",
    path: "/people",
    summary: "List people",
    description:
      "`q` matches the name (also approximately) and the title, and the email for logged-in callers; `organizationId` gives the people affiliated to an organization. Email is null for anonymous callers.",
    tags: tags.people,
    auth: "public",
    query: ZPersonListFilterSchema,
    response: paginated(PersonSummarySchema),
    paginated: true,
    handler: ({ db, actor, query }) => listPeople(db, actor, query),
  }),
  defineEndpoint({
    operationId: "getPerson",
    method: "GET",
    path: "/people/{id}",
    summary: "Read a person with their affiliations",
    tags: tags.people,
    auth: "public",
    params: idParams,
    response: PersonSchema,
    problems: ["not_found"],
    handler: ({ db, actor, params }) => personDetail(db, actor, params.id),
  }),
  defineEndpoint({
    operationId: "createPerson",
    method: "POST",
    path: "/people",
    summary: "Create a person",
    description:
      "Platform admins may create anyone; admins and editors give at least one affiliation, each to an organization of theirs.",
    tags: tags.people,
    auth: "required",
    body: PersonCreate,
    response: PersonSchema,
    status: 201,
    problems: ["forbidden"],
    location: (created) => `/people/${created.id}`,
    handler: async ({ db, actor, body }) =>
      personDetail(db, actor, (await createPerson(db, actor, body)).id),
  }),
  defineEndpoint({
    operationId: "updatePerson",
    method: "PATCH",
    path: "/people/{id}",
    summary: "Change a person",
    description:
      "Only the fields sent change; null clears an optional field. `version` must be the version read, else 409.",
    tags: tags.people,
    auth: "required",
    params: idParams,
    body: PersonUpdate,
    response: PersonSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: async ({ db, actor, params, body }) => {
      await updatePerson(db, actor, params.id, body);
      return personDetail(db, actor, params.id);
    },
  }),
  defineEndpoint({
    operationId: "deletePerson",
    method: "DELETE",
    path: "/people/{id}",
    summary: "Delete a person",
    description: "With their affiliations. Refused with 409 when `version` is given and stale.",
    tags: tags.people,
    auth: "required",
    params: idParams,
    query: ZDeleteSchema,
    problems: ["forbidden", "not_found", "conflict"],
    handler: ({ db, actor, params, query }) => deletePerson(db, actor, params.id, query),
  }),
  defineEndpoint({
    operationId: "addAffiliation",
    method: "POST",
    path: "/people/{id}/affiliations",
    summary: "Affiliate a person to an organization",
    description:
      "Admins and editors of the organization (or of one above it), and platform admins.",
    tags: tags.affiliations,
    auth: "required",
    params: idParams,
    body: AffiliationCreate,
    response: AffiliationSchema,
    status: 201,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params, body }) => addAffiliation(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "updateAffiliation",
    method: "PATCH",
    path: "/affiliations/{id}",
    summary: "Change an affiliation's title or dates",
    description: "Set `endDate` when the person leaves; null clears a field.",
    tags: tags.affiliations,
    auth: "required",
    params: idParams,
    body: AffiliationUpdate,
    response: AffiliationSchema,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params, body }) => updateAffiliation(db, actor, params.id, body),
  }),
  defineEndpoint({
    operationId: "deleteAffiliation",
    method: "DELETE",
    path: "/affiliations/{id}",
    summary: "Remove an affiliation made by mistake",
    description: "To record that a person left, set `endDate` instead.",
    tags: tags.affiliations,
    auth: "required",
    params: idParams,
    problems: ["forbidden", "not_found"],
    handler: ({ db, actor, params }) => removeAffiliation(db, actor, params.id),
  }),
];
