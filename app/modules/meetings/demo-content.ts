// The words of the demo meetings: what a region's coordinating group for digitalization and the
// national network of IT directors put on their agendas and in their minutes. Fictional, but
// written the way secretaries write them. app/modules/meetings/demo.ts turns them into meetings.

export type DemoItem = {
  title: string;
  purpose: string;
  plannedMinutes: number;
  /** Indexes into the group's members (0 is the chair, 1 the vice chair, 2 the secretary). */
  responsible: number[];
  /** A guest who comes for this item only (a fictional person from another organization). */
  guest?: { name: string; title: string; organization: "supplier" | "agency" | "academia" };
  documents?: { title: string; url: string }[];
  minutes?: {
    notes: string;
    reflections: string[];
    decisions: string[];
    actions: { title: string; owner: number; dueInDays: number; done?: boolean }[];
  };
};

export type DemoMeeting = { items: DemoItem[]; absentWithNotice: number[]; absent: number[] };

/** Three past meetings of the coordinating group, oldest first; their minutes are published. */
export const pastCoordinatingMeetings: DemoMeeting[] = [
  {
    absentWithNotice: [7, 12],
    absent: [],
    items: [
      {
        title: "Mötets öppnande och föregående mötesanteckningar",
        purpose: "Information",
        plannedMinutes: 5,
        responsible: [0],
        minutes: {
          notes: "Ordföranden öppnade mötet. Föregående mötesanteckningar lades till handlingarna.",
          reflections: [],
          decisions: ["Dagordningen godkändes."],
          actions: [],
        },
      },
      {
        title: "Läget i införandet av nytt vårdinformationsstöd",
        purpose: "Information och dialog",
        plannedMinutes: 30,
        responsible: [3],
        documents: [
          { title: "Lägesrapport införande", url: "https://intranat.region.example/vis/lage" },
        ],
        minutes: {
          notes:
            "Införandet följer tidplanen för våg 1. Utbildningen av superanvändare är klar på två av tre sjukhus. Risken kring integrationen mot labbsystemet kvarstår.",
          reflections: [
            "Förvaltningarna behöver se samma lägesbild som programmet.",
            "Primärvården vill komma in tidigare i planeringen av våg 2.",
          ],
          decisions: ["Samordningsgruppen ställer sig bakom tidplanen för våg 1."],
          actions: [
            {
              title: "Ta fram en gemensam lägesbild per förvaltning",
              owner: 3,
              dueInDays: 30,
              done: true,
            },
          ],
        },
      },
      {
        title: "Portföljen för digitalisering: nomineringar inför våren",
        purpose: "Beredning inför beslut",
        plannedMinutes: 25,
        responsible: [1, 5],
        minutes: {
          notes:
            "Tolv initiativ är nominerade. Kriterierna för prioritering gicks igenom; nyttan för patienten väger tyngst.",
          reflections: [
            "Smala men verksamhetskritiska initiativ får inte försvinna i rangordningen.",
            "Flera initiativ liknar varandra och bör slås ihop.",
          ],
          decisions: ["Nomineringarna går vidare till nomineringskonferensen i sin helhet."],
          actions: [
            {
              title: "Föreslå vilka initiativ som kan slås ihop",
              owner: 5,
              dueInDays: 20,
              done: true,
            },
          ],
        },
      },
      {
        title: "Övriga frågor",
        purpose: "Information",
        plannedMinutes: 5,
        responsible: [0],
        minutes: { notes: "Inga övriga frågor.", reflections: [], decisions: [], actions: [] },
      },
    ],
  },
  {
    absentWithNotice: [4],
    absent: [15],
    items: [
      {
        title: "Mötets öppnande",
        purpose: "Information",
        plannedMinutes: 5,
        responsible: [0],
        minutes: {
          notes: "Ordföranden öppnade mötet och hälsade gästen välkommen.",
          reflections: [],
          decisions: ["Dagordningen godkändes."],
          actions: [],
        },
      },
      {
        title: "Digitala vårdmöten i primärvården",
        purpose: "Dialog",
        plannedMinutes: 30,
        responsible: [6],
        guest: { name: "Malin Ekdahl", title: "Produktägare", organization: "supplier" },
        minutes: {
          notes:
            "Leverantören visade den nya versionen av plattformen för digitala vårdmöten. Andelen digitala besök ligger på 14 procent.",
          reflections: [
            "Tolkfunktionen efterfrågas av flera vårdcentraler.",
            "Inloggning med e-legitimation behöver fungera även för ombud.",
          ],
          decisions: [],
          actions: [
            {
              title: "Samla behoven av tolkstöd från vårdcentralerna",
              owner: 6,
              dueInDays: 25,
              done: true,
            },
          ],
        },
      },
      {
        title: "Informationssäkerhet: utfall av årets riskanalys",
        purpose: "Information",
        plannedMinutes: 20,
        responsible: [8],
        minutes: {
          notes:
            "Riskanalysen visar tre höga risker, alla kopplade till äldre system utan support.",
          reflections: ["Avvecklingsplanerna behöver tidsättas."],
          decisions: ["Förvaltningarna redovisar avvecklingsplaner vid nästa möte."],
          actions: [
            {
              title: "Redovisa avvecklingsplan för system utan support",
              owner: 8,
              dueInDays: 40,
            },
          ],
        },
      },
      {
        title: "Övriga frågor",
        purpose: "Information",
        plannedMinutes: 5,
        responsible: [0],
        minutes: {
          notes: "Frågan om gemensam kompetensförsörjning tas upp på ett kommande möte.",
          reflections: [],
          decisions: [],
          actions: [],
        },
      },
    ],
  },
  {
    absentWithNotice: [9, 13, 16],
    absent: [],
    items: [
      {
        title: "Mötets öppnande och föregående mötesanteckningar",
        purpose: "Information",
        plannedMinutes: 5,
        responsible: [0],
        minutes: {
          notes: "Föregående mötesanteckningar godkändes utan ändringar.",
          reflections: [],
          decisions: ["Dagordningen godkändes."],
          actions: [],
        },
      },
      {
        title: "Nationell samverkan: rapport från nätverket för IT-chefer",
        purpose: "Information",
        plannedMinutes: 20,
        responsible: [1],
        minutes: {
          notes:
            "Nätverket har beslutat om en gemensam målbild för vårdens informationsförsörjning. Remiss väntas under våren.",
          reflections: [
            "Regionen bör samordna sitt remissvar över förvaltningsgränserna.",
            "Målbilden ligger nära regionens egen strategi.",
          ],
          decisions: ["Vice ordföranden samordnar regionens remissvar."],
          actions: [
            { title: "Samordna regionens remissvar om målbilden", owner: 1, dueInDays: 60 },
          ],
        },
      },
      {
        title: "Kompetensförsörjning inom digitalisering",
        purpose: "Dialog",
        plannedMinutes: 30,
        responsible: [10, 11],
        guest: { name: "Anders Holmqvist", title: "Universitetslektor", organization: "academia" },
        minutes: {
          notes:
            "Högskolan presenterade en ny uppdragsutbildning i hälsoinformatik. Förvaltningarna har svårt att rekrytera informatiker och arkitekter.",
          reflections: [
            "Uppdragsutbildningen kan ersätta delar av den egna introduktionen.",
            "Gemensam rekrytering över förvaltningarna skulle ge större genomslag.",
          ],
          decisions: ["Regionen anmäler tio deltagare till uppdragsutbildningens första omgång."],
          actions: [
            { title: "Ta fram underlag för gemensam rekrytering", owner: 10, dueInDays: 45 },
          ],
        },
      },
      {
        title: "Övriga frågor",
        purpose: "Information",
        plannedMinutes: 5,
        responsible: [0],
        minutes: { notes: "Inga övriga frågor.", reflections: [], decisions: [], actions: [] },
      },
    ],
  },
];

/** The coming meeting of the coordinating group: a full agenda, no minutes yet. */
export const comingCoordinatingMeeting: DemoItem[] = [
  { title: "Mötets öppnande", purpose: "Information", plannedMinutes: 5, responsible: [0] },
  {
    title: "Föregående mötesanteckningar och åtgärdslistan",
    purpose: "Uppföljning",
    plannedMinutes: 10,
    responsible: [2],
  },
  {
    title: "Avvecklingsplaner för system utan support",
    purpose: "Beslut",
    plannedMinutes: 25,
    responsible: [8],
    documents: [
      { title: "Sammanställning avvecklingsplaner", url: "https://intranat.region.example/avv" },
    ],
  },
  {
    title: "Införandet av nytt vårdinformationsstöd: inför våg 2",
    purpose: "Information och dialog",
    plannedMinutes: 30,
    responsible: [3, 4],
  },
  {
    title: "Nationell tjänsteplattform: anslutning av fler tjänster",
    purpose: "Dialog",
    plannedMinutes: 20,
    responsible: [7],
    guest: { name: "Jonas Lindahl", title: "Utredare", organization: "agency" },
  },
  {
    title: "Regionens remissvar om målbilden",
    purpose: "Beredning inför beslut",
    plannedMinutes: 20,
    responsible: [1],
  },
  {
    title: "Lyckade exempel att sprida: digital egenmonitorering",
    purpose: "Information",
    plannedMinutes: 15,
    responsible: [12],
  },
  {
    title: "Mötesplan för nästa halvår",
    purpose: "Beslut",
    plannedMinutes: 10,
    responsible: [2],
  },
  { title: "Övriga frågor", purpose: "Information", plannedMinutes: 5, responsible: [0] },
];

/** The spring meeting of the national network, with public minutes. */
export const nationalSpringMeeting: DemoItem[] = [
  {
    title: "Mötets öppnande",
    purpose: "Information",
    plannedMinutes: 10,
    responsible: [0],
    minutes: {
      notes: "Ordföranden hälsade regionerna välkomna till vårmötet.",
      reflections: [],
      decisions: ["Dagordningen godkändes."],
      actions: [],
    },
  },
  {
    title: "Gemensam målbild för vårdens informationsförsörjning",
    purpose: "Beslut",
    plannedMinutes: 45,
    responsible: [0, 1],
    minutes: {
      notes: "Förslaget till målbild har bearbetats efter dialog med regionerna.",
      reflections: [
        "Målbilden behöver kompletteras med en tidplan.",
        "Kommunernas perspektiv saknas i delar av förslaget.",
      ],
      decisions: ["Nätverket skickar målbilden på remiss till regionerna."],
      actions: [{ title: "Skicka målbilden på remiss", owner: 1, dueInDays: 14 }],
    },
  },
  {
    title: "Årsrapporten om IT och digitalisering i vården",
    purpose: "Information",
    plannedMinutes: 20,
    responsible: [2],
    minutes: {
      notes: "Enkäten skickas ut till alla regioner i början av hösten.",
      reflections: ["Frågorna om informationssäkerhet bör jämföras över åren."],
      decisions: [],
      actions: [],
    },
  },
];
