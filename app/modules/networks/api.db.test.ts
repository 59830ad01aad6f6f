// The networks' /api/v1 endpoints through the real dispatcher, against a real database, called
// as by an API token (identity's token lookup is tested elsewhere).
import { beforeAll, expect, it } from "vitest";
import { apiCaller, documentedOperations } from "../../../tests/support/api-call.ts";
import { describeDatabases } from "../../db/testing.ts";
import { resetConfig } from "../../platform/config.ts";
import { insertPerson } from "../directory/factories.ts";
import {
  insertMember,
  insertNetwork,
  insertNetworkWithRoles,
  insertSeatRule,
  insertTestOrganization,
} from "./factories.ts";

process.env.BASE_URL = "http://localhost:3000";
resetConfig();

describeDatabases("networks API", (ctx) => {
  const call = apiCaller(() => ctx.db);
  const callInEnglish = apiCaller(() => ctx.db, { language: "en" });
  let setup: Awaited<ReturnType<typeof insertNetworkWithRoles>>;

  beforeAll(async () => {
    setup = await insertNetworkWithRoles(ctx.db, { name: "API-nätverket", visibility: "members" });
    await insertNetwork(ctx.db, { name: "API öppet nätverk", visibility: "public" });
  });

  it("documents every networks operation in the OpenAPI document", () => {
    const operations = documentedOperations();
    for (const operationId of [
      "listNetworks",
      "getNetwork",
      "createNetwork",
      "updateNetwork",
      "deleteNetwork",
      "listNetworkMembers",
      "addNetworkMember",
      "updateNetworkMember",
      "endNetworkMember",
      "listNetworkSeats",
      "addNetworkSeatRule",
      "updateNetworkSeatRule",
      "removeNetworkSeatRule",
    ]) {
      expect(operations).toContain(operationId);
    }
  });

  it("lists what the caller may see", async () => {
    const anonymous = await call(null, "GET", "/networks?q=API");
    expect(anonymous.status).toBe(200);
    const publicNames = (anonymous.json as { items: { name: string }[] }).items.map(
      (item) => item.name,
    );
    expect(publicNames).toEqual(["API öppet nätverk"]);
    const member = await call(setup.members.observer.actor, "GET", "/networks?q=API");
    const body = member.json as {
      items: { name: string; memberCount: number }[];
      total: number;
    };
    expect(body.total).toBe(2);
    expect(body.items.find((item) => item.name === "API-nätverket")?.memberCount).toBe(6);
    // A members-only network does not exist for outsiders.
    const hidden = await call(null, "GET", `/networks/${setup.network.id}`);
    expect(hidden.status).toBe(404);
  });

  it("creates a network, and refuses bad input with problem+json", async () => {
    const owner = setup.ownerEditor;
    const created = await call(owner, "POST", "/networks", {
      name: "Nytt API-nätverk",
      ownerOrganizationId: setup.network.ownerOrganizationId,
      visibility: "public",
    });
    expect(created.status).toBe(201);
    const network = created.json as { id: string; version: number };
    expect(created.location).toBe(`/api/v1/networks/${network.id}`);
    expect(network.version).toBe(1);

    const bad = await call(owner, "POST", "/networks", {
      name: "",
      ownerOrganizationId: "nej",
      colour: "blå",
    });
    expect(bad.status).toBe(422);
    expect(bad.type).toMatch(/^application\/problem\+json/);
    const problem = bad.json as {
      code: string;
      errors: { field: string; message: string }[];
    };
    expect(problem.code).toBe("validation");
    expect(problem.errors.map((error) => error.field).sort()).toEqual([
      "colour",
      "name",
      "ownerOrganizationId",
    ]);
    expect(problem.errors.find((error) => error.field === "name")?.message).toBe("Fyll i fältet.");

    const stale = await call(owner, "PATCH", `/networks/${network.id}`, {
      name: "Ändrat",
      version: 7,
    });
    expect(stale.status).toBe(409);
  });

  it("forbids members to run the network and the public to write", async () => {
    const member = await call(
      setup.members.member.actor,
      "PATCH",
      `/networks/${setup.network.id}`,
      { name: "Kapat", version: 1 },
    );
    expect(member.status).toBe(403);
    expect((member.json as { code: string }).code).toBe("forbidden");
    const anonymous = await call(null, "POST", "/networks", {
      name: "X",
      ownerOrganizationId: setup.network.ownerOrganizationId,
    });
    expect(anonymous.status).toBe(401);
    const chairDelete = await call(
      setup.members.chair.actor,
      "DELETE",
      `/networks/${setup.network.id}`,
    );
    expect(chairDelete.status).toBe(403);
  });

  it("adds members against the seats and says which organization is full", async () => {
    const secretary = setup.members.secretary.actor;
    const region = await insertTestOrganization(ctx.db, { kind: "region", name: "Region Delta" });
    await insertSeatRule(ctx.db, setup.network.id, { organizationId: region.id, seats: 1 });
    await insertMember(ctx.db, setup.network.id, { organizationId: region.id });
    const person = await insertPerson(ctx.db, { name: "Nils Nilsson" });
    const refused = await callInEnglish(
      secretary,
      "POST",
      `/networks/${setup.network.id}/members`,
      { personId: person.id, organizationId: region.id, role: "member" },
    );
    expect(refused.status).toBe(409);
    const problem = refused.json as { detail: string };
    expect(problem.detail).toContain("Region Delta already fills all its 1 seats");
    const added = await call(secretary, "POST", `/networks/${setup.network.id}/members`, {
      personId: person.id,
      organizationId: region.id,
      role: "observer",
    });
    expect(added.status).toBe(201);
    const member = added.json as { id: string; role: string };
    expect(member.role).toBe("observer");
    const ended = await call(
      secretary,
      "POST",
      `/networks/${setup.network.id}/members/${member.id}/end`,
      {},
    );
    expect(ended.status).toBe(200);
    expect((ended.json as { endDate: string | null }).endDate).not.toBeNull();
    const seats = await call(secretary, "GET", `/networks/${setup.network.id}/seats`);
    const overview = seats.json as {
      seats: { organization: { name: string }; filled: number; empty: number }[];
    };
    expect(overview.seats.find((row) => row.organization.name === "Region Delta")).toMatchObject({
      filled: 1,
      empty: 0,
    });
    const rule = await call(secretary, "POST", `/networks/${setup.network.id}/seat-rules`, {
      organizationKind: "municipality",
      country: "SE",
      seats: 2,
    });
    expect(rule.status).toBe(201);
    const ruleId = (rule.json as { id: string }).id;
    const removed = await call(
      secretary,
      "DELETE",
      `/networks/${setup.network.id}/seat-rules/${ruleId}`,
    );
    expect(removed.status).toBe(204);
  });
});
