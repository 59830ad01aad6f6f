// The app's own database for tests of routes, which read it through the app's configuration
// rather than take a db: a PGlite of the test file's own in a temporary data directory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { resetConfig } from "../../app/platform/config.ts";

/**
 * Points the app's database at a fresh PGlite in a temporary data directory, and puts the
 * environment back after the file's tests. Import the app's modules that read the configuration
 * after this (dynamically).
 */
export async function openAppDatabase(prefix: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const savedEnv = { ...process.env };
  process.env.DATA_DIR = dataDir;
  process.env.BASE_URL = "http://localhost:3000";
  delete process.env.DATABASE_URL;
  resetConfig();
  const { getDb, closeDatabase } = await import("../../app/db/index.ts");
  afterAll(async () => {
    await closeDatabase();
    process.env = savedEnv;
    resetConfig();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return getDb;
}
