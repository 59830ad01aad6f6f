import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { migrateDatabase, openPglite, openPostgres, type Database, type Db } from "./client.ts";

export type Backend = "pglite" | "postgres";

/** Every database test runs on PGlite, and on the PostgreSQL server when TEST_DATABASE_URL is set. */
export const backends: Backend[] = process.env.TEST_DATABASE_URL
  ? ["pglite", "postgres"]
  : ["pglite"];

/** A fresh, migrated database of its own; `drop` removes it. */
export async function createTestDatabase(
  backend: Backend,
): Promise<Database & { drop: () => Promise<void> }> {
  if (backend === "pglite") {
    const opened = await openPglite(undefined);
    await migrateDatabase(opened);
    return { ...opened, drop: opened.close };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `samverka_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const opened = await openPostgres(url.toString(), 20);
  await migrateDatabase(opened);
  return {
    ...opened,
    drop: async () => {
      await opened.close();
      const cleaner = new pg.Client({ connectionString: serverUrl });
      await cleaner.connect();
      await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleaner.end();
    },
  };
}

/**
 * Declares the same tests once per backend, each block on a database of its own:
 *
 *   describeDatabases("organizations", (ctx) => { it("…", async () => { ctx.db … }) });
 */
export function describeDatabases(
  name: string,
  body: (ctx: { readonly db: Db; readonly backend: Backend; readonly database: Database }) => void,
) {
  for (const backend of backends) {
    describe(`${name} [${backend}]`, () => {
      let opened: (Database & { drop: () => Promise<void> }) | undefined;
      const ctx = {
        backend,
        get db(): Db {
          if (!opened) throw new Error("database not open yet");
          return opened.db;
        },
        get database(): Database {
          if (!opened) throw new Error("database not open yet");
          return opened;
        },
      };
      beforeAll(async () => {
        opened = await createTestDatabase(backend);
      });
      afterAll(async () => {
        await opened?.drop();
      });
      body(ctx);
    });
  }
}
