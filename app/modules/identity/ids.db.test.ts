import { expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { isAppError } from "../../platform/errors.ts";
import {
  getUserForAdministration,
  listUsers,
  revokeApiToken,
  setUserDisabled,
  unlinkIdentity,
} from "./service.ts";
import { createTestUser } from "./testing.ts";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return "no error";
}

describeDatabases("identity: ids from URLs", (ctx) => {
  it("answers a malformed id as not found, never as a database error", async () => {
    const admin = await createTestUser(ctx.db, { isPlatformAdmin: true });
    const malformed = "not-a-uuid'";
    expect(await codeOf(getUserForAdministration(ctx.db, admin.actor, malformed))).toBe(
      "not_found",
    );
    expect(await codeOf(revokeApiToken(ctx.db, admin.actor, malformed))).toBe("not_found");
    expect(await codeOf(unlinkIdentity(ctx.db, admin.actor, malformed))).toBe("not_found");
    expect(
      await codeOf(setUserDisabled(ctx.db, admin.actor, { userId: malformed, disabled: true })),
    ).toBe("not_found");
    expect(await listUsers(ctx.db, admin.actor, { userId: malformed })).toEqual([]);
  });
});
