import path from "node:path";
import { sql } from "drizzle-orm";
import { config } from "../platform/config.ts";
import { migrateDatabase, openPglite, openPostgres, type Database, type Db } from "./client.ts";

let opening: Promise<Database> | undefined;

/** The application's database, opened and migrated once per process. */
export function database(): Promise<Database> {
  opening ??= (async () => {
    const cfg = config();
    const opened = cfg.DATABASE_URL
      ? await openPostgres(cfg.DATABASE_URL, cfg.DATABASE_POOL_MAX)
      : await openPglite(path.join(cfg.dataDir, "pglite"));
    await migrateDatabase(opened);
    return opened;
  })();
  return opening;
}

export async function getDb(): Promise<Db> {
  return (await database()).db;
}

/** Whether the database answers a query (for /readyz). */
export async function pingDatabase(): Promise<boolean> {
  try {
    await (await getDb()).execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

export async function closeDatabase(): Promise<void> {
  if (!opening) return;
  const opened = await opening;
  opening = undefined;
  await opened.close();
}

export type { Db, DbOrTx, Tx } from "./client.ts";
