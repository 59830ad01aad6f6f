// Loads reference and demo data into the PostgreSQL database at DATABASE_URL (migrating it
// first), so the benchmark measures the same pages on PostgreSQL as on the embedded database.
// Run: DATABASE_URL=postgres://… node --import tsx bench/load-demo.ts
import { migrateDatabase, openPostgres } from "../app/db/client.ts";
import { loadDemoDataIfEmpty } from "../app/db/demo.ts";
import { seedReferenceData } from "../app/db/seed.ts";

const url = process.env.DATABASE_URL;
if (!url?.startsWith("postgres")) {
  console.error("Set DATABASE_URL to a PostgreSQL database.");
  process.exit(2);
}

const database = await openPostgres(url, 2);
try {
  await migrateDatabase(database);
  await seedReferenceData(database.db);
  const login = await loadDemoDataIfEmpty(database.db);
  console.log(
    login
      ? `Demo data loaded: log in as ${login.adminEmail} with password ${login.adminPassword}`
      : "Database not empty; demo data left as it was",
  );
} finally {
  await database.close();
}
