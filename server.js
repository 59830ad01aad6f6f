// Starts Samverka from the production build: `npm run build` first (npm start does both).
import path from "node:path";
import { fileURLToPath } from "node:url";

// Memory (decision record 005): glibc keeps a malloc arena per thread and returns freed memory
// late, and V8's young generation grows to 3 × 16 MB; together some 90 MB of a resident set
// that serves as well without them. glibc reads its tunables before any code of ours runs, so
// the process replaces itself once (same pid, no parent left) with them in its environment.
const tuning = "glibc.malloc.arena_max=2:glibc.malloc.trim_threshold=131072";
if (process.platform === "linux" && !process.env.GLIBC_TUNABLES?.includes(tuning)) {
  process.execve?.(
    process.execPath,
    [process.execPath, "--max-semi-space-size=2", ...process.execArgv, ...process.argv.slice(1)],
    {
      ...process.env,
      GLIBC_TUNABLES: [process.env.GLIBC_TUNABLES, tuning].filter(Boolean).join(":"),
    },
  );
}

// React and React Router pick their production code paths from NODE_ENV at import time.
process.env.NODE_ENV ??= "production";

const root = path.dirname(fileURLToPath(import.meta.url));
const { createApp, startPlatform } = await import("./build/server/index.js");

const platform = await startPlatform();
const app = createApp({ staticDir: path.join(root, "build/client") });
const server = app.listen(platform.port, platform.host, () => {
  console.log(`Samverka is listening on ${platform.baseUrl}`);
});

async function shutdown() {
  server.close();
  await platform.stop();
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
