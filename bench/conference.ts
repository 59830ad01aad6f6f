// Adds a published three-day conference with 60 sessions in four rooms and one ticket type of
// 500 places to the benchmark's database (PostgreSQL at DATABASE_URL, else the embedded database
// in DATA_DIR, while no server holds it), and prints "CONFERENCE <event id> <ticket type id>".
// Run: DATA_DIR=… node --import tsx bench/conference.ts
import path from "node:path";
import { asc } from "drizzle-orm";
import { migrateDatabase, openPglite, openPostgres } from "../app/db/client.ts";
import { organizations } from "../app/modules/directory/schema.ts";
import {
  eventOrganizations,
  eventRooms,
  events,
  eventSessionPeople,
  eventSessions,
  eventSpeakers,
  eventTracks,
  sessionKinds,
} from "../app/modules/events/schema.ts";
import { ticketTypes } from "../app/modules/events/tickets-schema.ts";
import { zonedToUtc } from "../app/platform/time.ts";
import { conferenceSeats } from "./conference-size.ts";

const url = process.env.DATABASE_URL;
const dataDir = process.env.DATA_DIR;
if (!url?.startsWith("postgres") && !dataDir) {
  console.error("Set DATABASE_URL or DATA_DIR.");
  process.exit(2);
}

const database = url?.startsWith("postgres")
  ? await openPostgres(url, 2)
  : await openPglite(path.join(dataDir!, "pglite"));
try {
  await migrateDatabase(database);
  const { db } = database;
  const owners = await db.select().from(organizations).orderBy(asc(organizations.name)).limit(6);
  if (owners.length === 0) throw new Error("no organization: load the demo data first");
  const days = ["2027-05-11", "2027-05-12", "2027-05-13"];
  const [event] = await db
    .insert(events)
    .values({
      kind: "conference",
      name: "Benchmarkkonferensen om e-hälsa",
      description: "Tre dagar om digitalisering i vård och omsorg.",
      startDate: days[0]!,
      endDate: days[2]!,
      venueName: "Svenska Mässan",
      venueAddress: "Mässans gata 20, Göteborg",
      status: "published",
      capacity: conferenceSeats,
    })
    .returning();
  const eventId = event!.id;
  await db.insert(eventOrganizations).values(
    owners.map((owner, index) => ({
      eventId,
      organizationId: owner.id,
      role: index === 0 ? ("lead" as const) : ("partner" as const),
      position: index,
    })),
  );
  const rooms = await db
    .insert(eventRooms)
    .values(
      ["Stora salen", "Sal A", "Sal B", "Sal C"].map((name, position) => ({
        eventId,
        name,
        capacity: position === 0 ? 800 : 150,
        position,
      })),
    )
    .returning();
  const tracks = await db
    .insert(eventTracks)
    .values(
      ["Vård och omsorg", "Infrastruktur", "Data och AI"].map((name, position) => ({
        eventId,
        name,
        position,
      })),
    )
    .returning();
  const speakers = await db
    .insert(eventSpeakers)
    .values(
      Array.from({ length: 40 }, (_, index) => ({
        eventId,
        name: `Talare ${index + 1} Ödegård`,
        title: "Digitaliseringsstrateg",
        bio: "Arbetar med införande av digitala tjänster i vård och omsorg sedan många år.",
        organizationId: owners[index % owners.length]!.id,
      })),
    )
    .returning();
  // Per day five rounds of four parallel sessions, one in each room; the first is a keynote.
  const sessions = await db
    .insert(eventSessions)
    .values(
      days.flatMap((day, dayIndex) =>
        Array.from({ length: 20 }, (_, index) => {
          const round = Math.floor(index / 4);
          const room = rooms[index % 4]!;
          const start = `${String(9 + round * 2).padStart(2, "0")}:00`;
          const end = `${String(10 + round * 2).padStart(2, "0")}:30`;
          const kind = index === 0 ? "keynote" : sessionKinds[2 + (index % 3)]!;
          return {
            eventId,
            kind,
            title: `Dag ${dayIndex + 1}, pass ${index + 1}: breddinförande av digitala vårdtjänster`,
            abstract:
              "Hur regionerna och kommunerna går från lyckade exempel till breddinförande, med erfarenheter från flera håll.",
            startsAt: zonedToUtc(day, start, "Europe/Stockholm"),
            endsAt: zonedToUtc(day, end, "Europe/Stockholm"),
            roomId: room.id,
            trackId: tracks[index % tracks.length]!.id,
          };
        }),
      ),
    )
    .returning();
  await db.insert(eventSessionPeople).values(
    sessions.map((session, index) => ({
      sessionId: session.id,
      speakerId: speakers[index % speakers.length]!.id,
      role: "speaker" as const,
    })),
  );
  const [ticketType] = await db
    .insert(ticketTypes)
    .values({ eventId, name: "Konferensbiljett", price: 450000, capacity: conferenceSeats })
    .returning();
  console.log(`CONFERENCE ${eventId} ${ticketType!.id}`);
} finally {
  await database.close();
}
