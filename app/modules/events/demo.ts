// Demo events, called by app/db/demo.ts after the meetings demo: a two-day regional e-health
// conference run by a hospital (Södra Älvsborgs Sjukhus), a university college (Högskolan i
// Borås) and a health cluster, with four program rooms and a group room, three tracks, an MC,
// ten partners, a program and an organizing committee and 40 sessions; and a one-day theme day
// of Västra Götalandsregionen for about 100 politicians and officials. Both published, some
// months after the day the demo is loaded. Speakers are fictional; the directory demo's people
// sit on the committees.
//
// Kept fast: one multi-row insert per table, no audit entries (demo data, like a seed).
import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { todayIn } from "../../i18n/format.ts";
import { addDays } from "../../platform/time.ts";
import { organizations, people } from "../directory/schema.ts";
import { sessionInterval } from "./rules.ts";
import {
  eventCommitteeMembers,
  eventOrganizations,
  eventRooms,
  events,
  eventSessionPeople,
  eventSessions,
  eventSpeakers,
  eventTracks,
  type CommitteeKind,
  type CommitteeRole,
  type EventOrganizationRole,
  type SessionKind,
  type SessionPersonRole,
} from "./schema.ts";

/** How other parts of the demo (tickets, side meetings, budget) find the conference. */
export const demoConferenceName = "E-hälsodagarna Väst";
export const demoThemeDayName = "Temadag: Digital vård och omsorg för förtroendevalda";
/** The conference's group room: no sessions, free for side meetings. */
export const demoGroupRoomName = "Grupprum Kypesjön";

export type EventsDemo = { conferenceId: string; themeDayId: string };

const timeZone = "Europe/Stockholm";

/** The first day on or after `date` that falls on `weekday` (0 Sunday … 6 Saturday). */
function nextWeekday(date: string, weekday: number): string {
  const current = new Date(`${date}T12:00:00Z`).getUTCDay();
  return addDays(date, (weekday - current + 7) % 7);
}

/**
 * A speaker: a key for the program below, name, title, and the organization (a directory
 * organization by name, or free text where the directory has none).
 */
type DemoSpeaker = [key: string, name: string, title: string, organization: string];

// Fictional speakers.
const conferenceSpeakers: DemoSpeaker[] = [
  ["mc", "Moa Lindahl", "Moderator och journalist", "Lindahl Media"],
  ["dir", "Karl-Erik Sjögren", "Sjukhusdirektör", "Södra Älvsborgs Sjukhus"],
  ["rector", "Annika Wester", "Rektor", "Högskolan i Borås"],
  ["cluster", "Niklas Ström", "Klusterledare", "E-hälsoklustret Väst (demo)"],
  ["key1", "Helena Brandt", "Professor i vårdvetenskap", "Högskolan i Borås"],
  ["key2", "Tobias Ekman", "Chefläkare", "Sahlgrenska Universitetssjukhuset"],
  ["key3", "Farah Nouri", "Avdelningschef", "E-hälsomyndigheten"],
  ["key4", "Sigrid Haug", "Fagdirektør", "Helse Vest (demo)"],
  ["s1", "Jonas Wiklund", "Verksamhetsutvecklare", "Södra Älvsborgs Sjukhus"],
  ["s2", "Elsa Morén", "Sjuksköterska och doktorand", "Högskolan i Borås"],
  ["s3", "Rasmus Falk", "Data scientist", "Koncernkontoret, Digitalisering"],
  ["s4", "Leila Haddad", "Läkare, AI-ansvarig", "Skaraborgs Sjukhus"],
  ["s5", "Oskar Lund", "Enhetschef hemsjukvård", "Borås Stad"],
  ["s6", "Maja Berglind", "Välfärdsteknikstrateg", "Göteborgs Stad"],
  ["s7", "Patrik Höglund", "Informationssäkerhetschef", "NU-sjukvården"],
  ["s8", "Ingela Svahn", "Patientföreträdare", "Patientrådet Sjuhärad"],
  ["s9", "David Kaya", "Produktchef", "Nordvård System AB (demo)"],
  ["s10", "Sanna Åberg", "Lösningsarkitekt", "Journalia AB (demo)"],
  ["s11", "Erik Nygren", "Universitetslektor i informatik", "Högskolan i Borås"],
  ["s12", "Lovisa Strand", "Projektledare", "E-hälsoklustret Väst (demo)"],
  ["s13", "Hampus Dahlberg", "IT-arkitekt", "Södra Älvsborgs Sjukhus"],
  ["s14", "Nora Eliasson", "Fysioterapeut", "Södra Älvsborgs Sjukhus"],
  ["s15", "Kristian Moe", "Daglig leder", "Fjordhelse Digital AS (demo)"],
  ["s16", "Amira Said", "Jurist", "E-hälsomyndigheten"],
  ["s17", "Viktor Palm", "Digitaliseringsstrateg", "Borås Stad"],
  ["s18", "Cecilia Ros", "Utbildningsledare", "Högskolan i Borås"],
  ["s19", "Gunnar Ljung", "Förvaltningschef", "Koncernkontoret, Digitalisering"],
  ["s20", "Tilda Holm", "Barnsjuksköterska", "Sahlgrenska Universitetssjukhuset"],
];

type DemoRoom = "aula" | "viskan" | "atran" | "hall";
type DemoTrack = 0 | 1 | 2;

type DemoSession = {
  day: 0 | 1;
  start: string;
  end: string;
  kind: SessionKind;
  title: string;
  room?: DemoRoom;
  track?: DemoTrack;
  abstract?: string;
  speakers?: string[];
  panelists?: string[];
  moderator?: string;
};
type DemoSlotSession = Omit<DemoSession, "day" | "start" | "end">;

/** Sessions side by side in one time slot of the event's first (0) or second (1) day. */
function slot(day: 0 | 1, start: string, end: string, sessions: DemoSlotSession[]) {
  return sessions.map((session): DemoSession => ({ day, start, end, ...session }));
}

/** A talk by its speakers in a room, in a track where it belongs to one. */
function talk(
  kind: SessionKind,
  title: string,
  room: DemoRoom,
  speakers: string[],
  track?: DemoTrack,
): DemoSlotSession {
  return { kind, title, room, speakers, track };
}

function panel(
  title: string,
  room: DemoRoom,
  panelists: string[],
  moderator: string,
  track?: DemoTrack,
): DemoSlotSession {
  return { kind: "panel", title, room, panelists, moderator, track };
}

/** A break without a room: coffee, lunch, the dinner. */
function pause(title: string, abstract?: string): DemoSlotSession {
  return { kind: "break", title, abstract };
}

// Rooms: aula (Aulan), viskan, atran; hall holds the exhibition. Parallel sessions have
// different speakers, so the demo program passes the program's own clash checks.
const conferenceSessions: DemoSession[] = [
  // Day 1
  ...slot(0, "08:30", "09:00", [pause("Registrering och kaffe")]),
  ...slot(0, "09:00", "16:30", [
    {
      kind: "exhibition",
      title: "Utställning: leverantörer och innovationer",
      room: "hall",
      abstract: "Leverantörer, projekt och studenter visar lösningar för vård nära patienten.",
    },
  ]),
  ...slot(0, "09:00", "09:30", [
    talk("opening_plenary", "Välkommen till E-hälsodagarna Väst", "aula", [
      "dir",
      "rector",
      "cluster",
    ]),
  ]),
  ...slot(0, "09:30", "10:15", [
    {
      ...talk("keynote", "Vården som följer med patienten hem", "aula", ["key1"]),
      abstract:
        "Hur ser vården ut när sjukhuset finns i patientens vardagsrum? Forskning och erfarenheter från tio års utveckling av vård på distans.",
    },
  ]),
  ...slot(0, "10:15", "10:45", [pause("Förmiddagskaffe i utställningen")]),
  ...slot(0, "10:45", "11:45", [
    talk("seminar", "Mobil hemsjukvård med digitala stöd", "aula", ["s1", "s5"], 0),
    talk("seminar", "AI som beslutsstöd i akutsjukvården", "viskan", ["s4"], 1),
    talk("seminar", "Att leda förändring i en förvaltning", "atran", ["s19"], 2),
  ]),
  ...slot(0, "11:45", "12:45", [pause("Lunch")]),
  ...slot(0, "12:45", "13:45", [
    panel("Vem äger patientens data?", "aula", ["s16", "s7", "s8"], "mc", 1),
    talk("workshop", "Tjänstedesign med patienter och anhöriga", "viskan", ["s2", "s14"], 0),
    talk("seminar", "Samverkan mellan region och kommun i praktiken", "atran", ["s6", "s17"], 2),
  ]),
  ...slot(0, "13:45", "14:30", [
    talk("seminar", "Sensorer och larm i särskilt boende", "aula", ["s9"], 0),
    talk(
      "seminar",
      "Språkmodeller i journalen – möjligheter och risker",
      "viskan",
      ["s3", "s11"],
      1,
    ),
    talk("seminar", "Kompetensförsörjning för digital vård", "atran", ["s18"], 2),
  ]),
  ...slot(0, "14:30", "15:00", [pause("Eftermiddagskaffe i utställningen")]),
  ...slot(0, "15:00", "15:45", [
    talk("seminar", "Digitala vårdbesök för barn och unga", "aula", ["s20"], 0),
    talk("seminar", "Öppna gränssnitt mellan journalsystem", "viskan", ["s10", "s13"], 1),
    talk("workshop", "Från pilot till breddinförande", "atran", ["s12"], 2),
  ]),
  ...slot(0, "15:45", "16:30", [
    talk("keynote", "Nordiskt samarbete för digital hälsa", "aula", ["key4"]),
  ]),
  ...slot(0, "18:30", "22:00", [
    pause("Konferensmiddag", "Middag och mingel för alla deltagare med middagsbiljett."),
  ]),
  // Day 2
  ...slot(1, "08:00", "08:45", [
    talk("seminar", "Frukostseminarium: forskning på gång", "viskan", ["s11", "s2"]),
  ]),
  ...slot(1, "09:00", "15:30", [
    { kind: "exhibition", title: "Utställning: leverantörer och innovationer", room: "hall" },
  ]),
  ...slot(1, "09:00", "09:15", [
    talk("opening_plenary", "God morgon och dagens program", "aula", ["mc"]),
  ]),
  ...slot(1, "09:15", "10:00", [
    talk("keynote", "Nationell digital infrastruktur – vad betyder den för regionen?", "aula", [
      "key3",
    ]),
  ]),
  ...slot(1, "10:00", "10:30", [pause("Förmiddagskaffe i utställningen")]),
  ...slot(1, "10:30", "11:30", [
    talk("seminar", "Egenmonitorering vid kronisk sjukdom", "aula", ["s14", "s1"], 0),
    talk("seminar", "Datadriven kapacitetsplanering", "viskan", ["s3"], 1),
    panel("Klustret som motor för innovation", "atran", ["cluster", "s15", "s12"], "s18", 2),
  ]),
  ...slot(1, "11:30", "12:30", [pause("Lunch")]),
  ...slot(1, "12:30", "13:15", [
    talk("seminar", "Digital inkludering – ingen ska lämnas utanför", "aula", ["s8", "s5"], 0),
    talk("seminar", "Informationssäkerhet när vården flyttar hem", "viskan", ["s7"], 1),
    talk(
      "seminar",
      "Upphandling av digitala tjänster i offentlig sektor",
      "atran",
      ["s16", "s17"],
      2,
    ),
  ]),
  ...slot(1, "13:15", "14:00", [
    talk("workshop", "Prototyp på en timme: vårdflöden", "aula", ["s13", "s9"], 0),
    talk("seminar", "Bildanalys med AI i primärvården", "viskan", ["s4", "s10"], 1),
    talk("seminar", "Nyttorealisering som ledningsfråga", "atran", ["s19", "s6"], 2),
  ]),
  ...slot(1, "14:00", "14:30", [pause("Eftermiddagskaffe")]),
  ...slot(1, "14:30", "15:15", [
    panel("Framtidens vård i Sjuhärad", "aula", ["dir", "rector", "key2"], "mc"),
  ]),
  ...slot(1, "15:15", "15:30", [
    talk("opening_plenary", "Avslutning och tack", "aula", ["mc", "dir"]),
  ]),
  ...slot(1, "15:30", "16:00", [pause("Kaffe och avfärd")]),
];

const themeDaySpeakers: DemoSpeaker[] = [
  ["mc", "Pernilla Vik", "Moderator", "Vik Kommunikation"],
  ["chair", "Bengt Almgren", "Regionstyrelsens ordförande", "Västra Götalandsregionen"],
  ["dir", "Anna Lindqvist", "IT-direktör", "Västra Götalandsregionen"],
  ["ehm", "Ulrika Berglund", "Enhetschef", "E-hälsomyndigheten"],
  ["mun1", "Åsa Kjellberg", "Kommunstyrelsens ordförande", "Borås Stad"],
  ["mun2", "Mats Grönvall", "Socialchef", "Göteborgs Stad"],
  ["res", "Malin Hellström", "Lektor i informatik", "Högskolan i Borås"],
];

const themeDaySessions: DemoSession[] = [
  ...slot(0, "09:00", "09:30", [pause("Registrering och kaffe")]),
  ...slot(0, "09:30", "09:45", [talk("opening_plenary", "Inledning", "aula", ["chair", "mc"])]),
  ...slot(0, "09:45", "10:30", [
    talk("keynote", "Var står vi? Digitaliseringen av vården i Västra Götaland", "aula", ["dir"]),
  ]),
  ...slot(0, "10:30", "11:15", [talk("keynote", "Nationella vägval för e-hälsa", "aula", ["ehm"])]),
  ...slot(0, "11:15", "12:00", [
    panel("Politikens roll när vården digitaliseras", "aula", ["chair", "mun1"], "mc"),
  ]),
  ...slot(0, "12:00", "13:00", [pause("Lunch")]),
  ...slot(0, "13:00", "14:00", [
    talk("workshop", "Prioriteringar för de kommande fyra åren", "aula", ["res", "mun2"]),
  ]),
  ...slot(0, "14:00", "14:30", [pause("Kaffe")]),
  ...slot(0, "14:30", "15:15", [
    talk("seminar", "Välfärdsteknik i kommunerna – erfarenheter och kostnader", "aula", ["mun2"]),
  ]),
  ...slot(0, "15:15", "15:45", [
    talk("opening_plenary", "Sammanfattning och nästa steg", "aula", ["chair", "dir"]),
  ]),
];

type DemoCommitteeMember = {
  committee: CommitteeKind;
  name: string;
  role: CommitteeRole;
  showEmail?: boolean;
  showPhone?: boolean;
};

// The directory demo's people (app/db/demo.ts), by name.
const conferenceCommittees: DemoCommitteeMember[] = [
  { committee: "program", name: "Linnea Ekström", role: "lead", showEmail: true },
  { committee: "program", name: "Malin Hellström", role: "deputy_lead", showEmail: true },
  { committee: "program", name: "Per Hedlund", role: "member" },
  { committee: "program", name: "Gustav Lind", role: "member" },
  { committee: "program", name: "Emma Palm", role: "member" },
  { committee: "organizing", name: "Niklas Ström", role: "lead", showEmail: true, showPhone: true },
  { committee: "organizing", name: "Linnea Ekström", role: "member" },
  { committee: "organizing", name: "Petra Wallin", role: "member" },
  { committee: "organizing", name: "Camilla Blom", role: "member" },
];

const themeDayCommittees: DemoCommitteeMember[] = [
  { committee: "organizing", name: "Camilla Blom", role: "lead", showEmail: true },
  { committee: "organizing", name: "Fredrik Dahl", role: "member" },
];

const conferenceOrganizers: [string, EventOrganizationRole][] = [
  ["Södra Älvsborgs Sjukhus", "lead"],
  ["Högskolan i Borås", "deputy_lead"],
  ["E-hälsoklustret Väst (demo)", "deputy_lead"],
  // Ten partners and sponsors.
  ["Borås Stad", "partner"],
  ["Göteborgs Stad", "partner"],
  ["Koncernkontoret, Digitalisering", "partner"],
  ["Sahlgrenska Universitetssjukhuset", "partner"],
  ["Skaraborgs Sjukhus", "partner"],
  ["NU-sjukvården", "partner"],
  ["E-hälsomyndigheten", "partner"],
  ["Nordvård System AB (demo)", "sponsor"],
  ["Journalia AB (demo)", "sponsor"],
  ["Fjordhelse Digital AS (demo)", "sponsor"],
];

const themeDayOrganizers: [string, EventOrganizationRole][] = [
  ["Västra Götalandsregionen", "lead"],
  ["Göteborgs Stad", "partner"],
  ["Borås Stad", "partner"],
];

export async function loadEventsDemo(db: DbOrTx, now = new Date()): Promise<EventsDemo> {
  const today = todayIn(timeZone, now);
  // A Tuesday about five months ahead; the theme day a Thursday about three months ahead.
  const conferenceStart = nextWeekday(addDays(today, 150), 2);
  const themeDay = nextWeekday(addDays(today, 90), 4);

  const orgNames = [
    ...new Set([
      ...conferenceOrganizers.map(([name]) => name),
      ...themeDayOrganizers.map(([name]) => name),
      ...[...conferenceSpeakers, ...themeDaySpeakers].map(([, , , organization]) => organization),
    ]),
  ];
  const orgRows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.name, orgNames));
  const orgId = new Map(orgRows.map((row) => [row.name, row.id]));
  const personNames = [
    ...new Set([...conferenceCommittees, ...themeDayCommittees].map((member) => member.name)),
  ];
  const personRows = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(inArray(people.name, personNames));
  const personId = new Map(personRows.map((row) => [row.name, row.id]));

  const [conference, theme] = await db
    .insert(events)
    .values([
      {
        kind: "conference",
        name: demoConferenceName,
        description: [
          "Två dagar om digital vård och omsorg i Sjuhärad och Västra Götaland: vård nära patienten, data och AI, ledning och samverkan.",
          "Konferensen arrangeras av Södra Älvsborgs Sjukhus, Högskolan i Borås och E-hälsoklustret Väst tillsammans med regionens kommuner, förvaltningar och leverantörer.",
          "Studenter deltar till ett symboliskt pris. Välkommen!",
        ].join("\n\n"),
        startDate: conferenceStart,
        endDate: addDays(conferenceStart, 1),
        timeZone,
        language: "sv",
        currency: "SEK",
        venueName: "Högskolan i Borås",
        venueAddress: "Allégatan 1, 501 90 Borås",
        status: "published",
        capacity: 350,
      },
      {
        kind: "theme_day",
        name: demoThemeDayName,
        description:
          "En dag för regionens och kommunernas förtroendevalda och tjänstepersoner om läget, vägvalen och prioriteringarna för digitaliseringen av vård och omsorg i Västra Götaland.",
        startDate: themeDay,
        endDate: themeDay,
        timeZone,
        language: "sv",
        currency: "SEK",
        venueName: "Regionens hus, Vänersborg",
        venueAddress: "Östergatan 1, 462 31 Vänersborg",
        status: "published",
        capacity: 110,
      },
    ])
    .returning({ id: events.id });
  if (!conference || !theme) throw new Error("insert returned nothing");

  const organizerRows = (eventId: string, organizers: [string, EventOrganizationRole][]) =>
    organizers.flatMap(([name, role], position) => {
      const id = orgId.get(name);
      return id ? [{ eventId, organizationId: id, role, position }] : [];
    });
  await db
    .insert(eventOrganizations)
    .values([
      ...organizerRows(conference.id, conferenceOrganizers),
      ...organizerRows(theme.id, themeDayOrganizers),
    ]);

  const committeeRows = (eventId: string, members: DemoCommitteeMember[]) => {
    const positions = new Map<CommitteeKind, number>();
    return members.flatMap((member) => {
      const id = personId.get(member.name);
      if (!id) return [];
      const position = positions.get(member.committee) ?? 0;
      positions.set(member.committee, position + 1);
      return [
        {
          eventId,
          committee: member.committee,
          personId: id,
          role: member.role,
          showEmail: member.showEmail ?? false,
          showPhone: member.showPhone ?? false,
          position,
        },
      ];
    });
  };
  await db
    .insert(eventCommitteeMembers)
    .values([
      ...committeeRows(conference.id, conferenceCommittees),
      ...committeeRows(theme.id, themeDayCommittees),
    ]);

  const roomRows = await db
    .insert(eventRooms)
    .values([
      { eventId: conference.id, name: "Aulan", capacity: 400, position: 0 },
      { eventId: conference.id, name: "Sal Viskan", capacity: 120, position: 1 },
      { eventId: conference.id, name: "Sal Ätran", capacity: 80, position: 2 },
      { eventId: conference.id, name: "Utställningshallen", capacity: 300, position: 3 },
      { eventId: conference.id, name: demoGroupRoomName, capacity: 16, position: 4 },
      { eventId: theme.id, name: "Plenisalen", capacity: 120, position: 0 },
    ])
    .returning({ id: eventRooms.id });
  const conferenceRooms = {
    aula: roomRows[0]!.id,
    viskan: roomRows[1]!.id,
    atran: roomRows[2]!.id,
    hall: roomRows[3]!.id,
  };
  const themeRooms = { aula: roomRows[5]!.id, viskan: null, atran: null, hall: null };

  const trackRows = await db
    .insert(eventTracks)
    .values([
      { eventId: conference.id, name: "Vård nära patienten", position: 0 },
      { eventId: conference.id, name: "Data och AI", position: 1 },
      { eventId: conference.id, name: "Ledning och samverkan", position: 2 },
    ])
    .returning({ id: eventTracks.id });

  const speakerValues = (eventId: string, list: DemoSpeaker[]) =>
    list.map(([, name, title, organization]) => ({
      eventId,
      name,
      title,
      bio: `${name} är ${title.toLowerCase()} vid ${organization}.`,
      organizationId: orgId.get(organization) ?? null,
      organizationName: orgId.has(organization) ? "" : organization,
    }));
  const speakerRows = await db
    .insert(eventSpeakers)
    .values([
      ...speakerValues(conference.id, conferenceSpeakers),
      ...speakerValues(theme.id, themeDaySpeakers),
    ])
    .returning({ id: eventSpeakers.id });
  const speakerIds = (list: DemoSpeaker[], firstRow: number) =>
    new Map(list.map(([key], index) => [key, speakerRows[firstRow + index]!.id]));
  const conferenceSpeakerId = speakerIds(conferenceSpeakers, 0);
  const themeSpeakerId = speakerIds(themeDaySpeakers, conferenceSpeakers.length);

  const plan = [
    ...conferenceSessions.map((session) => ({
      session,
      eventId: conference.id,
      firstDay: conferenceStart,
      rooms: conferenceRooms as Record<string, string | null>,
      speakers: conferenceSpeakerId,
    })),
    ...themeDaySessions.map((session) => ({
      session,
      eventId: theme.id,
      firstDay: themeDay,
      rooms: themeRooms as Record<string, string | null>,
      speakers: themeSpeakerId,
    })),
  ];
  const sessionRows = await db
    .insert(eventSessions)
    .values(
      plan.map(({ session, eventId, firstDay, rooms }) => ({
        eventId,
        kind: session.kind,
        title: session.title,
        abstract: session.abstract ?? "",
        ...sessionInterval(addDays(firstDay, session.day), session.start, session.end, timeZone),
        roomId: session.room ? (rooms[session.room] ?? null) : null,
        trackId: session.track === undefined ? null : trackRows[session.track]!.id,
      })),
    )
    .returning({ id: eventSessions.id });
  const peopleRows = plan.flatMap(({ session, speakers }, index) => {
    const sessionId = sessionRows[index]!.id;
    const of = (keys: string[] | undefined, role: SessionPersonRole) =>
      (keys ?? []).map((key, position) => ({
        sessionId,
        speakerId: speakers.get(key)!,
        role,
        position,
      }));
    return [
      ...of(session.speakers, "speaker"),
      ...of(session.panelists, "panelist"),
      ...of(session.moderator ? [session.moderator] : undefined, "moderator"),
    ];
  });
  if (peopleRows.length) await db.insert(eventSessionPeople).values(peopleRows);

  // The MCs.
  await db
    .update(events)
    .set({ mcSpeakerId: conferenceSpeakerId.get("mc")! })
    .where(eq(events.id, conference.id));
  await db
    .update(events)
    .set({ mcSpeakerId: themeSpeakerId.get("mc")! })
    .where(eq(events.id, theme.id));

  return { conferenceId: conference.id, themeDayId: theme.id };
}

/** The demo conference's id, for other parts of the demo (null without the events demo). */
export async function findDemoConference(db: DbOrTx): Promise<string | null> {
  const [row] = await db
    .select({ id: events.id })
    .from(events)
    .where(eq(events.name, demoConferenceName))
    .limit(1);
  return row?.id ?? null;
}
