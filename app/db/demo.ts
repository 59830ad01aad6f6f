import type { Db } from "./client.ts";

export type DemoLogin = { adminEmail: string; adminPassword: string };

/** Loads demo data into an empty database; returns the demo admin's login, or null if not empty. */
export async function loadDemoDataIfEmpty(_db: Db): Promise<DemoLogin | null> {
  return null;
}
