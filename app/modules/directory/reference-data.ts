// Organizations that ship with Samverka: the 21 Swedish regions, Sveriges Kommuner och Regioner,
// and the four Norwegian regional health authorities with their hospital trusts.
//
// Organization numbers are given only where they were checked against public sources (and pass
// the check digit); the others are left empty rather than guessed. Administrators add them.
import type { Country, OrganizationKind } from "./schema.ts";

export type ReferenceOrganization = {
  /** Stable key: never change it (it is how the seed recognizes what it already created). */
  key: string;
  name: string;
  kind: OrganizationKind;
  country: Country;
  parentKey?: string;
  /** Digits only. */
  organizationNumber?: string;
  website?: string;
};

const swedishRegions: ReferenceOrganization[] = [
  ["stockholm", "Region Stockholm", "2321000016", "https://www.regionstockholm.se"],
  ["uppsala", "Region Uppsala", "2321000024", "https://regionuppsala.se"],
  ["sormland", "Region Sörmland", undefined, "https://regionsormland.se"],
  ["ostergotland", "Region Östergötland", "2321000040", "https://www.regionostergotland.se"],
  ["jonkoping", "Region Jönköpings län", undefined, "https://www.rjl.se"],
  ["kronoberg", "Region Kronoberg", "2321000065", "https://www.regionkronoberg.se"],
  ["kalmar", "Region Kalmar län", "2321000073", "https://regionkalmar.se"],
  ["gotland", "Region Gotland", undefined, "https://www.gotland.se"],
  ["blekinge", "Region Blekinge", "2321000081", "https://regionblekinge.se"],
  ["skane", "Region Skåne", "2321000255", "https://www.skane.se"],
  ["halland", "Region Halland", "2321000115", "https://www.regionhalland.se"],
  ["vastra-gotaland", "Västra Götalandsregionen", "2321000131", "https://www.vgregion.se"],
  ["varmland", "Region Värmland", "2321000156", "https://www.regionvarmland.se"],
  ["orebro", "Region Örebro län", "2321000164", "https://www.regionorebrolan.se"],
  ["vastmanland", "Region Västmanland", undefined, "https://regionvastmanland.se"],
  ["dalarna", "Region Dalarna", "2321000180", "https://www.regiondalarna.se"],
  ["gavleborg", "Region Gävleborg", "2321000198", "https://www.regiongavleborg.se"],
  ["vasternorrland", "Region Västernorrland", "2321000206", "https://www.rvn.se"],
  ["jamtland-harjedalen", "Region Jämtland Härjedalen", undefined, "https://www.regionjh.se"],
  ["vasterbotten", "Region Västerbotten", "2321000222", "https://www.regionvasterbotten.se"],
  ["norrbotten", "Region Norrbotten", "2321000230", "https://www.norrbotten.se"],
].map(([slug, name, organizationNumber, website]) => ({
  key: `se-region-${slug}`,
  name: name!,
  kind: "region" as const,
  country: "SE" as const,
  organizationNumber,
  website,
}));

type Trust = [key: string, name: string, organizationNumber: string, website: string];

function authority(
  slug: string,
  name: string,
  organizationNumber: string,
  website: string,
  trusts: Trust[],
): ReferenceOrganization[] {
  const key = `no-rhf-${slug}`;
  return [
    { key, name, kind: "regional_health_authority", country: "NO", organizationNumber, website },
    ...trusts.map(([trustKey, trustName, number, site]) => ({
      key: `no-hf-${trustKey}`,
      name: trustName,
      kind: "health_trust" as const,
      country: "NO" as const,
      parentKey: key,
      organizationNumber: number,
      website: site,
    })),
  ];
}

const norwegianHealthAuthorities: ReferenceOrganization[] = [
  ...authority("sor-ost", "Helse Sør-Øst RHF", "991324968", "https://www.helse-sorost.no", [
    ["ahus", "Akershus universitetssykehus HF", "983971636", "https://www.ahus.no"],
    ["ous", "Oslo universitetssykehus HF", "993467049", "https://oslo-universitetssykehus.no"],
    ["sunnaas", "Sunnaas sykehus HF", "883971752", "https://www.sunnaas.no"],
    ["innlandet", "Sykehuset Innlandet HF", "983971709", "https://sykehuset-innlandet.no"],
    ["ostfold", "Sykehuset Østfold HF", "983971768", "https://sykehuset-ostfold.no"],
    ["telemark", "Sykehuset Telemark HF", "983975267", "https://sthf.no"],
    ["vestfold", "Sykehuset i Vestfold HF", "983975259", "https://www.siv.no"],
    ["sorlandet", "Sørlandet sykehus HF", "983975240", "https://www.sshf.no"],
    ["vestre-viken", "Vestre Viken HF", "894166762", "https://vestreviken.no"],
  ]),
  ...authority("vest", "Helse Vest RHF", "983658725", "https://helse-vest.no", [
    ["bergen", "Helse Bergen HF", "983974724", "https://helse-bergen.no"],
    ["fonna", "Helse Fonna HF", "983974694", "https://helse-fonna.no"],
    ["forde", "Helse Førde HF", "983974732", "https://helse-forde.no"],
    ["stavanger", "Helse Stavanger HF", "983974678", "https://helse-stavanger.no"],
  ]),
  ...authority("midt-norge", "Helse Midt-Norge RHF", "983658776", "https://helse-midt.no", [
    ["st-olav", "St. Olavs hospital HF", "883974832", "https://stolav.no"],
    ["more-romsdal", "Helse Møre og Romsdal HF", "997005562", "https://helse-mr.no"],
    ["nord-trondelag", "Helse Nord-Trøndelag HF", "983974791", "https://hnt.no"],
  ]),
  ...authority("nord", "Helse Nord RHF", "883658752", "https://helse-nord.no", [
    ["unn", "Universitetssykehuset Nord-Norge HF", "983974899", "https://unn.no"],
    ["nordland", "Nordlandssykehuset HF", "983974910", "https://nordlandssykehuset.no"],
    ["helgeland", "Helgelandssykehuset HF", "983974929", "https://helgelandssykehuset.no"],
    ["finnmark", "Finnmarkssykehuset HF", "983974880", "https://finnmarkssykehuset.no"],
  ]),
];

export const referenceOrganizations: readonly ReferenceOrganization[] = [
  {
    key: "se-skr",
    name: "Sveriges Kommuner och Regioner",
    kind: "local_authority_association",
    country: "SE",
    website: "https://skr.se",
  },
  ...swedishRegions,
  ...norwegianHealthAuthorities,
];
