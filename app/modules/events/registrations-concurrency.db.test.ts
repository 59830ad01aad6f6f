// No overselling, proven against the PostgreSQL server: 500 registrations fired at once at an
// event of 100 places, through a pool of many connections, so the transactions really run side
// by side. With the capacity lock, exactly 100 are confirmed and the other 400 wait; with the
// lock switched off (a test-only setting), the same rush oversells, which shows the first test
// can fail. PGlite has a single connection (transactions never overlap there), so these run
// only when TEST_DATABASE_URL is set.
import crypto from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, openPostgres, type Database } from "../../db/client.ts";
import { jobs } from "../../platform/jobs/schema.ts";
import { insertEvent } from "./factories.ts";
import { setCapacityLockingForTests } from "./registrations-capacity.ts";
import { insertTicket, registrationInput } from "./registrations-factories.ts";
import { registrations } from "./registrations-schema.ts";
import { register } from "./registrations-service.ts";

const serverUrl = process.env.TEST_DATABASE_URL;
const attempts = 500;
const seats = 100;
const poolSize = 40;

describe.skipIf(!serverUrl)("no overselling under a registration rush [postgres]", () => {
  let database: Database | undefined;
  const name = `samverka_rush_${crypto.randomBytes(6).toString("hex")}`;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    database = await openPostgres(url.toString(), poolSize);
    await migrateDatabase(database);
  });

  afterAll(async () => {
    await database?.close();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  /** Fires `attempts` registrations at once at a fresh event of `seats` places. */
  async function rush() {
    const db = database!.db;
    const event = await insertEvent(db, {
      status: "published",
      capacity: seats,
      startDate: "2030-05-14",
      endDate: "2030-05-15",
    });
    const ticket = await insertTicket(db, event.id, { name: "Ordinarie", price: 250_000 });
    const now = new Date("2030-01-10T10:00:00Z");
    const outcomes = await Promise.allSettled(
      Array.from({ length: attempts }, (_, index) =>
        register(
          db,
          null,
          event.id,
          registrationInput(ticket.id, { email: `rusning${index}@example.se` }),
          now,
        ),
      ),
    );
    const failures = outcomes.filter((outcome) => outcome.status === "rejected");
    const answered = outcomes.flatMap((outcome) =>
      outcome.status === "fulfilled" ? [outcome.value.registration.status] : [],
    );
    const stored = async (status: "confirmed" | "waitlisted") =>
      Number(
        (
          await db
            .select({ n: count() })
            .from(registrations)
            .where(and(eq(registrations.eventId, event.id), eq(registrations.status, status)))
        )[0]?.n ?? 0,
      );
    const [{ total } = { total: 0 }] = await db
      .select({ total: count() })
      .from(registrations)
      .where(eq(registrations.eventId, event.id));
    return {
      failures,
      answeredConfirmed: answered.filter((status) => status === "confirmed").length,
      answeredWaitlisted: answered.filter((status) => status === "waitlisted").length,
      confirmed: await stored("confirmed"),
      waitlisted: await stored("waitlisted"),
      total: Number(total),
    };
  }

  it(`${attempts} concurrent registrations for ${seats} places: exactly ${seats} confirmed, the rest waiting, none lost, none failed`, async () => {
    const result = await rush();
    expect(result.failures.map((failure) => String(failure.reason))).toEqual([]);
    expect(result.confirmed).toBe(seats);
    expect(result.waitlisted).toBe(attempts - seats);
    expect(result.total).toBe(attempts);
    // What each registrant was told matches what was stored.
    expect(result.answeredConfirmed).toBe(seats);
    expect(result.answeredWaitlisted).toBe(attempts - seats);
    // Each got a mail: a confirmation or a waiting-list receipt.
    const [{ mails } = { mails: 0 }] = await database!.db
      .select({ mails: count() })
      .from(jobs)
      .where(eq(jobs.kind, "mail.send"));
    expect(Number(mails)).toBeGreaterThanOrEqual(attempts);
  }, 120_000);

  it("with the capacity lock switched off, the same rush oversells: the test above can fail", async () => {
    setCapacityLockingForTests(false);
    try {
      const result = await rush();
      expect(result.failures.map((failure) => String(failure.reason))).toEqual([]);
      expect(result.total).toBe(attempts);
      // Check-then-write without the lock: transactions count the same places and all confirm.
      expect(result.confirmed).toBeGreaterThan(seats);
    } finally {
      setCapacityLockingForTests(true);
    }
  }, 120_000);
});
