import { randomBytes } from "node:crypto";
import { count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "./client.ts";
import { seedReferenceData } from "./seed.ts";
import type { Actor } from "../platform/actor.ts";
import { insertOrganization, insertPerson } from "../modules/directory/factories.ts";
import { loadNetworksDemo } from "../modules/networks/demo.ts";
import { loadMeetingsDemo } from "../modules/meetings/demo.ts";
import { loadEventsDemo } from "../modules/events/demo.ts";
import { loadBookingsDemo } from "../modules/events/bookings-demo.ts";
import { loadBudgetDemo } from "../modules/events/budget-demo.ts";
import { loadRegistrationsDemo } from "../modules/events/registrations-demo.ts";
import {
  organizations,
  people,
  type Country,
  type OrganizationKind,
} from "../modules/directory/schema.ts";
import { users } from "../modules/identity/schema.ts";
import { createUsersWithPassword, setOrganizationRole } from "../modules/identity/service.ts";

export type DemoLogin = {
  adminEmail: string;
  editorEmail: string;
  /** The coordinating group's secretary and chair: they run its meetings and minutes. */
  secretaryEmail: string;
  chairEmail: string;
  adminPassword: string;
};

/**
 * The demo accounts. Their password is made at random when the demo loads and printed once:
 * a fixed password would open every deployment that forgot SAMVERKA_DEMO=0.
 */
export const demoAdmin = { email: "admin@samverka.example" };
export const demoEditor = { email: "redaktor@samverka.example" };

function randomDemoPassword(): string {
  return randomBytes(15).toString("base64url").match(/.{5}/g)!.join("-");
}

type DemoOrganization = {
  key: string;
  name: string;
  kind: OrganizationKind;
  country: Country;
  /** A reference organization's key (app/modules/directory/reference-data.ts) or a demo key. */
  parent?: string;
  website?: string;
};

/**
 * Organizations of the demo. Public bodies are named as they are (without organization numbers);
 * the suppliers and the cluster are made up.
 */
const demoOrganizations: DemoOrganization[] = [
  {
    key: "sahlgrenska",
    name: "Sahlgrenska Universitetssjukhuset",
    kind: "administration",
    country: "SE",
    parent: "se-region-vastra-gotaland",
  },
  {
    key: "sas",
    name: "Södra Älvsborgs Sjukhus",
    kind: "administration",
    country: "SE",
    parent: "se-region-vastra-gotaland",
  },
  {
    key: "skas",
    name: "Skaraborgs Sjukhus",
    kind: "administration",
    country: "SE",
    parent: "se-region-vastra-gotaland",
  },
  {
    key: "nu",
    name: "NU-sjukvården",
    kind: "administration",
    country: "SE",
    parent: "se-region-vastra-gotaland",
  },
  {
    key: "vgr-it",
    name: "Koncernkontoret, Digitalisering",
    kind: "administration",
    country: "SE",
    parent: "se-region-vastra-gotaland",
  },
  {
    key: "karolinska",
    name: "Karolinska Universitetssjukhuset",
    kind: "administration",
    country: "SE",
    parent: "se-region-stockholm",
  },
  {
    key: "sll-it",
    name: "Hälso- och sjukvårdsförvaltningen",
    kind: "administration",
    country: "SE",
    parent: "se-region-stockholm",
  },
  {
    key: "sus",
    name: "Skånes universitetssjukvård",
    kind: "administration",
    country: "SE",
    parent: "se-region-skane",
  },
  { key: "goteborg", name: "Göteborgs Stad", kind: "municipality", country: "SE" },
  { key: "boras", name: "Borås Stad", kind: "municipality", country: "SE" },
  { key: "uppsala-kommun", name: "Uppsala kommun", kind: "municipality", country: "SE" },
  { key: "tromso", name: "Tromsø kommune", kind: "municipality", country: "NO" },
  { key: "bergen", name: "Bergen kommune", kind: "municipality", country: "NO" },
  {
    key: "ehm",
    name: "E-hälsomyndigheten",
    kind: "national_agency",
    country: "SE",
    website: "https://www.ehalsomyndigheten.se",
  },
  {
    key: "hdir",
    name: "Helsedirektoratet",
    kind: "national_agency",
    country: "NO",
    website: "https://www.helsedirektoratet.no",
  },
  { key: "nordvard", name: "Nordvård System AB (demo)", kind: "supplier", country: "SE" },
  { key: "journalia", name: "Journalia AB (demo)", kind: "supplier", country: "SE" },
  { key: "fjordhelse", name: "Fjordhelse Digital AS (demo)", kind: "supplier", country: "NO" },
  {
    key: "hb",
    name: "Högskolan i Borås",
    kind: "academia",
    country: "SE",
    website: "https://www.hb.se",
  },
  {
    key: "uib",
    name: "Universitetet i Bergen",
    kind: "academia",
    country: "NO",
    website: "https://www.uib.no",
  },
  { key: "cluster", name: "E-hälsoklustret Väst (demo)", kind: "cluster", country: "SE" },
];

/** Fictional people: [name, title, organization key, title there]. */
const demoPeople: [string, string, string, string][] = [
  ["Anna Lindqvist", "IT-direktör", "se-region-vastra-gotaland", "IT-direktör"],
  ["Johan Bergström", "Digitaliseringsdirektör", "se-region-stockholm", "Digitaliseringsdirektör"],
  ["Maria Sandberg", "CIO", "se-region-skane", "CIO"],
  ["Erik Holmgren", "IT-direktör", "se-region-uppsala", "IT-direktör"],
  ["Karin Nyström", "Digitaliseringschef", "se-region-ostergotland", "Digitaliseringschef"],
  ["Lars Åkesson", "IT-chef", "se-region-halland", "IT-chef"],
  ["Sofia Wikström", "CIO", "se-region-vasterbotten", "CIO"],
  ["Magnus Lundgren", "IT-direktör", "se-region-norrbotten", "IT-direktör"],
  ["Elin Forsberg", "Digitaliseringsstrateg", "se-region-dalarna", "Digitaliseringsstrateg"],
  ["Per Hedlund", "Utvecklingsdirektör", "sahlgrenska", "Utvecklingsdirektör"],
  ["Linnea Ekström", "Utvecklingschef", "sas", "Utvecklingschef"],
  ["Mikael Sjöberg", "Utvecklingschef", "skas", "Utvecklingschef"],
  ["Helena Öberg", "Utvecklingschef", "nu", "Utvecklingschef"],
  ["Fredrik Dahl", "Sekreterare", "vgr-it", "Nätverkssekreterare"],
  ["Camilla Blom", "Verksamhetsutvecklare", "vgr-it", "Portföljägare vård"],
  ["Oskar Nordin", "Enhetschef", "karolinska", "Enhetschef e-hälsa"],
  ["Ida Strand", "Projektledare", "sll-it", "Projektledare"],
  ["Henrik Mattsson", "Utvecklingschef", "sus", "Utvecklingschef"],
  ["Emma Palm", "Digitaliseringsledare", "goteborg", "Digitaliseringsledare"],
  ["Gustav Lind", "Välfärdsteknikstrateg", "boras", "Välfärdsteknikstrateg"],
  ["Sara Engström", "E-hälsosamordnare", "uppsala-kommun", "E-hälsosamordnare"],
  ["Ulrika Berglund", "Enhetschef", "ehm", "Enhetschef"],
  ["Andreas Falk", "Produktchef", "nordvard", "Produktchef"],
  ["Jenny Lindberg", "Kundansvarig", "journalia", "Kundansvarig offentlig sektor"],
  ["Malin Hellström", "Lektor i informatik", "hb", "Lektor"],
  ["Niklas Ström", "Klusterledare", "cluster", "Klusterledare"],
  ["Ingrid Haugen", "Direktør for digitalisering", "no-rhf-sor-ost", "Direktør for digitalisering"],
  ["Ole Kristian Berg", "IKT-direktør", "no-rhf-vest", "IKT-direktør"],
  ["Kari Solberg", "Fagdirektør", "no-rhf-midt-norge", "Fagdirektør"],
  ["Eirik Johansen", "Direktør for e-helse", "no-rhf-nord", "Direktør for e-helse"],
  ["Silje Nilsen", "Seksjonsleder", "no-hf-ous", "Seksjonsleder e-helse"],
  ["Torbjørn Larsen", "Avdelingssjef", "no-hf-bergen", "Avdelingssjef"],
  ["Marte Pedersen", "Rådgiver", "no-hf-st-olav", "Seniorrådgiver"],
  ["Håkon Andersen", "Prosjektleder", "no-hf-unn", "Prosjektleder"],
  ["Ragnhild Eriksen", "Spesialrådgiver", "no-hf-ahus", "Spesialrådgiver"],
  ["Jonas Kristiansen", "Leder", "tromso", "Leder for velferdsteknologi"],
  ["Line Hansen", "Rådgiver", "bergen", "Rådgiver e-helse"],
  ["Tone Dahl", "Seniorrådgiver", "hdir", "Seniorrådgiver"],
  ["Bjørn Olsen", "Daglig leder", "fjordhelse", "Daglig leder"],
  ["Ane Mathisen", "Førsteamanuensis", "uib", "Førsteamanuensis"],
];

function emailOf(name: string, domain: string): string {
  const local = name
    .toLowerCase()
    .normalize("NFD")
    .replace(/ø/g, "o")
    .replace(/æ/g, "ae")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z ]/g, "")
    .trim()
    .replace(/\s+/g, ".");
  return `${local}@${domain}`;
}

/**
 * Loads demo data into a database without accounts: reference data, administrations inside
 * regions, municipalities, agencies, suppliers, academia, 41 fictional people with affiliations,
 * a demo platform admin and a demo editor of Västra Götalandsregionen. All in one transaction.
 * Returns the admin's login, or null when the database already has accounts.
 *
 * Emails are under the reserved .example domain; Swedish phone numbers are from the series the
 * Swedish regulator (PTS) reserves for fiction (070-174 06 05 … 99); Norwegians get none.
 */
export async function loadDemoDataIfEmpty(db: Db): Promise<DemoLogin | null> {
  await seedReferenceData(db);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('samverka.demo'))`);
    const [existing] = await tx.select({ n: count() }).from(users);
    if ((existing?.n ?? 0) > 0) return null;

    const idOf = new Map<string, string>();
    const reference = await tx
      .select({ id: organizations.id, key: organizations.referenceKey })
      .from(organizations);
    for (const row of reference) if (row.key) idOf.set(row.key, row.id);

    for (const org of demoOrganizations) {
      const row = await insertOrganization(tx, {
        name: org.name,
        kind: org.kind,
        country: org.country,
        parentId: org.parent ? (idOf.get(org.parent) ?? null) : null,
        website: org.website ?? null,
      });
      idOf.set(org.key, row.id);
    }

    for (const [index, [name, title, orgKey, roleTitle]] of demoPeople.entries()) {
      const organizationId = idOf.get(orgKey);
      const norwegian =
        demoOrganizations.find((o) => o.key === orgKey)?.country === "NO" ||
        orgKey.startsWith("no-");
      await insertPerson(tx, {
        name,
        title,
        email: emailOf(name, `${orgKey.replace(/^(se-region-|no-rhf-|no-hf-)/, "")}.example`),
        phone: norwegian ? null : `+46 70 174 06 ${String(5 + index).padStart(2, "0")}`,
        affiliations: organizationId
          ? [
              {
                organizationId,
                title: roleTitle,
                startDate: `${2015 + (index % 10)}-0${1 + (index % 9)}-01`,
              },
            ]
          : [],
      });
    }
    // Someone who changed jobs: an ended affiliation and a current one.
    const halland = idOf.get("se-region-halland");
    const boras = idOf.get("boras");
    await insertPerson(tx, {
      name: "Petra Wallin",
      title: "Digitaliseringschef",
      email: "petra.wallin@boras.example",
      affiliations: [
        ...(halland
          ? [
              {
                organizationId: halland,
                title: "Projektledare",
                startDate: "2018-02-01",
                endDate: "2022-12-31",
              },
            ]
          : []),
        ...(boras
          ? [{ organizationId: boras, title: "Digitaliseringschef", startDate: "2023-01-01" }]
          : []),
      ],
    });

    // Networks: the national IT directors' network and a region's coordinating group, and
    // their meetings.
    const networksDemo = await loadNetworksDemo(tx);
    await loadMeetingsDemo(tx, networksDemo);
    // Events: a two-day regional conference and a theme day, with their programs; the IT
    // directors' network books a room at the conference; the conference's budget.
    const eventsDemo = await loadEventsDemo(tx);
    await loadRegistrationsDemo(tx, eventsDemo.conferenceId);
    await loadBookingsDemo(tx, eventsDemo.conferenceId);
    await loadBudgetDemo(tx, eventsDemo.conferenceId);

    // Accounts, in the same transaction (identity's functions run in a savepoint of it). The
    // coordinating group's secretary and chair log in as themselves (their own directory
    // person), so they run the group's meetings and minutes.
    const accounts = tx as unknown as Db;
    const password = randomDemoPassword();
    const runnerIds = [
      networksDemo.coordinating.secretaryPersonId,
      networksDemo.coordinating.chairPersonId,
    ];
    const runnerPeople = await tx.select().from(people).where(inArray(people.id, runnerIds));
    const runnerPerson = (id: string) => {
      const person = runnerPeople.find((row) => row.id === id);
      if (!person?.email) throw new Error("a demo secretary or chair has no email");
      return { ...person, email: person.email };
    };
    const [secretary, chair] = runnerIds.map(runnerPerson);
    const [adminUser, editor, secretaryUser, chairUser] = await createUsersWithPassword(
      accounts,
      password,
      [
        { email: demoAdmin.email, name: "Demo Admin", isPlatformAdmin: true },
        { email: demoEditor.email, name: "Demo Redaktör" },
        { email: secretary!.email, name: secretary!.name },
        { email: chair!.email, name: chair!.name },
      ],
    );
    for (const [user, person] of [
      [secretaryUser!, secretary!],
      [chairUser!, chair!],
    ] as const)
      await tx.update(users).set({ personId: person.id }).where(eq(users.id, user.id));
    const region = idOf.get("se-region-vastra-gotaland");
    if (region) {
      const adminActor: Actor = {
        userId: adminUser!.id,
        label: demoAdmin.email,
        isPlatformAdmin: true,
        personId: null,
        orgRoles: new Map(),
        via: "session",
      };
      await setOrganizationRole(accounts, adminActor, {
        userId: editor!.id,
        organizationId: region,
        role: "editor",
      });
    }
    const runners = [secretary!.email, chair!.email];
    const [secretaryEmail, chairEmail] = runners;
    return {
      adminEmail: demoAdmin.email,
      editorEmail: demoEditor.email,
      secretaryEmail: secretaryEmail!,
      chairEmail: chairEmail!,
      adminPassword: password,
    };
  });
}
