// The axe-core check of rendered pages in Chromium, for the route tests that keep what they
// rendered (see recordingVisitor).
import fs from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumPath } from "../e2e/browser.ts";

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
