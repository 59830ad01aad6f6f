// Importing organizations and people from a file: upload → preview → confirm.
//
// Where the file waits between preview and confirmation: its parsed cells (text only, never the
// file itself) are stored in `directory_imports`, keyed by a random UUID, owned by the uploader
// (only they can preview or confirm it) and kept for an hour; confirming deletes it, and every
// upload clears expired ones. That keeps instances stateless and needs no re-upload.
//
// All or nothing: the preview runs the whole import inside a transaction and rolls it back, so
// it reports exactly what confirming would do (validation, duplicates, parents, permissions).
// Confirming runs the same code in one transaction and commits only if no row failed; if any row
// fails then (say someone took an organization number meanwhile) nothing is written.
import { and, eq, gt, lt } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { AppError, isAppError } from "../../platform/errors.ts";
import { fieldErrorsOf } from "../../platform/validation.ts";
import { isUuid } from "../../platform/ids.ts";
import { readImportFile, type FileProblem, type ImportKind } from "./import-format.ts";
import { directoryMessages } from "./messages.ts";
import * as policy from "./policy.ts";
import { parseNorwegianOrgNumber, parseSwedishOrgNumber } from "./rules.ts";
import {
  countries,
  directoryImports,
  organizationKinds,
  type Country,
  type ImportRow,
  type OrganizationKind,
} from "./schema.ts";
import { ZOrganizationCreateSchema, ZPersonCreateSchema } from "./schemas.ts";
import {
  createOrganization,
  createPerson,
  findOrganizationsByName,
  findOrganizationsByNumber,
} from "./service.ts";

export type { ImportKind } from "./import-format.ts";

const lifetimeMs = 60 * 60 * 1000;

/** One problem of one row: the file's row number, the column (or "_row") and a message. */
export type ImportRowError = {
  row: number;
  column: string;
  key: string;
  params?: Record<string, string | number>;
};

export type ImportOutcome = {
  total: number;
  /** Rows that would be (or were) written. */
  valid: number;
  errors: ImportRowError[];
};

export type ImportPreview = ImportOutcome & {
  id: string;
  kind: ImportKind;
  fileName: string;
  rows: ImportRow[];
  expiresAt: Date;
};

// ---------------------------------------------------------------------------------------------
// Upload

/**
 * Reads an uploaded file and keeps its rows for preview and confirmation. Needs a logged-in user
 * who can create something in the directory.
 */
export async function uploadImport(
  db: Db,
  actor: Actor | null,
  input: { kind: ImportKind; fileName: string; bytes: Uint8Array },
  now = new Date(),
): Promise<{ ok: true; id: string } | { ok: false; problem: FileProblem }> {
  if (!actor) throw new AppError("unauthenticated", "error.unauthenticated");
  if (!policy.canCreateSomething(actor)) throw new AppError("forbidden", "error.forbidden");
  const read = await readImportFile(input.kind, input.fileName, input.bytes);
  if (!read.ok) return read;
  await db.delete(directoryImports).where(lt(directoryImports.expiresAt, now));
  const [row] = await db
    .insert(directoryImports)
    .values({
      userId: actor.userId,
      kind: input.kind,
      fileName: input.fileName.slice(0, 200) || "import",
      rows: read.rows,
      expiresAt: new Date(now.getTime() + lifetimeMs),
    })
    .returning({ id: directoryImports.id });
  if (!row) throw new Error("insert returned nothing");
  return { ok: true, id: row.id };
}

async function loadImport(db: DbOrTx, actor: Actor | null, id: string, now: Date, lock = false) {
  if (!actor) throw new AppError("unauthenticated", "error.unauthenticated");
  if (!isUuid(id)) throw new AppError("not_found", "directory.import.expired");
  const query = db
    .select()
    .from(directoryImports)
    .where(
      and(
        eq(directoryImports.id, id),
        eq(directoryImports.userId, actor.userId),
        gt(directoryImports.expiresAt, now),
      ),
    );
  const [stored] = lock ? await query.for("update") : await query;
  if (!stored) throw new AppError("not_found", "directory.import.expired");
  return stored;
}

// ---------------------------------------------------------------------------------------------
// Preview and confirmation

class Rollback extends Error {}

/** Runs the import in a transaction that is always rolled back, and reports what it would do. */
export async function previewImport(
  db: Db,
  actor: Actor | null,
  id: string,
  now = new Date(),
): Promise<ImportPreview> {
  const stored = await loadImport(db, actor, id, now);
  let outcome: ImportOutcome | undefined;
  try {
    await db.transaction(async (tx) => {
      outcome = await applyRows(tx, actor!, stored.kind, stored.rows);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return {
    ...outcome!,
    id: stored.id,
    kind: stored.kind,
    fileName: stored.fileName,
    rows: stored.rows,
    expiresAt: stored.expiresAt,
  };
}

/**
 * Imports every row in one transaction, or none: if any row fails, nothing is written and the
 * errors come back. On success the stored upload is deleted.
 */
export async function confirmImport(
  db: Db,
  actor: Actor | null,
  id: string,
  now = new Date(),
): Promise<
  { ok: true; kind: ImportKind; created: number } | { ok: false; preview: ImportPreview }
> {
  let result: { kind: ImportKind; outcome: ImportOutcome } | undefined;
  let failed: ImportPreview | undefined;
  try {
    await db.transaction(async (tx) => {
      // The lock makes a double submission wait, then find the upload gone.
      const stored = await loadImport(tx, actor, id, now, true);
      const outcome = await applyRows(tx, actor!, stored.kind, stored.rows);
      if (outcome.errors.length > 0) {
        failed = {
          ...outcome,
          id: stored.id,
          kind: stored.kind,
          fileName: stored.fileName,
          rows: stored.rows,
          expiresAt: stored.expiresAt,
        };
        throw new Rollback();
      }
      await tx.delete(directoryImports).where(eq(directoryImports.id, stored.id));
      result = { kind: stored.kind, outcome };
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if (failed) return { ok: false, preview: failed };
  return { ok: true, kind: result!.kind, created: result!.outcome.valid };
}

// ---------------------------------------------------------------------------------------------
// Rows

/** Field names of the schemas → column ids of the file. */
const organizationColumnOf: Record<string, string> = {
  name: "name",
  kind: "kind",
  country: "country",
  organizationNumber: "organization_number",
  hsaId: "hsa_id",
  website: "website",
  timeZone: "time_zone",
};

const personColumnOf: Record<string, string> = {
  name: "name",
  title: "title",
  email: "email",
  phone: "phone",
  "affiliations.0.organizationId": "organization_number",
  "affiliations.0.title": "affiliation_title",
  "affiliations.0.startDate": "start_date",
  "affiliations.0.endDate": "end_date",
};

/** Kinds by id and by their names in every language (lower-case). */
const kindByName: Map<string, OrganizationKind> = (() => {
  const map = new Map<string, OrganizationKind>();
  const all = directoryMessages;
  for (const kind of organizationKinds) {
    map.set(kind, kind);
    map.set(kind.replace(/_/g, " "), kind);
    for (const locale of ["sv", "nb", "en"] as const) {
      map.set(all[locale][`directory.kind.${kind}`].toLowerCase(), kind);
    }
  }
  return map;
})();

const countryByName: Record<string, Country> = {
  se: "SE",
  sverige: "SE",
  sweden: "SE",
  no: "NO",
  norge: "NO",
  norway: "NO",
  noreg: "NO",
};

/** Digits of an organization number of either country, or null if it is neither. */
function orgNumberDigits(value: string): string | null {
  const se = parseSwedishOrgNumber(value);
  if (se.ok) return se.digits;
  const no = parseNorwegianOrgNumber(value);
  if (no.ok) return no.digits;
  return null;
}

function mapFieldErrors(
  fieldErrors: Record<string, string[]>,
  row: number,
  columnOf: Record<string, string>,
): ImportRowError[] {
  const errors: ImportRowError[] = [];
  for (const [field, keys] of Object.entries(fieldErrors)) {
    for (const key of keys) errors.push({ row, column: columnOf[field] ?? "_row", key });
  }
  return errors;
}

function refusalErrors(
  error: unknown,
  row: number,
  columnOf: Record<string, string>,
): ImportRowError[] {
  if (!isAppError(error)) throw error;
  if (Object.keys(error.fieldErrors).length)
    return mapFieldErrors(error.fieldErrors, row, columnOf);
  return [{ row, column: "_row", key: error.message }];
}

async function applyRows(
  tx: DbOrTx,
  actor: Actor,
  kind: ImportKind,
  rows: ImportRow[],
): Promise<ImportOutcome> {
  const outcome =
    kind === "organizations"
      ? await applyOrganizationRows(tx, actor, rows)
      : await applyPeopleRows(tx, actor, rows);
  outcome.errors.sort((a, b) => a.row - b.row);
  return outcome;
}

type OrganizationPlan = {
  row: number;
  input: Record<string, unknown>;
  digits: string | null;
  parent:
    | { type: "none" }
    | { type: "db"; id: string }
    | { type: "file"; row: number }
    | { type: "error" };
  parentColumn: string;
};

async function applyOrganizationRows(
  tx: DbOrTx,
  actor: Actor,
  rows: ImportRow[],
): Promise<ImportOutcome> {
  const errors: ImportRowError[] = [];
  const failedRows = new Set<number>();
  const fail = (list: ImportRowError[]) => {
    for (const error of list) {
      errors.push(error);
      failedRows.add(error.row);
    }
  };

  // 1. Each row on its own: shape, kind, country, number check digit.
  const plans: OrganizationPlan[] = [];
  for (const { row, values } of rows) {
    const kindValue = values.kind?.toLowerCase();
    const countryValue = values.country?.toLowerCase();
    const input: Record<string, unknown> = {
      name: values.name ?? "",
      kind: kindValue ? (kindByName.get(kindValue) ?? kindValue) : undefined,
      country: countryValue ? (countryByName[countryValue] ?? values.country) : undefined,
      organizationNumber: values.organization_number ?? null,
      hsaId: values.hsa_id ?? null,
      website: values.website ?? null,
      timeZone: values.time_zone ?? null,
    };
    const parsed = ZOrganizationCreateSchema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error);
      if (fieldErrors.kind) fieldErrors.kind = ["directory.error.kind"];
      if (fieldErrors.country) fieldErrors.country = ["directory.error.country"];
      fail(mapFieldErrors(fieldErrors, row, organizationColumnOf));
    }
    const country = (countries as readonly string[]).includes(String(input.country))
      ? (input.country as Country)
      : null;
    const digits =
      country && values.organization_number
        ? (country === "SE" ? parseSwedishOrgNumber : parseNorwegianOrgNumber)(
            values.organization_number,
          )
        : null;
    plans.push({
      row,
      input,
      digits: digits?.ok ? digits.digits : null,
      parent: { type: "none" },
      parentColumn: values.parent_organization_number
        ? "parent_organization_number"
        : "parent_name",
    });
  }

  // 2. The same number twice in the file.
  const firstRowOfNumber = new Map<string, number>();
  for (const plan of plans) {
    if (!plan.digits) continue;
    const first = firstRowOfNumber.get(plan.digits);
    if (first === undefined) firstRowOfNumber.set(plan.digits, plan.row);
    else
      fail([
        {
          row: plan.row,
          column: "organization_number",
          key: "directory.error.duplicateInFile",
          params: { row: first },
        },
      ]);
  }

  // 3. Parents: by number (in the file first, then the directory), else by exact name.
  const rowsByName = new Map<string, number[]>();
  for (const plan of plans) {
    const name = String(plan.input.name).trim().toLowerCase();
    if (name) rowsByName.set(name, [...(rowsByName.get(name) ?? []), plan.row]);
  }
  const parentNumbers = rows
    .map((r) =>
      r.values.parent_organization_number
        ? orgNumberDigits(r.values.parent_organization_number)
        : null,
    )
    .filter((d): d is string => Boolean(d));
  const numbersInDb = await findOrganizationsByNumber(tx, parentNumbers);
  const namesInDb = await findOrganizationsByName(
    tx,
    rows.map((r) => r.values.parent_name ?? "").filter(Boolean),
  );
  rows.forEach(({ row, values }, index) => {
    const plan = plans[index]!;
    if (values.parent_organization_number) {
      const digits = orgNumberDigits(values.parent_organization_number);
      const inFile = digits ? firstRowOfNumber.get(digits) : undefined;
      if (digits && inFile !== undefined && inFile !== row)
        plan.parent = { type: "file", row: inFile };
      else if (digits && numbersInDb.has(digits))
        plan.parent = { type: "db", id: numbersInDb.get(digits)! };
      else {
        plan.parent = { type: "error" };
        fail([
          { row, column: "parent_organization_number", key: "directory.error.parentNotFound" },
        ]);
      }
    } else if (values.parent_name) {
      const name = values.parent_name.trim().toLowerCase();
      const inFile = (rowsByName.get(name) ?? []).filter((r) => r !== row);
      const inDb = namesInDb.get(name);
      if (inFile.length + (inDb ? 1 : 0) > 1 || inDb === "ambiguous") {
        plan.parent = { type: "error" };
        fail([{ row, column: "parent_name", key: "directory.error.organizationAmbiguous" }]);
      } else if (inFile.length === 1) plan.parent = { type: "file", row: inFile[0]! };
      else if (inDb) plan.parent = { type: "db", id: inDb };
      else {
        plan.parent = { type: "error" };
        fail([{ row, column: "parent_name", key: "directory.error.parentNotFound" }]);
      }
    }
  });

  // 4. Create, parents before their children, each through the service (permissions, audit).
  const createdIdOfRow = new Map<number, string>();
  let created = 0;
  let pending = plans;
  while (pending.length) {
    const ready = pending.filter(
      (plan) =>
        plan.parent.type !== "file" ||
        createdIdOfRow.has(plan.parent.row) ||
        failedRows.has(plan.parent.row),
    );
    if (ready.length === 0) {
      // What is left refers to itself in a loop.
      for (const plan of pending)
        fail([{ row: plan.row, column: plan.parentColumn, key: "directory.error.parentCycle" }]);
      break;
    }
    for (const plan of ready) {
      if (failedRows.has(plan.row)) continue;
      if (plan.parent.type === "file" && failedRows.has(plan.parent.row)) {
        fail([
          {
            row: plan.row,
            column: plan.parentColumn,
            key: "directory.error.parentRowFailed",
            params: { row: plan.parent.row },
          },
        ]);
        continue;
      }
      const parentId =
        plan.parent.type === "db"
          ? plan.parent.id
          : plan.parent.type === "file"
            ? createdIdOfRow.get(plan.parent.row)!
            : null;
      try {
        const organization = await createOrganization(tx, actor, {
          ...(plan.input as object),
          parentId,
        } as never);
        createdIdOfRow.set(plan.row, organization.id);
        created += 1;
      } catch (error) {
        const columnOf = { ...organizationColumnOf, parentId: plan.parentColumn };
        const list = refusalErrors(error, plan.row, columnOf);
        // A refusal without fields (forbidden) is about where the organization would go.
        fail(
          list.map((e) =>
            e.column === "_row" && e.key === "error.forbidden"
              ? { ...e, column: plan.parentColumn }
              : e,
          ),
        );
      }
    }
    const readyRows = new Set(ready.map((plan) => plan.row));
    pending = pending.filter((plan) => !readyRows.has(plan.row));
  }
  return {
    total: rows.length,
    valid: failedRows.size ? rows.length - failedRows.size : created,
    errors,
  };
}

async function applyPeopleRows(
  tx: DbOrTx,
  actor: Actor,
  rows: ImportRow[],
): Promise<ImportOutcome> {
  const errors: ImportRowError[] = [];
  const failedRows = new Set<number>();
  const fail = (list: ImportRowError[]) => {
    for (const error of list) {
      errors.push(error);
      failedRows.add(error.row);
    }
  };
  const numbers = await findOrganizationsByNumber(
    tx,
    rows
      .map((r) =>
        r.values.organization_number ? orgNumberDigits(r.values.organization_number) : null,
      )
      .filter((d): d is string => Boolean(d)),
  );
  const names = await findOrganizationsByName(
    tx,
    rows.map((r) => r.values.organization_name ?? "").filter(Boolean),
  );
  const firstRowOfEmail = new Map<string, number>();
  let created = 0;
  for (const { row, values } of rows) {
    const rowErrors: ImportRowError[] = [];
    let organizationId: string | undefined;
    const organizationColumn = values.organization_number
      ? "organization_number"
      : "organization_name";
    if (values.organization_number) {
      const digits = orgNumberDigits(values.organization_number);
      if (digits && numbers.has(digits)) organizationId = numbers.get(digits);
      else
        rowErrors.push({
          row,
          column: "organization_number",
          key: "directory.error.organizationNotFound",
        });
    } else if (values.organization_name) {
      const found = names.get(values.organization_name.trim().toLowerCase());
      if (found === "ambiguous")
        rowErrors.push({
          row,
          column: "organization_name",
          key: "directory.error.organizationAmbiguous",
        });
      else if (found) organizationId = found;
      else
        rowErrors.push({
          row,
          column: "organization_name",
          key: "directory.error.organizationNotFound",
        });
    }
    const hasAffiliation =
      organizationId !== undefined ||
      Boolean(values.affiliation_title || values.start_date || values.end_date);
    const input = {
      name: values.name ?? "",
      title: values.title ?? null,
      email: values.email ?? null,
      phone: values.phone ?? null,
      ...(hasAffiliation
        ? {
            affiliations: [
              {
                // A placeholder id keeps the other checks going when the organization is missing.
                organizationId: organizationId ?? "00000000-0000-4000-8000-000000000000",
                title: values.affiliation_title ?? null,
                startDate: values.start_date ?? null,
                endDate: values.end_date ?? null,
              },
            ],
          }
        : {}),
    };
    const columnOf = { ...personColumnOf, "affiliations.0.organizationId": organizationColumn };
    const parsed = ZPersonCreateSchema.safeParse(input);
    if (!parsed.success)
      rowErrors.push(...mapFieldErrors(fieldErrorsOf(parsed.error), row, columnOf));
    if (
      hasAffiliation &&
      organizationId === undefined &&
      !rowErrors.some((e) => e.column === organizationColumn)
    )
      rowErrors.push({ row, column: organizationColumn, key: "error.required" });
    const email = values.email?.toLowerCase();
    if (email) {
      const first = firstRowOfEmail.get(email);
      if (first === undefined) firstRowOfEmail.set(email, row);
      else
        rowErrors.push({
          row,
          column: "email",
          key: "directory.error.duplicateInFile",
          params: { row: first },
        });
    }
    if (rowErrors.length) {
      fail(rowErrors);
      continue;
    }
    try {
      await createPerson(tx, actor, input);
      created += 1;
    } catch (error) {
      fail(
        refusalErrors(error, row, columnOf).map((e) =>
          e.column === "_row" && e.key === "error.forbidden"
            ? { ...e, column: organizationColumn }
            : e,
        ),
      );
    }
  }
  return {
    total: rows.length,
    valid: failedRows.size ? rows.length - failedRows.size : created,
    errors,
  };
}
