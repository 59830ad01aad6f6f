// Demo meetings, called by app/db/demo.ts after the networks demo: the coordinating group's
// monthly series with three past meetings whose minutes are published and one coming meeting
// with a full agenda, and the national network's spring meeting with public minutes. Written
// with the factories (no invitation mails go out for demo data); the words are in demo-content.ts.
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { addDays, utcToZoned } from "../../platform/time.ts";
import { insertPerson } from "../directory/factories.ts";
import { organizations, type OrganizationKind } from "../directory/schema.ts";
import type { NetworksDemo } from "../networks/demo.ts";
import { networkMembers } from "../networks/schema.ts";
import {
  comingCoordinatingMeeting,
  nationalSpringMeeting,
  pastCoordinatingMeetings,
  type DemoItem,
} from "./demo-content.ts";
import { insertAgendaItem, insertMeeting, insertParticipant, insertSeries } from "./factories.ts";
import { expandOccurrences } from "./rules.ts";
import {
  meetingActions,
  meetingMinutes,
  meetingMinutesVersions,
  meetingParticipants,
  type MeetingRow,
  type MinutesContent,
  type MinutesVisibility,
} from "./schema.ts";

const DAY = 24 * 3600_000;

const guestOrganizationKinds: Record<
  NonNullable<DemoItem["guest"]>["organization"],
  OrganizationKind
> = {
  supplier: "supplier",
  agency: "national_agency",
  academia: "academia",
};

export async function loadMeetingsDemo(
  db: DbOrTx,
  networks: NetworksDemo,
  now = new Date(),
): Promise<void> {
  const group = networks.coordinating;
  const series = await insertSeries(db, group.networkId, {
    name: "Samordningsgruppens månadsmöte",
    rrule: "FREQ=MONTHLY;BYDAY=2TU",
    firstDate: utcToZoned(new Date(now.getTime() - 200 * DAY), "Europe/Stockholm").date,
    startTime: "09:00",
    endTime: "11:30",
    place: "Regionens hus, Vänersborg, sal Dalsland",
    onlineUrl: "https://mote.vgregion.example/samordningsgruppen",
  });
  const pattern = { ...series, timeZone: series.timeZone };
  const past = expandOccurrences(pattern, new Date(now.getTime() - 200 * DAY), now, 100).slice(
    -pastCoordinatingMeetings.length,
  );
  const [coming] = expandOccurrences(pattern, now, new Date(now.getTime() + 62 * DAY), 1);
  const members = await organizationsOfMembers(db, group.networkId, group.memberPersonIds);

  for (const [index, occurrence] of past.entries()) {
    const content = pastCoordinatingMeetings[index]!;
    const meeting = await insertMeeting(db, group.networkId, {
      title: series.name,
      date: occurrence.localDate,
      startTime: series.startTime,
      endTime: series.endTime,
      seriesId: series.id,
      occurrenceStart: occurrence.occurrenceStart,
      place: series.place,
      onlineUrl: series.onlineUrl,
      chairPersonId: group.chairPersonId,
      secretaryPersonId: group.secretaryPersonId,
    });
    await inviteMembers(db, meeting.id, group.memberPersonIds, members, (position) =>
      content.absentWithNotice.includes(position)
        ? "absent_with_notice"
        : content.absent.includes(position)
          ? "absent"
          : "present",
    );
    await writeAgendaAndMinutes(db, meeting, content.items, group.memberPersonIds, {
      visibility: "members",
      secretaryLabel: "Fredrik Dahl",
    });
  }

  if (coming) {
    const meeting = await insertMeeting(db, group.networkId, {
      title: series.name,
      date: coming.localDate,
      startTime: series.startTime,
      endTime: series.endTime,
      seriesId: series.id,
      occurrenceStart: coming.occurrenceStart,
      place: series.place,
      onlineUrl: series.onlineUrl,
      chairPersonId: group.chairPersonId,
      secretaryPersonId: group.secretaryPersonId,
    });
    await inviteMembers(db, meeting.id, group.memberPersonIds, members, () => "invited");
    await writeAgenda(db, meeting, comingCoordinatingMeeting, group.memberPersonIds, false);
  }

  // The national network's spring meeting, two months ago, with public minutes.
  const national = networks.national;
  const springDate = utcToZoned(new Date(now.getTime() - 60 * DAY), "Europe/Stockholm").date;
  const spring = await insertMeeting(db, national.networkId, {
    title: "Vårmöte",
    date: springDate,
    startTime: "10:00",
    endTime: "15:00",
    place: "Svenska Mässan, Göteborg, rum K1",
    chairPersonId: national.chairPersonId,
    secretaryPersonId: national.secretaryPersonId,
  });
  const nationalMembers = await organizationsOfMembers(
    db,
    national.networkId,
    national.memberPersonIds,
  );
  await inviteMembers(db, spring.id, national.memberPersonIds, nationalMembers, (position) =>
    position % 7 === 5 ? "absent_with_notice" : "present",
  );
  await writeAgendaAndMinutes(db, spring, nationalSpringMeeting, national.memberPersonIds, {
    visibility: "public",
    secretaryLabel: "Anders Wahlström",
  });
}

/** Each member's organization in the network (the one the minutes print next to the name). */
async function organizationsOfMembers(
  db: DbOrTx,
  networkId: string,
  personIds: string[],
): Promise<Map<string, string>> {
  const rows = await db
    .select({ personId: networkMembers.personId, organizationId: networkMembers.organizationId })
    .from(networkMembers)
    .where(eq(networkMembers.networkId, networkId));
  const wanted = new Set(personIds);
  return new Map(
    rows.filter((row) => wanted.has(row.personId)).map((row) => [row.personId, row.organizationId]),
  );
}

async function inviteMembers(
  db: DbOrTx,
  meetingId: string,
  personIds: string[],
  organizationOf: Map<string, string>,
  attendance: (position: number) => "invited" | "present" | "absent_with_notice" | "absent",
): Promise<void> {
  for (const [position, personId] of personIds.entries()) {
    await insertParticipant(db, meetingId, personId, {
      attendance: attendance(position),
      organizationId: organizationOf.get(personId) ?? null,
    });
  }
}

async function writeAgenda(
  db: DbOrTx,
  meeting: MeetingRow,
  items: DemoItem[],
  memberPersonIds: string[],
  held: boolean,
): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, item] of items.entries()) {
    const guestIds = item.guest ? [await guestPerson(db, item.guest)] : [];
    const row = await insertAgendaItem(db, meeting.id, index + 1, {
      title: item.title,
      purpose: item.purpose,
      plannedMinutes: item.plannedMinutes,
      documentLinks: item.documents ?? [],
      responsiblePersonIds: item.responsible.map((position) => memberPersonIds[position]!),
      guestPersonIds: guestIds,
    });
    if (guestIds.length && held) {
      await db
        .update(meetingParticipants)
        .set({ attendance: "present" })
        .where(
          and(
            eq(meetingParticipants.meetingId, meeting.id),
            inArray(meetingParticipants.personId, guestIds),
          ),
        );
    }
    ids.push(row.id);
  }
  return ids;
}

async function writeAgendaAndMinutes(
  db: DbOrTx,
  meeting: MeetingRow,
  items: DemoItem[],
  memberPersonIds: string[],
  options: { visibility: MinutesVisibility; secretaryLabel: string },
): Promise<void> {
  const itemIds = await writeAgenda(db, meeting, items, memberPersonIds, true);
  const content: MinutesContent = { items: {} };
  const meetingDate = utcToZoned(meeting.startsAt, meeting.timeZone).date;
  for (const [index, item] of items.entries()) {
    if (!item.minutes) continue;
    const { notes, reflections, decisions, actions } = item.minutes;
    content.items[itemIds[index]!] = { notes, reflections, decisions };
    for (const action of actions) {
      await db.insert(meetingActions).values({
        networkId: meeting.networkId,
        meetingId: meeting.id,
        agendaItemId: itemIds[index]!,
        title: action.title,
        ownerPersonId: memberPersonIds[action.owner] ?? null,
        dueDate: addDays(meetingDate, action.dueInDays),
        status: action.done ? "done" : "open",
        doneAt: action.done ? new Date(meeting.startsAt.getTime() + 20 * DAY) : null,
      });
    }
  }
  // Saved as a draft the day after, then published a week after the meeting.
  const savedAt = (days: number) => new Date(meeting.startsAt.getTime() + days * DAY);
  await db.insert(meetingMinutes).values({
    meetingId: meeting.id,
    status: "published",
    visibility: options.visibility,
    content,
    version: 2,
    publishedAt: savedAt(7),
  });
  await db.insert(meetingMinutesVersions).values([
    {
      meetingId: meeting.id,
      version: 1,
      status: "draft",
      content,
      savedByLabel: options.secretaryLabel,
      savedAt: savedAt(1),
    },
    {
      meetingId: meeting.id,
      version: 2,
      status: "published",
      content,
      savedByLabel: options.secretaryLabel,
      savedAt: savedAt(7),
    },
  ]);
}

const guestCache = new WeakMap<object, Map<string, string>>();

/** A fictional guest, affiliated to a demo organization of the right kind. */
async function guestPerson(db: DbOrTx, guest: NonNullable<DemoItem["guest"]>): Promise<string> {
  const known = guestCache.get(db) ?? new Map<string, string>();
  guestCache.set(db, known);
  const existing = known.get(guest.name);
  if (existing) return existing;
  const [organization] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.kind, guestOrganizationKinds[guest.organization]))
    .limit(1);
  const local = guest.name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, ".");
  const person = await insertPerson(db, {
    name: guest.name,
    title: guest.title,
    email: `${local}@gast.example`,
    affiliations: organization ? [{ organizationId: organization.id, title: guest.title }] : [],
  });
  known.set(guest.name, person.id);
  return person.id;
}
