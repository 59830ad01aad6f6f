// Use cases of actions ("åtgärder"): created by a meeting's editors, updated by editors (any
// field) and by their owner (status only, whether or not they are a member), listed for their
// owner on "Mina åtgärder".
import { and, asc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { auditInserted, auditUpdated } from "../../platform/audit/service.ts";
import { AppError, invalid, requireActor } from "../../platform/errors.ts";
import { isUuid } from "../../platform/ids.ts";
import { parseOrThrow } from "../../platform/validation.ts";
import { assertVersion, nextVersion } from "../../platform/versioning.ts";
import { people } from "../directory/schema.ts";
import { loadNetworkAccess } from "../networks/access.ts";
import * as policy from "../networks/policy.ts";
import { networks } from "../networks/schema.ts";
import { canReadMinutes } from "./documents.ts";
import { minutesAccess } from "./minutes.ts";
import {
  ZActionCreateSchema,
  ZActionUpdateSchema,
  type TActionCreateInput,
  type TActionUpdateInput,
} from "./minutes-schemas.ts";
import { notifyActionAssigned } from "./notifications.ts";
import {
  agendaItems,
  meetingActions,
  meetingMinutes,
  meetings,
  type ActionStatus,
  type MeetingActionRow,
} from "./schema.ts";

export type Action = {
  id: string;
  networkId: string;
  meetingId: string;
  agendaItemId: string | null;
  title: string;
  ownerPersonId: string | null;
  ownerName: string | null;
  dueDate: string | null;
  status: ActionStatus;
  version: number;
};

export type MyAction = Action & {
  meetingTitle: string;
  meetingStartsAt: Date;
  meetingTimeZone: string;
  networkName: string;
};

const actionNotFound = () => new AppError("not_found", "minutes.error.actionNotFound");
const entityType = "meeting_action";

const actionColumns = {
  id: meetingActions.id,
  networkId: meetingActions.networkId,
  meetingId: meetingActions.meetingId,
  agendaItemId: meetingActions.agendaItemId,
  title: meetingActions.title,
  ownerPersonId: meetingActions.ownerPersonId,
  ownerName: people.name,
  dueDate: meetingActions.dueDate,
  status: meetingActions.status,
  version: meetingActions.version,
};

async function actionById(db: DbOrTx, id: string): Promise<Action> {
  const [row] = await db
    .select(actionColumns)
    .from(meetingActions)
    .leftJoin(people, eq(people.id, meetingActions.ownerPersonId))
    .where(eq(meetingActions.id, id));
  if (!row) throw actionNotFound();
  return row;
}

async function checkPerson(db: DbOrTx, personId: string | null) {
  if (!personId) return;
  const [row] = await db.select({ id: people.id }).from(people).where(eq(people.id, personId));
  if (!row) throw invalid({ ownerPersonId: ["error.invalid"] });
}

/** Actions of one meeting (for its minutes), in creation order. Caller checks read access. */
export async function actionsOfMeeting(db: DbOrTx, meetingId: string): Promise<Action[]> {
  return db
    .select(actionColumns)
    .from(meetingActions)
    .leftJoin(people, eq(people.id, meetingActions.ownerPersonId))
    .where(eq(meetingActions.meetingId, meetingId))
    .orderBy(asc(meetingActions.createdAt), asc(meetingActions.id));
}

/**
 * Whether the actor reads a meeting's actions as the pages show them: members' content (the
 * meeting page, the minutes in any state they can read), or the minutes themselves (published
 * public minutes list their actions for everyone).
 */
async function readsActionsOf(
  db: DbOrTx,
  access: policy.NetworkAccess,
  meetingId: string,
): Promise<boolean> {
  if (policy.canReadMembersContent(access)) return true;
  const [minutes] = await db
    .select({ status: meetingMinutes.status, visibility: meetingMinutes.visibility })
    .from(meetingMinutes)
    .where(eq(meetingMinutes.meetingId, meetingId));
  return canReadMinutes(access, minutes ?? { status: "draft", visibility: "members" });
}

/** The actions of a meeting, in creation order: for those who read them on its pages. */
export async function listMeetingActions(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
): Promise<Action[]> {
  const { meeting, access } = await minutesAccess(db, actor, meetingId);
  if (!(await readsActionsOf(db, access, meeting.id))) throw actionNotFound();
  return actionsOfMeeting(db, meeting.id);
}

/**
 * One action: for its owner (member or not, as on "Mina åtgärder") and for those who read the
 * actions of its meeting; others get "not found".
 */
export async function getAction(
  db: DbOrTx,
  actor: Actor | null,
  actionId: string,
): Promise<Action> {
  const [existing] = isUuid(actionId)
    ? await db.select().from(meetingActions).where(eq(meetingActions.id, actionId))
    : [];
  if (!existing) throw actionNotFound();
  const isOwner = !!actor?.personId && actor.personId === existing.ownerPersonId;
  if (!isOwner) {
    let access: policy.NetworkAccess;
    try {
      ({ access } = await loadNetworkAccess(db, actor, existing.networkId));
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") throw actionNotFound();
      throw error;
    }
    if (!(await readsActionsOf(db, access, existing.meetingId))) throw actionNotFound();
  }
  return actionById(db, existing.id);
}

/** A new action at a meeting (editors); its owner is told by mail. */
export async function createAction(
  db: DbOrTx,
  actor: Actor | null,
  input: TActionCreateInput,
): Promise<Action> {
  const data = parseOrThrow(ZActionCreateSchema, input);
  const { meeting, access } = await minutesAccess(db, actor, data.meetingId);
  const acting = requireActor(actor);
  if (!policy.canEditNetwork(access)) throw new AppError("forbidden", "error.forbidden");
  const ownerPersonId = data.ownerPersonId || null;
  await checkPerson(db, ownerPersonId);
  if (data.agendaItemId) {
    const [item] = await db
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.id, data.agendaItemId), eq(agendaItems.meetingId, meeting.id)));
    if (!item) throw invalid({ agendaItemId: ["error.invalid"] });
  }
  const id = await db.transaction(async (tx) => {
    const row = await auditInserted(
      tx,
      await tx
        .insert(meetingActions)
        .values({
          networkId: meeting.networkId,
          meetingId: meeting.id,
          agendaItemId: data.agendaItemId ?? null,
          title: data.title,
          ownerPersonId,
          dueDate: data.dueDate || null,
        })
        .returning(),
      { actor: acting, entityType, label: (created) => created.title },
    );
    if (row.ownerPersonId) await notifyActionAssigned(tx, row.id);
    return row.id;
  });
  return actionById(db, id);
}

/**
 * Updates an action: editors any field, its owner the status only. `version` must be current.
 */
export async function updateAction(
  db: DbOrTx,
  actor: Actor | null,
  actionId: string,
  input: TActionUpdateInput,
): Promise<Action> {
  const acting = requireActor(actor);
  const [existing] = isUuid(actionId)
    ? await db.select().from(meetingActions).where(eq(meetingActions.id, actionId))
    : [];
  if (!existing) throw actionNotFound();
  // The owner may always set the status of their own action, member or not (a guest, a former
  // member): it is on their "Mina åtgärder" whatever the network's visibility.
  const isOwner = acting.personId !== null && acting.personId === existing.ownerPersonId;
  let access: policy.NetworkAccess | null = null;
  try {
    ({ access } = await loadNetworkAccess(db, actor, existing.networkId));
  } catch (error) {
    if (!(error instanceof AppError && error.code === "not_found")) throw error;
    if (!isOwner) throw actionNotFound();
  }
  if (!isOwner && !(access && policy.canReadMembersContent(access))) throw actionNotFound();
  const data = parseOrThrow(ZActionUpdateSchema, input);
  const editor = access !== null && policy.canEditNetwork(access);
  if (!editor) {
    const onlyStatus =
      data.title === undefined && data.ownerPersonId === undefined && data.dueDate === undefined;
    if (!onlyStatus || !isOwner) throw new AppError("forbidden", "error.forbidden");
  }
  const ownerPersonId =
    data.ownerPersonId === undefined ? existing.ownerPersonId : data.ownerPersonId || null;
  if (ownerPersonId !== existing.ownerPersonId) await checkPerson(db, ownerPersonId);
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(meetingActions)
      .where(eq(meetingActions.id, actionId))
      .for("update");
    if (!before) throw actionNotFound();
    assertVersion(before, data.version);
    const status = data.status ?? before.status;
    const dueDate = data.dueDate === undefined ? before.dueDate : data.dueDate || null;
    const after = await auditUpdated(
      tx,
      await tx
        .update(meetingActions)
        .set({
          title: data.title ?? before.title,
          ownerPersonId,
          dueDate,
          status,
          doneAt: status === "done" ? (before.doneAt ?? new Date()) : null,
          remindedForDueDate: dueDate === before.dueDate ? before.remindedForDueDate : null,
          ...nextVersion(before),
        })
        .where(eq(meetingActions.id, actionId))
        .returning(),
      { actor: acting, entityType, before, label: (row) => row.title, missing: actionNotFound },
    );
    if (after.ownerPersonId && after.ownerPersonId !== before.ownerPersonId)
      await notifyActionAssigned(tx, actionId);
  });
  return actionById(db, actionId);
}

/** Actions not done yet with their meeting and network, soonest due first (at most 500). */
function openActionsWhere(db: DbOrTx, where: SQL | undefined): Promise<MyAction[]> {
  return db
    .select({
      ...actionColumns,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
      meetingTimeZone: meetings.timeZone,
      networkName: networks.name,
    })
    .from(meetingActions)
    .innerJoin(meetings, eq(meetings.id, meetingActions.meetingId))
    .innerJoin(networks, eq(networks.id, meetingActions.networkId))
    .leftJoin(people, eq(people.id, meetingActions.ownerPersonId))
    .where(and(inArray(meetingActions.status, ["open", "in_progress"]), where))
    .orderBy(
      sql`${meetingActions.dueDate} asc nulls last`,
      asc(meetings.startsAt),
      asc(meetingActions.title),
    )
    .limit(500);
}

/** The actor's own open and in-progress actions, soonest due first. */
export async function listMyActions(db: DbOrTx, actor: Actor | null): Promise<MyAction[]> {
  const acting = requireActor(actor);
  if (!acting.personId) return [];
  return openActionsWhere(db, eq(meetingActions.ownerPersonId, acting.personId));
}

/**
 * The open actions a meeting carries over: those of the earlier meetings of its series. A single
 * meeting (no series) carries over none: its own actions stay in its minutes and on their
 * owners' lists. No permission check: the caller shows them to readers of members' content only.
 */
export async function carriedActions(
  db: DbOrTx,
  meeting: { seriesId: string | null; startsAt: Date },
): Promise<MyAction[]> {
  if (!meeting.seriesId) return [];
  return openActionsWhere(
    db,
    and(eq(meetings.seriesId, meeting.seriesId), lt(meetings.startsAt, meeting.startsAt)),
  );
}

export type { MeetingActionRow };
