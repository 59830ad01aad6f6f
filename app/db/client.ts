import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "./schema.ts";
import { projectRoot } from "../platform/paths.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; services accept either a Db or a Tx where they only need queries. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
  /** PGlite only: its files as a gzipped tarball. */
  dumpDataDir?: () => Promise<Blob>;
};

export const migrationsFolder = path.join(projectRoot, "app/db/migrations");

// PostgreSQL's default 128 MB of shared buffers lives inside PGlite's WebAssembly memory, in
// this process; an embedded database of this size is served as well from 16 MB.
const pgliteSettings = ["shared_buffers=16MB"];

/**
 * A migrated, empty embedded database made by `npm run build`
 * (scripts/build-db-template.ts): a first start unpacks it instead of running initdb, which is
 * the slowest part of PGlite's start.
 */
export const pgliteTemplateFile = path.join(projectRoot, "build/pglite-template.tar.gz");

/** Opens PGlite in a directory (or in memory when dataDir is undefined). */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  let template: Blob | undefined;
  if (dataDir && !fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    if (fs.existsSync(pgliteTemplateFile)) {
      fs.mkdirSync(dataDir, { recursive: true });
      template = new Blob([fs.readFileSync(pgliteTemplateFile)]);
    } else {
      await initializePgliteDir(dataDir);
    }
  }
  const client = await PGlite.create(dataDir, {
    extensions: { pg_trgm },
    postgresqlconf: pgliteSettings,
    ...(template ? { loadDataDir: template } : {}),
  });
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    close: () => client.close(),
    dumpDataDir: async () => client.dumpDataDir("gzip"),
  };
}

/**
 * Creating a cluster (initdb) grows WebAssembly memory that is never given back; done in a worker
 * thread, that memory goes away with the thread and the server keeps only what serving needs.
 */
async function initializePgliteDir(dataDir: string): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true });
  const source = `
    const { parentPort, workerData } = require("node:worker_threads");
    import(workerData.pgliteUrl)
      .then(async ({ PGlite }) => {
        const client = await PGlite.create(workerData.dataDir);
        await client.close();
        parentPort.postMessage("ready");
      })
      .catch((error) => parentPort.postMessage(String(error?.stack ?? error)));`;
  const worker = new Worker(source, {
    eval: true,
    workerData: { dataDir, pgliteUrl: import.meta.resolve("@electric-sql/pglite") },
  });
  const outcome = await new Promise<unknown>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  await worker.terminate();
  if (outcome !== "ready") throw new Error(`Creating the embedded database failed: ${outcome}`);
}

export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client losing its connection (a server restart, a dropped database) must not crash
  // the process; the pool replaces the client on the next query.
  pool.on("error", (error) => console.error("PostgreSQL pool client error:", error.message));
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return { db, kind: "postgres", close: () => pool.end() };
}

export async function migrateDatabase(database: Database): Promise<void> {
  await database.db.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
  if (database.kind === "pglite") {
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    await migratePg(database.db as never, { migrationsFolder });
  }
}
