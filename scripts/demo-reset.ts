// npm run demo:reset — throws away the embedded database (and the mail outbox) in DATA_DIR and
// loads fresh demo data. Stop Samverka first: PGlite's files must not be open in two processes.
import fs from "node:fs";
import path from "node:path";
import { migrateDatabase, openPglite } from "../app/db/client.ts";
import { loadDemoDataIfEmpty } from "../app/db/demo.ts";
import { config } from "../app/platform/config.ts";

const cfg = config();
if (cfg.DATABASE_URL) {
  console.error("demo:reset works on the embedded database only; unset DATABASE_URL.");
  process.exit(1);
}
const databaseDir = path.join(cfg.dataDir, "pglite");
for (const dir of [databaseDir, path.join(cfg.dataDir, "outbox")]) {
  fs.rmSync(dir, { recursive: true, force: true });
}
const database = await openPglite(databaseDir);
try {
  await migrateDatabase(database);
  const login = await loadDemoDataIfEmpty(database.db);
  if (!login) throw new Error("the new database unexpectedly has accounts");
  console.log(`Demo data reloaded in ${databaseDir}.`);
  console.log(
    `Log in at ${cfg.BASE_URL}/login as ${login.adminEmail} with password ${login.adminPassword}`,
  );
} finally {
  await database.close();
}
