import type { Db } from "../../db/client.ts";

export function startJobWorker(_db: Db) {
  return { stop: async () => {} };
}
