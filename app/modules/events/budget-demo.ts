// The demo conference's budget, called by app/db/demo.ts with the conference's id after its
// ticket types and partners exist: venue, MC, sound and image, graphics, speakers' travel and
// stay, catering per person, a regional grant and a fee from each partner and sponsor, with the
// expected attendance per ticket type (a little over half of a type with an early-bird price
// buying at that price, as the demo's registrations do). Three batch inserts. Amounts in öre before VAT.
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { organizations } from "../directory/schema.ts";
import { insertBudget } from "./bookings-factories.ts";
import {
  budgetEarlyBirdPrice,
  defaultOrdinaryTicketType,
  type BudgetLineKind,
} from "./budget-rules.ts";
import type { CostCategory, IncomeCategory } from "./budget-rules.ts";
import { eventOrganizations, events } from "./schema.ts";
import { ticketTypes } from "./tickets-schema.ts";

const kr = (amount: number) => amount * 100;

/** Who is expected per kind of ticket, within its capacity. */
function expectedFor(
  type: {
    name: string;
    eligibility: string;
    invitationOnly: boolean;
    validDate: string | null;
    capacity: number | null;
  },
  isOrdinary: boolean,
): number {
  const wanted = type.invitationOnly
    ? 32
    : type.eligibility === "student"
      ? 25
      : type.validDate
        ? 20
        : isOrdinary
          ? 110
          : /early|tidig/i.test(type.name)
            ? 60
            : 15;
  return type.capacity ? Math.min(type.capacity, wanted) : wanted;
}

/** Of those, how many are expected to buy before the early bird ends: a little over half. */
function earlyBirdFor(
  type: { earlyBirdPrice: number | null; invitationOnly: boolean },
  expected: number,
): number {
  return budgetEarlyBirdPrice(type) === null ? 0 : Math.round(expected * 0.55);
}

export async function loadBudgetDemo(db: DbOrTx, eventId: string): Promise<void> {
  const [event] = await db.select().from(events).where(eq(events.id, eventId));
  if (!event) throw new Error(`demo event ${eventId} not found`);
  const types = await db
    .select()
    .from(ticketTypes)
    .where(eq(ticketTypes.eventId, eventId))
    .orderBy(asc(ticketTypes.position), asc(ticketTypes.name));
  const ordinary = defaultOrdinaryTicketType(types);
  const partners = await db
    .select({ name: organizations.name, role: eventOrganizations.role })
    .from(eventOrganizations)
    .innerJoin(organizations, eq(organizations.id, eventOrganizations.organizationId))
    .where(eq(eventOrganizations.eventId, eventId))
    .orderBy(asc(eventOrganizations.position));
  const paying = partners.filter((row) => row.role === "partner" || row.role === "sponsor");
  const days = Math.max(
    1,
    Math.round(
      (Date.parse(`${event.endDate}T00:00:00Z`) - Date.parse(`${event.startDate}T00:00:00Z`)) /
        86_400_000,
    ) + 1,
  );
  type Line = {
    kind: BudgetLineKind;
    category: CostCategory | IncomeCategory;
    basis?: "fixed" | "per_attendee";
    label: string;
    amount: number;
  };
  const lines: Line[] = [
    {
      kind: "cost",
      category: "venue",
      label: `Lokalhyra, stora salen och två grupprum, ${days} dagar`,
      amount: kr(92_500 * days),
    },
    {
      kind: "cost",
      category: "mc",
      label: "Konferencier, arvode och förberedelser",
      amount: kr(38_000),
    },
    {
      kind: "cost",
      category: "sound_image",
      label: "Ljud, ljus, bild och tekniker på plats",
      amount: kr(31_000 * days),
    },
    {
      kind: "cost",
      category: "sound_image",
      label: "Filmning och webbsändning av huvudtalen",
      amount: kr(24_500),
    },
    {
      kind: "cost",
      category: "graphics",
      label: "Grafisk profil, program och namnbrickor",
      amount: kr(18_500),
    },
    {
      kind: "cost",
      category: "speakers_travel",
      label: "Talares resor och hotell (åtta talare)",
      amount: kr(46_000),
    },
    {
      kind: "cost",
      category: "catering",
      basis: "per_attendee",
      label: `Lunch, fika och middag per deltagare (${days} dagar)`,
      amount: kr(685) + kr(365) * (days - 1),
    },
    {
      kind: "cost",
      category: "other",
      label: "Deltagarsystem, försäkring och oförutsett",
      amount: kr(15_000),
    },
    {
      kind: "income",
      category: "grant",
      label: "Bidrag ur regionens utvecklingsmedel för e-hälsa",
      amount: kr(150_000),
    },
    ...(paying.length
      ? paying.map((row): Line => ({
          kind: "income",
          category: "partner_fee",
          label: `Partneravgift, ${row.name}`,
          amount: kr(row.role === "sponsor" ? 15_000 : 25_000),
        }))
      : [
          {
            kind: "income" as const,
            category: "partner_fee" as const,
            label: "Partneravgifter, fyra partner à 25 000 kr",
            amount: kr(100_000),
          },
        ]),
  ];
  await insertBudget(db, eventId, {
    ordinaryTicketTypeId: ordinary,
    lines,
    attendance: types.map((type) => {
      const expected = expectedFor(type, type.id === ordinary);
      return { ticketTypeId: type.id, expected, earlyBird: earlyBirdFor(type, expected) };
    }),
  });
}
