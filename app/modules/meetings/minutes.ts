// Use cases of the minutes: read, save (with the version check and a proposed three-way merge
// when a save is behind), the workflow, visibility and the saved versions.
//
// Read: draft → editors only; in review / approved → members; published → per visibility
// (public → everyone who can read the network; members → members). Otherwise "not found".
// Write: editors (policy.canEditNetwork) only.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { auditUpdate } from "../../platform/audit/service.ts";
import { AppError, requireActor } from "../../platform/errors.ts";
import { isUuid } from "../../platform/ids.ts";
import { parseOrThrow } from "../../platform/validation.ts";
import { assertVersion, nextVersion } from "../../platform/versioning.ts";
import { loadNetworkAccess } from "../networks/access.ts";
import * as policy from "../networks/policy.ts";
import type { NetworkAccess } from "../networks/policy.ts";
import type { NetworkRow } from "../networks/schema.ts";
import { canReadMinutes } from "./documents.ts";
import {
  canEditText,
  canTransition,
  emptyContent,
  mergeMinutes,
  normalizeContent,
  type FieldConflict,
} from "./minutes-rules.ts";
import {
  ZMinutesSaveSchema,
  ZMinutesStatusSchema,
  ZMinutesVisibilitySchema,
  type TMinutesSaveInput,
  type TMinutesStatusInput,
  type TMinutesVisibilityInput,
} from "./minutes-schemas.ts";
import { notifyMinutesPublished } from "./notifications.ts";
import {
  meetingMinutes,
  meetingMinutesVersions,
  meetings,
  type MeetingMinutesRow,
  type MeetingRow,
  type MinutesContent,
  type MinutesStatus,
  type MinutesVisibility,
} from "./schema.ts";

export type Minutes = {
  meetingId: string;
  status: MinutesStatus;
  visibility: MinutesVisibility;
  content: MinutesContent;
  version: number;
  publishedAt: Date | null;
  updatedAt: Date | null;
  /** False when no minutes have been saved yet (an empty draft). */
  exists: boolean;
  can: { edit: boolean };
};

export type MinutesVersion = {
  version: number;
  status: MinutesStatus;
  content: MinutesContent;
  savedByLabel: string;
  savedAt: Date;
};

export type MinutesVersionSummary = Omit<MinutesVersion, "content">;

/** The details of a refused save: the current text, the base text and the proposed merge. */
export type MinutesConflictDetails = {
  currentVersion: number;
  currentContent: MinutesContent;
  baseVersion: number;
  baseContent: MinutesContent;
  mineContent: MinutesContent;
  mergedContent: MinutesContent;
  conflicts: FieldConflict[];
};

/** A save or status change that was behind; carries what the user needs to resolve it. */
export class MinutesConflictError extends AppError {
  readonly details: MinutesConflictDetails;
  constructor(details: MinutesConflictDetails) {
    super("conflict", "minutes.error.behind");
    this.name = "MinutesConflictError";
    this.details = details;
  }
}

export function isMinutesConflict(error: unknown): error is MinutesConflictError {
  return error instanceof MinutesConflictError;
}

const notFound = () => new AppError("not_found", "meetings.error.notFound");
const entityType = "meeting_minutes";

export async function minutesAccess(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
): Promise<{ meeting: MeetingRow; network: NetworkRow; access: NetworkAccess }> {
  const meeting = isUuid(meetingId)
    ? (await db.select().from(meetings).where(eq(meetings.id, meetingId)))[0]
    : undefined;
  if (!meeting) throw notFound();
  try {
    const { network, access } = await loadNetworkAccess(db, actor, meeting.networkId);
    return { meeting, network, access };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") throw notFound();
    throw error;
  }
}

function requireEdit(access: NetworkAccess, actor: Actor | null): Actor {
  const acting = requireActor(actor);
  if (!policy.canEditNetwork(access)) throw new AppError("forbidden", "error.forbidden");
  return acting;
}

function toMinutes(
  meetingId: string,
  row: MeetingMinutesRow | undefined,
  access: NetworkAccess,
): Minutes {
  return {
    meetingId,
    status: row?.status ?? "draft",
    visibility: row?.visibility ?? "members",
    content: normalizeContent(row?.content ?? emptyContent()),
    version: row?.version ?? 1,
    publishedAt: row?.publishedAt ?? null,
    updatedAt: row?.updatedAt ?? null,
    exists: Boolean(row),
    can: { edit: policy.canEditNetwork(access) },
  };
}

/** The minutes of a meeting, or not_found when the actor may not read them in their state. */
export async function getMinutes(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
): Promise<Minutes> {
  const { access } = await minutesAccess(db, actor, meetingId);
  const [row] = await db
    .select()
    .from(meetingMinutes)
    .where(eq(meetingMinutes.meetingId, meetingId));
  const status = row?.status ?? "draft";
  const visibility = row?.visibility ?? "members";
  if (!canReadMinutes(access, { status, visibility })) throw notFound();
  return toMinutes(meetingId, row, access);
}

/** Locks the minutes row, creating it (version 1, empty) if missing; race-safe. */
async function lockMinutes(tx: DbOrTx, meetingId: string): Promise<MeetingMinutesRow> {
  await tx
    .insert(meetingMinutes)
    .values({ meetingId, content: emptyContent(), version: 1 })
    .onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(meetingMinutes)
    .where(eq(meetingMinutes.meetingId, meetingId))
    .for("update");
  if (!row) throw notFound();
  return row;
}

/** Locks the minutes for a change made from `version`; a stale version is a conflict. */
async function lockMinutesAt(
  tx: DbOrTx,
  meetingId: string,
  version: number,
): Promise<MeetingMinutesRow> {
  const row = await lockMinutes(tx, meetingId);
  assertVersion(row, version, () => new AppError("conflict", "minutes.error.behind"));
  return row;
}

/**
 * Writes changes to locked minutes as their next version: the row, a saved version, and an audit
 * entry of the changed fields.
 */
async function writeMinutes(
  tx: DbOrTx,
  acting: Actor,
  before: MeetingMinutesRow,
  changes: Partial<Pick<MeetingMinutesRow, "content" | "status" | "visibility" | "publishedAt">>,
): Promise<MeetingMinutesRow> {
  const [after] = await tx
    .update(meetingMinutes)
    .set({ ...changes, ...nextVersion(before) })
    .where(eq(meetingMinutes.meetingId, before.meetingId))
    .returning();
  if (!after) throw notFound();
  await insertVersion(tx, after, acting);
  const fields = [...Object.keys(changes), "version"] as (keyof MeetingMinutesRow)[];
  const pick = (row: MeetingMinutesRow) =>
    Object.fromEntries(fields.map((field) => [field, row[field]]));
  await auditUpdate(tx, {
    actor: acting,
    entityType,
    entityId: before.meetingId,
    before: pick(before),
    after: pick(after),
  });
  return after;
}

async function versionContent(
  tx: DbOrTx,
  meetingId: string,
  version: number,
): Promise<MinutesContent | null> {
  const [row] = await tx
    .select({ content: meetingMinutesVersions.content })
    .from(meetingMinutesVersions)
    .where(
      and(
        eq(meetingMinutesVersions.meetingId, meetingId),
        eq(meetingMinutesVersions.version, version),
      ),
    );
  return row ? normalizeContent(row.content) : null;
}

async function insertVersion(tx: DbOrTx, row: MeetingMinutesRow, actor: Actor) {
  await tx.insert(meetingMinutesVersions).values({
    meetingId: row.meetingId,
    version: row.version,
    status: row.status,
    content: row.content,
    savedByUserId: actor.userId,
    savedByLabel: actor.label,
  });
}

/**
 * Saves the minutes text while a draft or in review (else a conflict: return them to draft
 * first). Refused with a MinutesConflictError (current text, base text and a
 * proposed three-way merge) when `baseVersion` is not the current version.
 */
export async function saveMinutes(
  db: DbOrTx,
  actor: Actor | null,
  input: { meetingId: string } & TMinutesSaveInput,
): Promise<Minutes> {
  const { access } = await minutesAccess(db, actor, input.meetingId);
  const acting = requireEdit(access, actor);
  const data = parseOrThrow(ZMinutesSaveSchema, {
    baseVersion: input.baseVersion,
    content: input.content,
  });
  const mine = normalizeContent(data.content);
  const saved = await db.transaction(async (tx) => {
    const before = await lockMinutes(tx, input.meetingId);
    // Approved or published text changes only through review again: back to draft first.
    if (!canEditText(before.status)) throw new AppError("conflict", "minutes.error.notEditable");
    if (data.baseVersion !== before.version) {
      const current = normalizeContent(before.content);
      const base =
        data.baseVersion < before.version
          ? ((await versionContent(tx, input.meetingId, data.baseVersion)) ?? emptyContent())
          : current;
      const merged = mergeMinutes(base, mine, current);
      throw new MinutesConflictError({
        currentVersion: before.version,
        currentContent: current,
        baseVersion: data.baseVersion,
        baseContent: base,
        mineContent: mine,
        mergedContent: merged.content,
        conflicts: merged.conflicts,
      });
    }
    return writeMinutes(tx, acting, before, { content: mine });
  });
  return toMinutes(input.meetingId, saved, access);
}

/** Moves the minutes through the workflow; publishing notifies the participants. */
export async function changeStatus(
  db: DbOrTx,
  actor: Actor | null,
  input: { meetingId: string } & TMinutesStatusInput,
): Promise<Minutes> {
  const { access } = await minutesAccess(db, actor, input.meetingId);
  const acting = requireEdit(access, actor);
  const data = parseOrThrow(ZMinutesStatusSchema, { version: input.version, status: input.status });
  const saved = await db.transaction(async (tx) => {
    const before = await lockMinutesAt(tx, input.meetingId, data.version);
    if (!canTransition(before.status, data.status))
      throw new AppError("validation", "form.errorSummary", {
        status: ["minutes.error.transition"],
      });
    const publishing = data.status === "published";
    const after = await writeMinutes(tx, acting, before, {
      status: data.status,
      // Back to draft unpublishes them: they are published anew, at a new time, when ready.
      publishedAt: publishing ? new Date() : data.status === "draft" ? null : before.publishedAt,
    });
    if (publishing) await notifyMinutesPublished(tx, input.meetingId);
    return after;
  });
  return toMinutes(input.meetingId, saved, access);
}

/** Public or members-only once published; the text stays as it is. */
export async function setVisibility(
  db: DbOrTx,
  actor: Actor | null,
  input: { meetingId: string } & TMinutesVisibilityInput,
): Promise<Minutes> {
  const { access } = await minutesAccess(db, actor, input.meetingId);
  const acting = requireEdit(access, actor);
  const data = parseOrThrow(ZMinutesVisibilitySchema, {
    version: input.version,
    visibility: input.visibility,
  });
  const saved = await db.transaction(async (tx) => {
    const before = await lockMinutesAt(tx, input.meetingId, data.version);
    return writeMinutes(tx, acting, before, { visibility: data.visibility });
  });
  return toMinutes(input.meetingId, saved, access);
}

/** Versions include drafts: only editors read them (like draft minutes). */
async function requireVersionsAccess(db: DbOrTx, actor: Actor | null, meetingId: string) {
  const { access } = await minutesAccess(db, actor, meetingId);
  if (!policy.canEditNetwork(access)) {
    requireActor(actor);
    throw notFound();
  }
}

/** Saved versions, newest first (editors). */
export async function listVersions(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
): Promise<MinutesVersionSummary[]> {
  await requireVersionsAccess(db, actor, meetingId);
  const rows = await db
    .select({
      version: meetingMinutesVersions.version,
      status: meetingMinutesVersions.status,
      savedByLabel: meetingMinutesVersions.savedByLabel,
      savedAt: meetingMinutesVersions.savedAt,
    })
    .from(meetingMinutesVersions)
    .where(eq(meetingMinutesVersions.meetingId, meetingId))
    .orderBy(sql`${meetingMinutesVersions.version} desc`);
  return rows;
}

/** One saved version (and the previous one for comparing), or not_found. */
export async function getVersion(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
  version: number,
): Promise<{ version: MinutesVersion; previous: MinutesVersion | null }> {
  await requireVersionsAccess(db, actor, meetingId);
  if (!Number.isInteger(version) || version < 1) throw notFound();
  const rows = await db
    .select()
    .from(meetingMinutesVersions)
    .where(
      and(
        eq(meetingMinutesVersions.meetingId, meetingId),
        inArray(meetingMinutesVersions.version, [version - 1, version]),
      ),
    )
    .orderBy(asc(meetingMinutesVersions.version));
  const toVersion = (row: (typeof rows)[number]): MinutesVersion => ({
    version: row.version,
    status: row.status,
    content: normalizeContent(row.content),
    savedByLabel: row.savedByLabel,
    savedAt: row.savedAt,
  });
  const current = rows.at(-1);
  if (!current || current.version !== version) throw notFound();
  const previous = rows.at(-2);
  return { version: toVersion(current), previous: previous ? toVersion(previous) : null };
}
