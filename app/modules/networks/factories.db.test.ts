import { expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { loadNetworkAccess } from "./access.ts";
import { insertMember, insertNetworkWithRoles, insertSeatRule } from "./factories.ts";

describeDatabases("networks factories", (ctx) => {
  it("builds a network with a member of each role that access.ts recognizes", async () => {
    const setup = await insertNetworkWithRoles(ctx.db);
    const { access } = await loadNetworkAccess(
      ctx.db,
      setup.members.secretary.actor,
      setup.network.id,
    );
    expect(access.memberRole).toBe("secretary");
    const editor = await loadNetworkAccess(ctx.db, setup.ownerEditor, setup.network.id);
    expect(editor.access.managesOwner).toBe(true);
    await expect(loadNetworkAccess(ctx.db, setup.outsider, setup.network.id)).rejects.toThrow();
    const extra = await insertMember(ctx.db, setup.network.id, {
      organizationId: setup.members.chair.organization.id,
    });
    expect(extra.organization.id).toBe(setup.members.chair.organization.id);
    const rule = await insertSeatRule(ctx.db, setup.network.id, {
      organizationKind: "municipality",
      country: "SE",
      seats: 1,
    });
    expect(rule.organizationId).toBeNull();
  });
});
