// What the events' page tests share: the app's own database (a PGlite in a data directory of the
// test file's own), pages rendered as React Router does and kept for an axe-core check in
// Chromium, and resource routes' loaders run as an actor.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium } from "playwright-core";
import { RouterContextProvider } from "react-router";
import { afterAll } from "vitest";
import { chromiumArgs, chromiumPath } from "../../../tests/e2e/browser.ts";
import { routeVisitor } from "../../../tests/support/render-routes.ts";
import type { Actor } from "../../platform/actor.ts";
import { resetConfig } from "../../platform/config.ts";
import { requestStateContext } from "../../platform/request-context.ts";

/**
 * Points the app's database at a fresh PGlite in a temporary data directory, and puts the
 * environment back after the file's tests. Import the app's modules that read the configuration
 * after this (dynamically).
 */
export async function openAppDatabase(prefix: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const savedEnv = { ...process.env };
  process.env.DATA_DIR = dataDir;
  process.env.BASE_URL = "http://localhost:3000";
  delete process.env.DATABASE_URL;
  resetConfig();
  const { getDb, closeDatabase } = await import("../../db/index.ts");
  afterAll(async () => {
    await closeDatabase();
    process.env = savedEnv;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return getDb;
}

/** The HTML with React's text separators out and the entities these pages use decoded. */
export function decodedHtml(html: string): string {
  return html
    .replace(/<!-- -->/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\u00a0|\u202f/g, " ");
}

/**
 * A visitor of the route modules (see routeVisitor) that keeps every page a GET rendered, for
 * the accessibility check at the end.
 */
export function recordingVisitor(modules: Record<string, () => Promise<unknown>>) {
  const rendered: { url: string; html: string }[] = [];
  const visitRoute = routeVisitor(modules);
  async function visit(...args: Parameters<typeof visitRoute>) {
    const page = await visitRoute(...args);
    if (!args[2] && page.status === 200) rendered.push({ url: args[1], html: page.html });
    return page;
  }
  return { visit, rendered };
}

export const hasChromium = fs.existsSync(chromiumPath);

/** The serious and critical axe-core findings on the pages, each in a page of its own. */
export async function seriousAxeViolations(
  pages: { url: string; html: string }[],
): Promise<string[]> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
  });
  try {
    const page = await (await browser.newContext()).newPage();
    const report: string[] = [];
    for (const { url, html } of pages) {
      await page.setContent(
        `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${url}</title></head><body><main>${html}</main></body></html>`,
      );
      const results = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
        .disableRules(["region", "landmark-one-main", "page-has-heading-one"])
        .analyze();
      for (const violation of results.violations)
        if (violation.impact === "serious" || violation.impact === "critical")
          report.push(
            `${url}: ${violation.id} ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
          );
    }
    return report;
  } finally {
    await browser.close();
  }
}

/** A resource route's loader run as `who`. */
export async function load(
  module: { loader: (args: never) => Promise<Response | undefined> },
  who: Actor | null,
  params: Record<string, string>,
  url = "http://localhost/x",
): Promise<Response> {
  const context = new RouterContextProvider();
  context.set(requestStateContext, { locale: "sv", actor: who, csrfToken: "t" });
  return (await module.loader({ request: new Request(url), params, context } as never))!;
}
