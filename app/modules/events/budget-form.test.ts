import { describe, expect, it } from "vitest";
import { computeDraft, draftFromValues, draftToInput, formFieldNames } from "./budget-form.ts";

describe("the budget form's early birds", () => {
  const types = [
    { id: "ordinary", budgetPrice: 3_000_00, budgetEarlyBirdPrice: 2_500_00 },
    { id: "student", budgetPrice: 100_00, budgetEarlyBirdPrice: null },
  ];
  const ids = types.map((type) => type.id);

  it("reads the early birds as typed into the service's input and the live result", () => {
    const draft = draftFromValues({
      version: "2",
      "expected.ordinary": "100",
      "earlyBird.ordinary": "40",
      "expected.student": "10",
    });
    expect(draftToInput(draft, ids).input.attendance).toEqual([
      { ticketTypeId: "ordinary", expected: 100, earlyBird: 40 },
      { ticketTypeId: "student", expected: 10, earlyBird: 0 },
    ]);
    const { result, unreadable } = computeDraft(draft, types);
    expect(unreadable).toBe(0);
    // 40 × 2 500 + 60 × 3 000 + 10 × 100.
    expect(result.ticketIncome).toBe(281_000_00n);
  });

  it("says what it cannot read, by the form's field name", () => {
    const draft = draftFromValues({
      "expected.ordinary": "10",
      "earlyBird.ordinary": "tolv",
    });
    const { fieldErrors } = draftToInput(draft, ids);
    expect(fieldErrors).toEqual({ "earlyBird.ordinary": ["budget.error.count"] });
    expect(formFieldNames([], ids)["attendance.0.earlyBird"]).toBe("earlyBird.ordinary");
    // Live, as typed: more early birds than expected count as all of them, and are flagged.
    const over = computeDraft(
      draftFromValues({ "expected.ordinary": "10", "earlyBird.ordinary": "12" }),
      types,
    );
    expect(over.unreadable).toBe(1);
    expect(over.result.ticketIncome).toBe(25_000_00n);
  });
});
