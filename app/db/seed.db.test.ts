import { count, eq, isNotNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDatabases } from "./testing.ts";
import { actorFor } from "../modules/directory/factories.ts";
import { parseOrgNumber } from "../modules/directory/rules.ts";
import { organizations } from "../modules/directory/schema.ts";
import {
  deleteOrganization,
  getOrganizationOverview,
  listOrganizations,
  updateOrganization,
} from "../modules/directory/service.ts";
import { seedReferenceData } from "./seed.ts";

const admin = actorFor({ isPlatformAdmin: true });

describeDatabases("reference data", (ctx) => {
  it("creates the 21 Swedish regions and the Norwegian health authorities with their trusts", async () => {
    expect(await seedReferenceData(ctx.db)).toEqual({ created: 46 });
    const regions = await listOrganizations(ctx.db, null, {
      kind: "region",
      country: "SE",
      pageSize: 100,
    });
    expect(regions.total).toBe(21);
    expect(regions.items.map((r) => r.name)).toContain("Västra Götalandsregionen");
    const authorities = await listOrganizations(ctx.db, null, {
      kind: "regional_health_authority",
    });
    expect(authorities.items.map((a) => a.name).sort()).toEqual([
      "Helse Midt-Norge RHF",
      "Helse Nord RHF",
      "Helse Sør-Øst RHF",
      "Helse Vest RHF",
    ]);
    for (const item of authorities.items) {
      const overview = await getOrganizationOverview(ctx.db, null, item.id);
      expect(overview.children.length).toBeGreaterThanOrEqual(3);
      expect(overview.children.every((child) => child.kind === "health_trust")).toBe(true);
      expect(overview.organization.timeZone).toBe("Europe/Oslo");
    }
    // Every shipped number passes its national check.
    const numbered = await ctx.db
      .select()
      .from(organizations)
      .where(isNotNull(organizations.organizationNumber));
    for (const row of numbered)
      expect(parseOrgNumber(row.country, row.organizationNumber!).ok, row.name).toBe(true);
  });

  it("runs again without duplicating, keeps edits and respects deletions", async () => {
    const [skr] = await ctx.db
      .select()
      .from(organizations)
      .where(eq(organizations.referenceKey, "se-skr"));
    await updateOrganization(ctx.db, admin, skr!.id, { name: "SKR", version: skr!.version });
    const [sunnaas] = await ctx.db
      .select()
      .from(organizations)
      .where(eq(organizations.referenceKey, "no-hf-sunnaas"));
    await deleteOrganization(ctx.db, admin, sunnaas!.id);
    const [before] = await ctx.db.select({ n: count() }).from(organizations);

    expect(await seedReferenceData(ctx.db)).toEqual({ created: 0 });
    const [after] = await ctx.db.select({ n: count() }).from(organizations);
    expect(after!.n).toBe(before!.n);
    const [renamed] = await ctx.db
      .select()
      .from(organizations)
      .where(eq(organizations.referenceKey, "se-skr"));
    expect(renamed!.name).toBe("SKR");
  });
});
