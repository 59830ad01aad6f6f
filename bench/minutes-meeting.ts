// Adds a meeting with 30 agenda items and published, public minutes to the benchmark's database
// (PostgreSQL at DATABASE_URL, else the embedded database in DATA_DIR, while no server holds it),
// in a public network, and prints "MINUTES_MEETING <id>".
// Run: DATA_DIR=… node --import tsx bench/minutes-meeting.ts
import path from "node:path";
import { asc } from "drizzle-orm";
import { migrateDatabase, openPglite, openPostgres } from "../app/db/client.ts";
import { organizations, people } from "../app/modules/directory/schema.ts";
import {
  agendaItemPeople,
  agendaItems,
  meetingActions,
  meetingMinutes,
  meetingParticipants,
  meetings,
  meetingSeries,
  type MinutesContent,
} from "../app/modules/meetings/schema.ts";
import { networkMembers, networks } from "../app/modules/networks/schema.ts";
import { zonedToUtc } from "../app/platform/time.ts";

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
  const [owner] = await db.select().from(organizations).orderBy(asc(organizations.name)).limit(1);
  if (!owner) throw new Error("no organization: load the demo data first");
  const [network] = await db
    .insert(networks)
    .values({
      name: "Benchmarknätverket",
      description: "Ett nätverk för prestandamätning",
      ownerOrganizationId: owner.id,
      visibility: "public",
    })
    .returning();
  const personRows = await db
    .insert(people)
    .values(
      Array.from({ length: 12 }, (_, index) => ({
        name: `Benchmarkperson ${index + 1} Åström`,
        title: "Utvecklingsledare",
      })),
    )
    .returning();
  await db.insert(networkMembers).values(
    personRows.map((person, index) => ({
      networkId: network!.id,
      personId: person.id,
      organizationId: owner.id,
      role:
        index === 0
          ? ("chair" as const)
          : index === 1
            ? ("secretary" as const)
            : ("member" as const),
      startDate: "2025-01-01",
    })),
  );
  const [series] = await db
    .insert(meetingSeries)
    .values({
      networkId: network!.id,
      name: "Benchmarkmöte",
      rrule: "FREQ=MONTHLY;BYDAY=2TU",
      firstDate: "2026-01-13",
      startTime: "09:00",
      endTime: "12:00",
      timeZone: "Europe/Stockholm",
      place: "Regionens hus, sal 3",
      feedToken: crypto.randomUUID().replaceAll("-", ""),
    })
    .returning();
  const startsAt = zonedToUtc("2026-01-13", "09:00", "Europe/Stockholm");
  const [meeting] = await db
    .insert(meetings)
    .values({
      networkId: network!.id,
      seriesId: series!.id,
      occurrenceStart: startsAt,
      title: "Benchmarkmöte",
      startsAt,
      endsAt: zonedToUtc("2026-01-13", "12:00", "Europe/Stockholm"),
      timeZone: "Europe/Stockholm",
      place: "Regionens hus, sal 3",
      chairPersonId: personRows[0]!.id,
      secretaryPersonId: personRows[1]!.id,
    })
    .returning();
  await db.insert(meetingParticipants).values(
    personRows.map((person, index) => ({
      meetingId: meeting!.id,
      personId: person.id,
      organizationId: owner.id,
      attendance: index % 5 === 4 ? ("absent_with_notice" as const) : ("present" as const),
    })),
  );
  const items = await db
    .insert(agendaItems)
    .values(
      Array.from({ length: 30 }, (_, index) => ({
        meetingId: meeting!.id,
        position: index + 1,
        title: `Punkt ${index + 1}: uppföljning av det gemensamma arbetet med välfärdsteknik`,
        purpose: index % 3 === 0 ? "Beslut" : "Information",
        plannedMinutes: 10,
      })),
    )
    .returning();
  await db.insert(agendaItemPeople).values(
    items.map((item, index) => ({
      agendaItemId: item.id,
      personId: personRows[index % personRows.length]!.id,
      role: "responsible" as const,
    })),
  );
  const content: MinutesContent = { items: {} };
  for (const item of items)
    content.items[item.id] = {
      notes:
        "Gruppen gick igenom läget i regionerna och kommunerna. Flera har kommit långt med införandet; andra väntar på upphandlingen. Diskussionen gällde hur erfarenheterna kan delas.",
      reflections: ["Behov av gemensam terminologi", "Juridiska frågor återstår"],
      decisions: ["Arbetsgruppen får mandat att gå vidare", "Frågan tas upp igen i mars"],
    };
  await db.insert(meetingMinutes).values({
    meetingId: meeting!.id,
    status: "published",
    visibility: "public",
    content,
    publishedAt: new Date(),
  });
  await db.insert(meetingActions).values(
    items.slice(0, 15).map((item, index) => ({
      networkId: network!.id,
      meetingId: meeting!.id,
      agendaItemId: item.id,
      title: `Ta fram underlag ${index + 1}`,
      ownerPersonId: personRows[index % personRows.length]!.id,
      dueDate: "2026-02-10",
    })),
  );
  console.log(`MINUTES_MEETING ${meeting!.id}`);
} finally {
  await database.close();
}
