import { count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDatabases } from "./testing.ts";
import { demoAdmin, demoEditor, loadDemoDataIfEmpty } from "./demo.ts";
import { people } from "../modules/directory/schema.ts";
import { listOrganizations, listPeople } from "../modules/directory/service.ts";
import { organizationRoles, users } from "../modules/identity/schema.ts";

describeDatabases("demo data", (ctx) => {
  it("loads once into a database without accounts and returns the admin's login", async () => {
    expect(await loadDemoDataIfEmpty(ctx.db)).toEqual({
      adminEmail: "admin@samverka.example",
      adminPassword: demoAdmin.password,
    });
    const [admin] = await ctx.db.select().from(users).where(eq(users.email, demoAdmin.email));
    expect(admin?.isPlatformAdmin).toBe(true);
    const [editor] = await ctx.db.select().from(users).where(eq(users.email, demoEditor.email));
    const roles = await ctx.db
      .select()
      .from(organizationRoles)
      .where(eq(organizationRoles.userId, editor!.id));
    expect(roles).toMatchObject([{ role: "editor" }]);

    const [peopleCount] = await ctx.db.select({ n: count() }).from(people);
    expect(peopleCount!.n).toBeGreaterThanOrEqual(40);
    const sahlgrenska = await listOrganizations(ctx.db, null, { q: "Sahlgrenska" });
    expect(sahlgrenska.items[0]?.parentName).toBe("Västra Götalandsregionen");
    const norwegians = await listPeople(ctx.db, null, { q: "Haugen" });
    expect(norwegians.items[0]?.organizations.map((o) => o.name)).toEqual(["Helse Sør-Øst RHF"]);

    expect(await loadDemoDataIfEmpty(ctx.db)).toBeNull();
    const [again] = await ctx.db.select({ n: count() }).from(people);
    expect(again!.n).toBe(peopleCount!.n);
  });
});
