import { and, count, eq, gt } from "drizzle-orm";
import { agendaItems, meetingMinutes, meetings } from "../modules/meetings/schema.ts";
import { networkMembers } from "../modules/networks/schema.ts";
import { expect, it } from "vitest";
import { describeDatabases } from "./testing.ts";
import { demoAdmin, demoEditor, loadDemoDataIfEmpty } from "./demo.ts";
import { people } from "../modules/directory/schema.ts";
import { listOrganizations, listPeople } from "../modules/directory/service.ts";
import { passwordProblem } from "../modules/identity/rules.ts";
import { organizationRoles, users } from "../modules/identity/schema.ts";
import { loginWithPassword } from "../modules/identity/service.ts";

describeDatabases("demo data", (ctx) => {
  it("loads once into a database without accounts and returns the admin's login", async () => {
    const login = await loadDemoDataIfEmpty(ctx.db);
    expect(login).toMatchObject({
      adminEmail: "admin@samverka.example",
      editorEmail: "redaktor@samverka.example",
      secretaryEmail: "fredrik.dahl@vgr-it.example",
      chairEmail: "christina.aberg@vgregion.example",
    });
    // A fresh random password each time, strong enough for the password policy.
    expect(login!.adminPassword).toMatch(/^[\w-]{23}$/);
    expect(passwordProblem(login!.adminPassword)).toBeNull();
    const session = await loginWithPassword(
      ctx.db,
      { email: login!.adminEmail, password: login!.adminPassword },
      { address: "127.0.0.1" },
    );
    expect(session.userId).toBe(
      (await ctx.db.select().from(users).where(eq(users.email, login!.adminEmail)))[0]!.id,
    );
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

    // The coordinating group: a monthly series, three past meetings with published minutes and
    // a coming one with a full agenda; its secretary's account acts as the secretary.
    const [secretary] = await ctx.db
      .select()
      .from(users)
      .where(eq(users.email, login!.secretaryEmail));
    expect(secretary?.personId).toBeTruthy();
    const [membership] = await ctx.db
      .select({ networkId: networkMembers.networkId })
      .from(networkMembers)
      .where(eq(networkMembers.personId, secretary!.personId!));
    const secretaryNetworkId = membership!.networkId;
    const held = await ctx.db
      .select({ status: meetingMinutes.status, startsAt: meetings.startsAt })
      .from(meetings)
      .innerJoin(meetingMinutes, eq(meetingMinutes.meetingId, meetings.id))
      .where(eq(meetingMinutes.status, "published"));
    expect(held.length).toBe(4);
    const coming = await ctx.db
      .select()
      .from(meetings)
      .where(and(gt(meetings.startsAt, new Date()), eq(meetings.networkId, secretaryNetworkId)));
    expect(coming.length).toBe(1);
    const [agenda] = await ctx.db
      .select({ n: count() })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, coming[0]!.id));
    expect(agenda!.n).toBeGreaterThanOrEqual(8);

    expect(await loadDemoDataIfEmpty(ctx.db)).toBeNull();
    const [again] = await ctx.db.select({ n: count() }).from(people);
    expect(again!.n).toBe(peopleCount!.n);
  });
});
