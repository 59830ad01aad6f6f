import path from "node:path";
import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  environments: {
    // The server bundle's entry is our Express app, which wraps React Router's request handler.
    ssr: {
      build: { rollupOptions: { input: "./server/app.ts" }, target: "node24" },
      // Bundled rather than loaded as hundreds of small ES modules: that halves the server's
      // start and its resident memory (npm run bench).
      resolve: { noExternal: ["drizzle-orm"] },
    },
  },
  plugins: [reactRouter()],
});
