import { database, closeDatabase } from "../db/index.ts";
import { loadDemoDataIfEmpty } from "../db/demo.ts";
import { seedReferenceData } from "../db/seed.ts";
import { pruneIdentityData } from "../modules/identity/cleanup.ts";
import { remindActionsDueTomorrow } from "../modules/meetings/notifications.ts";
import { eraseDueRegistrations } from "../modules/events/registrations-retention.ts";
import { config } from "./config.ts";
import { startJobWorker } from "./jobs/worker.ts";

/** Opens and migrates the database, loads reference and demo data, starts the job worker. */
export async function startPlatform() {
  const cfg = config();
  const opened = await database();
  await seedReferenceData(opened.db);
  if (opened.kind === "pglite" && cfg.SAMVERKA_DEMO) {
    const demo = await loadDemoDataIfEmpty(opened.db);
    if (demo) {
      console.log(
        `Demo data loaded. Log in at ${cfg.BASE_URL}/login as ${demo.adminEmail} with password ${demo.adminPassword}` +
          ` (the editor ${demo.editorEmail}, and the coordinating group's secretary ${demo.secretaryEmail}` +
          ` and chair ${demo.chairEmail}, have the same password)`,
      );
    }
  }
  const worker = cfg.JOBS_ENABLED
    ? startJobWorker(opened.db, {
        maintenance: [
          (db) => pruneIdentityData(db),
          async (db) => void (await remindActionsDueTomorrow(db)),
          // Registrations' personal data on their event's retention date.
          async (db) => void (await eraseDueRegistrations(db)),
        ],
      })
    : undefined;
  return {
    port: cfg.PORT,
    host: cfg.HOST,
    baseUrl: cfg.BASE_URL,
    stop: async () => {
      await worker?.stop();
      await closeDatabase();
    },
  };
}
