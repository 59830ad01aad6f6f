// Two organizers edit the same row of an event's list (a room, a track, an organizer or partner,
// a committee member, a speaker) from the same version: the first save wins, the second is
// refused as a conflict, and the row keeps the first save. A pure move needs no version.
import { expect, it } from "vitest";
import type { DbOrTx } from "../../db/client.ts";
import { describeDatabases } from "../../db/testing.ts";
import type { Actor } from "../../platform/actor.ts";
import { failure } from "../../../tests/support/outcomes.ts";
import {
  addOrganizationToEvent,
  insertCommitteeMember,
  insertEventOrganization,
  insertEventWithRoles,
  insertRoom,
  insertSpeaker,
  insertTrack,
  type EventRoles,
} from "./factories.ts";
import * as service from "./service.ts";

type Row = { version: number; [fact: string]: unknown };

type Kind = {
  /** A fresh row of the event; its id. */
  insert: (db: DbOrTx, roles: EventRoles) => Promise<string>;
  /** The row as a reader sees it now (with its version and `fact`). */
  read: (db: DbOrTx, roles: EventRoles, id: string) => Promise<Row>;
  /** Saves `value` as the row's fact against `version`. */
  save: (
    db: DbOrTx,
    actor: Actor,
    roles: EventRoles,
    id: string,
    value: string,
    version: number,
  ) => Promise<unknown>;
  /** The fact saved, as `read` gives it. */
  fact: (row: Row) => unknown;
  /** Two different values of the fact, one per editor. */
  values: [string, string];
  /** Moves the row to the top without a version (lists only). */
  move?: (db: DbOrTx, actor: Actor, roles: EventRoles, id: string) => Promise<unknown>;
};

function find<T extends { id: string }>(rows: T[], id: string): T {
  return rows.find((row) => row.id === id)!;
}

const kinds: Record<string, Kind> = {
  room: {
    insert: async (db, r) => (await insertRoom(db, r.event.id)).id,
    read: async (db, r, id) => find(await service.listRooms(db, r.platformAdmin, r.event.id), id),
    save: (db, a, r, id, name, version) =>
      service.updateRoom(db, a, r.event.id, id, { name, capacity: null, version }),
    fact: (row) => row.name,
    values: ["Sal Ekot", "Sal Ljuset"],
    move: (db, a, r, id) => service.updateRoom(db, a, r.event.id, id, { position: 0 }),
  },
  track: {
    insert: async (db, r) => (await insertTrack(db, r.event.id)).id,
    read: async (db, r, id) => find(await service.listTracks(db, r.platformAdmin, r.event.id), id),
    save: (db, a, r, id, name, version) =>
      service.updateTrack(db, a, r.event.id, id, { name, version }),
    fact: (row) => row.name,
    values: ["Vård nära", "Ledning"],
    move: (db, a, r, id) => service.updateTrack(db, a, r.event.id, id, { position: 0 }),
  },
  organization: {
    insert: async (db, r) =>
      (
        await addOrganizationToEvent(
          db,
          r.event.id,
          (await insertEventOrganization(db)).id,
          "partner",
          3,
        )
      ).id,
    read: async (db, r, id) =>
      find(await service.listEventOrganizations(db, r.platformAdmin, r.event.id), id),
    save: (db, a, r, id, role, version) =>
      service.updateEventOrganization(db, a, r.event.id, id, {
        role: role as "sponsor" | "deputy_lead",
        version,
      }),
    fact: (row) => row.role,
    values: ["sponsor", "deputy_lead"],
    move: (db, a, r, id) => service.updateEventOrganization(db, a, r.event.id, id, { position: 0 }),
  },
  committeeMember: {
    insert: async (db, r) =>
      (await insertCommitteeMember(db, r.event.id, { committee: "organizing" })).id,
    read: async (db, r, id) =>
      find(await service.listCommitteeMembers(db, r.platformAdmin, r.event.id), id),
    save: (db, a, r, id, role, version) =>
      service.updateCommitteeMember(db, a, r.event.id, id, {
        role: role as "lead" | "deputy_lead",
        version,
      }),
    fact: (row) => row.role,
    values: ["lead", "deputy_lead"],
    move: (db, a, r, id) => service.updateCommitteeMember(db, a, r.event.id, id, { position: 0 }),
  },
  speaker: {
    insert: async (db, r) => (await insertSpeaker(db, r.event.id)).id,
    read: (db, r, id) => service.getSpeaker(db, r.platformAdmin, r.event.id, id),
    save: (db, a, r, id, bio, version) =>
      service.updateSpeaker(db, a, r.event.id, id, { bio, version }),
    fact: (row) => row.bio,
    values: ["Leder e-hälsa i regionen.", "Forskar om vårdens digitalisering."],
  },
};

describeDatabases("events: version checks of the event's rows", (ctx) => {
  it.each(Object.entries(kinds))(
    "%s: the first of two saves from the same version wins, the second is a conflict",
    async (_name, kind) => {
      const roles = await insertEventWithRoles(ctx.db);
      const id = await kind.insert(ctx.db, roles);
      // Both organizers open the row at the same version.
      const read = await kind.read(ctx.db, roles, id);
      expect(read.version).toBe(1);
      const [first, second] = kind.values;
      await kind.save(ctx.db, roles.leadEditor, roles, id, first, read.version);
      const stale = await failure(
        kind.save(ctx.db, roles.deputyEditor, roles, id, second, read.version),
      );
      expect(stale.code).toBe("conflict");
      const after = await kind.read(ctx.db, roles, id);
      expect(kind.fact(after)).toBe(first);
      expect(after.version).toBe(2);
      // A change of facts without a version is refused; the one who reloaded saves.
      const unversioned = await failure(
        kind.save(ctx.db, roles.deputyEditor, roles, id, second, undefined!),
      );
      expect(unversioned.code).toBe("validation");
      expect(Object.keys(unversioned.fieldErrors ?? {})).toEqual(["version"]);
      await kind.save(ctx.db, roles.deputyEditor, roles, id, second, after.version);
      expect(kind.fact(await kind.read(ctx.db, roles, id))).toBe(second);
    },
  );

  it.each(Object.entries(kinds).filter(([, kind]) => kind.move))(
    "%s: a pure move needs no version and moves the version on",
    async (_name, kind) => {
      const roles = await insertEventWithRoles(ctx.db);
      const id = await kind.insert(ctx.db, roles);
      const read = await kind.read(ctx.db, roles, id);
      await kind.move!(ctx.db, roles.leadEditor, roles, id);
      const moved = await kind.read(ctx.db, roles, id);
      expect(moved).toMatchObject({ position: 0, version: read.version + 1 });
      // A save based on the row read before the move is stale.
      const [first] = kind.values;
      expect(
        (await failure(kind.save(ctx.db, roles.leadEditor, roles, id, first, read.version))).code,
      ).toBe("conflict");
    },
  );
});
