import crypto from "node:crypto";
import { beforeEach, expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import type { Actor } from "../actor.ts";
import { AppError } from "../errors.ts";
import { auditEntries } from "./schema.ts";
import {
  auditCreate,
  auditDelete,
  auditUpdate,
  listAuditEntityTypes,
  listAuditEntries,
} from "./service.ts";

function actor(isPlatformAdmin: boolean, label = "admin@example.test"): Actor {
  return {
    userId: crypto.randomUUID(),
    label,
    isPlatformAdmin,
    personId: null,
    orgRoles: new Map([[crypto.randomUUID(), "admin"]]),
    via: "session",
  };
}

const admin = actor(true);
const orgAdmin = actor(false, "org-admin@example.test");

async function expectAppError(promise: Promise<unknown>, code: AppError["code"]) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describeDatabases("audit log", (ctx) => {
  beforeEach(async () => {
    await ctx.db.delete(auditEntries);
  });

  it("writes the entry in the caller's transaction: a rollback leaves no entry", async () => {
    await expect(
      ctx.db.transaction(async (tx) => {
        await auditCreate(tx, {
          actor: admin,
          entityType: "organization",
          entityId: "org-1",
          entityLabel: "Region Norr",
          record: { name: "Region Norr" },
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await ctx.db.select().from(auditEntries)).toHaveLength(0);

    await ctx.db.transaction(async (tx) => {
      await auditCreate(tx, {
        actor: admin,
        entityType: "organization",
        entityId: "org-1",
        entityLabel: "Region Norr",
        record: { name: "Region Norr", createdAt: new Date("2026-01-02T03:04:05Z") },
      });
    });
    const [entry] = await ctx.db.select().from(auditEntries);
    expect(entry).toMatchObject({
      actorId: admin.userId,
      actorLabel: "admin@example.test",
      action: "create",
      entityType: "organization",
      entityId: "org-1",
      entityLabel: "Region Norr",
      changes: { name: "Region Norr", createdAt: "2026-01-02T03:04:05.000Z" },
    });
    expect(entry!.at).toBeInstanceOf(Date);
  });

  it("records only changed fields of an update, nothing for a no-op, never secrets", async () => {
    const before = { name: "Region Norr", website: null, passwordHash: "old" };
    await auditUpdate(ctx.db, {
      actor: null,
      entityType: "organization",
      entityId: "org-1",
      before,
      after: { ...before, passwordHash: "new" },
    });
    expect(await ctx.db.select().from(auditEntries)).toHaveLength(0);

    await auditUpdate(ctx.db, {
      actor: null,
      entityType: "organization",
      entityId: "org-1",
      before,
      after: { ...before, name: "Region Nord", website: "https://nord.example" },
    });
    await auditDelete(ctx.db, {
      actor: admin,
      entityType: "user",
      entityId: "u-1",
      record: { email: "x@example.test", passwordHash: "secret", tokenHash: "secret" },
    });
    const rows = await ctx.db.select().from(auditEntries);
    const update = rows.find((row) => row.action === "update")!;
    expect(update).toMatchObject({ actorId: null, actorLabel: "system" });
    expect(update.changes).toEqual({
      name: ["Region Norr", "Region Nord"],
      website: [null, "https://nord.example"],
    });
    const deletion = rows.find((row) => row.action === "delete")!;
    expect(deletion.changes).toEqual({ email: "x@example.test" });
  });

  it("refuses the public and non-admins", async () => {
    await expectAppError(listAuditEntries(ctx.db, null), "unauthenticated");
    await expectAppError(listAuditEntries(ctx.db, orgAdmin), "forbidden");
    await expectAppError(listAuditEntityTypes(ctx.db, orgAdmin), "forbidden");
  });

  it("lists newest first, filters by entity type and id", async () => {
    for (const [type, id] of [
      ["organization", "a"],
      ["organization", "b"],
      ["person", "a"],
    ] as const) {
      // Separate statements outside a transaction: distinct, increasing timestamps.
      await auditCreate(ctx.db, { actor: admin, entityType: type, entityId: id, record: {} });
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const all = await listAuditEntries(ctx.db, admin);
    expect(all.entries.map((e) => `${e.entityType}:${e.entityId}`)).toEqual([
      "person:a",
      "organization:b",
      "organization:a",
    ]);
    expect(all.nextCursor).toBeNull();

    const orgs = await listAuditEntries(ctx.db, admin, { entityType: "organization" });
    expect(orgs.entries.map((e) => e.entityId)).toEqual(["b", "a"]);
    const one = await listAuditEntries(ctx.db, admin, {
      entityType: "organization",
      entityId: "a",
    });
    expect(one.entries).toHaveLength(1);
    const byActor = await listAuditEntries(ctx.db, admin, { actorId: orgAdmin.userId });
    expect(byActor.entries).toHaveLength(0);

    expect(await listAuditEntityTypes(ctx.db, admin)).toEqual(["organization", "person"]);
  });

  it("pages by keyset without skipping entries that share a timestamp", async () => {
    // One transaction: now() is the same for every entry.
    await ctx.db.transaction(async (tx) => {
      for (let i = 0; i < 5; i += 1) {
        await auditCreate(tx, {
          actor: admin,
          entityType: "organization",
          entityId: `org-${i}`,
          record: { i },
        });
      }
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listAuditEntries(ctx.db, admin, { cursor }, 2);
      seen.push(...page.entries.map((entry) => entry.entityId));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(["org-0", "org-1", "org-2", "org-3", "org-4"]);
  });

  it("refuses a malformed filter with field errors", async () => {
    const error = await expectAppError(
      listAuditEntries(ctx.db, admin, { cursor: "not-a-uuid" }),
      "validation",
    );
    expect(error.fieldErrors).toEqual({ cursor: ["error.invalid"] });
    const long = await expectAppError(
      listAuditEntries(ctx.db, admin, { entityType: "x".repeat(101) }),
      "validation",
    );
    expect(long.fieldErrors).toEqual({ entityType: ["error.tooLong"] });
  });
});
