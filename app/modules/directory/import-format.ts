// Import files of the directory: which columns they have, reading XLSX (exceljs) and CSV
// (papaparse) into rows of text, and the downloadable templates. No database here.
//
// Every cell is read as text and stays text: a cell holding a formula is read as its formula
// ("=SUM(1)"), never as its computed result, and nothing is evaluated.
import type ExcelJSModule from "exceljs";
import type PapaModule from "papaparse";
import { lazyModule } from "../../platform/lazy-module.ts";
import type { ImportRow } from "./schema.ts";

const excel = lazyModule<typeof ExcelJSModule>("exceljs");
const papa = lazyModule<typeof PapaModule>("papaparse");

export type ImportKind = "organizations" | "people";
export const importKinds: readonly ImportKind[] = ["organizations", "people"];

export type ImportColumn = {
  id: string;
  required: boolean;
  /** Message key describing the column (import page). */
  descriptionKey: string;
  example: string;
};

/** The columns of each kind of file; the first row of a file names them (in any order). */
export const importColumns: Record<ImportKind, readonly ImportColumn[]> = {
  organizations: [
    {
      id: "name",
      required: true,
      descriptionKey: "directory.import.col.name",
      example: "Region Exempel",
    },
    { id: "kind", required: true, descriptionKey: "directory.import.col.kind", example: "region" },
    {
      id: "country",
      required: true,
      descriptionKey: "directory.import.col.country",
      example: "SE",
    },
    {
      id: "organization_number",
      required: false,
      descriptionKey: "directory.import.col.organization_number",
      example: "",
    },
    {
      id: "parent_organization_number",
      required: false,
      descriptionKey: "directory.import.col.parent_organization_number",
      example: "",
    },
    {
      id: "parent_name",
      required: false,
      descriptionKey: "directory.import.col.parent_name",
      example: "",
    },
    { id: "hsa_id", required: false, descriptionKey: "directory.import.col.hsa_id", example: "" },
    {
      id: "website",
      required: false,
      descriptionKey: "directory.import.col.website",
      example: "https://www.example.se",
    },
    {
      id: "time_zone",
      required: false,
      descriptionKey: "directory.import.col.time_zone",
      example: "",
    },
  ],
  people: [
    {
      id: "name",
      required: true,
      descriptionKey: "directory.import.col.person_name",
      example: "Anna Exempelsson",
    },
    {
      id: "title",
      required: false,
      descriptionKey: "directory.import.col.title",
      example: "IT-direktör",
    },
    {
      id: "email",
      required: false,
      descriptionKey: "directory.import.col.email",
      example: "anna@example.se",
    },
    {
      id: "phone",
      required: false,
      descriptionKey: "directory.import.col.phone",
      example: "+46 8 123 45 67",
    },
    {
      id: "organization_number",
      required: false,
      descriptionKey: "directory.import.col.person_organization_number",
      example: "",
    },
    {
      id: "organization_name",
      required: false,
      descriptionKey: "directory.import.col.organization_name",
      example: "Region Exempel",
    },
    {
      id: "affiliation_title",
      required: false,
      descriptionKey: "directory.import.col.affiliation_title",
      example: "IT-direktör",
    },
    {
      id: "start_date",
      required: false,
      descriptionKey: "directory.import.col.start_date",
      example: "2024-01-01",
    },
    {
      id: "end_date",
      required: false,
      descriptionKey: "directory.import.col.end_date",
      example: "",
    },
  ],
};

export const importLimits = { maxBytes: 5 * 1024 * 1024, maxRows: 5000 } as const;

/** Swedish and Norwegian column names people are likely to write, mapped to column ids. */
const headerAliases: Record<string, string> = {
  namn: "name",
  navn: "name",
  typ: "kind",
  type: "kind",
  land: "country",
  organisationsnummer: "organization_number",
  organisasjonsnummer: "organization_number",
  orgnr: "organization_number",
  titel: "title",
  tittel: "title",
  e_post: "email",
  epost: "email",
  telefon: "phone",
  webbplats: "website",
  nettsted: "website",
};

export type FileProblem = { key: string; params?: Record<string, string | number> };

export type ReadResult = { ok: true; rows: ImportRow[] } | { ok: false; problem: FileProblem };

function normalizeHeader(header: string): string {
  const id = header
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  return headerAliases[id] ?? id;
}

export function isXlsx(fileName: string, bytes: Uint8Array): boolean {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  return zip || /\.xlsx$/i.test(fileName);
}

/** Reads an uploaded file (XLSX or CSV) into rows of text cells, checking its columns. */
export async function readImportFile(
  kind: ImportKind,
  fileName: string,
  bytes: Uint8Array,
): Promise<ReadResult> {
  if (bytes.byteLength === 0) return { ok: false, problem: { key: "directory.error.fileEmpty" } };
  if (bytes.byteLength > importLimits.maxBytes)
    return { ok: false, problem: { key: "directory.error.fileTooLarge" } };
  let table: { row: number; cells: string[] }[];
  try {
    table = isXlsx(fileName, bytes) ? await readXlsx(bytes) : readCsv(bytes);
  } catch {
    return { ok: false, problem: { key: "directory.error.fileUnreadable" } };
  }
  return toRows(kind, table);
}

function toRows(kind: ImportKind, table: { row: number; cells: string[] }[]): ReadResult {
  const [header, ...body] = table;
  if (!header) return { ok: false, problem: { key: "directory.error.fileEmpty" } };
  const columns = importColumns[kind];
  const known = new Set(columns.map((column) => column.id));
  const ids = header.cells.map(normalizeHeader);
  const unknown = ids.filter((id) => id !== "" && !known.has(id));
  if (unknown.length)
    return {
      ok: false,
      problem: {
        key: "directory.error.fileUnknownColumns",
        params: { columns: unknown.join(", ") },
      },
    };
  const missing = columns.filter((column) => column.required && !ids.includes(column.id));
  if (missing.length)
    return {
      ok: false,
      problem: {
        key: "directory.error.fileMissingColumns",
        params: { columns: missing.map((column) => column.id).join(", ") },
      },
    };
  const rows: ImportRow[] = [];
  for (const line of body) {
    const values: Record<string, string> = {};
    ids.forEach((id, index) => {
      const value = (line.cells[index] ?? "").trim();
      if (id && value) values[id] = value;
    });
    if (Object.keys(values).length === 0) continue;
    rows.push({ row: line.row, values });
    if (rows.length > importLimits.maxRows)
      return { ok: false, problem: { key: "directory.error.fileTooManyRows" } };
  }
  if (rows.length === 0) return { ok: false, problem: { key: "directory.error.fileEmpty" } };
  return { ok: true, rows };
}

/** CSV as UTF-8 (with or without BOM), else Windows-1252 (what older Excel writes). */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

function readCsv(bytes: Uint8Array): { row: number; cells: string[] }[] {
  const text = decodeText(bytes).replace(/^\uFEFF/, "");
  // Comma or semicolon (Swedish and Norwegian Excel write semicolons), detected from the data.
  const parsed = papa().parse<string[]>(text, { delimitersToGuess: [",", ";", "\t"] });
  const fatal = parsed.errors.find((error) => error.type === "Quotes");
  if (fatal) throw new Error(fatal.message);
  return parsed.data.map((cells, index) => ({ row: index + 1, cells: cells.map(String) }));
}

async function readXlsx(bytes: Uint8Array): Promise<{ row: number; cells: string[] }[]> {
  const workbook = new (excel().Workbook)();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const table: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      cells[columnNumber - 1] = cellText(cell);
    });
    table.push({ row: rowNumber, cells: Array.from(cells, (cell) => cell ?? "") });
  });
  return table;
}

/** A cell as text: formulas as their formula text (never evaluated, never their cached result). */
export function cellText(cell: ExcelJSModule.Cell): string {
  if (cell.type === excel().ValueType.Formula) {
    const formula = cell.formula;
    return formula ? `=${formula}` : "";
  }
  return valueText(cell.value);
}

function valueText(value: ExcelJSModule.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("hyperlink" in value)
    return typeof value.text === "string" ? value.text : valueText(value.text);
  if ("formula" in value) return `=${value.formula}`;
  if ("sharedFormula" in value) return value.formula ? `=${value.formula}` : "";
  if ("error" in value) return String(value.error);
  return "";
}

export type Template = { body: Uint8Array; contentType: string; fileName: string };

/** A template to fill in: the column names and one example row. */
export async function importTemplate(kind: ImportKind, format: "xlsx" | "csv"): Promise<Template> {
  const columns = importColumns[kind];
  const header = columns.map((column) => column.id);
  const example = columns.map((column) => column.example);
  const fileName = `samverka-${kind}.${format}`;
  if (format === "csv") {
    const text = `\uFEFF${papa().unparse([header, example])}\r\n`;
    return {
      body: new TextEncoder().encode(text),
      contentType: "text/csv; charset=utf-8",
      fileName,
    };
  }
  const workbook = new (excel().Workbook)();
  workbook.creator = "Samverka";
  const sheet = workbook.addWorksheet(kind);
  sheet.addRow(header).font = { bold: true };
  sheet.addRow(example);
  // Organization numbers and dates are text, so Excel keeps hyphens and leading zeros.
  columns.forEach((_column, index) => {
    sheet.getColumn(index + 1).numFmt = "@";
    sheet.getColumn(index + 1).width = 24;
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return {
    body: new Uint8Array(buffer as ArrayBuffer),
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    fileName,
  };
}
