import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The project's Node 24 (the `node` dev dependency), not whatever `node` the machine has. */
export const projectNode = fs.existsSync(path.join(projectRoot, "node_modules/.bin/node"))
  ? path.join(projectRoot, "node_modules/.bin/node")
  : process.execPath;

/** Builds the app when build/ is missing (`npm test` builds before vitest runs). */
export function ensureBuild(): void {
  if (fs.existsSync(path.join(projectRoot, "build/server/index.js"))) return;
  const result = spawnSync("npm", ["run", "build"], { cwd: projectRoot, stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm run build failed");
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type AppProcess = {
  baseUrl: string;
  port: number;
  child: ChildProcess;
  /** Everything the server printed so far (stdout and stderr). */
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * Starts `node server.js` from the production build with the given environment and waits until
 * `readyPath` answers 200. The environment is the parent's minus anything database- or
 * mail-related, plus `env`.
 */
export async function startApp(options: {
  env: Record<string, string>;
  port?: number;
  readyPath?: string;
  timeoutMs?: number;
}): Promise<AppProcess> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const inherited = { ...process.env };
  for (const name of Object.keys(inherited)) {
    if (/^(DATABASE_|TEST_DATABASE_|SMTP_|OIDC_|SAMVERKA_|VITEST|NODE_OPTIONS$)/.test(name)) {
      delete inherited[name];
    }
  }
  const child = spawn(projectNode, ["server.js"], {
    cwd: projectRoot,
    env: {
      ...inherited,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      BASE_URL: baseUrl,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));

  const stop = async () => {
    if (exited !== undefined || child.exitCode !== null) return;
    const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await done;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const readyUrl = baseUrl + (options.readyPath ?? "/readyz");
  for (;;) {
    if (exited !== undefined) {
      throw new Error(`server.js exited with code ${exited} before it was ready:\n${output}`);
    }
    try {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server.js was not ready at ${readyUrl} in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { baseUrl, port, child, output: () => output, stop };
}

/** Reads the demo admin's login from the line startPlatform prints on first start. */
export function parseDemoLogin(output: string): { email: string; password: string } | undefined {
  const match = /as (\S+@\S+) with password (\S+)/.exec(output);
  return match ? { email: match[1]!, password: match[2]! } : undefined;
}
