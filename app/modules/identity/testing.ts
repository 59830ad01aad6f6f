import { and, desc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { MAIL_SEND_JOB, type MailMessage } from "../../platform/mail/outbox.ts";
import { jobs } from "../../platform/jobs/schema.ts";
import { organizations } from "../directory/schema.ts";
import { actorOf } from "./actors.ts";
import { users } from "./schema.ts";
import { createUserWithPassword, grantOrganizationRole } from "./service.ts";

// Test factories of identity (also usable by other modules' tests).

let counter = 0;

/** A unique email for a test (tests share their database within a file). */
export function uniqueEmail(name = "user"): string {
  counter += 1;
  return `${name}.${Date.now().toString(36)}${counter}@example.se`;
}

export const TEST_PASSWORD = "blåbärssoppa vid fjällen";

export async function createTestUser(
  db: Db,
  options: {
    email?: string;
    name?: string;
    password?: string;
    isPlatformAdmin?: boolean;
    roles?: { organizationId: string; role: "admin" | "editor" }[];
  } = {},
): Promise<{ id: string; email: string; password: string; actor: Actor }> {
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? TEST_PASSWORD;
  const { id } = await createUserWithPassword(db, {
    email,
    name: options.name ?? "Test Användare",
    password,
    isPlatformAdmin: options.isPlatformAdmin ?? false,
  });
  for (const role of options.roles ?? []) {
    await grantOrganizationRole(db, { userId: id, ...role });
  }
  return { id, email, password, actor: await actorForUser(db, id) };
}

export async function actorForUser(db: DbOrTx, userId: string, via: Actor["via"] = "session") {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new Error(`no user ${userId}`);
  return actorOf(db, user, via);
}

export async function createTestOrganization(db: DbOrTx, name = "Region Testland") {
  const [row] = await db
    .insert(organizations)
    .values({ name, kind: "region", country: "SE", timeZone: "Europe/Stockholm" })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

/** The mails queued for an address, newest first. */
export async function mailsTo(db: DbOrTx, to: string): Promise<MailMessage[]> {
  const rows = await db
    .select({ payload: jobs.payload })
    .from(jobs)
    .where(and(eq(jobs.kind, MAIL_SEND_JOB), sql`${jobs.payload}->>'to' = ${to}`))
    .orderBy(desc(jobs.createdAt));
  return rows.map((row) => row.payload as MailMessage);
}

/** The token of the first link to `path` (e.g. "/invitation/") in a mail's text. */
export function tokenFromMail(mail: MailMessage | undefined, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path}([A-Za-z0-9_-]+)`).exec(mail?.text ?? "");
  if (!match?.[1]) throw new Error(`no ${path} link in mail: ${mail?.text}`);
  return match[1];
}
