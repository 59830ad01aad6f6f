// `npm run bench`: cold start, memory, and the organization list's throughput next to a bare
// node:http server returning the same bytes, on the embedded database and on PostgreSQL.
// Results are printed as a table and written to bench/results/latest.json.
// Only 127.0.0.1 is ever contacted; every load run is bounded in time.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon, { type Result } from "autocannon";
import pg from "pg";
import { Agent } from "undici";
import { conferenceSeats } from "./conference-size.ts";
import { freePort, parseDemoLogin, projectNode, projectRoot } from "../tests/e2e/app-process.ts";

const duration = Number(process.env.BENCH_DURATION ?? 10);
const warmup = Number(process.env.BENCH_WARMUP ?? 3);
const connections = 32;
const defaultPagePath = process.env.BENCH_PATH ?? "/organizations";
const exportRuns = 20;
const settleMs = 5_000;
const targets = { coldStartMs: 5_000, rssMb: 250, ratioPostgres: 0.25 };

type Load = {
  requestsPerSecond: number;
  p99Ms: number;
  p50Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
};

type Backend = {
  backend: "embedded" | "postgres";
  /** Time from spawning server.js to the first 200 on / */
  firstStartMs: number;
  restartMs?: number;
  /** At the first 200, while start-up garbage is still held. */
  rssAfterStartMb: number;
  /** Idle for a few seconds after the first 200: what the server keeps. */
  rssSettledMb: number;
  rssAfterLoadMb?: number;
  page?: PageResult;
  /**
   * The published minutes of a 30-item meeting: its page as the public gets it (from the page
   * cache for anonymous visitors), the same page rendered for each request (read logged in),
   * and its DOCX and PDF exports.
   */
  minutes?: { page?: PageResult; rendered?: PageResult; docx?: ExportTime; pdf?: ExportTime };
  /** The public program page of a published 3-day, 60-session conference, public and rendered. */
  program?: PageResult;
  programRendered?: PageResult;
  /** 2,000 concurrent registrations for the conference's 500 places. */
  rush?: RushResult;
  notes: string[];
};

type PageResult = {
  path: string;
  status: number;
  bytes: number;
  app: Load;
  bare: Load;
  ratio: number;
};

/** Sequential downloads of an export: how long one takes. */
type ExportTime = { path: string; runs: number; medianMs: number; maxMs: number; bytes: number };

// --- processes ------------------------------------------------------------------------------

type Started = { child: ChildProcess; baseUrl: string; output: () => string; ms: number };

const cleanEnv = () => {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(DATABASE_|TEST_DATABASE_|BENCH_|SMTP_|OIDC_|SAMVERKA_|npm_)/.test(name)) {
      delete env[name];
    }
  }
  return env;
};

/** Spawns server.js and measures the time until `/` first answers 200. */
async function startServer(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(projectNode, ["server.js"], {
    cwd: projectRoot,
    env: {
      ...cleanEnv(),
      HOST: "127.0.0.1",
      PORT: String(port),
      BASE_URL: baseUrl,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`server.js exited with ${child.exitCode}:\n${output}`);
    }
    const status = await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(5_000) })
      .then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      })
      .catch(() => 0);
    if (status === 200) break;
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`server.js gave no 200 on / within 120 s:\n${output}`);
    }
    await sleep(20);
  }
  return { child, baseUrl, output: () => output, ms: performance.now() - started };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

function rssMb(pid: number | undefined): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A bare node:http server answering every request with the given bytes and headers. */
async function startBareServer(body: Buffer, headers: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "samverka-bench-bare-"));
  fs.writeFileSync(path.join(dir, "body"), body);
  fs.writeFileSync(path.join(dir, "headers.json"), JSON.stringify(headers));
  const port = await freePort();
  const script = `
    const fs = require("node:fs");
    const http = require("node:http");
    const body = fs.readFileSync(${JSON.stringify(path.join(dir, "body"))});
    const headers = JSON.parse(fs.readFileSync(${JSON.stringify(path.join(dir, "headers.json"))}, "utf8"));
    headers["content-length"] = String(body.length);
    http.createServer((request, response) => { response.writeHead(200, headers); response.end(body); })
      .listen(${port}, "127.0.0.1", () => console.log("ready"));
  `;
  const child = spawn(projectNode, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await stopProcess(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// --- load -----------------------------------------------------------------------------------

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<Load> {
  const result: Result = await autocannon({ url, connections, duration: seconds, headers });
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    p50Ms: result.latency.p50,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Session cookies of the demo admin, for when the page needs a login. */
async function logIn(baseUrl: string, email: string, password: string): Promise<string | null> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const index = pair!.indexOf("=");
      jar.set(pair!.slice(0, index), pair!.slice(index + 1));
    }
  };
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const form = await fetch(`${baseUrl}/login`);
  keep(form);
  const html = await form.text();
  const csrf = /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? "";
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: cookieHeader(),
      Origin: baseUrl,
    },
    body: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
  });
  keep(response);
  await response.arrayBuffer();
  return response.status >= 300 && response.status < 400 ? cookieHeader() : null;
}

/**
 * Requests per second and p99 of a page, next to a bare server that returns the same bytes. As
 * the demo admin when the page needs a login, or when `loggedIn` asks for the page rendered on
 * every request: the page cache serves anonymous visitors only.
 */
async function measurePage(
  baseUrl: string,
  login: { email: string; password: string } | undefined,
  notes: string[],
  pagePath = defaultPagePath,
  loggedIn = false,
): Promise<PageResult | undefined> {
  const url = `${baseUrl}${pagePath}`;
  let headers: Record<string, string> = {};
  let first = await fetch(url, { redirect: "manual" });
  if (loggedIn && !login) {
    notes.push(`${pagePath}: no demo login, not measured logged in`);
    return undefined;
  }
  if ((loggedIn || (first.status >= 300 && first.status < 400)) && login) {
    await first.arrayBuffer();
    const cookie = await logIn(baseUrl, login.email, login.password);
    if (cookie) {
      headers = { Cookie: cookie };
      if (!loggedIn) notes.push(`${pagePath} needs a login: measured as the demo admin`);
      first = await fetch(url, { redirect: "manual", headers });
    }
  }
  const body = Buffer.from(await first.arrayBuffer());
  if (first.status !== 200) {
    notes.push(`${pagePath} answered ${first.status}: no throughput measured`);
    return undefined;
  }
  const responseHeaders: Record<string, string> = {};
  first.headers.forEach((value, name) => {
    if (
      !["date", "connection", "keep-alive", "transfer-encoding", "content-length"].includes(name)
    ) {
      responseHeaders[name] = value;
    }
  });

  await load(url, headers, warmup);
  const app = await load(url, headers, duration);
  const bare = await startBareServer(body, responseHeaders);
  try {
    await load(bare.url, {}, Math.min(warmup, 2));
    const bareLoad = await load(bare.url, {}, duration);
    if (app.non2xx || app.errors) {
      notes.push(`app: ${app.non2xx} non-2xx responses, ${app.errors} errors under load`);
    }
    return {
      path: pagePath,
      status: first.status,
      bytes: body.length,
      app,
      bare: bareLoad,
      ratio: app.requestsPerSecond / bareLoad.requestsPerSecond,
    };
  } finally {
    await bare.stop();
  }
}

/** Runs a script that adds data to the benchmark's database and prints `<marker> <ids…>`. */
async function addData(
  script: string,
  marker: string,
  env: Record<string, string>,
  notes: string[],
): Promise<string[] | undefined> {
  try {
    const output = await runNode(["--import", "tsx", script], env);
    return new RegExp(`${marker} (.+)`).exec(output)?.[1]?.trim().split(" ");
  } catch (error) {
    notes.push(`${script} failed: ${String(error).slice(0, 300)}`);
    return undefined;
  }
}

/** The 30-item meeting with published public minutes, and the 3-day, 60-session conference. */
async function addBenchData(env: Record<string, string>, notes: string[]) {
  const [minutesMeetingId] =
    (await addData("bench/minutes-meeting.ts", "MINUTES_MEETING", env, notes)) ?? [];
  const [conferenceId, ticketTypeId] =
    (await addData("bench/conference.ts", "CONFERENCE", env, notes)) ?? [];
  return { minutesMeetingId, conferenceId, ticketTypeId };
}

/** How the registration rush went: every attempt is a POST of the public registration form. */
type RushResult = {
  attempts: number;
  seats: number;
  ms: number;
  /** Attempts the server answered with the redirect to the new registration's page. */
  registered: number;
  confirmed: number;
  waitlisted: number;
  /** 5xx answers and failed connections. */
  errors: number;
  /** Other answers (4xx: refused input, which the rush never sends). */
  refused: number;
};

const rushAttempts = 2_000;

/**
 * 2,000 visitors submit the registration form at once for the conference's 500 places: all
 * requests are started together (through at most 256 connections, as a crowd behind a few
 * proxies would come), and the organizer's API counts the outcome afterwards.
 */
async function registrationRush(
  baseUrl: string,
  data: { conferenceId?: string; ticketTypeId?: string },
  login: { email: string; password: string } | undefined,
  notes: string[],
): Promise<RushResult | undefined> {
  if (!data.conferenceId || !data.ticketTypeId || !login) return undefined;
  const formPath = `/events/${data.conferenceId}/register`;
  const form = await fetch(`${baseUrl}${formPath}`);
  const html = await form.text();
  if (form.status !== 200) {
    notes.push(`${formPath} answered ${form.status}: no registration rush`);
    return undefined;
  }
  const cookie = form.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");
  const csrf = /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? "";
  const dispatcher = new Agent({ connections: 256 });
  const outcomes = { registered: 0, errors: 0, refused: 0 };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: rushAttempts }, async (_, index) => {
      try {
        const response = await fetch(`${baseUrl}${formPath}`, {
          method: "POST",
          redirect: "manual",
          dispatcher,
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            Cookie: cookie,
            Origin: baseUrl,
          },
          body: new URLSearchParams({
            _csrf: csrf,
            ticketTypeId: data.ticketTypeId!,
            name: `Deltagare ${index + 1} Åkesson`,
            email: `deltagare${index + 1}@rusning.example`,
            organizationName: "Region Benchmark",
            invoiceOrganizationNumber: "232100-0131",
            invoiceReference: `Rusning ${index + 1}`,
            invoiceAddress: "Box 1, 405 44 Göteborg",
            consent: "yes",
          }).toString(),
        } as RequestInit);
        await response.arrayBuffer();
        if (response.status === 302 || response.status === 303) outcomes.registered++;
        else if (response.status >= 500) outcomes.errors++;
        else outcomes.refused++;
      } catch {
        outcomes.errors++;
      }
    }),
  );
  const ms = performance.now() - started;
  await dispatcher.close();
  if (outcomes.refused) notes.push(`registration rush: ${outcomes.refused} attempts refused (4xx)`);

  const session = await logIn(baseUrl, login.email, login.password);
  const total = async (status: string) => {
    const response = await fetch(
      `${baseUrl}/api/v1/events/${data.conferenceId}/registrations?status=${status}&pageSize=1`,
      { headers: { Cookie: session ?? "" } },
    );
    const body = (await response.json()) as { total?: number };
    return body.total ?? Number.NaN;
  };
  return {
    attempts: rushAttempts,
    seats: conferenceSeats,
    ms,
    ...outcomes,
    confirmed: await total("confirmed"),
    waitlisted: await total("waitlisted"),
  };
}

/** The public program page of the 60-session conference, as the public gets it and rendered. */
async function measureProgram(
  baseUrl: string,
  conferenceId: string | undefined,
  login: { email: string; password: string } | undefined,
  notes: string[],
): Promise<Pick<Backend, "program" | "programRendered">> {
  if (!conferenceId) return {};
  const programPath = `/events/${conferenceId}/program`;
  return {
    program: await measurePage(baseUrl, undefined, notes, programPath),
    programRendered: await measurePage(baseUrl, login, notes, programPath, true),
  };
}

async function measureExport(baseUrl: string, exportPath: string, notes: string[]) {
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < exportRuns + 2; run++) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${exportPath}`);
    const body = await response.arrayBuffer();
    const ms = performance.now() - started;
    if (response.status !== 200) {
      notes.push(`${exportPath} answered ${response.status}: no export time measured`);
      return undefined;
    }
    bytes = body.byteLength;
    // The first two warm the code paths up.
    if (run >= 2) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return {
    path: exportPath,
    runs: times.length,
    medianMs: times[Math.floor(times.length / 2)]!,
    maxMs: times.at(-1)!,
    bytes,
  } satisfies ExportTime;
}

/** The minutes page of the 30-item meeting (if the page exists yet) and its exports. */
async function measureMinutes(
  baseUrl: string,
  meetingId: string | undefined,
  login: { email: string; password: string } | undefined,
  notes: string[],
): Promise<Backend["minutes"]> {
  if (!meetingId) return undefined;
  const base = `/meetings/${meetingId}/minutes`;
  const probe = await fetch(`${baseUrl}${base}`, { redirect: "manual" });
  await probe.arrayBuffer();
  const page =
    probe.status === 200 ? await measurePage(baseUrl, undefined, notes, base) : undefined;
  if (probe.status !== 200)
    notes.push(`${base} answered ${probe.status}: minutes page not measured (exports only)`);
  return {
    page,
    rendered: page ? await measurePage(baseUrl, login, notes, base, true) : undefined,
    docx: await measureExport(baseUrl, `${base}.docx`, notes),
    pdf: await measureExport(baseUrl, `${base}.pdf`, notes),
  };
}

// --- backends -------------------------------------------------------------------------------

async function benchEmbedded(): Promise<Backend> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "samverka-bench-"));
  const env = { DATA_DIR: dataDir, SAMVERKA_DEMO: "1" };
  const notes: string[] = [];
  try {
    const first = await startServer(env);
    const login = parseDemoLogin(first.output());
    if (!login) notes.push("no demo login printed on first start");
    await stopProcess(first.child);
    const data = await addBenchData({ DATA_DIR: dataDir }, notes);

    const warm = await startServer(env);
    try {
      const rssAfterStartMb = rssMb(warm.child.pid);
      await sleep(settleMs);
      const rssSettledMb = rssMb(warm.child.pid);
      const page = await measurePage(warm.baseUrl, login, notes);
      const minutes = await measureMinutes(warm.baseUrl, data.minutesMeetingId, login, notes);
      const program = await measureProgram(warm.baseUrl, data.conferenceId, login, notes);
      const rush = await registrationRush(warm.baseUrl, data, login, notes);
      return {
        backend: "embedded",
        firstStartMs: first.ms,
        restartMs: warm.ms,
        rssAfterStartMb,
        rssSettledMb,
        rssAfterLoadMb: rssMb(warm.child.pid),
        page,
        minutes,
        ...program,
        rush,
        notes,
      };
    } finally {
      await stopProcess(warm.child);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function postgresServerUrl(): Promise<string | null> {
  const url =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/postgres";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return url;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

async function benchPostgres(serverUrl: string): Promise<Backend> {
  const name = `samverka_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "samverka-bench-pg-"));
  const notes: string[] = [];
  try {
    const demo = await runNode(["--import", "tsx", "bench/load-demo.ts"], {
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
    });
    const login = parseDemoLogin(demo);
    const data = await addBenchData({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir }, notes);
    const env = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir };
    const server = await startServer(env);
    try {
      const rssAfterStartMb = rssMb(server.child.pid);
      await sleep(settleMs);
      const rssSettledMb = rssMb(server.child.pid);
      const page = await measurePage(server.baseUrl, login, notes);
      const minutes = await measureMinutes(server.baseUrl, data.minutesMeetingId, login, notes);
      const program = await measureProgram(server.baseUrl, data.conferenceId, login, notes);
      const rush = await registrationRush(server.baseUrl, data, login, notes);
      return {
        backend: "postgres",
        firstStartMs: server.ms,
        rssAfterStartMb,
        rssSettledMb,
        rssAfterLoadMb: rssMb(server.child.pid),
        page,
        minutes,
        ...program,
        rush,
        notes: ["start measured on a migrated database with demo data", ...notes],
      };
    } finally {
      await stopProcess(server.child);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    const cleaner = new pg.Client({ connectionString: serverUrl });
    await cleaner.connect();
    await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleaner.end();
  }
}

function runNode(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(projectNode, args, {
      cwd: projectRoot,
      env: { ...cleanEnv(), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.once("exit", (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`node ${args.join(" ")} exited ${code}:\n${output}`)),
    );
  });
}

// --- report ---------------------------------------------------------------------------------

function table(results: Backend[]) {
  const fmt = (value: number | undefined, digits = 0) =>
    value === undefined || Number.isNaN(value) ? "–" : value.toFixed(digits);
  const embedded = results.find((result) => result.backend === "embedded");
  const postgres = results.find((result) => result.backend === "postgres");
  const rows: Array<[string, (b: Backend) => string, string]> = [
    ["cold start to first 200 on / (ms)", (b) => fmt(b.firstStartMs), `< ${targets.coldStartMs}`],
    ["restart to first 200 on / (ms)", (b) => fmt(b.restartMs), ""],
    ["RSS at first 200 (MB)", (b) => fmt(b.rssAfterStartMb), ""],
    [`RSS ${settleMs / 1000} s after start (MB)`, (b) => fmt(b.rssSettledMb), `< ${targets.rssMb}`],
    ["RSS after load (MB)", (b) => fmt(b.rssAfterLoadMb), ""],
    [`${defaultPagePath}: requests/s`, (b) => fmt(b.page?.app.requestsPerSecond), ""],
    [`${defaultPagePath}: p99 latency (ms)`, (b) => fmt(b.page?.app.p99Ms), ""],
    ["bare node:http: requests/s", (b) => fmt(b.page?.bare.requestsPerSecond), ""],
    ["bare node:http: p99 latency (ms)", (b) => fmt(b.page?.bare.p99Ms), ""],
    ["ratio app / bare", (b) => fmt(b.page?.ratio, 3), `>= ${targets.ratioPostgres} (PG)`],
    ["page size (bytes)", (b) => fmt(b.page?.bytes), ""],
    ["minutes page (30 items): requests/s", (b) => fmt(b.minutes?.page?.app.requestsPerSecond), ""],
    ["minutes page (30 items): p99 latency (ms)", (b) => fmt(b.minutes?.page?.app.p99Ms), ""],
    ["  bare node:http: requests/s", (b) => fmt(b.minutes?.page?.bare.requestsPerSecond), ""],
    ["  bare node:http: p99 latency (ms)", (b) => fmt(b.minutes?.page?.bare.p99Ms), ""],
    [
      "  rendered each time (logged in): requests/s",
      (b) => fmt(b.minutes?.rendered?.app.requestsPerSecond),
      "",
    ],
    ["  rendered each time: p99 latency (ms)", (b) => fmt(b.minutes?.rendered?.app.p99Ms), ""],
    ["minutes DOCX export: median (ms)", (b) => fmt(b.minutes?.docx?.medianMs, 1), ""],
    ["minutes DOCX export: max (ms)", (b) => fmt(b.minutes?.docx?.maxMs, 1), ""],
    ["minutes PDF export: median (ms)", (b) => fmt(b.minutes?.pdf?.medianMs, 1), ""],
    ["minutes PDF export: max (ms)", (b) => fmt(b.minutes?.pdf?.maxMs, 1), ""],
    ["program page (60 sessions): requests/s", (b) => fmt(b.program?.app.requestsPerSecond), ""],
    ["program page (60 sessions): p99 latency (ms)", (b) => fmt(b.program?.app.p99Ms), ""],
    ["  bare node:http: requests/s", (b) => fmt(b.program?.bare.requestsPerSecond), ""],
    ["  bare node:http: p99 latency (ms)", (b) => fmt(b.program?.bare.p99Ms), ""],
    ["  ratio app / bare", (b) => fmt(b.program?.ratio, 3), ""],
    [
      "  rendered each time (logged in): requests/s",
      (b) => fmt(b.programRendered?.app.requestsPerSecond),
      "",
    ],
    ["  rendered each time: p99 latency (ms)", (b) => fmt(b.programRendered?.app.p99Ms), ""],
    [
      `registration rush: ${rushAttempts} attempts, ${conferenceSeats} seats (ms)`,
      (b) => fmt(b.rush?.ms),
      "",
    ],
    ["  confirmed", (b) => fmt(b.rush?.confirmed), `= ${conferenceSeats}`],
    ["  waitlisted", (b) => fmt(b.rush?.waitlisted), `= ${rushAttempts - conferenceSeats}`],
    ["  errors (5xx, failed connections)", (b) => fmt(b.rush?.errors), "0"],
  ];
  const header = ["metric", "embedded (PGlite)", "PostgreSQL", "target"];
  const body = rows.map(([label, value, target]) => [
    label,
    embedded ? value(embedded) : "skipped",
    postgres ? value(postgres) : "skipped",
    target,
  ]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...body].map((row) => row[column]!.length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join("  ");
  return [
    line(header),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...body.map(line),
  ].join("\n");
}

async function main() {
  if (!fs.existsSync(path.join(projectRoot, "build/server/index.js"))) {
    throw new Error("No build: run `npm run build` first (npm run bench does).");
  }
  console.log(
    `Samverka benchmark: ${connections} connections, ${duration} s per load run (after ${warmup} s warm-up), ${os.cpus().length} CPUs`,
  );
  const results: Backend[] = [];
  const skipped: string[] = [];

  console.log("embedded database (PGlite) …");
  results.push(await benchEmbedded());

  const serverUrl = await postgresServerUrl();
  if (serverUrl) {
    console.log("PostgreSQL …");
    results.push(await benchPostgres(serverUrl));
  } else {
    skipped.push("PostgreSQL: no server reachable (set BENCH_DATABASE_URL)");
  }

  console.log("");
  console.log(table(results));
  for (const result of results)
    for (const note of result.notes) console.log(`note (${result.backend}): ${note}`);
  for (const note of skipped) console.log(`skipped: ${note}`);

  const embedded = results.find((result) => result.backend === "embedded");
  const postgres = results.find((result) => result.backend === "postgres");
  const verdicts = {
    coldStart: embedded ? embedded.firstStartMs < targets.coldStartMs : null,
    // The target is the resident set after start; the figure after load is reported
    // next to it (V8 keeps the pages a load grew into until its memory reducer runs).
    memory: results.length ? results.every((result) => result.rssSettledMb < targets.rssMb) : null,
    ratioPostgres: postgres?.page ? postgres.page.ratio >= targets.ratioPostgres : null,
  };
  console.log(
    `targets: cold start ${verdictText(verdicts.coldStart)}, memory ${verdictText(verdicts.memory)}, ratio on PostgreSQL ${verdictText(verdicts.ratioPostgres)}`,
  );

  const out = path.join(projectRoot, "bench/results/latest.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: {
          cpus: os.cpus().length,
          cpu: os.cpus()[0]?.model,
          memoryGb: Math.round(os.totalmem() / 2 ** 30),
          node: await nodeVersion(),
        },
        settings: {
          connections,
          durationSeconds: duration,
          warmupSeconds: warmup,
          path: defaultPagePath,
          // server.js is spawned with the environment as it is, like `npm start` does.
          nodeEnv: process.env.NODE_ENV ?? "(unset)",
        },
        targets,
        verdicts,
        results,
        skipped,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`written to ${path.relative(process.cwd(), out)}`);
}

function verdictText(value: boolean | null): string {
  return value === null ? "not measured" : value ? "met" : "MISSED";
}

async function nodeVersion(): Promise<string> {
  return (await runNode(["--version"], {})).trim();
}

await main();
