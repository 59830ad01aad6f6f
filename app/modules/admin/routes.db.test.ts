import crypto from "node:crypto";
import { RouterContextProvider } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { openAppDatabase } from "../../../tests/support/app-database.ts";
import type { Actor } from "../../platform/actor.ts";
import { requestStateContext } from "../../platform/request-context.ts";

const getDb = await openAppDatabase("samverka-admin-");
const { auditCreate, auditUpdate } = await import("../../platform/audit/service.ts");
const audit = await import("./routes/audit.tsx");
const overview = await import("./routes/index.tsx");

function actor(isPlatformAdmin: boolean): Actor {
  return {
    userId: crypto.randomUUID(),
    label: isPlatformAdmin ? "admin@example.test" : "editor@example.test",
    isPlatformAdmin,
    personId: null,
    orgRoles: new Map(),
    via: "session",
  };
}

function args(url: string, who: Actor | null, locale: "sv" | "nb" | "en" = "en") {
  const context = new RouterContextProvider();
  context.set(requestStateContext, { locale, actor: who, csrfToken: "t" });
  return { request: new Request(url), context, params: {} } as never;
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the loader to throw");
    },
    (error: unknown) => error,
  );
}

const admin = actor(true);

beforeAll(async () => {
  const db = await getDb();
  await auditCreate(db, {
    actor: admin,
    entityType: "organization",
    entityId: "11111111-1111-4111-8111-111111111111",
    entityLabel: "Region Norr",
    record: { name: "Region Norr", country: "SE" },
  });
  await auditUpdate(db, {
    actor: null,
    entityType: "organization",
    entityId: "11111111-1111-4111-8111-111111111111",
    entityLabel: "Region Nord",
    before: { name: "Region Norr", website: null },
    after: { name: "Region Nord", website: "https://nord.example" },
  });
  await auditCreate(db, {
    actor: admin,
    entityType: "api_token",
    entityId: "t1",
    entityLabel: "CI token",
    record: { name: "CI token" },
  });
});

describe("admin pages", () => {
  it("send the public to the login page and back", async () => {
    const response = (await thrown(
      audit.loader(args("http://localhost/admin/audit?entityType=organization", null)),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(
      "/login?next=%2Fadmin%2Faudit%3FentityType%3Dorganization",
    );
    const landing = (await thrown(
      overview.loader(args("http://localhost/admin", null)),
    )) as Response;
    expect(landing.headers.get("Location")).toBe("/login?next=%2Fadmin");
  });

  it("refuse users who are not platform admins with 403", async () => {
    for (const [loader, url] of [
      [audit.loader, "http://localhost/admin/audit"],
      [overview.loader, "http://localhost/admin"],
    ] as const) {
      const error = (await thrown(loader(args(url, actor(false))))) as {
        type: string;
        init: ResponseInit;
      };
      expect(error.type).toBe("DataWithResponseInit");
      expect(error.init.status).toBe(403);
    }
  });

  it("are never cached", () => {
    expect(audit.headers()).toEqual({ "Cache-Control": "no-store" });
    expect(overview.headers()).toEqual({ "Cache-Control": "no-store" });
  });

  it("list entries with who, what, a link to the entity and the changes", async () => {
    const result = (await audit.loader(args("http://localhost/admin/audit", admin))) as Extract<
      Awaited<ReturnType<typeof audit.loader>>,
      { entries: unknown }
    >;
    expect(result.entries).toHaveLength(3);
    const [token, update, create] = result.entries;
    expect(token).toMatchObject({
      entityTypeName: "API token",
      entityLabel: "CI token",
      entityHref: null,
      actorLabel: "admin@example.test",
      action: "create",
    });
    expect(update).toMatchObject({
      actorLabel: "the system",
      action: "update",
      entityTypeName: "Organization",
      entityLabel: "Region Nord",
      entityHref: "/organizations/11111111-1111-4111-8111-111111111111",
      changes: [
        { field: "name", before: "Region Norr", after: "Region Nord" },
        { field: "website", before: null, after: "https://nord.example" },
      ],
    });
    expect(create!.changes).toEqual([
      { field: "name", before: null, after: "Region Norr" },
      { field: "country", before: null, after: "SE" },
    ]);
    expect(update!.atText).not.toBe("");
    expect(result.entityTypes.map((type) => type.value)).toEqual(["api_token", "organization"]);
    expect(result.olderHref).toBeNull();
  });

  it("filter by entity and show field errors for a malformed cursor", async () => {
    const filtered = (await audit.loader(
      args("http://localhost/admin/audit?entityType=api_token", admin),
    )) as { entries: unknown[]; filtered: boolean };
    expect(filtered.entries).toHaveLength(1);
    expect(filtered.filtered).toBe(true);

    const bad = (await audit.loader(
      args("http://localhost/admin/audit?cursor=nope", admin, "sv"),
    )) as {
      type: string;
      init: ResponseInit;
      data: { fieldErrors: Record<string, string[]>; entries: unknown[] };
    };
    expect(bad.init.status).toBe(400);
    expect(bad.data.fieldErrors).toEqual({ cursor: ["error.invalid"] });
    expect(bad.data.entries).toEqual([]);
  });

  it("the landing page shows the job queue", async () => {
    const result = (await overview.loader(args("http://localhost/admin", admin, "sv"))) as {
      counts: Record<string, number>;
      title: string;
    };
    expect(result.counts).toEqual({ queued: 0, running: 0, done: 0, failed: 0 });
    expect(result.title).toBe("Administration – Samverka");
  });
});
