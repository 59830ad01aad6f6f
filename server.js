// Starts Samverka from the production build: `npm run build` first (npm start does both).
import path from "node:path";
import { fileURLToPath } from "node:url";

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
