import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { auditEntries } from "../../platform/audit/schema.ts";
import { failure } from "../../../tests/support/outcomes.ts";
import { actorFor, organizationInput, personInput } from "./factories.ts";
import {
  addAffiliation,
  createOrganization,
  createPerson,
  deleteOrganization,
  deletePerson,
  endAffiliation,
  getOrganization,
  getOrganizationOverview,
  getPerson,
  getPersonOverview,
  listOrganizationChoices,
  listOrganizations,
  listPeople,
  removeAffiliation,
  updateOrganization,
  updatePerson,
} from "./service.ts";

const admin = actorFor({ isPlatformAdmin: true, label: "admin@example.se" });

describeDatabases("directory organizations", (ctx) => {
  it("creates an organization, normalizes its number and audits it", async () => {
    const created = await createOrganization(ctx.db, admin, {
      name: "Region Testland",
      kind: "region",
      country: "SE",
      organizationNumber: "16 556016-0680",
      hsaId: "se5560160680-abc1",
      website: "https://testland.example",
    });
    expect(created).toMatchObject({
      name: "Region Testland",
      organizationNumber: "5560160680",
      hsaId: "SE5560160680-ABC1",
      timeZone: "Europe/Stockholm",
      version: 1,
    });
    const trail = await ctx.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.entityId, created.id), eq(auditEntries.action, "create")));
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      entityType: "organization",
      actorLabel: "admin@example.se",
      actorId: admin.userId,
      entityLabel: "Region Testland",
    });
    expect(trail[0]!.changes).toMatchObject({ organizationNumber: "5560160680" });
  });

  it("defaults a Norwegian organization to Oslo time and stores its number as digits", async () => {
    const created = await createOrganization(ctx.db, admin, {
      name: "Helse Test HF",
      kind: "health_trust",
      country: "NO",
      organizationNumber: "NO 974 760 673 MVA",
    });
    expect(created.timeZone).toBe("Europe/Oslo");
    expect(created.organizationNumber).toBe("974760673");
  });

  it("refuses a wrong check digit and an HSA-id for a Norwegian organization", async () => {
    const error = await failure(
      createOrganization(ctx.db, admin, {
        name: "Feil AS",
        kind: "supplier",
        country: "NO",
        organizationNumber: "974760674",
        hsaId: "SE2321000016-1",
      }),
    );
    expect(error.code).toBe("validation");
    expect(error.fieldErrors).toEqual({
      organizationNumber: ["directory.error.orgNumberCheckDigit"],
      hsaId: ["directory.error.hsaIdSwedishOnly"],
    });
  });

  it("refuses unknown fields and wrong types", async () => {
    const error = await failure(
      createOrganization(ctx.db, admin, {
        name: 42,
        kind: "castle",
        country: "SE",
        color: "blue",
      } as never),
    );
    expect(error.code).toBe("validation");
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["_form", "kind", "name"]);
  });

  it("refuses a duplicate organization number with a field error", async () => {
    const input = organizationInput();
    await createOrganization(ctx.db, admin, input);
    const digits = String(input.organizationNumber).replace("-", "");
    const error = await failure(
      createOrganization(ctx.db, admin, { ...input, name: "Another", organizationNumber: digits }),
    );
    expect(error.code).toBe("validation");
    expect(error.fieldErrors).toEqual({
      organizationNumber: ["directory.error.duplicateOrgNumber"],
    });
  });

  it("updates with the current version and refuses a stale one", async () => {
    const created = await createOrganization(ctx.db, admin, organizationInput());
    const updated = await updateOrganization(ctx.db, admin, created.id, {
      name: "Renamed",
      website: "https://renamed.example",
      version: created.version,
    });
    expect(updated.version).toBe(created.version + 1);
    expect(updated.name).toBe("Renamed");
    expect(updated.organizationNumber).toBe(created.organizationNumber);

    const stale = await failure(
      updateOrganization(ctx.db, admin, created.id, { name: "Lost", version: created.version }),
    );
    expect(stale.code).toBe("conflict");
    expect((await getOrganization(ctx.db, null, created.id)).name).toBe("Renamed");

    const [entry] = await ctx.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.entityId, created.id), eq(auditEntries.action, "update")));
    expect(entry?.changes).toEqual({
      name: [created.name, "Renamed"],
      website: [null, "https://renamed.example"],
    });
  });

  it("clears optional fields with null and keeps them when absent", async () => {
    const created = await createOrganization(
      ctx.db,
      admin,
      organizationInput({ website: "https://keep.example" }),
    );
    const kept = await updateOrganization(ctx.db, admin, created.id, { kind: "other", version: 1 });
    expect(kept.website).toBe("https://keep.example");
    const cleared = await updateOrganization(ctx.db, admin, created.id, {
      website: null,
      organizationNumber: "",
      version: 2,
    });
    expect(cleared.website).toBeNull();
    expect(cleared.organizationNumber).toBeNull();
  });

  it("checks a kept number against a changed country", async () => {
    const created = await createOrganization(ctx.db, admin, organizationInput());
    const error = await failure(
      updateOrganization(ctx.db, admin, created.id, { country: "NO", version: 1 }),
    );
    expect(error.fieldErrors.organizationNumber).toEqual(["directory.error.orgNumberFormatNO"]);
  });

  it("refuses to make an organization its own ancestor", async () => {
    const top = await createOrganization(ctx.db, admin, organizationInput());
    const middle = await createOrganization(ctx.db, admin, organizationInput({ parentId: top.id }));
    const bottom = await createOrganization(
      ctx.db,
      admin,
      organizationInput({ parentId: middle.id }),
    );
    const error = await failure(
      updateOrganization(ctx.db, admin, top.id, { parentId: bottom.id, version: 1 }),
    );
    expect(error.fieldErrors.parentId).toEqual(["directory.error.parentCycle"]);
    const self = await failure(
      updateOrganization(ctx.db, admin, top.id, { parentId: top.id, version: 1 }),
    );
    expect(self.fieldErrors.parentId).toEqual(["directory.error.parentCycle"]);
  });

  it("deletes, audits, and refuses while sub-organizations exist", async () => {
    const parent = await createOrganization(ctx.db, admin, organizationInput());
    const child = await createOrganization(
      ctx.db,
      admin,
      organizationInput({ parentId: parent.id }),
    );
    const blocked = await failure(deleteOrganization(ctx.db, admin, parent.id));
    expect(blocked.code).toBe("conflict");
    expect(blocked.message).toBe("directory.error.hasChildren");
    const stale = await failure(deleteOrganization(ctx.db, admin, child.id, { version: 7 }));
    expect(stale.code).toBe("conflict");
    await deleteOrganization(ctx.db, admin, child.id, { version: 1 });
    await deleteOrganization(ctx.db, admin, parent.id);
    expect((await failure(getOrganization(ctx.db, null, parent.id))).code).toBe("not_found");
    const deletions = await ctx.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.entityId, child.id), eq(auditEntries.action, "delete")));
    expect(deletions).toHaveLength(1);
  });

  it("answers not found for unknown and malformed ids", async () => {
    expect((await failure(getOrganization(ctx.db, null, "nope"))).code).toBe("not_found");
    expect(
      (await failure(getOrganization(ctx.db, null, "3f1c2a8e-0000-4000-8000-000000000000"))).code,
    ).toBe("not_found");
    expect(
      (await failure(updateOrganization(ctx.db, admin, "nope", { name: "x", version: 1 }))).code,
    ).toBe("not_found");
  });

  it("filters by kind, country and text, and paginates", async () => {
    const root = await createOrganization(
      ctx.db,
      admin,
      organizationInput({ name: "Filterroten", kind: "region" }),
    );
    const names = ["Alfa kommun", "Beta kommun", "Gamma sjukhus", "Delta sjukhus", "Epsilon AB"];
    for (const [index, name] of names.entries()) {
      await createOrganization(
        ctx.db,
        admin,
        organizationInput({
          name,
          parentId: root.id,
          kind: index < 2 ? "municipality" : index < 4 ? "administration" : "supplier",
          country: index === 4 ? "NO" : "SE",
        }),
      );
    }
    const all = await listOrganizations(ctx.db, null, { parentId: root.id, pageSize: 2 });
    expect(all).toMatchObject({ total: 5, pageCount: 3, page: 1, pageSize: 2 });
    expect(all.items.map((item) => item.name)).toEqual(["Alfa kommun", "Beta kommun"]);
    expect(all.items[0]!.parentName).toBe("Filterroten");

    const last = await listOrganizations(ctx.db, null, {
      parentId: root.id,
      pageSize: "2",
      page: "3",
    });
    expect(last.items.map((item) => item.name)).toEqual(["Gamma sjukhus"]);
    const beyond = await listOrganizations(ctx.db, null, {
      parentId: root.id,
      pageSize: 2,
      page: 99,
    });
    expect(beyond.page).toBe(3);

    const kinds = await listOrganizations(ctx.db, null, {
      parentId: root.id,
      kind: "administration",
    });
    expect(kinds.items.map((item) => item.name)).toEqual(["Delta sjukhus", "Gamma sjukhus"]);
    const norway = await listOrganizations(ctx.db, null, { parentId: root.id, country: "NO" });
    expect(norway.items.map((item) => item.name)).toEqual(["Epsilon AB"]);
    const text = await listOrganizations(ctx.db, null, { parentId: root.id, q: "sjukh" });
    expect(text.total).toBe(2);
    await createOrganization(ctx.db, admin, organizationInput({ name: "Region Stockholm Test" }));
    const typo = await listOrganizations(ctx.db, null, { q: "stokholm" });
    expect(typo.items.map((item) => item.name)).toContain("Region Stockholm Test");
    const byNumber = await listOrganizations(ctx.db, null, {
      q:
        String(root.organizationNumber).slice(0, 6) +
        "-" +
        String(root.organizationNumber).slice(6),
    });
    expect(byNumber.items.map((item) => item.id)).toEqual([root.id]);
    const literal = await listOrganizations(ctx.db, null, { parentId: root.id, q: "%" });
    expect(literal.total).toBe(0);
  });

  it("refuses malformed filters", async () => {
    const error = await failure(
      listOrganizations(ctx.db, null, { kind: "castle", pageSize: 1000, sort: "x" } as never),
    );
    expect(error.code).toBe("validation");
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["_form", "kind", "pageSize"]);
  });

  it("gives an overview with ancestors, children, members and permissions", async () => {
    const region = await createOrganization(ctx.db, admin, organizationInput({ kind: "region" }));
    const hospital = await createOrganization(
      ctx.db,
      admin,
      organizationInput({ parentId: region.id, kind: "administration" }),
    );
    const ward = await createOrganization(
      ctx.db,
      admin,
      organizationInput({ parentId: hospital.id }),
    );
    await createPerson(
      ctx.db,
      admin,
      personInput({
        name: "Anna Andersson",
        affiliations: [{ organizationId: hospital.id, title: "Utvecklingschef" }],
      }),
    );
    const overview = await getOrganizationOverview(ctx.db, null, hospital.id);
    expect(overview.ancestors.map((a) => a.id)).toEqual([region.id]);
    expect(overview.children.map((c) => c.id)).toEqual([ward.id]);
    expect(overview.members).toMatchObject([
      { name: "Anna Andersson", title: "Utvecklingschef", current: true },
    ]);
    expect(overview.can).toEqual({
      update: false,
      delete: false,
      createChild: false,
      addPeople: false,
    });
    const editor = actorFor({ roles: { [region.id]: "editor" } });
    expect((await getOrganizationOverview(ctx.db, editor, hospital.id)).can).toEqual({
      update: true,
      delete: false,
      createChild: true,
      addPeople: true,
    });
  });
});

describeDatabases("directory permissions", (ctx) => {
  // A region with an administration inside it, and another region.
  async function setup() {
    const region = await createOrganization(ctx.db, admin, organizationInput({ kind: "region" }));
    const administration = await createOrganization(
      ctx.db,
      admin,
      organizationInput({ kind: "administration", parentId: region.id }),
    );
    const other = await createOrganization(ctx.db, admin, organizationInput({ kind: "region" }));
    return {
      region,
      administration,
      other,
      orgAdmin: actorFor({ roles: { [region.id]: "admin" } }),
      orgEditor: actorFor({ roles: { [region.id]: "editor" } }),
      otherEditor: actorFor({ roles: { [other.id]: "editor" } }),
      otherAdmin: actorFor({ roles: { [other.id]: "admin" } }),
    };
  }

  it("lets only platform admins create top-level organizations", async () => {
    const { orgAdmin } = await setup();
    expect((await failure(createOrganization(ctx.db, null, organizationInput()))).code).toBe(
      "unauthenticated",
    );
    expect((await failure(createOrganization(ctx.db, orgAdmin, organizationInput()))).code).toBe(
      "forbidden",
    );
    const input = organizationInput();
    const created = await createOrganization(ctx.db, admin, input);
    expect(created).toMatchObject({ name: input.name, parentId: null });
    expect((await getOrganization(ctx.db, null, created.id)).name).toBe(input.name);
  });

  it("lets admins and editors of an organization create below it, and no one else", async () => {
    const { region, administration, orgAdmin, orgEditor, otherEditor, otherAdmin } = await setup();
    const byAdmin = await createOrganization(
      ctx.db,
      orgAdmin,
      organizationInput({ parentId: region.id }),
    );
    expect((await getOrganization(ctx.db, null, byAdmin.id)).parentId).toBe(region.id);
    const byEditor = await createOrganization(
      ctx.db,
      orgEditor,
      organizationInput({ parentId: administration.id }),
    );
    expect((await getOrganization(ctx.db, null, byEditor.id)).parentId).toBe(administration.id);
    for (const actor of [otherEditor, otherAdmin]) {
      const error = await failure(
        createOrganization(ctx.db, actor, organizationInput({ parentId: region.id })),
      );
      expect(error.code).toBe("forbidden");
    }
    expect(
      (await failure(createOrganization(ctx.db, null, organizationInput({ parentId: region.id }))))
        .code,
    ).toBe("unauthenticated");
  });

  it("lets platform admins and the organization's (or an ancestor's) admins and editors update", async () => {
    const { region, administration, orgAdmin, orgEditor, otherEditor } = await setup();
    let version = administration.version;
    for (const actor of [admin, orgAdmin, orgEditor]) {
      const updated = await updateOrganization(ctx.db, actor, administration.id, {
        name: `Renamed by ${actor.label}`,
        version,
      });
      version = updated.version;
    }
    const regionUpdate = await updateOrganization(ctx.db, orgEditor, region.id, {
      website: "https://region.example",
      version: region.version,
    });
    expect(regionUpdate.website).toBe("https://region.example");
    const denied = await failure(
      updateOrganization(ctx.db, otherEditor, administration.id, { name: "Hijack", version }),
    );
    expect(denied.code).toBe("forbidden");
    expect(
      (await failure(updateOrganization(ctx.db, null, administration.id, { name: "x", version })))
        .code,
    ).toBe("unauthenticated");
    expect((await getOrganization(ctx.db, null, administration.id)).name).not.toBe("Hijack");
  });

  it("does not let an editor move an organization out of their reach", async () => {
    const { administration, other, orgEditor } = await setup();
    const error = await failure(
      updateOrganization(ctx.db, orgEditor, administration.id, { parentId: other.id, version: 1 }),
    );
    expect(error.fieldErrors.parentId).toEqual(["directory.error.parentNotAllowed"]);
    const top = await failure(
      updateOrganization(ctx.db, orgEditor, administration.id, { parentId: null, version: 1 }),
    );
    expect(top.fieldErrors.parentId).toEqual(["directory.error.parentNotAllowed"]);
  });

  it("lets platform admins and organization admins delete, not editors", async () => {
    const { region, orgAdmin, orgEditor, otherAdmin } = await setup();
    const first = await createOrganization(
      ctx.db,
      admin,
      organizationInput({ parentId: region.id }),
    );
    expect((await failure(deleteOrganization(ctx.db, orgEditor, first.id))).code).toBe("forbidden");
    expect((await failure(deleteOrganization(ctx.db, otherAdmin, first.id))).code).toBe(
      "forbidden",
    );
    expect((await failure(deleteOrganization(ctx.db, null, first.id))).code).toBe(
      "unauthenticated",
    );
    await deleteOrganization(ctx.db, orgAdmin, first.id);
    const second = await createOrganization(
      ctx.db,
      admin,
      organizationInput({ parentId: region.id }),
    );
    await deleteOrganization(ctx.db, admin, second.id);
  });

  it("offers as choices only the organizations the actor may use", async () => {
    const { region, administration, other, orgEditor } = await setup();
    const choices = (await listOrganizationChoices(ctx.db, orgEditor)).map((c) => c.id);
    expect(choices).toContain(region.id);
    expect(choices).toContain(administration.id);
    expect(choices).not.toContain(other.id);
    expect(await listOrganizationChoices(ctx.db, null)).toEqual([]);
  });

  it("lets organization editors create people affiliated to their organization only", async () => {
    const { region, administration, other, orgEditor, otherEditor } = await setup();
    const person = await createPerson(
      ctx.db,
      orgEditor,
      personInput({ affiliations: [{ organizationId: administration.id, title: "Chef" }] }),
    );
    expect(person.id).toBeTruthy();
    expect(
      (
        await failure(
          createPerson(
            ctx.db,
            otherEditor,
            personInput({ affiliations: [{ organizationId: region.id }] }),
          ),
        )
      ).code,
    ).toBe("forbidden");
    expect((await failure(createPerson(ctx.db, orgEditor, personInput()))).code).toBe("forbidden");
    expect(
      (
        await failure(
          createPerson(
            ctx.db,
            orgEditor,
            personInput({
              affiliations: [{ organizationId: region.id }, { organizationId: other.id }],
            }),
          ),
        )
      ).code,
    ).toBe("forbidden");
    const unaffiliated = personInput();
    const created = await createPerson(ctx.db, admin, unaffiliated);
    expect((await getPerson(ctx.db, admin, created.id)).name).toBe(unaffiliated.name);
    const audited = await ctx.db
      .select({ actorLabel: auditEntries.actorLabel, entityType: auditEntries.entityType })
      .from(auditEntries)
      .where(and(eq(auditEntries.entityId, created.id), eq(auditEntries.action, "create")));
    expect(audited).toEqual([{ actorLabel: "admin@example.se", entityType: "person" }]);
  });

  it("lets people be edited by their current organizations' editors and deleted by their admins", async () => {
    const { region, orgAdmin, orgEditor, otherEditor } = await setup();
    const person = await createPerson(
      ctx.db,
      admin,
      personInput({ affiliations: [{ organizationId: region.id }] }),
    );
    const updated = await updatePerson(ctx.db, orgEditor, person.id, {
      title: "Ny titel",
      version: 1,
    });
    expect(updated.title).toBe("Ny titel");
    expect(
      (await failure(updatePerson(ctx.db, otherEditor, person.id, { title: "x", version: 2 })))
        .code,
    ).toBe("forbidden");
    expect((await failure(deletePerson(ctx.db, orgEditor, person.id))).code).toBe("forbidden");
    await deletePerson(ctx.db, orgAdmin, person.id);
    expect((await failure(getPerson(ctx.db, null, person.id))).code).toBe("not_found");
  });

  it("lets only admins of every organization a person belongs to (or platform admins) delete them", async () => {
    const { region, other, orgAdmin, otherAdmin } = await setup();
    const shared = await createPerson(
      ctx.db,
      admin,
      personInput({ affiliations: [{ organizationId: other.id }, { organizationId: region.id }] }),
    );
    for (const actor of [orgAdmin, otherAdmin]) {
      expect((await failure(deletePerson(ctx.db, actor, shared.id))).code).toBe("forbidden");
    }
    expect((await getPerson(ctx.db, null, shared.id)).id).toBe(shared.id);
    await deletePerson(ctx.db, admin, shared.id);
    expect((await failure(getPerson(ctx.db, null, shared.id))).code).toBe("not_found");
  });

  it("changes an affiliation only through the person it belongs to", async () => {
    const { region, orgEditor } = await setup();
    const first = await createPerson(
      ctx.db,
      admin,
      personInput({ affiliations: [{ organizationId: region.id }] }),
    );
    const second = await createPerson(
      ctx.db,
      admin,
      personInput({ affiliations: [{ organizationId: region.id }] }),
    );
    const [affiliation] = (await getPersonOverview(ctx.db, admin, first.id)).affiliations;
    const elsewhere = { personId: second.id };
    // One at a time: a rejected promise nobody awaits yet is an unhandled rejection.
    for (const attempt of [
      () => endAffiliation(ctx.db, orgEditor, affiliation!.id, "2024-06-30", elsewhere),
      () => removeAffiliation(ctx.db, admin, affiliation!.id, elsewhere),
      () => endAffiliation(ctx.db, admin, affiliation!.id, undefined, { personId: "not-a-uuid" }),
    ]) {
      expect((await failure(attempt())).code).toBe("not_found");
    }
    expect((await getPersonOverview(ctx.db, null, first.id)).affiliations).toMatchObject([
      { id: affiliation!.id, endDate: null },
    ]);
    const ended = await endAffiliation(ctx.db, orgEditor, affiliation!.id, "2024-06-30", {
      personId: first.id,
    });
    expect(ended.endDate).toBe("2024-06-30");
    await removeAffiliation(ctx.db, orgEditor, affiliation!.id, { personId: first.id });
    expect((await getPersonOverview(ctx.db, null, first.id)).affiliations).toEqual([]);
  });

  it("lets an editor affiliate people who belong nowhere else, never another organization's", async () => {
    const { region, other, orgEditor, otherEditor } = await setup();
    const theirs = await createPerson(
      ctx.db,
      admin,
      personInput({ affiliations: [{ organizationId: other.id }] }),
    );
    // Affiliating someone of another organization would make them editable: refused.
    expect(
      (await failure(addAffiliation(ctx.db, orgEditor, theirs.id, { organizationId: region.id })))
        .code,
    ).toBe("forbidden");
    expect(
      (await failure(updatePerson(ctx.db, orgEditor, theirs.id, { title: "x", version: 1 }))).code,
    ).toBe("forbidden");
    // A platform admin may.
    const byAdmin = await addAffiliation(ctx.db, admin, theirs.id, { organizationId: region.id });
    expect(byAdmin.organizationId).toBe(region.id);

    const nobodys = await createPerson(ctx.db, admin, personInput({ affiliations: [] }));
    const affiliation = await addAffiliation(ctx.db, orgEditor, nobodys.id, {
      organizationId: region.id,
      title: "Rådgivare",
      startDate: "2024-01-01",
    });
    expect(affiliation).toMatchObject({ organizationId: region.id, title: "Rådgivare" });
    expect(
      (
        await failure(
          addAffiliation(ctx.db, otherEditor, nobodys.id, { organizationId: region.id }),
        )
      ).code,
    ).toBe("forbidden");
    expect((await failure(endAffiliation(ctx.db, otherEditor, affiliation.id))).code).toBe(
      "forbidden",
    );
    const ended = await endAffiliation(ctx.db, orgEditor, affiliation.id, "2024-06-30");
    expect(ended.endDate).toBe("2024-06-30");
    const overview = await getPersonOverview(ctx.db, orgEditor, nobodys.id);
    expect(overview.affiliations.find((a) => a.id === affiliation.id)?.current).toBe(false);
    expect(overview.can.update).toBe(false);
    const refused = await failure(
      addAffiliation(ctx.db, orgEditor, nobodys.id, {
        organizationId: region.id,
        startDate: "2024-05-01",
        endDate: "2024-04-01",
      }),
    );
    expect(refused.fieldErrors.endDate).toEqual(["directory.error.endBeforeStart"]);
    await removeAffiliation(ctx.db, orgEditor, affiliation.id);
    expect((await getPersonOverview(ctx.db, null, nobodys.id)).affiliations).toHaveLength(0);
  });
});

describeDatabases("directory people", (ctx) => {
  it("creates, lists, updates and deletes people with audit entries", async () => {
    const org = await createOrganization(ctx.db, admin, organizationInput({ name: "Folkets org" }));
    const person = await createPerson(ctx.db, admin, {
      name: "Kari Nordmann",
      title: "Rådgiver",
      email: "Kari.Nordmann@Example.no",
      phone: "+47 22 00 00 00",
      affiliations: [{ organizationId: org.id, title: "Seniorrådgiver" }],
    });
    expect(person.email).toBe("kari.nordmann@example.no");
    const listed = await listPeople(ctx.db, admin, { organizationId: org.id });
    expect(listed.items).toEqual([
      {
        id: person.id,
        name: "Kari Nordmann",
        title: "Rådgiver",
        email: "kari.nordmann@example.no",
        organizations: [{ id: org.id, name: "Folkets org" }],
      },
    ]);
    const stale = await failure(updatePerson(ctx.db, admin, person.id, { name: "X", version: 5 }));
    expect(stale.code).toBe("conflict");
    await updatePerson(ctx.db, admin, person.id, { phone: null, version: 1 });
    expect((await getPerson(ctx.db, admin, person.id)).phone).toBeNull();
    await deletePerson(ctx.db, admin, person.id);
    const actions = await ctx.db
      .select({ action: auditEntries.action, entityType: auditEntries.entityType })
      .from(auditEntries)
      .where(eq(auditEntries.entityId, person.id));
    expect(actions.map((a) => a.action).sort()).toEqual(["create", "delete", "update"]);
  });

  it("shows contact details to logged-in users only and searches emails for them only", async () => {
    const person = await createPerson(
      ctx.db,
      admin,
      personInput({
        name: "Sekretess Svensson",
        email: "hemlig@example.se",
        phone: "08-123 45 67",
      }),
    );
    const publicView = await getPerson(ctx.db, null, person.id);
    expect(publicView.email).toBeNull();
    expect(publicView.phone).toBeNull();
    expect((await getPerson(ctx.db, actorFor(), person.id)).email).toBe("hemlig@example.se");
    expect((await listPeople(ctx.db, null, { q: "hemlig@" })).total).toBe(0);
    expect((await listPeople(ctx.db, actorFor(), { q: "hemlig@" })).total).toBe(1);
    expect((await listPeople(ctx.db, null, { q: "Sekretess" })).items[0]?.email).toBeNull();
  });

  it("refuses a duplicate email, whatever its case", async () => {
    await createPerson(ctx.db, admin, personInput({ email: "dubbel@example.se" }));
    const error = await failure(
      createPerson(ctx.db, admin, personInput({ email: "DUBBEL@example.se" })),
    );
    expect(error.fieldErrors).toEqual({ email: ["directory.error.duplicateEmail"] });
  });

  it("refuses an affiliation to an organization that does not exist", async () => {
    const error = await failure(
      createPerson(
        ctx.db,
        admin,
        personInput({ affiliations: [{ organizationId: "3f1c2a8e-0000-4000-8000-000000000000" }] }),
      ),
    );
    expect(error.fieldErrors).toEqual({
      "affiliations.0.organizationId": ["directory.error.organizationNotFound"],
    });
  });
});
