import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(import.meta.dirname, "app") };

export default defineConfig({
  resolve: { alias },
  test: {
    // .ci/run sets VITEST_JSON_REPORT to summarize the run as "N passed, M failed".
    reporters: process.env.VITEST_JSON_REPORT ? ["default", "json"] : ["default"],
    outputFile: process.env.VITEST_JSON_REPORT
      ? { json: process.env.VITEST_JSON_REPORT }
      : undefined,
    onConsoleLog: undefined,
    setupFiles: ["./tests/setup/fail-on-console.ts"],
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["app/**/*.test.ts"],
          exclude: ["app/**/*.db.test.ts"],
          setupFiles: ["./tests/setup/fail-on-console.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "db",
          include: ["app/**/*.db.test.ts", "tests/integration/**/*.test.ts"],
          setupFiles: ["./tests/setup/fail-on-console.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["./tests/e2e/global-setup.ts"],
          setupFiles: ["./tests/setup/fail-on-console.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
