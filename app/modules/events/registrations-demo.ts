// The demo conference's tickets and registrations, called by app/db/demo.ts with the conference's
// id (before its budget, which reads the ticket types): an ordinary ticket with an early-bird
// price, a student ticket at a symbolic price, one-day tickets for each day, a free ticket for
// speakers and the committees by invitation code; the organizer's questions (diet,
// accessibility, the afternoon's parallel session); and 150 registrations of fictional people,
// written in a few batch inserts. Personal data is erased 90 days after the conference.
import crypto from "node:crypto";
import { asc, count, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { addDays } from "../../platform/time.ts";
import { sha256 } from "../identity/crypto.ts";
import { exampleOrgNumber } from "./registrations-factories.ts";
import {
  invitationCodes,
  registrationAnswers,
  registrationQuestions,
  registrations,
} from "./registrations-schema.ts";
import { events } from "./schema.ts";
import { ticketTypes } from "./tickets-schema.ts";

const kr = (amount: number) => amount * 100;

const firstNames = [
  "Anna",
  "Erik",
  "Maria",
  "Johan",
  "Karin",
  "Lars",
  "Sara",
  "Mikael",
  "Eva",
  "Anders",
  "Lena",
  "Per",
  "Emma",
  "Fredrik",
  "Ingrid",
  "Jonas",
  "Sofia",
  "Magnus",
  "Helena",
  "Oskar",
  "Kari",
  "Ola",
  "Ingeborg",
  "Håkon",
  "Astrid",
  "Nils",
  "Linnea",
  "Tor",
  "Elin",
  "Sigrid",
];
const lastNames = [
  "Lindqvist",
  "Bergström",
  "Holmgren",
  "Sjöberg",
  "Åkesson",
  "Nyström",
  "Lundgren",
  "Ekholm",
  "Forsberg",
  "Hedlund",
  "Dahlin",
  "Wikström",
  "Strand",
  "Nordahl",
  "Haugen",
  "Bakke",
  "Solberg",
  "Løvås",
  "Engström",
  "Kvist",
  "Öberg",
  "Sandvik",
  "Fjell",
  "Rønning",
];
const organizations = [
  "Västra Götalandsregionen",
  "Södra Älvsborgs Sjukhus",
  "Borås Stad",
  "Alingsås kommun",
  "Ulricehamns kommun",
  "Region Halland",
  "Högskolan i Borås",
  "Skaraborgs Sjukhus",
  "Sahlgrenska Universitetssjukhuset",
  "Närhälsan",
  "Mölndals stad",
  "E-hälsoklustret Väst",
  "Inera",
  "Helse Vest IKT",
];
const schools = ["Högskolan i Borås", "Göteborgs universitet", "Högskolan Väst", "Chalmers"];
const diets = [
  "Vegetarisk",
  "Vegansk",
  "Glutenfri",
  "Laktosfri",
  "Vegetarisk",
  "Nötallergi",
  "Vegetarisk",
  "Fisk men inte kött",
];
const sessionsChoice = ["Data och AI i vården", "Vård nära dig", "Ledning och samverkan"];

export type RegistrationsDemo = { ticketTypeIds: string[]; registrations: number };

export async function loadRegistrationsDemo(
  db: DbOrTx,
  eventId: string,
): Promise<RegistrationsDemo> {
  const [event] = await db.select().from(events).where(eq(events.id, eventId));
  if (!event) throw new Error(`demo event ${eventId} not found`);
  // Loaded once: an event that has ticket types already is left as it is.
  const existing = await db
    .select({ id: ticketTypes.id })
    .from(ticketTypes)
    .where(eq(ticketTypes.eventId, eventId))
    .orderBy(asc(ticketTypes.position));
  if (existing.length) {
    const [{ n } = { n: 0 }] = await db
      .select({ n: count() })
      .from(registrations)
      .where(eq(registrations.eventId, eventId));
    return { ticketTypeIds: existing.map((row) => row.id), registrations: Number(n) };
  }
  const secondDay = event.endDate > event.startDate ? addDays(event.startDate, 1) : event.startDate;
  await db
    .update(events)
    .set({ retentionDate: addDays(event.endDate, 90) })
    .where(eq(events.id, eventId));

  const types = await db
    .insert(ticketTypes)
    .values([
      {
        eventId,
        name: "Ordinarie (tidig anmälan)",
        description: "Båda dagarna med lunch, fika och konferensmiddag.",
        price: kr(3_400),
        earlyBirdPrice: kr(2_800),
        earlyBirdUntil: addDays(event.startDate, -60),
        position: 0,
      },
      {
        eventId,
        name: "Student",
        description: "Båda dagarna, för studenter vid högskola eller universitet.",
        price: kr(300),
        eligibility: "student" as const,
        capacity: 30,
        position: 1,
      },
      {
        eventId,
        name: "Endagsbiljett dag 1",
        price: kr(2_100),
        validDate: event.startDate,
        capacity: 40,
        position: 2,
      },
      {
        eventId,
        name: "Endagsbiljett dag 2",
        price: kr(2_100),
        validDate: secondDay,
        capacity: 40,
        position: 3,
      },
      {
        eventId,
        name: "Talare och kommitté",
        description: "Kostnadsfri biljett med inbjudningskod.",
        price: 0,
        invitationOnly: true,
        position: 4,
      },
    ])
    .returning();
  const [ordinary, student, dayOne, dayTwo, invited] = types;
  if (!ordinary || !student || !dayOne || !dayTwo || !invited)
    throw new Error("insert returned nothing");

  const [speakerCode, committeeCode] = await db
    .insert(invitationCodes)
    .values([
      { eventId, ticketTypeId: invited.id, code: "TALARE-EHV", label: "Talare", maxUses: 30 },
      {
        eventId,
        ticketTypeId: invited.id,
        code: "KOMMITTE-EHV",
        label: "Program- och arrangemangskommittén",
        maxUses: 15,
      },
    ])
    .returning();

  const [diet, access, session] = await db
    .insert(registrationQuestions)
    .values([
      {
        eventId,
        label: "Specialkost eller allergier",
        kind: "text" as const,
        purpose: "dietary" as const,
        position: 0,
      },
      {
        eventId,
        label: "Behöver du något för att kunna delta fullt ut (tillgänglighet)?",
        kind: "text" as const,
        purpose: "accessibility" as const,
        position: 1,
      },
      {
        eventId,
        label: "Vilket eftermiddagspass väljer du dag 1?",
        kind: "choice" as const,
        purpose: "session_choice" as const,
        options: sessionsChoice,
        required: true,
        position: 2,
      },
    ])
    .returning();
  if (!diet || !access || !session || !speakerCode || !committeeCode)
    throw new Error("insert returned nothing");

  // 150 registrations: 96 ordinary (the first 60 at the early-bird price), 20 students, 12 + 10
  // one-day, 12 by invitation; 6 of them since cancelled. Spread over the weeks before.
  const plan: { type: typeof ordinary; code: string | null }[] = [
    ...Array.from({ length: 96 }, () => ({ type: ordinary, code: null })),
    ...Array.from({ length: 20 }, () => ({ type: student, code: null })),
    ...Array.from({ length: 12 }, () => ({ type: dayOne, code: null })),
    ...Array.from({ length: 10 }, () => ({ type: dayTwo, code: null })),
    ...Array.from({ length: 8 }, () => ({ type: invited, code: speakerCode.id })),
    ...Array.from({ length: 4 }, () => ({ type: invited, code: committeeCode.id })),
  ];
  const firstDay = new Date(`${addDays(event.startDate, -120)}T08:00:00Z`).getTime();
  const rows = plan.map((entry, index) => {
    const first = firstNames[(index * 7) % firstNames.length]!;
    const last = lastNames[(index * 11) % lastNames.length]!;
    const organization = organizations[(index * 5) % organizations.length]!;
    const at = new Date(firstDay + index * 15 * 3_600_000);
    const cancelled = index % 25 === 7;
    const isStudent = entry.type.id === student.id;
    const early = entry.type.id === ordinary.id && index < 60;
    const price = entry.type.invitationOnly
      ? 0
      : early && entry.type.earlyBirdPrice !== null
        ? entry.type.earlyBirdPrice
        : entry.type.price;
    const slug = `${first}.${last}`
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/ø/g, "o")
      .replace(/[^a-z.]/g, "");
    return {
      eventId,
      ticketTypeId: entry.type.id,
      status: cancelled ? ("cancelled" as const) : ("confirmed" as const),
      name: `${first} ${last}`,
      email: `${slug}${index}@example.se`,
      // The range Swedish authorities keep for fiction: 070-174 06 05 … 070-174 06 99.
      phone: index % 3 === 0 ? `+46 70 174 06 ${String(5 + (index % 95)).padStart(2, "0")}` : "",
      organizationName: isStudent ? "" : organization,
      school: isStudent ? schools[index % schools.length]! : "",
      invoiceOrganizationNumber: price > 0 && !isStudent ? exampleOrgNumber : "",
      invoiceReference: price > 0 && !isStudent ? `EHV-${1000 + index}` : "",
      invoiceAddress:
        price > 0
          ? isStudent
            ? "Studentvägen 3, 501 90 Borås"
            : `${organization}, Fakturaskanning, Box 1, 405 44 Göteborg`
          : "",
      locale: organization === "Helse Vest IKT" ? ("nb" as const) : ("sv" as const),
      price,
      vatRate: entry.type.vatRate,
      invitationCodeId: entry.code,
      consentAt: at,
      manageTokenHash: sha256(crypto.randomBytes(24).toString("base64url")),
      confirmedAt: at,
      cancelledAt: cancelled ? new Date(at.getTime() + 7 * 86_400_000) : null,
      createdAt: at,
      updatedAt: at,
    };
  });
  const inserted = await db.insert(registrations).values(rows).returning({ id: registrations.id });
  const answers = inserted.flatMap((row, index) => [
    ...(index % 4 === 1
      ? [
          {
            registrationId: row.id,
            questionId: diet.id,
            value: diets[(index >> 2) % diets.length]!,
          },
        ]
      : []),
    ...(index % 37 === 3
      ? [{ registrationId: row.id, questionId: access.id, value: "Hörslinga i stora salen" }]
      : []),
    ...(index % 41 === 5
      ? [{ registrationId: row.id, questionId: access.id, value: "Plats för rullstol" }]
      : []),
    {
      registrationId: row.id,
      questionId: session.id,
      value: sessionsChoice[index % sessionsChoice.length]!,
    },
  ]);
  await db.insert(registrationAnswers).values(answers);
  return { ticketTypeIds: types.map((type) => type.id), registrations: inserted.length };
}
