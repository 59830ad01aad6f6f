// The minutes of a meeting as a document: one model read with the minutes page's permissions,
// written as DOCX (docx) and PDF (pdfkit) in the layout secretaries use: a header, the
// participants (absent ones struck through and marked), the other participants with their item,
// a table of the agenda items (item | notes | responsible) and the next meetings of the series.
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type * as Docx from "docx";
import type { DbOrTx } from "../../db/client.ts";
import { formatDate } from "../../i18n/format.ts";
import type { Locale } from "../../i18n/locales.ts";
import { translator, type Translate } from "../../i18n/translate.ts";
import type { Actor } from "../../platform/actor.ts";
import { AppError } from "../../platform/errors.ts";
import { lazyModule } from "../../platform/lazy-module.ts";
import { createPdf, pdfFont } from "../../platform/pdf.ts";
import { isUuid } from "../../platform/ids.ts";
import { utcToZoned } from "../../platform/time.ts";
import { organizations, people } from "../directory/schema.ts";
import { loadNetworkAccess } from "../networks/access.ts";
import { canEditNetwork, canReadMembersContent, type NetworkAccess } from "../networks/policy.ts";
import { expandOccurrences, mergeSeriesEntries } from "./rules.ts";
import {
  agendaItemPeople,
  agendaItems,
  meetingActions,
  meetingMinutes,
  meetingParticipants,
  meetings,
  meetingSeries,
  type ActionStatus,
  type Attendance,
  type MinutesStatus,
  type MinutesVisibility,
} from "./schema.ts";
import { asciiSlug } from "../../platform/file-response.ts";

const docx = lazyModule<typeof Docx>("docx");

export type DocumentAction = {
  title: string;
  owner: string | null;
  dueDate: string | null;
  status: ActionStatus;
};

export type DocumentItem = {
  id: string;
  position: number;
  title: string;
  purpose: string;
  responsible: string[];
  notes: string;
  reflections: string[];
  decisions: string[];
  actions: DocumentAction[];
};

export type MinutesDocument = {
  meeting: {
    id: string;
    title: string;
    startsAt: Date;
    endsAt: Date;
    timeZone: string;
    /** Place and link: members' content, as on the meeting page ("" / null for others). */
    place: string;
    onlineUrl: string | null;
    cancelled: boolean;
  };
  network: { id: string; name: string };
  organization: { name: string };
  minutes: { status: MinutesStatus; visibility: MinutesVisibility };
  /**
   * The same for every reader (readable by anyone, without members' content): may be cached
   * publicly.
   */
  isPublic: boolean;
  participants: { name: string; organization: string | null; attendance: Attendance }[];
  guests: {
    name: string;
    organization: string | null;
    items: { position: number; title: string }[];
  }[];
  items: DocumentItem[];
  nextMeetings: { title: string; startsAt: Date; endsAt: Date; cancelled: boolean }[];
};

/**
 * Whether the actor may read minutes in a given state: draft for editors; in review and approved
 * for members; published per visibility (public → everyone who can read the network).
 */
export function canReadMinutes(
  access: NetworkAccess,
  minutes: { status: MinutesStatus; visibility: MinutesVisibility },
): boolean {
  switch (minutes.status) {
    case "draft":
      return canEditNetwork(access);
    case "in_review":
    case "approved":
      return canReadMembersContent(access);
    case "published":
      return minutes.visibility === "public" || canReadMembersContent(access);
  }
}

const nextMeetingsLimit = 4;

/** The minutes of a meeting as a document model, or not_found when the actor may not read it. */
export async function loadMinutesDocument(
  db: DbOrTx,
  actor: Actor | null,
  meetingId: string,
  now = new Date(),
): Promise<MinutesDocument> {
  const notFound = () => new AppError("not_found", "meetings.error.notFound");
  if (!isUuid(meetingId)) throw notFound();
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting) throw notFound();
  let loaded: Awaited<ReturnType<typeof loadNetworkAccess>>;
  try {
    loaded = await loadNetworkAccess(db, actor, meeting.networkId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") throw notFound();
    throw error;
  }
  const { network, access } = loaded;
  const [minutesRow] = await db
    .select()
    .from(meetingMinutes)
    .where(eq(meetingMinutes.meetingId, meetingId));
  const minutes = {
    status: minutesRow?.status ?? "draft",
    visibility: minutesRow?.visibility ?? "members",
  };
  if (!canReadMinutes(access, minutes)) throw notFound();
  // What the public may not see on the meeting page it may not see in the minutes either.
  const membersContent = canReadMembersContent(access);

  const [owner] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, network.ownerOrganizationId));

  const participantRows = await db
    .select({
      personId: meetingParticipants.personId,
      name: people.name,
      organization: organizations.name,
      kind: meetingParticipants.kind,
      attendance: meetingParticipants.attendance,
    })
    .from(meetingParticipants)
    .innerJoin(people, eq(people.id, meetingParticipants.personId))
    .leftJoin(organizations, eq(organizations.id, meetingParticipants.organizationId))
    .where(eq(meetingParticipants.meetingId, meetingId))
    .orderBy(asc(people.name));

  const itemRows = await db
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position));
  const itemIds = itemRows.map((item) => item.id);
  const itemPeople = itemIds.length
    ? await db
        .select({
          agendaItemId: agendaItemPeople.agendaItemId,
          personId: agendaItemPeople.personId,
          role: agendaItemPeople.role,
          name: people.name,
        })
        .from(agendaItemPeople)
        .innerJoin(people, eq(people.id, agendaItemPeople.personId))
        .where(inArray(agendaItemPeople.agendaItemId, itemIds))
        .orderBy(asc(people.name))
    : [];
  const actionRows = await db
    .select({
      agendaItemId: meetingActions.agendaItemId,
      title: meetingActions.title,
      owner: people.name,
      dueDate: meetingActions.dueDate,
      status: meetingActions.status,
    })
    .from(meetingActions)
    .leftJoin(people, eq(people.id, meetingActions.ownerPersonId))
    .where(eq(meetingActions.meetingId, meetingId))
    .orderBy(asc(meetingActions.createdAt));

  const content = minutesRow?.content.items ?? {};
  const items: DocumentItem[] = itemRows.map((item) => {
    const text = content[item.id];
    return {
      id: item.id,
      position: item.position,
      title: item.title,
      purpose: item.purpose,
      responsible: itemPeople
        .filter((row) => row.agendaItemId === item.id && row.role === "responsible")
        .map((row) => row.name),
      notes: text?.notes ?? "",
      reflections: (text?.reflections ?? []).filter((line) => line.trim() !== ""),
      decisions: (text?.decisions ?? []).filter((line) => line.trim() !== ""),
      actions: actionRows
        .filter((action) => action.agendaItemId === item.id)
        .map(({ title, owner, dueDate, status }) => ({ title, owner, dueDate, status })),
    };
  });
  // Actions not tied to an item go with the last item, so none is lost from the document.
  const loose = actionRows.filter(
    (action) => !action.agendaItemId || !itemIds.includes(action.agendaItemId),
  );
  const lastItem = items.at(-1);
  if (loose.length && lastItem)
    lastItem.actions.push(
      ...loose.map(({ title, owner, dueDate, status }) => ({ title, owner, dueDate, status })),
    );

  // Guests: guest participants and the people who come for an item.
  const guestMap = new Map<string, MinutesDocument["guests"][number]>();
  for (const row of participantRows.filter((row) => row.kind === "guest"))
    guestMap.set(row.personId, { name: row.name, organization: row.organization, items: [] });
  for (const row of itemPeople.filter((row) => row.role === "guest")) {
    const item = itemRows.find((candidate) => candidate.id === row.agendaItemId);
    const organization =
      participantRows.find((participant) => participant.personId === row.personId)?.organization ??
      null;
    const guest = guestMap.get(row.personId) ?? { name: row.name, organization, items: [] };
    if (item) guest.items.push({ position: item.position, title: item.title });
    guestMap.set(row.personId, guest);
  }
  for (const guest of guestMap.values()) guest.items.sort((a, b) => a.position - b.position);

  const nextMeetings = await loadNextMeetings(db, meeting, now);

  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      timeZone: meeting.timeZone,
      place: membersContent ? meeting.place : "",
      onlineUrl: membersContent ? meeting.onlineUrl : null,
      cancelled: meeting.status === "cancelled",
    },
    network: { id: network.id, name: network.name },
    organization: { name: owner?.name ?? "" },
    minutes,
    isPublic:
      !membersContent &&
      network.visibility === "public" &&
      minutes.status === "published" &&
      minutes.visibility === "public",
    participants: participantRows
      .filter((row) => row.kind === "member")
      .map(({ name, organization, attendance }) => ({ name, organization, attendance })),
    guests: [...guestMap.values()],
    items,
    nextMeetings,
  };
}

/**
 * The series' meetings after this one (and after now): materialized meetings and the rule's
 * occurrences that have no row yet, in order.
 */
async function loadNextMeetings(
  db: DbOrTx,
  meeting: typeof meetings.$inferSelect,
  now: Date,
): Promise<MinutesDocument["nextMeetings"]> {
  if (!meeting.seriesId) return [];
  const [series] = await db
    .select()
    .from(meetingSeries)
    .where(eq(meetingSeries.id, meeting.seriesId));
  if (!series) return [];
  const from = new Date(Math.max(now.getTime(), meeting.startsAt.getTime() + 1));
  const rows = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.seriesId, series.id), gt(meetings.startsAt, from)))
    .orderBy(asc(meetings.startsAt))
    .limit(nextMeetingsLimit + 20);
  const occurrences = expandOccurrences(
    series,
    from,
    new Date(from.getTime() + 3 * 366 * 86_400_000),
    nextMeetingsLimit + rows.length,
  );
  return mergeSeriesEntries(rows, occurrences, from, nextMeetingsLimit).map((entry) => ({
    title: entry.kind === "meeting" ? entry.title : series.name,
    startsAt: entry.startsAt,
    endsAt: entry.endsAt,
    cancelled: entry.kind === "meeting" && entry.cancelled,
  }));
}

// ---------------------------------------------------------------------------------------------
// Texts shared by both formats

type Line = { text: string; strike?: boolean; bold?: boolean; bullet?: boolean };

function when(doc: MinutesDocument, locale: Locale) {
  const tz = doc.meeting.timeZone;
  return {
    date: formatDate(locale, doc.meeting.startsAt, tz),
    time: `${utcToZoned(doc.meeting.startsAt, tz).time}–${utcToZoned(doc.meeting.endsAt, tz).time}`,
  };
}

function headerLines(doc: MinutesDocument, t: Translate, locale: Locale): [string, string][] {
  const { date, time } = when(doc, locale);
  const lines: [string, string][] = [
    [t("meetingDocuments.doc.date"), date],
    [t("meetingDocuments.doc.time"), time],
  ];
  if (doc.meeting.place) lines.push([t("meetingDocuments.doc.place"), doc.meeting.place]);
  if (doc.meeting.onlineUrl) lines.push([t("meetingDocuments.doc.online"), doc.meeting.onlineUrl]);
  return lines;
}

function participantLine(
  participant: MinutesDocument["participants"][number],
  t: Translate,
): { name: string; strike: boolean; note: string } {
  const name = participant.organization
    ? `${participant.name}, ${participant.organization}`
    : participant.name;
  if (participant.attendance === "absent_with_notice")
    return { name, strike: true, note: t("meetingDocuments.doc.absentWithNotice") };
  if (participant.attendance === "absent")
    return { name, strike: true, note: t("meetingDocuments.doc.absent") };
  return { name, strike: false, note: "" };
}

function guestLine(guest: MinutesDocument["guests"][number], t: Translate): string {
  const name = guest.organization ? `${guest.name}, ${guest.organization}` : guest.name;
  const items = guest.items.map((item) =>
    t("meetingDocuments.doc.forItem", { position: item.position, title: item.title }),
  );
  return items.length ? `${name} (${items.join("; ")})` : name;
}

function actionLine(action: DocumentAction, t: Translate, locale: Locale): string {
  const parts = [action.title];
  if (action.owner) parts.push(action.owner);
  if (action.dueDate) {
    const date = formatDate(locale, `${action.dueDate}T12:00:00Z`, "UTC");
    parts.push(t("meetingDocuments.doc.due", { date }));
  }
  return parts.join(" – ");
}

/** The notes cell of an item: notes, reflections as a list, decisions, actions. */
function notesLines(item: DocumentItem, t: Translate, locale: Locale): Line[] {
  const lines: Line[] = [];
  for (const paragraph of item.notes.split(/\n+/).filter((line) => line.trim() !== ""))
    lines.push({ text: paragraph });
  const section = (heading: string, entries: string[]) => {
    if (entries.length === 0) return;
    lines.push({ text: heading, bold: true });
    for (const entry of entries) lines.push({ text: entry, bullet: true });
  };
  section(t("meetingDocuments.doc.reflections"), item.reflections);
  section(t("meetingDocuments.doc.decisions"), item.decisions);
  section(
    t("meetingDocuments.doc.actions"),
    item.actions.map((action) => actionLine(action, t, locale)),
  );
  return lines;
}

function itemTitle(item: DocumentItem): string {
  return `${item.position}. ${item.title}`;
}

function nextMeetingLine(
  next: MinutesDocument["nextMeetings"][number],
  doc: MinutesDocument,
  t: Translate,
  locale: Locale,
): string {
  const tz = doc.meeting.timeZone;
  const text = `${formatDate(locale, next.startsAt, tz)} ${utcToZoned(next.startsAt, tz).time}–${
    utcToZoned(next.endsAt, tz).time
  } ${next.title}`;
  return next.cancelled ? `${text} (${t("meetingDocuments.doc.cancelled")})` : text;
}

/** A file name safe in any header: ASCII letters, digits and dashes. */
export function documentFileName(doc: MinutesDocument, extension: "docx" | "pdf") {
  const date = utcToZoned(doc.meeting.startsAt, doc.meeting.timeZone).date;
  const unicode = `${doc.meeting.title} ${date}.${extension}`.replace(/[\\/:*?"<>|\r\n]+/g, " ");
  const ascii = `${asciiSlug(doc.meeting.title) || "minutes"}-${date}.${extension}`;
  return { ascii, unicode };
}

// ---------------------------------------------------------------------------------------------
// DOCX

function docxLines(lines: Line[]): Docx.Paragraph[] {
  const { Paragraph, TextRun } = docx();
  return lines.map(
    (line) =>
      new Paragraph({
        ...(line.bullet ? { bullet: { level: 0 } } : {}),
        children: [new TextRun({ text: line.text, bold: line.bold, strike: line.strike })],
      }),
  );
}

export async function minutesDocx(doc: MinutesDocument, locale: Locale): Promise<Buffer> {
  const {
    AlignmentType,
    BorderStyle,
    Document,
    HeadingLevel,
    Packer,
    Paragraph,
    Table,
    TableCell,
    TableRow,
    TextRun,
    WidthType,
  } = docx();
  const t = translator(locale);
  const children: (Docx.Paragraph | Docx.Table)[] = [];
  children.push(
    new Paragraph({
      children: [new TextRun({ text: doc.organization.name, bold: true })],
    }),
    new Paragraph({ children: [new TextRun({ text: doc.network.name })] }),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: [new TextRun(`${t("meetingDocuments.doc.minutes")}: ${doc.meeting.title}`)],
    }),
  );
  for (const [label, value] of headerLines(doc, t, locale))
    children.push(
      new Paragraph({
        children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)],
      }),
    );

  children.push(
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      children: [new TextRun(t("meetingDocuments.doc.participants"))],
    }),
  );
  for (const participant of doc.participants) {
    const line = participantLine(participant, t);
    children.push(
      new Paragraph({
        bullet: { level: 0 },
        children: [
          new TextRun({ text: line.name, strike: line.strike }),
          ...(line.note ? [new TextRun(` (${line.note})`)] : []),
        ],
      }),
    );
  }
  if (doc.guests.length) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        children: [new TextRun(t("meetingDocuments.doc.otherParticipants"))],
      }),
    );
    for (const guest of doc.guests)
      children.push(new Paragraph({ bullet: { level: 0 }, text: guestLine(guest, t) }));
  }

  const border = { style: BorderStyle.SINGLE, size: 4, color: "999999" };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (paragraphs: Docx.Paragraph[], width: number, header = false) =>
    new TableCell({
      borders,
      width: { size: width, type: WidthType.PERCENTAGE },
      children: paragraphs.length ? paragraphs : [new Paragraph("")],
      ...(header ? { shading: { fill: "E7E6E6" } } : {}),
    });
  const heading = (text: string) =>
    new Paragraph({ children: [new TextRun({ text, bold: true })] });
  const rows = [
    new TableRow({
      tableHeader: true,
      children: [
        cell([heading(t("meetingDocuments.doc.item"))], 25, true),
        cell([heading(t("meetingDocuments.doc.notes"))], 55, true),
        cell([heading(t("meetingDocuments.doc.responsible"))], 20, true),
      ],
    }),
    ...doc.items.map(
      (item) =>
        new TableRow({
          children: [
            cell(
              [
                new Paragraph({ children: [new TextRun({ text: itemTitle(item), bold: true })] }),
                ...(item.purpose ? [new Paragraph(item.purpose)] : []),
              ],
              25,
            ),
            cell(docxLines(notesLines(item, t, locale)), 55),
            cell(
              item.responsible.map((name) => new Paragraph(name)),
              20,
            ),
          ],
        }),
    ),
  ];
  children.push(
    new Paragraph({ text: "" }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
  );

  children.push(
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      children: [new TextRun(t("meetingDocuments.doc.nextMeetings"))],
    }),
  );
  if (doc.nextMeetings.length === 0)
    children.push(new Paragraph(t("meetingDocuments.doc.noNextMeetings")));
  for (const next of doc.nextMeetings)
    children.push(
      new Paragraph({
        bullet: { level: 0 },
        alignment: AlignmentType.LEFT,
        children: [new TextRun(nextMeetingLine(next, doc, t, locale))],
      }),
    );

  const document = new Document({
    creator: "Samverka",
    title: `${t("meetingDocuments.doc.minutes")}: ${doc.meeting.title}`,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

// ---------------------------------------------------------------------------------------------
// PDF

/** The PDF (A4). */
export function minutesPdf(doc: MinutesDocument, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const { pdf, finished } = createPdf({
    size: "A4",
    margin: 50,
    info: {
      Title: `${t("meetingDocuments.doc.minutes")}: ${doc.meeting.title}`,
      Creator: "Samverka",
    },
  });

  const left = pdf.page.margins.left;
  const heading = (text: string) => {
    pdf.moveDown(0.8);
    pdf.font(pdfFont.bold).fontSize(13).text(text, left);
    pdf.moveDown(0.3);
    pdf.font(pdfFont.regular).fontSize(10);
  };

  pdf.font(pdfFont.bold).fontSize(11).text(doc.organization.name);
  pdf.font(pdfFont.regular).fontSize(11).text(doc.network.name);
  pdf.moveDown(0.5);
  pdf
    .font(pdfFont.bold)
    .fontSize(18)
    .text(`${t("meetingDocuments.doc.minutes")}: ${doc.meeting.title}`);
  pdf.moveDown(0.5);
  for (const [label, value] of headerLines(doc, t, locale)) {
    pdf.font(pdfFont.bold).fontSize(10).text(`${label}: `, { continued: true });
    pdf.font(pdfFont.regular).text(value);
  }

  heading(t("meetingDocuments.doc.participants"));
  for (const participant of doc.participants) {
    const line = participantLine(participant, t);
    pdf.text(`• ${line.name}`, { strike: line.strike, continued: line.note !== "" });
    if (line.note) pdf.text(` (${line.note})`, { strike: false });
  }
  if (doc.guests.length) {
    heading(t("meetingDocuments.doc.otherParticipants"));
    for (const guest of doc.guests) pdf.text(`• ${guestLine(guest, t)}`);
  }

  pdf.moveDown(1);
  pdf.x = left;
  const cellText = (lines: Line[]) =>
    lines.map((line) => (line.bullet ? `• ${line.text}` : line.text)).join("\n");
  pdf.font(pdfFont.regular).fontSize(9.5);
  pdf.table({
    columnStyles: ["25%", "55%", "20%"],
    defaultStyle: { padding: 4, border: 0.5, borderColor: "#999999" },
    data: [
      [
        { text: t("meetingDocuments.doc.item"), type: "TH", backgroundColor: "#e7e6e6" },
        { text: t("meetingDocuments.doc.notes"), type: "TH", backgroundColor: "#e7e6e6" },
        { text: t("meetingDocuments.doc.responsible"), type: "TH", backgroundColor: "#e7e6e6" },
      ],
      ...doc.items.map((item) => [
        [itemTitle(item), item.purpose].filter(Boolean).join("\n"),
        cellText(notesLines(item, t, locale)),
        item.responsible.join("\n"),
      ]),
    ],
  });

  pdf.x = left;
  heading(t("meetingDocuments.doc.nextMeetings"));
  if (doc.nextMeetings.length === 0) pdf.text(t("meetingDocuments.doc.noNextMeetings"));
  for (const next of doc.nextMeetings) pdf.text(`• ${nextMeetingLine(next, doc, t, locale)}`);

  pdf.end();
  return finished;
}
