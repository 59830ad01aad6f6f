// The organizers' exports of registrations: a spreadsheet (XLSX, exceljs), a CSV (papaparse) and
// name badges (PDF, pdfkit). They read through registrationsForExport, so they show exactly what
// the registrations page shows its reader and nothing to anyone else. Every text cell is
// neutralized (registrations-rules.ts: neutralizeCell), so a name such as "=HYPERLINK(…)" typed
// on the public form stays text in Excel, LibreOffice and Numbers.
import type ExcelJSModule from "exceljs";
import type PapaModule from "papaparse";
import type { DbOrTx } from "../../db/client.ts";
import type { Locale } from "../../i18n/locales.ts";
import { translator, type Translate } from "../../i18n/translate.ts";
import type { Actor } from "../../platform/actor.ts";
import { lazyModule } from "../../platform/lazy-module.ts";
import { createPdf, pdfFont } from "../../platform/pdf.ts";
import { neutralizeCell, vatOf } from "./registrations-rules.ts";
import type { TRegistrationFilterInput } from "./registrations-schemas.ts";
import {
  localDateTime,
  registrationsForExport,
  type RegistrationEvent,
  type RegistrationView,
} from "./registrations-service.ts";
import type { QuestionView } from "./tickets-service.ts";
import { asciiSlug } from "../../platform/file-response.ts";

const excel = lazyModule<typeof ExcelJSModule>("exceljs");
const papa = lazyModule<typeof PapaModule>("papaparse");

type Cell = string | number;

type Column = { header: string; width: number; value: (row: RegistrationView) => Cell };

function columns(t: Translate, event: RegistrationEvent, questions: QuestionView[]): Column[] {
  const when = (value: Date | null) => (value ? localDateTime(value, event.timeZone) : "");
  const money = (minor: number) => minor / 100;
  return [
    {
      header: t("registrations.field.status"),
      width: 14,
      value: (row) => t(`registrations.status.${row.status}`),
    },
    { header: t("registrations.field.ticketType"), width: 24, value: (row) => row.ticketTypeName },
    { header: t("registrations.field.day"), width: 12, value: (row) => row.validDate ?? "" },
    { header: t("registrations.field.name"), width: 26, value: (row) => row.name },
    { header: t("registrations.field.email"), width: 30, value: (row) => row.email },
    { header: t("registrations.field.phone"), width: 16, value: (row) => row.phone },
    {
      header: t("registrations.field.organizationName"),
      width: 28,
      value: (row) => row.organizationName,
    },
    { header: t("registrations.field.school"), width: 24, value: (row) => row.school },
    {
      header: t("registrations.field.invoiceOrganizationNumber"),
      width: 16,
      value: (row) => row.invoiceOrganizationNumber,
    },
    {
      header: t("registrations.field.invoiceReference"),
      width: 20,
      value: (row) => row.invoiceReference,
    },
    {
      header: t("registrations.field.invoiceAddress"),
      width: 34,
      value: (row) => row.invoiceAddress,
    },
    {
      header: t("registrations.export.price", { currency: event.currency }),
      width: 12,
      value: (row) => money(row.price),
    },
    {
      header: t("registrations.export.vat", { currency: event.currency }),
      width: 10,
      value: (row) => money(vatOf(row.price, row.vatRate)),
    },
    {
      header: t("registrations.export.byInvitation"),
      width: 10,
      value: (row) => (row.byInvitation ? t("registrations.yes") : ""),
    },
    { header: t("registrations.export.language"), width: 8, value: (row) => row.locale },
    {
      header: t("registrations.export.registeredAt"),
      width: 17,
      value: (row) => when(row.createdAt),
    },
    {
      header: t("registrations.export.cancelledAt"),
      width: 17,
      value: (row) => when(row.cancelledAt),
    },
    ...questions.map((question): Column => ({
      header: question.label,
      width: 24,
      value: (row) => row.answers[question.id] ?? "",
    })),
  ];
}

/** Header and rows with every text cell neutralized; numbers stay numbers. */
export function exportTable(
  t: Translate,
  event: RegistrationEvent,
  questions: QuestionView[],
  rows: readonly RegistrationView[],
): { widths: number[]; header: string[]; rows: Cell[][] } {
  const cols = columns(t, event, questions);
  const cell = (value: Cell): Cell => (typeof value === "string" ? neutralizeCell(value) : value);
  return {
    widths: cols.map((column) => column.width),
    header: cols.map((column) => neutralizeCell(column.header)),
    rows: rows.map((row) => cols.map((column) => cell(column.value(row)))),
  };
}

export type ExportFile = { body: Uint8Array; contentType: string; fileName: string };

function fileStem(event: RegistrationEvent): string {
  const slug = asciiSlug(event.name).toLowerCase();
  return `${slug || "event"}-registrations`;
}

/** The registrations as an XLSX workbook (one sheet, frozen header row, auto filter). */
export async function registrationsXlsx(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  filter: TRegistrationFilterInput,
  locale: Locale,
): Promise<ExportFile> {
  const t = translator(locale);
  const data = await registrationsForExport(db, actor, eventId, filter);
  const table = exportTable(t, data.event, data.questions, data.rows);
  const workbook = new (excel().Workbook)();
  workbook.creator = "Samverka";
  const sheet = workbook.addWorksheet(t("registrations.export.sheet"), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = table.header.map((header, index) => ({
    header,
    width: table.widths[index] ?? 16,
  }));
  for (const row of table.rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } };
  const buffer = await workbook.xlsx.writeBuffer();
  return {
    body: new Uint8Array(buffer as ArrayBuffer),
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    fileName: `${fileStem(data.event)}.xlsx`,
  };
}

/**
 * The registrations as CSV: UTF-8 with a byte-order mark and semicolons, as Swedish and Norwegian
 * Excel open it directly.
 */
export async function registrationsCsv(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  filter: TRegistrationFilterInput,
  locale: Locale,
): Promise<ExportFile> {
  const t = translator(locale);
  const data = await registrationsForExport(db, actor, eventId, filter);
  const table = exportTable(t, data.event, data.questions, data.rows);
  const text = papa().unparse([table.header, ...table.rows.map((row) => row.map(String))], {
    delimiter: ";",
    newline: "\r\n",
    quotes: true,
  });
  return {
    body: new TextEncoder().encode(`\uFEFF${text}\r\n`),
    contentType: "text/csv; charset=utf-8",
    fileName: `${fileStem(data.event)}.csv`,
  };
}

// ---------------------------------------------------------------------------------------------
// Name badges

const mm = (value: number) => (value * 72) / 25.4;

/**
 * Name badges of the confirmed attendees (filtered as the list), eight to an A4 page in two
 * columns of 90 × 60 mm with cutting margins: the name large, the organization (or school), the
 * ticket (with its day) and the event.
 */
export async function registrationBadgesPdf(
  db: DbOrTx,
  actor: Actor | null,
  eventId: string,
  filter: TRegistrationFilterInput,
  locale: Locale,
): Promise<ExportFile> {
  const t = translator(locale);
  const data = await registrationsForExport(db, actor, eventId, {
    ...filter,
    status: "confirmed",
  });
  const attendees = data.rows.filter((row) => !row.erasedAt);
  const { pdf, finished } = createPdf({
    size: "A4",
    margin: 0,
    autoFirstPage: false,
    info: {
      Title: t("registrations.badges.title", { name: data.event.name }),
      Creator: "Samverka",
    },
  });
  const width = mm(90);
  const height = mm(60);
  const left = mm(15);
  const top = mm(28);
  const perPage = 8;
  if (attendees.length === 0) {
    pdf.addPage();
    pdf
      .font(pdfFont.regular)
      .fontSize(14)
      .text(t("registrations.badges.none"), mm(20), mm(30), { width: mm(170) });
  }
  attendees.forEach((row, index) => {
    const slot = index % perPage;
    if (slot === 0) pdf.addPage();
    const x = left + (slot % 2) * width;
    const y = top + Math.floor(slot / 2) * height;
    pdf.save().lineWidth(0.5).strokeColor("#999999").rect(x, y, width, height).stroke().restore();
    const inner = width - mm(12);
    pdf
      .fillColor("#1a1a1a")
      .font(pdfFont.regular)
      .fontSize(8)
      .text(data.event.name, x + mm(6), y + mm(5), {
        width: inner,
        lineBreak: false,
        ellipsis: true,
      });
    pdf
      .font(pdfFont.bold)
      .fontSize(row.name.length > 24 ? 15 : 19)
      .text(row.name, x + mm(6), y + mm(17), { width: inner, height: mm(16), ellipsis: true });
    const affiliation = row.organizationName || row.school;
    if (affiliation)
      pdf
        .font(pdfFont.regular)
        .fontSize(10.5)
        .text(affiliation, x + mm(6), y + mm(36), { width: inner, height: mm(10), ellipsis: true });
    const ticket = row.validDate ? `${row.ticketTypeName} · ${row.validDate}` : row.ticketTypeName;
    pdf
      .font(pdfFont.regular)
      .fontSize(8)
      .fillColor("#4a4a4a")
      .text(ticket, x + mm(6), y + mm(51), { width: inner, lineBreak: false, ellipsis: true });
  });
  pdf.end();
  return {
    body: new Uint8Array(await finished),
    contentType: "application/pdf",
    fileName: `${fileStem(data.event).replace(/registrations$/, "badges")}.pdf`,
  };
}
