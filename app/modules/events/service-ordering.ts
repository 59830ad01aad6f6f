// The order of an event's lists (rooms, tracks, organizers, committee members, ticket types,
// questions): positions 0…n, changed under the event's lock (or the capacity lock).
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import type { registrationQuestions } from "./registrations-schema.ts";
import { moveTo } from "./rules.ts";
import type {
  eventCommitteeMembers,
  eventOrganizations,
  eventRooms,
  eventTracks,
} from "./schema.ts";
import type { ticketTypes } from "./tickets-schema.ts";

export type OrderedTable =
  | typeof eventRooms
  | typeof eventTracks
  | typeof eventOrganizations
  | typeof eventCommitteeMembers
  | typeof ticketTypes
  | typeof registrationQuestions;

/** The position after the last of the event's rows (0 for the first). */
export async function nextPosition(
  tx: DbOrTx,
  table: OrderedTable,
  eventId: string,
): Promise<number> {
  const [row] = await tx
    .select({ max: sql<number | null>`max(${table.position})` })
    .from(table)
    .where(eq(table.eventId, eventId));
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

/** Writes positions 0…n in the order given. */
export async function writeOrder(tx: DbOrTx, table: OrderedTable, ids: readonly string[]) {
  for (const [index, id] of ids.entries())
    await tx.update(table).set({ position: index }).where(eq(table.id, id));
}

/** Moves one row of `ids` to `position` and writes the order; no position changes nothing. */
export async function moveInOrder(
  tx: DbOrTx,
  table: OrderedTable,
  ids: readonly string[],
  id: string,
  position: number | undefined,
) {
  if (position !== undefined) await writeOrder(tx, table, moveTo(ids, id, position));
}
