import { describe, expect, it } from "vitest";
import { baseUrl, demoAdmin, logIn, setUpBrowser } from "./browser.ts";

const { tab } = setUpBrowser();

describe("start page", () => {
  it("is served in Swedish by default, with no console errors or CSP violations", async () => {
    const checked = await tab();
    const { page } = checked;
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") {
        problems.push(message.text());
      }
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await checked.visit("/");
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("sv");
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Välkommen till Samverka");
    await expect.poll(() => page.getByRole("link", { name: "Logga in" }).count()).toBe(1);
    await page.waitForLoadState("networkidle");
    expect(problems).toEqual([]);
  });

  it("can be used with the keyboard: the first Tab reaches the skip link to the content", async () => {
    const checked = await tab();
    const { page } = checked;
    await checked.visit("/");
    await page.keyboard.press("Tab");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
      .toBe("Hoppa till innehållet");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
  });

  it("answers an unknown address with an accessible 404 page in the user's language", async () => {
    const checked = await tab();
    await checked.visit("/finns-inte", { status: 404 });
    expect(await checked.page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Sidan finns inte",
    );
  });
});

describe("language switcher", () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`changes the language and remembers it (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const checked = await tab({ javaScriptEnabled });
      const { page } = checked;
      await checked.visit("/");
      await page.getByLabel("Språk").selectOption("en");
      await checked.navigate(() => page.getByRole("button", { name: "Byt språk" }).click());
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
        "Welcome to Samverka",
      );

      // Remembered: a fresh load of another page is still in English.
      await checked.visit("/finns-inte", { status: 404 });
      expect(await page.locator("html").getAttribute("lang")).toBe("en");

      await page.getByLabel("Language").selectOption("nb");
      await checked.navigate(() => page.getByRole("button", { name: "Change language" }).click());
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("nb");
      await checked.visit("/");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
        "Velkommen til Samverka",
      );
    });
  }

  it("ignores an unknown language and never redirects off the site", async () => {
    // A visitor's CSRF cookie and token, as the language form carries them.
    const page = await fetch(`${baseUrl()}/`);
    const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
    expect(token).toBeTruthy();
    const choose = async (locale: string, next: string) => {
      const response = await fetch(`${baseUrl()}/language`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: new URL(baseUrl()).origin,
          Cookie: cookie,
        },
        body: new URLSearchParams({ locale, next, _csrf: token! }).toString(),
      });
      await response.arrayBuffer();
      return response;
    };

    for (const next of ["https://evil.example/", "//evil.example", "/.//evil.example"]) {
      const refused = await choose("xx", next);
      expect(refused.status).toBe(302);
      expect(refused.headers.get("location")).toBe("/");
      expect(refused.headers.get("set-cookie") ?? "").not.toMatch(/lang=/);
    }
    const chosen = await choose("en", "/organizations?q=region");
    expect(chosen.status).toBe(302);
    expect(chosen.headers.get("location")).toBe("/organizations?q=region");
    expect(chosen.headers.get("set-cookie")).toMatch(/lang=en/);
  });
});

describe("health endpoints", () => {
  it("/healthz answers that the process lives", async () => {
    const response = await fetch(`${baseUrl()}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("/readyz answers that the database is ready", async () => {
    const response = await fetch(`${baseUrl()}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

describe("security headers", () => {
  it("sends a nonce-based CSP that matches the page's scripts, nosniff, and no HSTS over http", async () => {
    const first = await fetch(`${baseUrl()}/`);
    const html = await first.text();
    const csp = first.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toMatch(/frame-ancestors '(none|self)'/);
    expect(csp).not.toContain("'unsafe-inline'");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("strict-transport-security")).toBeNull();
    expect(first.headers.get("x-powered-by")).toBeNull();

    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);

    const second = await fetch(`${baseUrl()}/`);
    await second.arrayBuffer();
    const secondNonce = /'nonce-([^']+)'/.exec(
      second.headers.get("content-security-policy") ?? "",
    )?.[1];
    expect(secondNonce).toBeTruthy();
    expect(secondNonce).not.toBe(nonce);
  });

  it("sends the headers on static files and on errors too", async () => {
    for (const path of ["/favicon.svg", "/finns-inte"]) {
      const response = await fetch(`${baseUrl()}${path}`);
      await response.arrayBuffer();
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("content-security-policy"), path).toContain("object-src 'none'");
    }
  });

  it("changes nothing on GET /language", async () => {
    const response = await fetch(`${baseUrl()}/language?locale=en`, { redirect: "manual" });
    await response.arrayBuffer();
    expect(response.headers.get("set-cookie") ?? "").not.toMatch(/(^|[\s,;])(__Host-)?lang=/);
  });
});

describe("the page cache for anonymous visitors", () => {
  const visit = async (path: string, cookie?: string) => {
    const response = await fetch(`${baseUrl()}${path}`, {
      headers: cookie ? { Cookie: cookie } : {},
    });
    const html = await response.text();
    const visitorCookie = response.headers
      .getSetCookie()
      .map((header) => header.split(";")[0]!)
      .find((pair) => /^(__Host-)?csrf=/.test(pair));
    return {
      html,
      nonce: /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1],
      token: /name="_csrf" value="([^"]+)"/.exec(html)?.[1],
      cookie: visitorCookie ?? cookie,
    };
  };

  it("gives each anonymous visitor their own nonce and CSRF token", async () => {
    const first = await visit("/organizations");
    const second = await visit("/organizations");
    for (const page of [first, second]) {
      const scripts = [...page.html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]!);
      expect(scripts.length).toBeGreaterThan(0);
      for (const attributes of scripts) expect(attributes).toContain(`nonce="${page.nonce}"`);
    }
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.token).not.toBe(first.token);

    const switchLanguage = (cookie: string, token: string) =>
      fetch(`${baseUrl()}/language`, {
        method: "POST",
        redirect: "manual",
        headers: {
          Cookie: cookie,
          Origin: baseUrl(),
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ _csrf: token, locale: "nb", next: "/" }).toString(),
      });
    expect((await switchLanguage(second.cookie!, second.token!)).status).toBe(302);
    expect((await switchLanguage(first.cookie!, second.token!)).status).toBe(403);
  });

  it("shows a change at once, and never what a logged-in person saw", async () => {
    const name = `Cachetestförbundet ${Date.now()}`;
    const path = `/organizations?q=${encodeURIComponent(name)}`;
    const listed = (html: string) => html.includes(`>${name}</a>`);
    expect(listed((await visit(path)).html)).toBe(false);

    const checked = await tab();
    const { page } = checked;
    await logIn(checked, demoAdmin().email, demoAdmin().password);
    await checked.visit(path);
    expect(await page.getByRole("button", { name: "Logga ut" }).count()).toBe(1);
    await checked.visit("/organizations/new");
    await page.getByLabel("Namn").fill(name);
    await page.getByLabel("Typ").selectOption({ label: "Kluster eller förening" });
    await checked.navigate(() => page.getByRole("button", { name: "Skapa" }).click());
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(name);

    const after = await visit(path);
    expect(listed(after.html)).toBe(true);
    expect(after.html).not.toContain("Logga ut");
    expect(after.html).not.toContain(demoAdmin().email);
  });
});
