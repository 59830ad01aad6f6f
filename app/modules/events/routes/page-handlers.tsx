// Loaders and actions shared by the events pages. Server code: imported by loaders and actions only.
import { redirect } from "react-router";
import type { Db } from "../../../db/client.ts";
import { getDb } from "../../../db/index.ts";
import type { Locale } from "../../../i18n/locales.ts";
import type { Translate } from "../../../i18n/translate.ts";
import type { Actor } from "../../../platform/actor.ts";
import { forbidden } from "../../../platform/errors.ts";
import { formFailure, submittedValues } from "../../../platform/forms.ts";
import { requestStateContext } from "../../../platform/request-context.ts";
import { loggedInPage, type PageArgs } from "../../../platform/page-loaders.ts";
import { getEvent, listSpeakers, type EventCan, type EventView, type Program } from "../service.ts";
import { positionOf } from "./manage-helpers.ts";

type EventPageArgs = PageArgs & { params: { id: string } };

/** A page of an event's editors (`organize`: its organizers only); others are refused. */
export function eventEditorPage<T>(
  args: EventPageArgs,
  load: (page: {
    db: Db;
    actor: Actor;
    t: Translate;
    event: EventView;
    can: EventCan;
  }) => Promise<T>,
  may: "edit" | "organize" = "edit",
): Promise<T> {
  return loggedInPage(args, async ({ db, actor, t }) => {
    const { event, can } = await getEvent(db, actor, args.params.id);
    if (!can[may]) throw forbidden();
    return load({ db, actor, t, event, can });
  });
}

/** What the session form (new and edit) chooses among: the program's days, rooms and tracks. */
export async function sessionChoices(db: Db, actor: Actor, eventId: string, program: Program) {
  return {
    event: program.event,
    choices: {
      days: program.days,
      rooms: program.rooms,
      tracks: program.tracks,
      speakers: await listSpeakers(db, actor, eventId),
    },
  };
}

/** Which form of an edit page was sent: the one that deletes, or the one that saves. */
export function saveOrDelete(values: Record<string, string>): "save" | "delete" {
  return values.intent === "delete" ? "delete" : "save";
}

type FormStep = {
  db: Db;
  actor: Actor | null;
  locale: Locale;
  values: Record<string, string>;
  formData: FormData;
};

/**
 * An action of a page's form: `run` gets what was sent; a refusal goes back to the form that was
 * sent (`formOf` names it, on pages with several) with what was typed.
 */
export async function formAction(
  { request, context }: PageArgs,
  formOf: string | undefined | ((values: Record<string, string>) => string),
  run: (form: FormStep) => Promise<Response>,
) {
  const { actor, locale } = context.get(requestStateContext);
  const formData = await request.formData();
  const values = submittedValues(formData);
  try {
    return await run({ db: await getDb(), actor, locale, values, formData });
  } catch (error) {
    const intent = typeof formOf === "function" ? formOf(values) : formOf;
    return formFailure(error, request, values, { intent });
  }
}

type RowStep = {
  db: Db;
  actor: Actor | null;
  eventId: string;
  rowId: string;
  values: Record<string, string>;
};

/**
 * The action of a page that lists an event's rows, each with its own form: `remove` a row, move
 * it `up` or `down`, `save` it, or `add` one (what a form without an intent does). Each goes back
 * to the page with its notice, at the row it changed; a refusal goes back to the form that was
 * sent (by its intent) with what was typed. A save carries the version its row's form showed.
 */
export function rowsAction<Row extends { id: string; version?: number }, Update>(
  { request, params, context }: EventPageArgs,
  page: string,
  rows: {
    list: (db: Db, actor: Actor | null, eventId: string) => Promise<Row[]>;
    /** The rows a row moves among, when not all of them. */
    peersOf?: (rows: Row[], rowId: string) => Row[];
    /** A move carries the version read, as a save does. */
    versioned?: boolean;
    update: (
      db: Db,
      actor: Actor | null,
      eventId: string,
      rowId: string,
      input: Update,
    ) => Promise<unknown>;
    remove: (db: Db, actor: Actor | null, eventId: string, rowId: string) => Promise<unknown>;
    /** What a row's own form saves; without it, the rows are edited on pages of their own. */
    saveInput?: (values: Record<string, string>) => Update;
    add: (step: RowStep) => Promise<unknown>;
    /** The page's other forms, by intent: what each does and where it goes back to. */
    others?: Record<string, (step: RowStep) => Promise<string>>;
  },
) {
  const back = `/events/${params.id}/${page}`;
  const intentOf = (values: Record<string, string>) => values.intent ?? "add";
  return formAction({ request, context }, intentOf, async ({ db, actor, values }) => {
    const intent = intentOf(values);
    const rowId = values.rowId ?? "";
    if (intent === "remove") {
      await rows.remove(db, actor, params.id, rowId);
      return redirect(`${back}?removed=1`);
    }
    if (intent === "up" || intent === "down") {
      const all = await rows.list(db, actor, params.id);
      const peers = rows.peersOf ? rows.peersOf(all, rowId) : all;
      const position = positionOf(peers, rowId, intent);
      const version = peers.find((row) => row.id === rowId)?.version ?? 0;
      const move = rows.versioned ? { position, version } : { position };
      await rows.update(db, actor, params.id, rowId, move as Update);
      return redirect(`${back}?moved=1#row-${rowId}`);
    }
    if (intent === "save" && rows.saveInput) {
      // The version the row's form showed: a save of a row changed meanwhile is refused.
      const shown = values.version === undefined ? {} : { version: values.version };
      const input = { ...shown, ...rows.saveInput(values) } as Update;
      await rows.update(db, actor, params.id, rowId, input);
      return redirect(`${back}?saved=1#row-${rowId}`);
    }
    const step = { db, actor, eventId: params.id, rowId, values };
    const other = rows.others?.[intent];
    if (other) return redirect(`${back}${await other(step)}`);
    await rows.add(step);
    return redirect(`${back}?saved=1`);
  });
}
