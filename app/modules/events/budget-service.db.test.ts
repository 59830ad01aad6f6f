import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import type { Actor } from "../../platform/actor.ts";
import { auditEntries } from "../../platform/audit/schema.ts";
import type { AppError } from "../../platform/errors.ts";
import { actorFor } from "../directory/factories.ts";
import { insertTestEvent } from "./bookings-factories.ts";
import { insertTicket } from "./registrations-factories.ts";
import { eventBudgetLines } from "./budget-schema.ts";
import type { TBudgetSaveInput } from "./budget-schemas.ts";
import { getBudget, saveBudget } from "./budget-service.ts";
import { ticketTypes } from "./tickets-schema.ts";
import { failure, outcome } from "../../../tests/support/outcomes.ts";

describeDatabases("event budget", (ctx) => {
  async function setup(status: "published" | "draft" = "published") {
    const test = await insertTestEvent(ctx.db, { status });
    const ordinary = await insertTicket(ctx.db, test.event.id, {
      name: "Ordinarie",
      price: 3_200_00,
      position: 1,
    });
    const student = await insertTicket(ctx.db, test.event.id, {
      name: "Student",
      price: 100_00,
      eligibility: "student",
      position: 2,
    });
    const speaker = await insertTicket(ctx.db, test.event.id, {
      name: "Talare",
      price: 0,
      invitationOnly: true,
      position: 3,
    });
    return { ...test, ordinary, student, speaker };
  }

  function budgetInput(s: Awaited<ReturnType<typeof setup>>, version: number): TBudgetSaveInput {
    return {
      version,
      ordinaryTicketTypeId: s.ordinary.id,
      attendance: [
        { ticketTypeId: s.ordinary.id, expected: 120 },
        { ticketTypeId: s.student.id, expected: 20 },
        { ticketTypeId: s.speaker.id, expected: 10 },
      ],
      lines: [
        { kind: "cost", category: "venue", basis: "fixed", label: "Lokalhyra", amount: 185_000_00 },
        { kind: "cost", category: "mc", basis: "fixed", label: "Konferencier", amount: 35_000_00 },
        {
          kind: "cost",
          category: "catering",
          basis: "per_attendee",
          label: "Lunch och fika",
          amount: 685_00,
        },
        { kind: "income", category: "grant", label: "Regionalt bidrag", amount: 150_000_00 },
        { kind: "income", category: "partner_fee", label: "Partner", amount: 25_000_00 },
      ],
    };
  }

  it("counts the expected early birds at the early-bird price, saved with the attendance", async () => {
    const s = await setup();
    await ctx.db
      .update(ticketTypes)
      .set({ earlyBirdPrice: 2_600_00, earlyBirdUntil: "2031-03-01" })
      .where(eq(ticketTypes.id, s.ordinary.id));
    const input = budgetInput(s, 0);
    input.attendance![0] = { ticketTypeId: s.ordinary.id, expected: 120, earlyBird: 50 };
    const saved = await saveBudget(ctx.db, s.organizer, s.event.id, input);
    expect(saved.ticketTypes[0]).toMatchObject({
      budgetEarlyBirdPrice: 2_600_00,
      expected: 120,
      earlyBird: 50,
    });
    // 50 × 2 600 + 70 × 3 200 + 20 × 100 = 356 000.
    expect(saved.result.ticketIncome).toBe(356_000_00n);
    // The 70 at the ordinary fee cover 322 750 − 175 000 − 2 000 − 130 000 = 15 750: 225 each.
    expect(saved.result.breakEven).toMatchObject({ status: "ok", fee: 225_00n });
    expect((await getBudget(ctx.db, s.organizer, s.event.id)).ticketTypes[0]!.earlyBird).toBe(50);

    // More early birds than expected, or early birds of a type without an early-bird price.
    const wrong = budgetInput(s, saved.version);
    wrong.attendance = [
      { ticketTypeId: s.ordinary.id, expected: 10, earlyBird: 11 },
      { ticketTypeId: s.student.id, expected: 20, earlyBird: 5 },
    ];
    const refused = await failure(saveBudget(ctx.db, s.organizer, s.event.id, wrong));
    expect(refused.fieldErrors).toEqual({
      "attendance.0.earlyBird": ["budget.error.earlyBirdAboveExpected"],
      "attendance.1.earlyBird": ["budget.error.noEarlyBird"],
    });
  });

  it("saves the whole budget with a version check and computes the break-even", async () => {
    const s = await setup();
    const empty = await getBudget(ctx.db, s.organizer, s.event.id);
    expect(empty).toMatchObject({ version: 0, lines: [], ordinaryTicketTypeId: s.ordinary.id });
    expect(empty.ticketTypes.map((type) => [type.name, type.budgetPrice])).toEqual([
      ["Ordinarie", 3_200_00],
      ["Student", 100_00],
      ["Talare", 0],
    ]);

    const saved = await saveBudget(ctx.db, s.committeeMember, s.event.id, budgetInput(s, 0));
    expect(saved.version).toBe(1);
    expect(saved.lines.map((line) => line.label)).toEqual([
      "Lokalhyra",
      "Konferencier",
      "Lunch och fika",
      "Regionalt bidrag",
      "Partner",
    ]);
    // Costs 185 000 + 35 000 + 150 × 685 = 322 750; income 120 × 3 200 + 20 × 100 + 175 000.
    expect(saved.result).toMatchObject({
      attendees: 150,
      costs: 322_750_00n,
      ticketIncome: 386_000_00n,
      otherIncome: 175_000_00n,
      result: 238_250_00n,
    });
    // (322 750 − 175 000 − 2 000) / 120 = 1 214,58333… → 1 214,59 → 1 215 kr.
    expect(saved.result.breakEven).toMatchObject({
      status: "ok",
      fee: 1_214_59n,
      feeWholeUnits: 1_215_00n,
    });

    const stale = await failure(saveBudget(ctx.db, s.organizer, s.event.id, budgetInput(s, 0)));
    expect(stale.code).toBe("conflict");
    expect(stale.message).toBe("budget.error.stale");
    expect(stale.params).toEqual({ version: 1 });

    const changed = budgetInput(s, 1);
    changed.lines = changed.lines!.slice(0, 2);
    const after = await saveBudget(ctx.db, s.organizer, s.event.id, changed);
    expect(after.version).toBe(2);
    expect(
      await ctx.db.select().from(eventBudgetLines).where(eq(eventBudgetLines.eventId, s.event.id)),
    ).toHaveLength(2);
    const trail = await ctx.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.entityId, s.event.id));
    expect(trail.filter((entry) => entry.entityType === "event_budget")).toHaveLength(2);
  });

  it("refuses lines that do not fit their kind, and ticket types of other events", async () => {
    const s = await setup();
    const other = await setup();
    const bad = await failure(
      saveBudget(ctx.db, s.organizer, s.event.id, {
        version: 0,
        lines: [
          { kind: "income", category: "venue", label: "Fel", amount: 1 },
          { kind: "income", category: "grant", basis: "per_attendee", label: "Fel", amount: 1 },
          { kind: "cost", category: "mc", label: "Negativ", amount: -5 },
          { kind: "cost", category: "mc", label: "Decimal", amount: 1.5 },
        ],
      }),
    );
    expect(bad.fieldErrors).toEqual({
      "lines.0.category": ["budget.error.category"],
      "lines.1.basis": ["budget.error.incomeFixed"],
      "lines.2.amount": ["budget.error.amount"],
      "lines.3.amount": ["budget.error.amount"],
    });
    const foreign = await failure(
      saveBudget(ctx.db, s.organizer, s.event.id, {
        version: 0,
        ordinaryTicketTypeId: other.ordinary.id,
        attendance: [{ ticketTypeId: other.ordinary.id, expected: 3 }],
      }),
    );
    expect(foreign.fieldErrors).toEqual({
      ordinaryTicketTypeId: ["budget.error.ticketTypeNotFound"],
      "attendance.0.ticketTypeId": ["budget.error.ticketTypeNotFound"],
    });
  });

  it("is for the event's organizers and committee members only", async () => {
    const s = await setup();
    const draft = await setup("draft");
    const roles: Record<string, Actor | null> = {
      public: null,
      outsider: s.outsider,
      partnerEditor: s.partnerEditor,
      organizer: s.organizer,
      committeeMember: s.committeeMember,
      platformAdmin: actorFor({ isPlatformAdmin: true }),
    };
    const read: Record<string, string> = {};
    const write: Record<string, string> = {};
    const readDraft: Record<string, string> = {};
    for (const [role, actor] of Object.entries(roles)) {
      read[role] = await outcome(getBudget(ctx.db, actor, s.event.id));
      write[role] = await outcome(
        saveBudget(ctx.db, actor, s.event.id, { version: 999, lines: [] }),
      );
      readDraft[role] = await outcome(getBudget(ctx.db, actor, draft.event.id));
    }
    expect(read).toEqual({
      public: "unauthenticated",
      outsider: "forbidden",
      partnerEditor: "forbidden",
      organizer: "ok",
      committeeMember: "ok",
      platformAdmin: "ok",
    });
    // Editors get past the permission check and are refused only for the stale version.
    expect(write).toEqual({
      public: "unauthenticated",
      outsider: "forbidden",
      partnerEditor: "forbidden",
      organizer: "conflict",
      committeeMember: "conflict",
      platformAdmin: "conflict",
    });
    // Another event's draft is not even there for those who may not edit it.
    expect(readDraft).toEqual({
      public: "not_found",
      outsider: "not_found",
      partnerEditor: "not_found",
      organizer: "not_found",
      committeeMember: "not_found",
      platformAdmin: "ok",
    });
    expect(await outcome(getBudget(ctx.db, draft.organizer, draft.event.id))).toBe("ok");
    expect(await outcome(getBudget(ctx.db, draft.committeeMember, draft.event.id))).toBe("ok");
  });

  it("lets exactly one of two concurrent saves of the same version win", async () => {
    const s = await setup();
    await saveBudget(ctx.db, s.organizer, s.event.id, budgetInput(s, 0));
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        saveBudget(ctx.db, s.organizer, s.event.id, budgetInput(s, 1)),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results)
      if (result.status === "rejected")
        expect((result.reason as AppError).message).toBe("budget.error.stale");
    expect((await getBudget(ctx.db, s.organizer, s.event.id)).version).toBe(2);
  });
});
