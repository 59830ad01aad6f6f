// Demo networks, called by app/db/demo.ts after the directory's demo data: the national network of
// the regions' IT and digitalization directors (public, one seat per region, two for the three
// largest) and Västra Götalandsregionen's coordinating group for digitalization (members only,
// 18 members from its administrations). People are fictional; the directory demo's people are
// reused where they fit. Returns the ids the meetings demo needs.
import { inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { insertOrganization, insertPerson } from "../directory/factories.ts";
import { organizations, people } from "../directory/schema.ts";
import { insertMember, insertNetwork, insertSeatRule } from "./factories.ts";
import type { MemberRole } from "./schema.ts";

export type NetworksDemo = {
  national: {
    networkId: string;
    chairPersonId: string;
    secretaryPersonId: string;
    /** Current members in order: chair, vice chair, secretary, then the others. */
    memberPersonIds: string[];
  };
  coordinating: {
    networkId: string;
    ownerOrganizationId: string;
    chairPersonId: string;
    viceChairPersonId: string;
    secretaryPersonId: string;
    /** Current members in order: 0 chair, 1 vice chair, 2 secretary, then the others. */
    memberPersonIds: string[];
  };
};

type DemoMember = {
  /** An existing demo person's name, or a new fictional person. */
  name: string;
  title: string;
  /** Reference key (se-region-…) or an organization's exact name. */
  organization: string;
  role: MemberRole;
  startDate: string;
  endDate?: string;
};

const national: DemoMember[] = [
  // Chair, vice chair and secretary first.
  {
    name: "Maria Sandberg",
    title: "CIO",
    organization: "se-region-skane",
    role: "chair",
    startDate: "2023-01-01",
  },
  {
    name: "Karin Nyström",
    title: "Digitaliseringschef",
    organization: "se-region-ostergotland",
    role: "vice_chair",
    startDate: "2023-01-01",
  },
  {
    name: "Anders Wahlström",
    title: "Handläggare e-hälsa",
    organization: "se-skr",
    role: "secretary",
    startDate: "2023-01-01",
  },
  {
    name: "Johan Bergström",
    title: "Digitaliseringsdirektör",
    organization: "se-region-stockholm",
    role: "member",
    startDate: "2023-01-01",
  },
  {
    name: "Rebecka Holm",
    title: "Biträdande IT-direktör",
    organization: "se-region-stockholm",
    role: "member",
    startDate: "2024-03-01",
  },
  {
    name: "Anna Lindqvist",
    title: "IT-direktör",
    organization: "se-region-vastra-gotaland",
    role: "member",
    startDate: "2023-01-01",
  },
  {
    name: "Erik Holmgren",
    title: "IT-direktör",
    organization: "se-region-uppsala",
    role: "member",
    startDate: "2023-01-01",
  },
  {
    name: "Lars Åkesson",
    title: "IT-chef",
    organization: "se-region-halland",
    role: "member",
    startDate: "2023-01-01",
  },
  {
    name: "Sofia Wikström",
    title: "CIO",
    organization: "se-region-vasterbotten",
    role: "member",
    startDate: "2023-01-01",
  },
  {
    name: "Magnus Lundgren",
    title: "IT-direktör",
    organization: "se-region-norrbotten",
    role: "member",
    startDate: "2023-01-01",
  },
  {
    name: "Elin Forsberg",
    title: "Digitaliseringsstrateg",
    organization: "se-region-dalarna",
    role: "member",
    startDate: "2023-01-01",
  },
  {
    name: "Göran Eklund",
    title: "IT-direktör",
    organization: "se-region-sormland",
    role: "member",
    startDate: "2023-01-01",
  },
  {
    name: "Therese Lindholm",
    title: "Digitaliseringsdirektör",
    organization: "se-region-jonkoping",
    role: "member",
    startDate: "2023-01-01",
  },
  {
    name: "Stefan Ivarsson",
    title: "IT-chef",
    organization: "se-region-kronoberg",
    role: "member",
    startDate: "2023-01-01",
  },
  {
    name: "Malin Gustafsson",
    title: "CIO",
    organization: "se-region-kalmar",
    role: "member",
    startDate: "2024-09-01",
  },
  {
    name: "Peter Svensson",
    title: "IT-direktör",
    organization: "se-region-blekinge",
    role: "member",
    startDate: "2023-01-01",
  },
  {
    name: "Annelie Backman",
    title: "Digitaliseringsdirektör",
    organization: "se-region-varmland",
    role: "member",
    startDate: "2023-01-01",
  },
  {
    name: "Mats Rydén",
    title: "IT-direktör",
    organization: "se-region-orebro",
    role: "member",
    startDate: "2023-01-01",
  },
  {
    name: "Cecilia Norberg",
    title: "CIO",
    organization: "se-region-vastmanland",
    role: "member",
    startDate: "2023-01-01",
  },
  {
    name: "Håkan Persson",
    title: "IT-direktör",
    organization: "se-region-gavleborg",
    role: "member",
    startDate: "2023-01-01",
  },
  {
    name: "Jenny Sundström",
    title: "Digitaliseringschef",
    organization: "se-region-vasternorrland",
    role: "member",
    startDate: "2023-01-01",
  },
  // History: Kalmar's former CIO. Region Gotland and Region Jämtland Härjedalen have empty seats.
  {
    name: "Roger Axelsson",
    title: "CIO",
    organization: "se-region-kalmar",
    role: "member",
    startDate: "2023-01-01",
    endDate: "2024-08-31",
  },
];

/** Administrations of Västra Götalandsregionen the group needs (made when missing). */
const vgrAdministrations = [
  "Sahlgrenska Universitetssjukhuset",
  "Södra Älvsborgs Sjukhus",
  "Skaraborgs Sjukhus",
  "NU-sjukvården",
  "Koncernkontoret, Digitalisering",
  "Närhälsan",
  "Regionhälsan",
  "Habilitering & Hälsa",
  "Folktandvården Västra Götaland",
  "Kungälvs sjukhus",
  "Frölunda Specialistsjukhus",
  "Alingsås lasarett",
  "Sjukhusen i väster",
  "Regionservice",
];

const coordinating: DemoMember[] = [
  {
    name: "Christina Åberg",
    title: "Digitaliseringsdirektör",
    organization: "Koncernkontoret, Digitalisering",
    role: "chair",
    startDate: "2024-01-01",
  },
  {
    name: "Per Hedlund",
    title: "Utvecklingsdirektör",
    organization: "Sahlgrenska Universitetssjukhuset",
    role: "vice_chair",
    startDate: "2024-01-01",
  },
  {
    name: "Fredrik Dahl",
    title: "Nätverkssekreterare",
    organization: "Koncernkontoret, Digitalisering",
    role: "secretary",
    startDate: "2024-01-01",
  },
  {
    name: "Linnea Ekström",
    title: "Utvecklingschef",
    organization: "Södra Älvsborgs Sjukhus",
    role: "member",
    startDate: "2025-07-01",
  },
  {
    name: "Mikael Sjöberg",
    title: "Utvecklingschef",
    organization: "Skaraborgs Sjukhus",
    role: "member",
    startDate: "2024-01-01",
  },
  {
    name: "Helena Öberg",
    title: "Utvecklingschef",
    organization: "NU-sjukvården",
    role: "member",
    startDate: "2024-01-01",
  },
  {
    name: "Tobias Lindahl",
    title: "Utvecklingschef",
    organization: "Närhälsan",
    role: "member",
    startDate: "2024-01-01",
  },
  {
    name: "Maja Karlsson",
    title: "Verksamhetsutvecklare",
    organization: "Regionhälsan",
    role: "member",
    startDate: "2024-01-01",
  },
  {
    name: "Jonas Wennberg",
    title: "Utvecklingsdirektör",
    organization: "Habilitering & Hälsa",
    role: "member",
    startDate: "2024-01-01",
  },
  {
    name: "Eva Sundin",
    title: "Utvecklingschef",
    organization: "Folktandvården Västra Götaland",
    role: "member",
    startDate: "2024-01-01",
  },
  {
    name: "Rasmus Holm",
    title: "Utvecklingschef",
    organization: "Kungälvs sjukhus",
    role: "member",
    startDate: "2024-01-01",
  },
  {
    name: "Lena Björk",
    title: "Utvecklingschef",
    organization: "Frölunda Specialistsjukhus",
    role: "member",
    startDate: "2024-01-01",
  },
  {
    name: "David Ek",
    title: "Utvecklingschef",
    organization: "Alingsås lasarett",
    role: "member",
    startDate: "2024-01-01",
  },
  {
    name: "Annika Strömberg",
    title: "Utvecklingsdirektör",
    organization: "Sjukhusen i väster",
    role: "member",
    startDate: "2024-01-01",
  },
  {
    name: "Sofie Grahn",
    title: "Digitaliseringsstrateg",
    organization: "Regionservice",
    role: "member",
    startDate: "2024-01-01",
  },
  {
    name: "Camilla Blom",
    title: "Portföljägare vård",
    organization: "Koncernkontoret, Digitalisering",
    role: "adjunct",
    startDate: "2024-01-01",
  },
  {
    name: "Hanna Lund",
    title: "Verksamhetsutvecklare",
    organization: "Sahlgrenska Universitetssjukhuset",
    role: "adjunct",
    startDate: "2024-06-01",
  },
  {
    name: "Patrik Nyberg",
    title: "Informationssäkerhetssamordnare",
    organization: "Koncernkontoret, Digitalisering",
    role: "observer",
    startDate: "2024-01-01",
  },
  // History: SÄS's former development director, before Linnea Ekström.
  {
    name: "Gunilla Rask",
    title: "Utvecklingsdirektör",
    organization: "Södra Älvsborgs Sjukhus",
    role: "member",
    startDate: "2024-01-01",
    endDate: "2025-06-30",
  },
];

function emailOf(name: string, domain: string): string {
  const local = name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z ]/g, "")
    .trim()
    .replace(/\s+/g, ".");
  return `${local}@${domain}`;
}

/** Organization ids by reference key and by name. */
async function organizationIndex(db: DbOrTx): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, key: organizations.referenceKey })
    .from(organizations);
  const index = new Map<string, string>();
  for (const row of rows) {
    index.set(row.name, row.id);
    if (row.key) index.set(row.key, row.id);
  }
  return index;
}

async function addMembers(
  db: DbOrTx,
  networkId: string,
  members: DemoMember[],
  index: Map<string, string>,
  domain: string,
): Promise<Map<string, string>> {
  const names = members.map((member) => member.name);
  const existing = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(inArray(people.name, names));
  const personIds = new Map(existing.map((row) => [row.name, row.id]));
  for (const member of members) {
    const organizationId = index.get(member.organization);
    if (!organizationId) continue;
    let personId = personIds.get(member.name);
    if (!personId) {
      const person = await insertPerson(db, {
        name: member.name,
        title: member.title,
        email: emailOf(member.name, domain),
        affiliations: [
          {
            organizationId,
            title: member.title,
            startDate: member.startDate,
            endDate: member.endDate ?? null,
          },
        ],
      });
      personId = person.id;
      personIds.set(member.name, personId);
    }
    await insertMember(db, networkId, {
      personId,
      organizationId,
      role: member.role,
      startDate: member.startDate,
      endDate: member.endDate ?? null,
    });
  }
  return personIds;
}

function currentIds(members: DemoMember[], personIds: Map<string, string>): string[] {
  return members
    .filter((member) => !member.endDate)
    .map((member) => personIds.get(member.name))
    .filter((id): id is string => Boolean(id));
}

/** Writes the demo networks (no permission checks; audited as "system"). */
export async function loadNetworksDemo(db: DbOrTx): Promise<NetworksDemo> {
  let index = await organizationIndex(db);
  const vgr = index.get("se-region-vastra-gotaland");
  if (!vgr) throw new Error("the reference data has no Västra Götalandsregionen");
  for (const name of vgrAdministrations) {
    if (index.has(name)) continue;
    await insertOrganization(db, { name, kind: "administration", country: "SE", parentId: vgr });
  }
  index = await organizationIndex(db);

  // (a) The national network.
  const owner = index.get("se-skr") ?? index.get("se-region-stockholm");
  if (!owner) throw new Error("the reference data has neither SKR nor Region Stockholm");
  const nationalNetwork = await insertNetwork(db, {
    name: "Nätverket för IT- och digitaliseringschefer i regionerna",
    description: [
      "Regionernas IT- och digitaliseringschefer möts för att samordna frågor om digital infrastruktur, informationssäkerhet, gemensamma upphandlingar och nationell e-hälsa.",
      "Varje region har en plats; Region Stockholm, Västra Götalandsregionen och Region Skåne har två. Nätverket träffas fyra gånger om året, varav ett längre möte under Vitalis i Göteborg.",
    ].join("\n\n"),
    ownerOrganizationId: owner,
    visibility: "public",
  });
  await insertSeatRule(db, nationalNetwork.id, {
    organizationKind: "region",
    country: "SE",
    seats: 1,
  });
  for (const key of ["se-region-stockholm", "se-region-vastra-gotaland", "se-region-skane"]) {
    const organizationId = index.get(key);
    if (organizationId) await insertSeatRule(db, nationalNetwork.id, { organizationId, seats: 2 });
  }
  const nationalPeople = await addMembers(
    db,
    nationalNetwork.id,
    national,
    index,
    "region.example",
  );

  // (b) Västra Götalandsregionen's coordinating group.
  const group = await insertNetwork(db, {
    name: "Samordningsgruppen för digitalisering",
    description: [
      "Västra Götalandsregionens samordningsgrupp för digitalisering: utvecklingsdirektörer och utvecklingschefer från sjukhusen, primärvården och regionens övriga förvaltningar.",
      "Gruppen bereder frågor om regionens digitaliseringsportfölj, följer införanden och delar erfarenheter. Möten en gång i månaden.",
    ].join("\n\n"),
    ownerOrganizationId: vgr,
    visibility: "members",
  });
  const groupPeople = await addMembers(db, group.id, coordinating, index, "vgregion.example");

  const idOf = (map: Map<string, string>, name: string) => {
    const id = map.get(name);
    if (!id) throw new Error(`demo person ${name} is missing`);
    return id;
  };
  return {
    national: {
      networkId: nationalNetwork.id,
      chairPersonId: idOf(nationalPeople, "Maria Sandberg"),
      secretaryPersonId: idOf(nationalPeople, "Anders Wahlström"),
      memberPersonIds: currentIds(national, nationalPeople),
    },
    coordinating: {
      networkId: group.id,
      ownerOrganizationId: vgr,
      chairPersonId: idOf(groupPeople, "Christina Åberg"),
      viceChairPersonId: idOf(groupPeople, "Per Hedlund"),
      secretaryPersonId: idOf(groupPeople, "Fredrik Dahl"),
      memberPersonIds: currentIds(coordinating, groupPeople),
    },
  };
}
