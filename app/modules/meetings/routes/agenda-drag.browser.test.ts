// The agenda's drag and drop in a real Chromium: HTML5 drag events on rendered rows give the
// position the move-to-position action takes.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { build } from "vite";
import { chromiumArgs, chromiumPath } from "../../../../tests/e2e/browser.ts";

const hasChromium = fs.existsSync(chromiumPath);
let browser: Browser | undefined;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  const output = await build({
    configFile: false,
    logLevel: "silent",
    mode: "production",
    oxc: { jsx: { runtime: "automatic", development: false } },
    root: path.resolve(import.meta.dirname, "../../../.."),
    define: { "process.env.NODE_ENV": '"production"' },
    build: {
      write: false,
      minify: false,
      lib: {
        entry: path.join(import.meta.dirname, "agenda-drag.fixture.tsx"),
        formats: ["iife"],
        name: "agendaDrag",
      },
    },
  });
  const code = (output as unknown as { output: { code: string }[] }[])[0]!.output[0]!.code;
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  page = await browser.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
  await page.setContent(`<!doctype html><html lang="en"><body><div id="root"></div></body></html>`);
  await page.addScriptTag({ content: code });
  await page.waitForSelector('table[data-enhanced="true"]', { timeout: 10_000 }).catch(() => {
    throw new Error(`the page did not start: ${errors.join("; ")}`);
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const moves = () => page.evaluate(() => (window as unknown as { moves: unknown[] }).moves);

it.skipIf(!hasChromium)(
  "turns a row dropped above, below or onto itself into a position",
  async () => {
    expect(await page.locator("#a").getAttribute("draggable")).toBe("true");
    // The last row onto the top half of the first: position 1.
    await page.locator("#d th").dragTo(page.locator("#a th"), { targetPosition: { x: 5, y: 2 } });
    // The first row onto the bottom half of the third: after it, position 3.
    const box = await page.locator("#c th").boundingBox();
    await page
      .locator("#a th")
      .dragTo(page.locator("#c th"), { targetPosition: { x: 5, y: box!.height - 2 } });
    // A row dropped where it is: no move.
    await page.locator("#b th").dragTo(page.locator("#b th"), { targetPosition: { x: 5, y: 2 } });
    expect(await moves()).toEqual([
      ["d", 1],
      ["a", 3],
    ]);
  },
);
