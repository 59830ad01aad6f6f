// The budget page rendered on the server as React Router does, against a PGlite of this file's
// own: without JavaScript, "Recompute" recomputes on the server and "Save" saves against the
// version read; refusals keep what was typed, next to the field.
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { openAppDatabase } from "../../../tests/support/app-database.ts";
import { decodedHtml, routeVisitor } from "../../../tests/support/render-routes.ts";
import type { Actor } from "../../platform/actor.ts";

const getDb = await openAppDatabase("samverka-budget-");
const { insertTestEvent } = await import("./bookings-factories.ts");
const { insertTicket } = await import("./registrations-factories.ts");
const { eventBudgetLines } = await import("./budget-schema.ts");
const { actorFor } = await import("../directory/factories.ts");

const visit = routeVisitor({
  "/events/:id/budget": () => import("./routes/budget.tsx") as never,
});

async function setup() {
  const db = await getDb();
  const test = await insertTestEvent(db, { name: "E-hälsodagarna" });
  const ordinary = await insertTicket(db, test.event.id, {
    name: "Ordinarie",
    price: 2_400_00,
    position: 1,
  });
  const student = await insertTicket(db, test.event.id, {
    name: "Student",
    price: 100_00,
    eligibility: "student",
    position: 2,
  });
  return { db, ...test, ordinary, student, url: `/events/${test.event.id}/budget` };
}

function form(
  s: Awaited<ReturnType<typeof setup>>,
  intent: "preview" | "save",
  overrides: Record<string, string> = {},
) {
  return {
    _csrf: "t",
    intent,
    version: "0",
    ordinaryTicketTypeId: s.ordinary.id,
    [`expected.${s.ordinary.id}`]: "100",
    [`expected.${s.student.id}`]: "10",
    "line.0.kind": "cost",
    "line.0.category": "venue",
    "line.0.basis": "fixed",
    "line.0.label": "Lokal",
    "line.0.amount": "100 000",
    "line.1.kind": "cost",
    "line.1.category": "catering",
    "line.1.basis": "per_attendee",
    "line.1.label": "Lunch",
    "line.1.amount": "500",
    "line.2.kind": "income",
    "line.2.category": "grant",
    "line.2.basis": "fixed",
    "line.2.label": "Bidrag",
    "line.2.amount": "20000,50",
    "line.3.kind": "cost",
    "line.3.category": "venue",
    "line.3.basis": "fixed",
    "line.3.label": "",
    "line.3.amount": "",
    ...overrides,
  };
}

it("is for the event's organizers and committee members", async () => {
  const s = await setup();
  const who: Record<string, Actor | null> = {
    public: null,
    outsider: s.outsider,
    partner: s.partnerEditor,
    organizer: s.organizer,
    committee: s.committeeMember,
    admin: actorFor({ isPlatformAdmin: true }),
  };
  const statuses: Record<string, number | string> = {};
  for (const [role, actor] of Object.entries(who)) {
    const page = await visit(actor, s.url);
    statuses[role] = page.location ? `redirect ${page.location.split("?")[0]}` : page.status;
  }
  expect(statuses).toEqual({
    public: "redirect /login",
    outsider: 403,
    partner: 403,
    organizer: 200,
    committee: 200,
    admin: 200,
  });
  const post = await visit(s.outsider, s.url, form(s, "save"));
  expect(post.status).toBe(403);
  expect(
    await s.db.select().from(eventBudgetLines).where(eq(eventBudgetLines.eventId, s.event.id)),
  ).toHaveLength(0);
});

it("recomputes without JavaScript, saves, and refuses a stale save keeping what was typed", async () => {
  const s = await setup();
  const empty = decodedHtml((await visit(s.organizer, s.url)).html);
  expect(empty).toContain("Budget för E-hälsodagarna");
  expect(empty).toContain('<th scope="col">Förväntat antal</th>');
  expect(empty).toContain("Ange hur många som väntas köpa den ordinarie biljetten");

  // Recompute: 110 attendees; costs 100 000 + 110 × 500 = 155 000; income 240 000 + 1 000 +
  // 20 000,50 = 261 000,50; surplus 106 000,50. Break-even: (155 000 − 21 000,50) / 100 = 1 339,995
  // → 1 340 kr.
  const preview = await visit(s.organizer, s.url, form(s, "preview"));
  expect(preview.status).toBe(200);
  const html = decodedHtml(preview.html);
  expect(html).toContain("Resultatet är omräknat. Inget är sparat ännu.");
  expect(html).toContain("155 000 kr");
  expect(html).toContain("261 000,50 kr");
  expect(html).toMatch(/Överskott<\/dt><dd><strong>106 000,50 kr/);
  expect(html).toContain(
    "Lägsta avgift för Ordinarie som täcker kostnaderna: 1 340 kr utan moms (exakt 1 340 kr).",
  );
  expect(html).toContain('value="20000,50"');
  expect(
    await s.db.select().from(eventBudgetLines).where(eq(eventBudgetLines.eventId, s.event.id)),
  ).toHaveLength(0);

  const saved = await visit(s.organizer, s.url, form(s, "save"));
  expect(saved.location).toBe(`/events/${s.event.id}/budget?saved=1`);
  const lines = await s.db
    .select()
    .from(eventBudgetLines)
    .where(eq(eventBudgetLines.eventId, s.event.id));
  expect(lines.map((line) => [line.label, line.amount])).toEqual([
    ["Lokal", 100_000_00],
    ["Lunch", 500_00],
    ["Bidrag", 20_000_50],
  ]);
  const after = decodedHtml((await visit(s.organizer, `${s.url}?saved=1`)).html);
  expect(after).toContain("Budgeten är sparad.");
  expect(after).toContain('name="version" value="1"');

  // Someone saves from the old version: refused, the typed numbers stay, the version moves on.
  const stale = await visit(
    s.committeeMember,
    s.url,
    form(s, "save", { "line.0.amount": "90 000" }),
  );
  expect(stale.status).toBe(409);
  const staleHtml = decodedHtml(stale.html);
  expect(staleHtml).toContain("Någon annan sparade budgeten (version 1)");
  expect(staleHtml).toContain('value="90 000"');
  expect(staleHtml).toContain('name="version" value="1"');
});

it("says which amount is wrong next to its field and keeps the input", async () => {
  const s = await setup();
  const bad = await visit(
    s.organizer,
    s.url,
    form(s, "save", {
      "line.1.amount": "12,345",
      [`expected.${s.student.id}`]: "tio",
      "line.0.label": "<script>alert(1)</script>",
    }),
  );
  expect(bad.status).toBe(422);
  const html = decodedHtml(bad.html);
  expect(html).toContain('value="12,345"');
  expect(html).toContain('value="tio"');
  expect(html).toMatch(
    /aria-invalid="true"[^>]*value="12,345"|value="12,345"[^>]*aria-invalid="true"/,
  );
  expect(html).toContain("Ange ett belopp i kronor, till exempel 12 500 eller 12 500,50");
  expect(html).toContain("Ange ett heltal, 0 eller mer.");
  expect(html).toContain("kostnadsrad 2, Belopp");
  // Output is encoded.
  expect(bad.html).not.toContain("<script>alert(1)</script>");
  expect(bad.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
});
