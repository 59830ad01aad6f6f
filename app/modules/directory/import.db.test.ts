import ExcelJS from "exceljs";
import { count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { auditEntries } from "../../platform/audit/schema.ts";
import { failure } from "../../../tests/support/outcomes.ts";
import { actorFor, norwegianOrgNumber, organizationInput, swedishOrgNumber } from "./factories.ts";
import { confirmImport, previewImport, uploadImport } from "./import.ts";
import { importTemplate, readImportFile } from "./import-format.ts";
import { directoryImports, organizations, people } from "./schema.ts";
import { createOrganization, listOrganizations, listPeople } from "./service.ts";

const admin = actorFor({ isPlatformAdmin: true });
const csv = (text: string) => new TextEncoder().encode(text);

async function xlsx(rows: ExcelJS.CellValue[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("data");
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describeDatabases("directory import", (ctx) => {
  async function organizationCount() {
    const [row] = await ctx.db.select({ n: count() }).from(organizations);
    return row!.n;
  }

  async function upload(kind: "organizations" | "people", fileName: string, bytes: Uint8Array) {
    const result = await uploadImport(ctx.db, admin, { kind, fileName, bytes });
    if (!result.ok) throw new Error(`upload refused: ${result.problem.key}`);
    return result.id;
  }

  it("imports a valid CSV file entirely, parents in the file and in the directory", async () => {
    const existing = await createOrganization(ctx.db, admin, organizationInput({ kind: "region" }));
    const hospital = swedishOrgNumber();
    const file = [
      "\uFEFFname;kind;country;organization_number;parent_organization_number;website",
      // The child comes before its parent: order in the file does not matter.
      `Avdelning Syd;Förvaltning;SE;;${hospital};`,
      `Sjukhusgruppen;administration;se;${hospital};${existing.organizationNumber};https://sjukhus.example`,
      "Helse Prøve HF;helseforetak;Norge;974760673;;",
    ].join("\r\n");
    const id = await upload("organizations", "orgs.csv", csv(file));
    const before = await organizationCount();

    const preview = await previewImport(ctx.db, admin, id);
    expect(preview).toMatchObject({ total: 3, valid: 3, errors: [], kind: "organizations" });
    expect(await organizationCount()).toBe(before);

    const result = await confirmImport(ctx.db, admin, id);
    expect(result).toEqual({ ok: true, kind: "organizations", created: 3 });
    expect(await organizationCount()).toBe(before + 3);
    const group = (await listOrganizations(ctx.db, null, { q: "Sjukhusgruppen" })).items[0]!;
    expect(group.parentId).toBe(existing.id);
    const ward = (await listOrganizations(ctx.db, null, { q: "Avdelning Syd" })).items[0]!;
    expect(ward).toMatchObject({ parentId: group.id, kind: "administration" });
    const norwegian = (await listOrganizations(ctx.db, null, { q: "Helse Prøve" })).items[0]!;
    expect(norwegian).toMatchObject({ kind: "health_trust", country: "NO" });
    const [audited] = await ctx.db
      .select({ n: count() })
      .from(auditEntries)
      .where(eq(auditEntries.entityId, group.id));
    expect(audited!.n).toBe(1);
    // The upload is used up.
    expect((await failure(confirmImport(ctx.db, admin, id))).code).toBe("not_found");
  });

  it("reports every bad row with its column and imports nothing", async () => {
    const file = [
      "name,kind,country,organization_number",
      `Bra kommun,municipality,SE,${swedishOrgNumber()}`,
      "Dålig kontrollsiffra,municipality,SE,556016-0681",
      ",castle,FI,",
    ].join("\n");
    const id = await upload("organizations", "bad.csv", csv(file));
    const before = await organizationCount();
    const preview = await previewImport(ctx.db, admin, id);
    expect(preview.valid).toBe(1);
    expect(preview.errors).toEqual([
      { row: 3, column: "organization_number", key: "directory.error.orgNumberCheckDigit" },
      { row: 4, column: "name", key: "error.required" },
      { row: 4, column: "kind", key: "directory.error.kind" },
      { row: 4, column: "country", key: "directory.error.country" },
    ]);
    const result = await confirmImport(ctx.db, admin, id);
    expect(result.ok).toBe(false);
    expect(await organizationCount()).toBe(before);
    // Still there for another look, with the same findings.
    const again = await previewImport(ctx.db, admin, id);
    expect(again).toMatchObject({ id, fileName: "bad.csv", valid: 1 });
    expect(again.errors).toEqual(preview.errors);
  });

  it("writes nothing when a row fails only at confirmation", async () => {
    const taken = swedishOrgNumber();
    const file = [
      "name,kind,country,organization_number",
      `Först,municipality,SE,${swedishOrgNumber()}`,
      `Sen,municipality,SE,${taken}`,
    ].join("\n");
    const id = await upload("organizations", "race.csv", csv(file));
    expect((await previewImport(ctx.db, admin, id)).errors).toEqual([]);
    // Someone takes the number between preview and confirmation.
    await createOrganization(ctx.db, admin, organizationInput({ organizationNumber: taken }));
    const before = await organizationCount();
    const result = await confirmImport(ctx.db, admin, id);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.preview.errors).toEqual([
        { row: 3, column: "organization_number", key: "directory.error.duplicateOrgNumber" },
      ]);
    expect(await organizationCount()).toBe(before);
    expect((await listOrganizations(ctx.db, null, { q: "Först" })).total).toBe(0);
  });

  it("refuses duplicates within the file and parent loops", async () => {
    const number = swedishOrgNumber();
    const a = swedishOrgNumber();
    const b = swedishOrgNumber();
    const file = [
      "name,kind,country,organization_number,parent_organization_number,parent_name",
      `Ett,municipality,SE,${number},,`,
      `Två,municipality,SE,${number},,`,
      `Loop A,other,SE,${a},${b},`,
      `Loop B,other,SE,${b},${a},`,
      "Barn,other,SE,,,Finns inte",
    ].join("\n");
    const id = await upload("organizations", "loops.csv", csv(file));
    const preview = await previewImport(ctx.db, admin, id);
    expect(preview.errors).toEqual([
      {
        row: 3,
        column: "organization_number",
        key: "directory.error.duplicateInFile",
        params: { row: 2 },
      },
      { row: 4, column: "parent_organization_number", key: "directory.error.parentCycle" },
      { row: 5, column: "parent_organization_number", key: "directory.error.parentCycle" },
      { row: 6, column: "parent_name", key: "directory.error.parentNotFound" },
    ]);
  });

  it("reads XLSX, keeps formula-like cells as text and never evaluates them", async () => {
    const bytes = await xlsx([
      ["name", "kind", "country", "website"],
      [{ formula: "SUM(1)", result: 1 }, "supplier", "SE", null],
      ["=SUM(1)", "supplier", "SE", { text: "https://x.example", hyperlink: "https://x.example" }],
      ['=HYPERLINK("http://evil.example")', "supplier", "SE", null],
    ]);
    const read = await readImportFile("organizations", "orgs.xlsx", bytes);
    expect(read.ok && read.rows.map((row) => row.values.name)).toEqual([
      "=SUM(1)",
      "=SUM(1)",
      '=HYPERLINK("http://evil.example")',
    ]);
    const id = await upload("organizations", "orgs.xlsx", bytes);
    expect(await confirmImport(ctx.db, admin, id)).toMatchObject({ ok: true, created: 3 });
    const stored = await ctx.db
      .select({ name: organizations.name, website: organizations.website })
      .from(organizations)
      .where(eq(organizations.name, "=SUM(1)"));
    expect(stored).toHaveLength(2);
    expect(stored.map((row) => row.website).sort()).toEqual(["https://x.example", null]);
  });

  it("keeps CSV formula-like cells as text", async () => {
    const id = await upload(
      "people",
      "people.csv",
      csv('name,title,email\n"=SUM(1)",=1+1,formel@example.se\n'),
    );
    expect(await confirmImport(ctx.db, admin, id)).toMatchObject({ ok: true, created: 1 });
    const [person] = await ctx.db
      .select()
      .from(people)
      .where(eq(people.email, "formel@example.se"));
    expect(person).toMatchObject({ name: "=SUM(1)", title: "=1+1" });
  });

  it("imports people with affiliations by organization number or name", async () => {
    const org = await createOrganization(
      ctx.db,
      admin,
      organizationInput({ name: "Personalens region" }),
    );
    const bytes = await xlsx([
      [
        "name",
        "email",
        "organization_number",
        "organization_name",
        "affiliation_title",
        "start_date",
      ],
      [
        "Per Persson",
        "per@example.se",
        org.organizationNumber,
        null,
        "CIO",
        new Date(Date.UTC(2024, 0, 15)),
      ],
      ["Kari Hansen", "KARI@example.no", null, "personalens REGION", null, null],
      ["Ola Dubbel", "kari@example.no", null, null, null, null],
      ["Ingen Org", "ingen@example.se", norwegianOrgNumber(), null, null, null],
    ]);
    const id = await upload("people", "people.xlsx", bytes);
    const preview = await previewImport(ctx.db, admin, id);
    expect(preview.errors).toEqual([
      { row: 4, column: "email", key: "directory.error.duplicateInFile", params: { row: 3 } },
      { row: 5, column: "organization_number", key: "directory.error.organizationNotFound" },
    ]);
    const fixed = await xlsx([
      [
        "name",
        "email",
        "organization_number",
        "organization_name",
        "affiliation_title",
        "start_date",
      ],
      [
        "Per Persson",
        "per@example.se",
        org.organizationNumber,
        null,
        "CIO",
        new Date(Date.UTC(2024, 0, 15)),
      ],
      ["Kari Hansen", "KARI@example.no", null, "personalens REGION", null, null],
    ]);
    const fixedId = await upload("people", "people.xlsx", fixed);
    expect(await confirmImport(ctx.db, admin, fixedId)).toMatchObject({ ok: true, created: 2 });
    const listed = await listPeople(ctx.db, admin, { organizationId: org.id });
    expect(listed.items.map((p) => [p.name, p.email])).toEqual([
      ["Kari Hansen", "kari@example.no"],
      ["Per Persson", "per@example.se"],
    ]);
  });

  it("checks permissions row by row and keeps uploads private", async () => {
    const region = await createOrganization(ctx.db, admin, organizationInput({ kind: "region" }));
    const editor = actorFor({ roles: { [region.id]: "editor" } });
    const file = [
      "name,kind,country,parent_organization_number",
      `Under regionen,administration,SE,${region.organizationNumber}`,
      "Högst upp,region,SE,",
    ].join("\n");
    const uploaded = await uploadImport(ctx.db, editor, {
      kind: "organizations",
      fileName: "mine.csv",
      bytes: csv(file),
    });
    if (!uploaded.ok) throw new Error("upload refused");
    const preview = await previewImport(ctx.db, editor, uploaded.id);
    expect(preview.errors).toEqual([{ row: 3, column: "parent_name", key: "error.forbidden" }]);
    expect((await failure(previewImport(ctx.db, admin, uploaded.id))).code).toBe("not_found");
    expect((await failure(confirmImport(ctx.db, null, uploaded.id))).code).toBe("unauthenticated");
    expect(
      (
        await failure(
          uploadImport(ctx.db, null, { kind: "people", fileName: "x.csv", bytes: csv("name\nx") }),
        )
      ).code,
    ).toBe("unauthenticated");
    expect(
      (
        await failure(
          uploadImport(ctx.db, actorFor(), {
            kind: "people",
            fileName: "x.csv",
            bytes: csv("name\nx"),
          }),
        )
      ).code,
    ).toBe("forbidden");
  });

  it("expires uploads after an hour", async () => {
    const start = new Date();
    const result = await uploadImport(
      ctx.db,
      admin,
      { kind: "people", fileName: "late.csv", bytes: csv("name\nSen Person") },
      start,
    );
    if (!result.ok) throw new Error("upload refused");
    const later = new Date(start.getTime() + 61 * 60 * 1000);
    expect((await failure(previewImport(ctx.db, admin, result.id, later))).code).toBe("not_found");
    // The next upload clears it away.
    await uploadImport(
      ctx.db,
      admin,
      { kind: "people", fileName: "x.csv", bytes: csv("name\nX") },
      later,
    );
    const left = await ctx.db
      .select()
      .from(directoryImports)
      .where(eq(directoryImports.id, result.id));
    expect(left).toEqual([]);
  });

  it("reports file problems: columns, emptiness, garbage", async () => {
    expect(await readImportFile("organizations", "x.csv", csv("name,kind,colour\na,b,c"))).toEqual({
      ok: false,
      problem: { key: "directory.error.fileUnknownColumns", params: { columns: "colour" } },
    });
    expect(await readImportFile("organizations", "x.csv", csv("name\nRegion"))).toEqual({
      ok: false,
      problem: { key: "directory.error.fileMissingColumns", params: { columns: "kind, country" } },
    });
    expect(await readImportFile("people", "x.csv", csv("name\n\n  \n"))).toMatchObject({
      ok: false,
      problem: { key: "directory.error.fileEmpty" },
    });
    expect(
      await readImportFile("people", "x.xlsx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])),
    ).toEqual({ ok: false, problem: { key: "directory.error.fileUnreadable" } });
    // Windows-1252 from older Excel, semicolons, Swedish headers.
    const latin1 = new Uint8Array([
      ...csv("Namn;Titel\n"),
      0xc5,
      0x73,
      0x61,
      0x3b,
      0x43,
      0x49,
      0x4f,
    ]);
    expect(await readImportFile("people", "x.csv", latin1)).toEqual({
      ok: true,
      rows: [{ row: 2, values: { name: "Åsa", title: "CIO" } }],
    });
  });

  it("offers templates that read back as valid files", async () => {
    for (const kind of ["organizations", "people"] as const) {
      for (const format of ["xlsx", "csv"] as const) {
        const template = await importTemplate(kind, format);
        const read = await readImportFile(kind, template.fileName, template.body);
        expect(read.ok).toBe(true);
        if (read.ok) expect(read.rows[0]!.values.name).toBeTruthy();
      }
    }
  });
});
