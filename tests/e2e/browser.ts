import { AxeBuilder } from "@axe-core/playwright";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  type Response,
} from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";

/** Debian's Chromium. Playwright never downloads a browser in this project. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags that keep Chromium quiet on a machine without internet access. */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

export function baseUrl(): string {
  return inject("e2e").baseUrl;
}

/** Impacts that fail a page. Minor and moderate findings are reported, not failed. */
const failingImpacts = new Set(["serious", "critical"]);

/**
 * Runs axe-core on what the page shows now and fails on any serious or critical violation.
 * Pages rendered with JavaScript disabled are checked as a copy of their HTML (without scripts)
 * in a page that may run axe, with the same stylesheets from the same server.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const target = await pageForAxe(page);
  try {
    const results = await new AxeBuilder({ page: target.page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
      .analyze();
    const failing = results.violations.filter((violation) =>
      failingImpacts.has(violation.impact ?? ""),
    );
    const report = failing.map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help}\n` +
        violation.nodes
          .slice(0, 5)
          .map((node) => `    ${node.target.join(" ")}: ${node.failureSummary ?? ""}`)
          .join("\n"),
    );
    expect(report, `accessibility violations on ${page.url()}`).toEqual([]);
  } finally {
    await target.close();
  }
}

async function pageForAxe(page: Page): Promise<{ page: Page; close: () => Promise<void> }> {
  if (javaScriptEnabled.get(page.context()) !== false) {
    return { page, close: async () => {} };
  }
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
  const url = page.url();
  const context = await page.context().browser()!.newContext();
  const copy = await context.newPage();
  await copy.route(url, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
  );
  await copy.goto(url, { waitUntil: "load" });
  return { page: copy, close: () => context.close() };
}

const javaScriptEnabled = new WeakMap<BrowserContext, boolean>();

/**
 * A browser tab whose every visited page gets an axe-core check: use `visit` and `navigate`
 * for anything that loads a page; `close` fails if some page was never checked.
 */
export class CheckedPage {
  private navigations: string[] = [];
  private checkedUpTo = 0;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on("framenavigated", (frame) => {
      if (frame !== page.mainFrame()) return;
      const url = frame.url();
      const previous = this.navigations.at(-1);
      // A jump to an anchor on the same page (the skip link) shows no new page.
      if (previous && previous !== url && withoutHash(previous) === withoutHash(url)) return;
      this.navigations.push(url);
    });
  }

  static async open(browser: Browser, options: BrowserContextOptions = {}): Promise<CheckedPage> {
    const context = await browser.newContext({ locale: "sv-SE", ...options });
    javaScriptEnabled.set(context, options.javaScriptEnabled ?? true);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    return new CheckedPage(context, page);
  }

  url(path: string): string {
    return new URL(path, baseUrl()).toString();
  }

  /** Loads a page of the app, expects a successful status and checks accessibility. */
  async visit(path: string, options: { status?: number } = {}): Promise<Response> {
    const response = await this.page.goto(this.url(path), { waitUntil: "load" });
    expect(response, `no response for ${path}`).not.toBeNull();
    if (options.status !== undefined) {
      expect(response!.status(), `status of ${path}`).toBe(options.status);
    } else {
      expect(response!.status(), `status of ${path}`).toBeLessThan(400);
    }
    await this.check();
    return response!;
  }

  /**
   * Does something that shows another page (a click on a link, a form submission), waits for
   * it and checks its accessibility. By default it waits for the next main-frame navigation
   * (a full load without JavaScript, a history change with it); pass `until` to wait for
   * something else, such as an error message that an action returned without navigating.
   */
  async navigate(
    action: () => Promise<unknown>,
    options: { until?: () => Promise<unknown> } = {},
  ): Promise<void> {
    const before = this.navigations.length;
    await action();
    if (options.until) {
      await options.until();
    } else {
      await expect
        .poll(() => this.navigations.length, { timeout: 15_000, interval: 50 })
        .toBeGreaterThan(before);
    }
    await this.page.waitForLoadState("load");
    await this.check();
  }

  /** Checks the current page with axe-core. */
  async check(): Promise<void> {
    await expectAccessible(this.page);
    this.checkedUpTo = this.navigations.length;
  }

  /** Closes the tab; with `verify` (the default) fails if a visited page was never checked. */
  async close(options: { verify?: boolean } = {}): Promise<void> {
    const unchecked = this.navigations.slice(this.checkedUpTo);
    await this.context.close();
    if (options.verify === false) return;
    expect(unchecked, "pages visited without an accessibility check").toEqual([]);
  }
}

function withoutHash(url: string): string {
  const index = url.indexOf("#");
  return index < 0 ? url : url.slice(0, index);
}

/**
 * Registers one browser per test file and returns `tab()`, which opens a fresh context (no
 * cookies) and closes it after the test, failing the test if a visited page went unchecked.
 */
export function setUpBrowser(): { tab: (options?: BrowserContextOptions) => Promise<CheckedPage> } {
  let browser: Browser | undefined;
  const open: CheckedPage[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async ({ task }) => {
    const verify = task.result?.state !== "fail";
    while (open.length) await open.pop()!.close({ verify });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    tab: async (options = {}) => {
      if (!browser) throw new Error("the browser is not running yet");
      const checked = await CheckedPage.open(browser, options);
      open.push(checked);
      return checked;
    },
  };
}

/** Logs in on /login with email and password, submitting with the Enter key. */
export async function logIn(checked: CheckedPage, email: string, password: string): Promise<void> {
  const { page } = checked;
  await checked.visit("/login");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await checked.navigate(() => page.getByLabel("Lösenord").press("Enter"));
  await expect.poll(() => page.getByRole("button", { name: "Logga ut" }).count()).toBe(1);
}

/** The demo admin's login as the app printed it on its first start. */
export function demoAdmin(): { email: string; password: string } {
  const admin = inject("e2e").admin;
  expect(admin, "the app printed no demo admin login on start").not.toBeNull();
  return admin!;
}

/** The demo coordinating group's secretary or chair: printed at first start, same password. */
export function demoRunner(role: "secretary" | "chair"): { email: string; password: string } {
  const match = new RegExp(`${role} ([^\\s,]+@[^\\s,]+)`).exec(inject("e2e").startupOutput);
  expect(match, `the app printed no demo ${role} on start`).not.toBeNull();
  return { email: match![1]!, password: demoAdmin().password };
}
