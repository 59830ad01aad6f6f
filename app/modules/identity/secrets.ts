import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { randomToken } from "./crypto.ts";
import { identitySecrets } from "./schema.ts";

const cache = new WeakMap<object, Map<string, string>>();

/**
 * A secret the app makes on first use and keeps in the database, so every instance signs with the
 * same key without configuration. Cached per database handle.
 */
export async function appSecret(db: DbOrTx, name: string): Promise<string> {
  let byName = cache.get(db);
  if (!byName) {
    byName = new Map();
    cache.set(db, byName);
  }
  const cached = byName.get(name);
  if (cached) return cached;
  await db
    .insert(identitySecrets)
    .values({ name, value: randomToken(32) })
    .onConflictDoNothing();
  const [row] = await db.select().from(identitySecrets).where(eq(identitySecrets.name, name));
  if (!row) throw new Error(`secret ${name} could not be stored`);
  byName.set(name, row.value);
  return row.value;
}
