// Part of `npm run build`: makes build/pglite-template.tar.gz, an embedded database with every
// migration, that a first start unpacks instead of running initdb. It holds no data at all: a new
// database starts empty as before (reference data, secrets and accounts come at first start).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, openPglite, pgliteTemplateFile } from "../app/db/client.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "samverka-template-"));
fs.rmSync(pgliteTemplateFile, { force: true });
const database = await openPglite(path.join(dir, "pglite"));
try {
  await migrateDatabase(database);
  const tarball = await database.dumpDataDir!();
  fs.mkdirSync(path.dirname(pgliteTemplateFile), { recursive: true });
  fs.writeFileSync(pgliteTemplateFile, Buffer.from(await tarball.arrayBuffer()));
} finally {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`Wrote ${path.relative(process.cwd(), pgliteTemplateFile)}`);
