import type { Db } from "./client.ts";

/** Reference data that ships with the product; safe to run at every start. */
export async function seedReferenceData(_db: Db): Promise<void> {}
