import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { loadDemoDataIfEmpty } from "../../db/demo.ts";
import { describeDatabases } from "../../db/testing.ts";
import { actorFor } from "../directory/factories.ts";
import { loadNetworksDemo } from "./demo.ts";
import { networks } from "./schema.ts";
import { getNetworkOverview, listNetworks } from "./service.ts";

describeDatabases("networks demo", (ctx) => {
  it("has the national network with its seats and the coordinating group with 18 members", async () => {
    await loadDemoDataIfEmpty(ctx.db);
    const [nationalRow] = await ctx.db
      .select()
      .from(networks)
      .where(eq(networks.name, "Nätverket för IT- och digitaliseringschefer i regionerna"));
    expect(nationalRow?.visibility).toBe("public");
    const national = await getNetworkOverview(ctx.db, null, nationalRow!.id);
    expect(national.network.ownerOrganizationName).toBe("Sveriges Kommuner och Regioner");
    expect(national.seats).toHaveLength(21);
    const seatsOf = (name: string) => national.seats.find((row) => row.organization.name === name);
    expect(seatsOf("Region Stockholm")).toMatchObject({ seats: 2, filled: 2, empty: 0 });
    expect(seatsOf("Västra Götalandsregionen")).toMatchObject({ seats: 2, filled: 1, empty: 1 });
    expect(seatsOf("Region Gotland")).toMatchObject({ seats: 1, filled: 0, empty: 1 });
    expect(seatsOf("Region Jämtland Härjedalen")).toMatchObject({ seats: 1, filled: 0, empty: 1 });
    expect(national.seats.filter((row) => row.over > 0)).toEqual([]);
    expect(national.history.map((member) => member.name)).toEqual(["Roger Axelsson"]);

    // Members only: the public does not see the group; a member does.
    const publicList = await listNetworks(ctx.db, null, {});
    expect(publicList.items.map((item) => item.name)).toEqual([
      "Nätverket för IT- och digitaliseringschefer i regionerna",
    ]);
    const [groupRow] = await ctx.db
      .select()
      .from(networks)
      .where(eq(networks.name, "Samordningsgruppen för digitalisering"));
    const admin = actorFor({ isPlatformAdmin: true });
    const group = await getNetworkOverview(ctx.db, admin, groupRow!.id);
    const current = group.groups.flatMap((g) => g.members);
    expect(current).toHaveLength(18);
    expect(current.filter((m) => m.role === "chair").map((m) => m.name)).toEqual([
      "Christina Åberg",
    ]);
    expect(group.history.map((m) => m.name)).toEqual(["Gunilla Rask"]);
    expect(group.network.ownerOrganizationName).toBe("Västra Götalandsregionen");
  });

  it("returns the ids the meetings demo needs", async () => {
    // Loaded a second time into the same database: new networks, same people.
    const ids = await loadNetworksDemo(ctx.db);
    expect(ids.coordinating.memberPersonIds).toHaveLength(18);
    expect(ids.coordinating.memberPersonIds.slice(0, 3)).toEqual([
      ids.coordinating.chairPersonId,
      ids.coordinating.viceChairPersonId,
      ids.coordinating.secretaryPersonId,
    ]);
    expect(ids.national.memberPersonIds[0]).toBe(ids.national.chairPersonId);
    expect(ids.national.memberPersonIds).toContain(ids.national.secretaryPersonId);
  });
});
