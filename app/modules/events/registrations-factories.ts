// Test and demo data of tickets and registrations, written directly (no permission check, no
// capacity lock): ticket types, questions, invitation codes and registrations, and a valid input
// of the public form. Inputs are valid by construction; overrides change what a test cares about.
import crypto from "node:crypto";
import type { DbOrTx } from "../../db/client.ts";
import { sha256 } from "../identity/crypto.ts";
import {
  invitationCodes,
  registrationAnswers,
  registrationQuestions,
  registrations,
  type InvitationCodeRow,
  type QuestionKind,
  type QuestionPurpose,
  type RegistrationQuestionRow,
  type RegistrationRow,
  type RegistrationStatus,
} from "./registrations-schema.ts";
import type { TRegistrationCreateInput } from "./registrations-schemas.ts";
import { ticketTypes, type TicketTypeRow } from "./tickets-schema.ts";

let sequence = 0;
function next(): number {
  sequence += 1;
  return sequence;
}

/** A valid Swedish organization number (Luhn) for invoices in tests and the demo. */
export const exampleOrgNumber = "232100-0016";

export async function insertTicket(
  db: DbOrTx,
  eventId: string,
  overrides: Partial<Omit<typeof ticketTypes.$inferInsert, "eventId">> = {},
): Promise<TicketTypeRow> {
  const [row] = await db
    .insert(ticketTypes)
    .values({
      eventId,
      name: overrides.name ?? `Biljett ${next()}`,
      price: 250_000,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function insertQuestion(
  db: DbOrTx,
  eventId: string,
  overrides: {
    label?: string;
    kind?: QuestionKind;
    purpose?: QuestionPurpose;
    options?: string[];
    required?: boolean;
    position?: number;
  } = {},
): Promise<RegistrationQuestionRow> {
  const [row] = await db
    .insert(registrationQuestions)
    .values({
      eventId,
      label: overrides.label ?? `Fråga ${next()}`,
      kind: overrides.kind ?? "text",
      purpose: overrides.purpose ?? "other",
      options: overrides.options ?? [],
      required: overrides.required ?? false,
      position: overrides.position ?? 0,
    })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function insertInvitationCode(
  db: DbOrTx,
  eventId: string,
  ticketTypeId: string,
  overrides: { code?: string; label?: string; maxUses?: number } = {},
): Promise<InvitationCodeRow> {
  const [row] = await db
    .insert(invitationCodes)
    .values({
      eventId,
      ticketTypeId,
      code: overrides.code ?? `KOD${next()}X`,
      label: overrides.label ?? "",
      maxUses: overrides.maxUses ?? 1,
    })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export type RegistrationSeed = {
  ticketTypeId: string;
  status?: RegistrationStatus;
  name?: string;
  email?: string;
  organizationName?: string;
  school?: string;
  price?: number;
  vatRate?: number;
  locale?: "sv" | "nb" | "en";
  createdAt?: Date;
  answers?: Record<string, string>;
};

/** Registrations written in two batch inserts (rows, then answers); for tests and the demo. */
export async function insertRegistrations(
  db: DbOrTx,
  eventId: string,
  seeds: readonly RegistrationSeed[],
): Promise<RegistrationRow[]> {
  if (seeds.length === 0) return [];
  const now = new Date();
  const rows = await db
    .insert(registrations)
    .values(
      seeds.map((seed, index) => {
        const n = next();
        const status = seed.status ?? "confirmed";
        const at = seed.createdAt ?? new Date(now.getTime() - (seeds.length - index) * 1000);
        return {
          eventId,
          ticketTypeId: seed.ticketTypeId,
          status,
          name: seed.name ?? `Deltagare ${n}`,
          email: seed.email ?? `deltagare${n}@example.se`,
          organizationName: seed.organizationName ?? "Testregionen",
          school: seed.school ?? "",
          invoiceOrganizationNumber: exampleOrgNumber,
          invoiceReference: `REF${n}`,
          invoiceAddress: "Box 1, 501 01 Borås",
          locale: seed.locale ?? "sv",
          price: seed.price ?? 250_000,
          vatRate: seed.vatRate ?? 2500,
          consentAt: at,
          manageTokenHash: sha256(crypto.randomBytes(24).toString("base64url")),
          confirmedAt: status === "confirmed" ? at : null,
          waitlistedAt: status === "waitlisted" ? at : null,
          cancelledAt: status === "cancelled" ? at : null,
          createdAt: at,
          updatedAt: at,
        };
      }),
    )
    .returning();
  const answers = rows.flatMap((row, index) =>
    Object.entries(seeds[index]?.answers ?? {}).map(([questionId, value]) => ({
      registrationId: row.id,
      questionId,
      value,
    })),
  );
  if (answers.length) await db.insert(registrationAnswers).values(answers);
  return rows;
}

/** A complete, valid input of the public form for a paid ticket. */
export function registrationInput(
  ticketTypeId: string,
  overrides: Partial<TRegistrationCreateInput> = {},
): TRegistrationCreateInput {
  const n = next();
  return {
    ticketTypeId,
    name: `Anna Anmäld ${n}`,
    email: `anna${n}@example.se`,
    organizationName: "Region Testland",
    invoiceOrganizationNumber: exampleOrgNumber,
    invoiceReference: "Kostnadsställe 4711",
    invoiceAddress: "Fakturaskanning, Box 100, 501 10 Borås",
    consent: true,
    ...overrides,
  };
}
