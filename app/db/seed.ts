import { eq, sql } from "drizzle-orm";
import type { Db } from "./client.ts";
import { insertOrganization } from "../modules/directory/factories.ts";
import { referenceOrganizations } from "../modules/directory/reference-data.ts";
import { directorySeededKeys, organizations } from "../modules/directory/schema.ts";

/**
 * Reference data that ships with the product; safe to run at every start, on every instance.
 *
 * Each reference organization is created once: its key is then remembered in
 * directory_seeded_keys, so an organization an administrator edits keeps the edits and one they
 * delete stays deleted. An organization already present with the same organization number (say,
 * imported before) is adopted instead of duplicated.
 */
export async function seedReferenceData(db: Db): Promise<{ created: number }> {
  return db.transaction(async (tx) => {
    // Two instances starting together: the second waits here and then finds everything done.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('samverka.seed.directory'))`);
    const seeded = new Set(
      (await tx.select({ key: directorySeededKeys.key }).from(directorySeededKeys)).map(
        (row) => row.key,
      ),
    );
    let created = 0;
    for (const entry of referenceOrganizations) {
      if (seeded.has(entry.key)) continue;
      const [parent] = entry.parentKey
        ? await tx
            .select({ id: organizations.id })
            .from(organizations)
            .where(eq(organizations.referenceKey, entry.parentKey))
        : [];
      const [existing] = entry.organizationNumber
        ? await tx
            .select({ id: organizations.id, referenceKey: organizations.referenceKey })
            .from(organizations)
            .where(eq(organizations.organizationNumber, entry.organizationNumber))
        : [];
      if (existing) {
        if (!existing.referenceKey)
          await tx
            .update(organizations)
            .set({ referenceKey: entry.key })
            .where(eq(organizations.id, existing.id));
      } else {
        await insertOrganization(tx, {
          name: entry.name,
          kind: entry.kind,
          country: entry.country,
          parentId: parent?.id ?? null,
          organizationNumber: entry.organizationNumber ?? null,
          website: entry.website ?? null,
          referenceKey: entry.key,
        });
        created += 1;
      }
      await tx.insert(directorySeededKeys).values({ key: entry.key }).onConflictDoNothing();
    }
    return { created };
  });
}
