import { expect, it } from "vitest";
import { outcome } from "../../../tests/support/outcomes.ts";
import { describeDatabases } from "../../db/testing.ts";
import {
  getUserForAdministration,
  listUsers,
  revokeApiToken,
  setUserDisabled,
  unlinkIdentity,
} from "./service.ts";
import { createTestUser } from "./testing.ts";

describeDatabases("identity: ids from URLs", (ctx) => {
  it("answers a malformed id as not found, never as a database error", async () => {
    const admin = await createTestUser(ctx.db, { isPlatformAdmin: true });
    const malformed = "not-a-uuid'";
    expect(await outcome(getUserForAdministration(ctx.db, admin.actor, malformed))).toBe(
      "not_found",
    );
    expect(await outcome(revokeApiToken(ctx.db, admin.actor, malformed))).toBe("not_found");
    expect(await outcome(unlinkIdentity(ctx.db, admin.actor, malformed))).toBe("not_found");
    expect(
      await outcome(setUserDisabled(ctx.db, admin.actor, { userId: malformed, disabled: true })),
    ).toBe("not_found");
    expect(await listUsers(ctx.db, admin.actor, { userId: malformed })).toEqual([]);
  });
});
