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

type DemoSpeaker = { key: string; name: string; title: string; org?: string; free?: string };

// Fictional speakers; `org` is an organization of the directory demo (by name), `free` free text.
const conferenceSpeakers: DemoSpeaker[] = [
  { key: "mc", name: "Moa Lindahl", title: "Moderator och journalist", free: "Lindahl Media" },
  {
    key: "dir",
    name: "Karl-Erik Sjögren",
    title: "Sjukhusdirektör",
    org: "Södra Älvsborgs Sjukhus",
  },
  { key: "rector", name: "Annika Wester", title: "Rektor", org: "Högskolan i Borås" },
  {
    key: "cluster",
    name: "Niklas Ström",
    title: "Klusterledare",
    org: "E-hälsoklustret Väst (demo)",
  },
  {
    key: "key1",
    name: "Helena Brandt",
    title: "Professor i vårdvetenskap",
    org: "Högskolan i Borås",
  },
  {
    key: "key2",
    name: "Tobias Ekman",
    title: "Chefläkare",
    org: "Sahlgrenska Universitetssjukhuset",
  },
  { key: "key3", name: "Farah Nouri", title: "Avdelningschef", org: "E-hälsomyndigheten" },
  { key: "key4", name: "Sigrid Haug", title: "Fagdirektør", free: "Helse Vest (demo)" },
  {
    key: "s1",
    name: "Jonas Wiklund",
    title: "Verksamhetsutvecklare",
    org: "Södra Älvsborgs Sjukhus",
  },
  { key: "s2", name: "Elsa Morén", title: "Sjuksköterska och doktorand", org: "Högskolan i Borås" },
  {
    key: "s3",
    name: "Rasmus Falk",
    title: "Data scientist",
    org: "Koncernkontoret, Digitalisering",
  },
  { key: "s4", name: "Leila Haddad", title: "Läkare, AI-ansvarig", org: "Skaraborgs Sjukhus" },
  { key: "s5", name: "Oskar Lund", title: "Enhetschef hemsjukvård", org: "Borås Stad" },
  { key: "s6", name: "Maja Berglind", title: "Välfärdsteknikstrateg", org: "Göteborgs Stad" },
  { key: "s7", name: "Patrik Höglund", title: "Informationssäkerhetschef", org: "NU-sjukvården" },
  { key: "s8", name: "Ingela Svahn", title: "Patientföreträdare", free: "Patientrådet Sjuhärad" },
  { key: "s9", name: "David Kaya", title: "Produktchef", org: "Nordvård System AB (demo)" },
  { key: "s10", name: "Sanna Åberg", title: "Lösningsarkitekt", org: "Journalia AB (demo)" },
  {
    key: "s11",
    name: "Erik Nygren",
    title: "Universitetslektor i informatik",
    org: "Högskolan i Borås",
  },
  { key: "s12", name: "Lovisa Strand", title: "Projektledare", org: "E-hälsoklustret Väst (demo)" },
  { key: "s13", name: "Hampus Dahlberg", title: "IT-arkitekt", org: "Södra Älvsborgs Sjukhus" },
  { key: "s14", name: "Nora Eliasson", title: "Fysioterapeut", org: "Södra Älvsborgs Sjukhus" },
  { key: "s15", name: "Kristian Moe", title: "Daglig leder", org: "Fjordhelse Digital AS (demo)" },
  { key: "s16", name: "Amira Said", title: "Jurist", org: "E-hälsomyndigheten" },
  { key: "s17", name: "Viktor Palm", title: "Digitaliseringsstrateg", org: "Borås Stad" },
  { key: "s18", name: "Cecilia Ros", title: "Utbildningsledare", org: "Högskolan i Borås" },
  {
    key: "s19",
    name: "Gunnar Ljung",
    title: "Förvaltningschef",
    org: "Koncernkontoret, Digitalisering",
  },
  {
    key: "s20",
    name: "Tilda Holm",
    title: "Barnsjuksköterska",
    org: "Sahlgrenska Universitetssjukhuset",
  },
];

type DemoSession = {
  day: 0 | 1;
  start: string;
  end: string;
  kind: SessionKind;
  title: string;
  room?: "aula" | "viskan" | "atran" | "hall";
  track?: 0 | 1 | 2;
  abstract?: string;
  speakers?: string[];
  panelists?: string[];
  moderator?: string;
};

// Rooms: aula (Aulan), viskan, atran; hall holds the exhibition. Parallel sessions have
// different speakers, so the demo program passes the program's own clash checks.
const conferenceSessions: DemoSession[] = [
  // Day 1
  { day: 0, start: "08:30", end: "09:00", kind: "break", title: "Registrering och kaffe" },
  {
    day: 0,
    start: "09:00",
    end: "16:30",
    kind: "exhibition",
    title: "Utställning: leverantörer och innovationer",
    room: "hall",
    abstract: "Leverantörer, projekt och studenter visar lösningar för vård nära patienten.",
  },
  {
    day: 0,
    start: "09:00",
    end: "09:30",
    kind: "opening_plenary",
    title: "Välkommen till E-hälsodagarna Väst",
    room: "aula",
    speakers: ["dir", "rector", "cluster"],
  },
  {
    day: 0,
    start: "09:30",
    end: "10:15",
    kind: "keynote",
    title: "Vården som följer med patienten hem",
    room: "aula",
    speakers: ["key1"],
    abstract:
      "Hur ser vården ut när sjukhuset finns i patientens vardagsrum? Forskning och erfarenheter från tio års utveckling av vård på distans.",
  },
  { day: 0, start: "10:15", end: "10:45", kind: "break", title: "Förmiddagskaffe i utställningen" },
  {
    day: 0,
    start: "10:45",
    end: "11:45",
    kind: "seminar",
    title: "Mobil hemsjukvård med digitala stöd",
    room: "aula",
    track: 0,
    speakers: ["s1", "s5"],
  },
  {
    day: 0,
    start: "10:45",
    end: "11:45",
    kind: "seminar",
    title: "AI som beslutsstöd i akutsjukvården",
    room: "viskan",
    track: 1,
    speakers: ["s4"],
  },
  {
    day: 0,
    start: "10:45",
    end: "11:45",
    kind: "seminar",
    title: "Att leda förändring i en förvaltning",
    room: "atran",
    track: 2,
    speakers: ["s19"],
  },
  { day: 0, start: "11:45", end: "12:45", kind: "break", title: "Lunch" },
  {
    day: 0,
    start: "12:45",
    end: "13:45",
    kind: "panel",
    title: "Vem äger patientens data?",
    room: "aula",
    track: 1,
    panelists: ["s16", "s7", "s8"],
    moderator: "mc",
  },
  {
    day: 0,
    start: "12:45",
    end: "13:45",
    kind: "workshop",
    title: "Tjänstedesign med patienter och anhöriga",
    room: "viskan",
    track: 0,
    speakers: ["s2", "s14"],
  },
  {
    day: 0,
    start: "12:45",
    end: "13:45",
    kind: "seminar",
    title: "Samverkan mellan region och kommun i praktiken",
    room: "atran",
    track: 2,
    speakers: ["s6", "s17"],
  },
  {
    day: 0,
    start: "13:45",
    end: "14:30",
    kind: "seminar",
    title: "Sensorer och larm i särskilt boende",
    room: "aula",
    track: 0,
    speakers: ["s9"],
  },
  {
    day: 0,
    start: "13:45",
    end: "14:30",
    kind: "seminar",
    title: "Språkmodeller i journalen – möjligheter och risker",
    room: "viskan",
    track: 1,
    speakers: ["s3", "s11"],
  },
  {
    day: 0,
    start: "13:45",
    end: "14:30",
    kind: "seminar",
    title: "Kompetensförsörjning för digital vård",
    room: "atran",
    track: 2,
    speakers: ["s18"],
  },
  {
    day: 0,
    start: "14:30",
    end: "15:00",
    kind: "break",
    title: "Eftermiddagskaffe i utställningen",
  },
  {
    day: 0,
    start: "15:00",
    end: "15:45",
    kind: "seminar",
    title: "Digitala vårdbesök för barn och unga",
    room: "aula",
    track: 0,
    speakers: ["s20"],
  },
  {
    day: 0,
    start: "15:00",
    end: "15:45",
    kind: "seminar",
    title: "Öppna gränssnitt mellan journalsystem",
    room: "viskan",
    track: 1,
    speakers: ["s10", "s13"],
  },
  {
    day: 0,
    start: "15:00",
    end: "15:45",
    kind: "workshop",
    title: "Från pilot till breddinförande",
    room: "atran",
    track: 2,
    speakers: ["s12"],
  },
  {
    day: 0,
    start: "15:45",
    end: "16:30",
    kind: "keynote",
    title: "Nordiskt samarbete för digital hälsa",
    room: "aula",
    speakers: ["key4"],
  },
  {
    day: 0,
    start: "18:30",
    end: "22:00",
    kind: "break",
    title: "Konferensmiddag",
    abstract: "Middag och mingel för alla deltagare med middagsbiljett.",
  },
  // Day 2
  {
    day: 1,
    start: "08:00",
    end: "08:45",
    kind: "seminar",
    title: "Frukostseminarium: forskning på gång",
    room: "viskan",
    speakers: ["s11", "s2"],
  },
  {
    day: 1,
    start: "09:00",
    end: "15:30",
    kind: "exhibition",
    title: "Utställning: leverantörer och innovationer",
    room: "hall",
  },
  {
    day: 1,
    start: "09:00",
    end: "09:15",
    kind: "opening_plenary",
    title: "God morgon och dagens program",
    room: "aula",
    speakers: ["mc"],
  },
  {
    day: 1,
    start: "09:15",
    end: "10:00",
    kind: "keynote",
    title: "Nationell digital infrastruktur – vad betyder den för regionen?",
    room: "aula",
    speakers: ["key3"],
  },
  { day: 1, start: "10:00", end: "10:30", kind: "break", title: "Förmiddagskaffe i utställningen" },
  {
    day: 1,
    start: "10:30",
    end: "11:30",
    kind: "seminar",
    title: "Egenmonitorering vid kronisk sjukdom",
    room: "aula",
    track: 0,
    speakers: ["s14", "s1"],
  },
  {
    day: 1,
    start: "10:30",
    end: "11:30",
    kind: "seminar",
    title: "Datadriven kapacitetsplanering",
    room: "viskan",
    track: 1,
    speakers: ["s3"],
  },
  {
    day: 1,
    start: "10:30",
    end: "11:30",
    kind: "panel",
    title: "Klustret som motor för innovation",
    room: "atran",
    track: 2,
    panelists: ["cluster", "s15", "s12"],
    moderator: "s18",
  },
  { day: 1, start: "11:30", end: "12:30", kind: "break", title: "Lunch" },
  {
    day: 1,
    start: "12:30",
    end: "13:15",
    kind: "seminar",
    title: "Digital inkludering – ingen ska lämnas utanför",
    room: "aula",
    track: 0,
    speakers: ["s8", "s5"],
  },
  {
    day: 1,
    start: "12:30",
    end: "13:15",
    kind: "seminar",
    title: "Informationssäkerhet när vården flyttar hem",
    room: "viskan",
    track: 1,
    speakers: ["s7"],
  },
  {
    day: 1,
    start: "12:30",
    end: "13:15",
    kind: "seminar",
    title: "Upphandling av digitala tjänster i offentlig sektor",
    room: "atran",
    track: 2,
    speakers: ["s16", "s17"],
  },
  {
    day: 1,
    start: "13:15",
    end: "14:00",
    kind: "workshop",
    title: "Prototyp på en timme: vårdflöden",
    room: "aula",
    track: 0,
    speakers: ["s13", "s9"],
  },
  {
    day: 1,
    start: "13:15",
    end: "14:00",
    kind: "seminar",
    title: "Bildanalys med AI i primärvården",
    room: "viskan",
    track: 1,
    speakers: ["s4", "s10"],
  },
  {
    day: 1,
    start: "13:15",
    end: "14:00",
    kind: "seminar",
    title: "Nyttorealisering som ledningsfråga",
    room: "atran",
    track: 2,
    speakers: ["s19", "s6"],
  },
  { day: 1, start: "14:00", end: "14:30", kind: "break", title: "Eftermiddagskaffe" },
  {
    day: 1,
    start: "14:30",
    end: "15:15",
    kind: "panel",
    title: "Framtidens vård i Sjuhärad",
    room: "aula",
    panelists: ["dir", "rector", "key2"],
    moderator: "mc",
  },
  {
    day: 1,
    start: "15:15",
    end: "15:30",
    kind: "opening_plenary",
    title: "Avslutning och tack",
    room: "aula",
    speakers: ["mc", "dir"],
  },
  { day: 1, start: "15:30", end: "16:00", kind: "break", title: "Kaffe och avfärd" },
];

const themeDaySpeakers: DemoSpeaker[] = [
  { key: "mc", name: "Pernilla Vik", title: "Moderator", free: "Vik Kommunikation" },
  {
    key: "chair",
    name: "Bengt Almgren",
    title: "Regionstyrelsens ordförande",
    org: "Västra Götalandsregionen",
  },
  { key: "dir", name: "Anna Lindqvist", title: "IT-direktör", org: "Västra Götalandsregionen" },
  { key: "ehm", name: "Ulrika Berglund", title: "Enhetschef", org: "E-hälsomyndigheten" },
  { key: "mun1", name: "Åsa Kjellberg", title: "Kommunstyrelsens ordförande", org: "Borås Stad" },
  { key: "mun2", name: "Mats Grönvall", title: "Socialchef", org: "Göteborgs Stad" },
  { key: "res", name: "Malin Hellström", title: "Lektor i informatik", org: "Högskolan i Borås" },
];

const themeDaySessions: DemoSession[] = [
  { day: 0, start: "09:00", end: "09:30", kind: "break", title: "Registrering och kaffe" },
  {
    day: 0,
    start: "09:30",
    end: "09:45",
    kind: "opening_plenary",
    title: "Inledning",
    room: "aula",
    speakers: ["chair", "mc"],
  },
  {
    day: 0,
    start: "09:45",
    end: "10:30",
    kind: "keynote",
    title: "Var står vi? Digitaliseringen av vården i Västra Götaland",
    room: "aula",
    speakers: ["dir"],
  },
  {
    day: 0,
    start: "10:30",
    end: "11:15",
    kind: "keynote",
    title: "Nationella vägval för e-hälsa",
    room: "aula",
    speakers: ["ehm"],
  },
  {
    day: 0,
    start: "11:15",
    end: "12:00",
    kind: "panel",
    title: "Politikens roll när vården digitaliseras",
    room: "aula",
    panelists: ["chair", "mun1"],
    moderator: "mc",
  },
  { day: 0, start: "12:00", end: "13:00", kind: "break", title: "Lunch" },
  {
    day: 0,
    start: "13:00",
    end: "14:00",
    kind: "workshop",
    title: "Prioriteringar för de kommande fyra åren",
    room: "aula",
    speakers: ["res", "mun2"],
  },
  { day: 0, start: "14:00", end: "14:30", kind: "break", title: "Kaffe" },
  {
    day: 0,
    start: "14:30",
    end: "15:15",
    kind: "seminar",
    title: "Välfärdsteknik i kommunerna – erfarenheter och kostnader",
    room: "aula",
    speakers: ["mun2"],
  },
  {
    day: 0,
    start: "15:15",
    end: "15:45",
    kind: "opening_plenary",
    title: "Sammanfattning och nästa steg",
    room: "aula",
    speakers: ["chair", "dir"],
  },
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
      ...[...conferenceSpeakers, ...themeDaySpeakers].flatMap((s) => (s.org ? [s.org] : [])),
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

  await db.insert(eventOrganizations).values([
    ...conferenceOrganizers.flatMap(([name, role], position) => {
      const id = orgId.get(name);
      return id ? [{ eventId: conference.id, organizationId: id, role, position }] : [];
    }),
    ...themeDayOrganizers.flatMap(([name, role], position) => {
      const id = orgId.get(name);
      return id ? [{ eventId: theme.id, organizationId: id, role, position }] : [];
    }),
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
    list.map((speaker) => ({
      eventId,
      name: speaker.name,
      title: speaker.title,
      bio: `${speaker.name} är ${speaker.title.toLowerCase()}${speaker.org || speaker.free ? ` vid ${speaker.org ?? speaker.free}` : ""}.`,
      organizationId: speaker.org ? (orgId.get(speaker.org) ?? null) : null,
      organizationName:
        speaker.org && orgId.has(speaker.org) ? "" : (speaker.free ?? speaker.org ?? ""),
    }));
  const speakerRows = await db
    .insert(eventSpeakers)
    .values([
      ...speakerValues(conference.id, conferenceSpeakers),
      ...speakerValues(theme.id, themeDaySpeakers),
    ])
    .returning({ id: eventSpeakers.id });
  const conferenceSpeakerId = new Map(
    conferenceSpeakers.map((speaker, index) => [speaker.key, speakerRows[index]!.id]),
  );
  const themeSpeakerId = new Map(
    themeDaySpeakers.map((speaker, index) => [
      speaker.key,
      speakerRows[conferenceSpeakers.length + index]!.id,
    ]),
  );

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
