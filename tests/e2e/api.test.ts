import { describe, expect, it } from "vitest";
import { baseUrl, demoAdmin, logIn, setUpBrowser } from "./browser.ts";
import { swedishOrganizationNumber, withWrongCheckDigit } from "./org-numbers.ts";

const { tab } = setUpBrowser();

type Organization = { id: string; name: string; version: number; website?: string | null };

/** Creates a personal API token on "Mitt konto" in the browser, as a user would. */
async function createToken(name: string): Promise<string> {
  const checked = await tab();
  const { page } = checked;
  await logIn(checked, demoAdmin().email, demoAdmin().password);
  await checked.visit("/account");
  const form = page.locator('form:has(input[name="intent"][value="createToken"])');
  await form.getByRole("textbox").fill(name);
  await checked.navigate(() => page.getByRole("button", { name: "Skapa nyckel" }).click(), {
    until: () => page.locator("code.token").waitFor(),
  });
  const token = (await page.locator("code.token").textContent())?.trim() ?? "";
  expect(token.length).toBeGreaterThan(20);
  return token;
}

async function api(
  path: string,
  options: { method?: string; token?: string; body?: unknown; rawBody?: string } = {},
) {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.rawBody !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  const response = await fetch(`${baseUrl()}/api/v1${path}`, {
    method: options.method ?? "GET",
    headers,
    body:
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get("content-type") ?? "",
    headers: response.headers,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}

describe("the API with a personal token", () => {
  it("creates, reads, updates, searches and deletes organizations; the browser sees the same", async () => {
    const token = await createToken("Integration e2e");
    const name = `API-förbundet ${Date.now()}`;
    const organizationNumber = swedishOrganizationNumber();

    // Without a valid token, writing is refused as a problem document.
    const badToken = await api("/organizations", {
      method: "POST",
      token: "not-a-token",
      body: { name, kind: "cluster", country: "SE" },
    });
    expect(badToken.status).toBe(401);
    expect(badToken.type).toContain("application/problem+json");
    expect(badToken.json!.code).toBe("unauthenticated");
    const anonymous = await api("/organizations", {
      method: "POST",
      body: { name, kind: "cluster", country: "SE" },
    });
    // No credentials at all: the API asks for them.
    expect(anonymous.status).toBe(401);
    expect(anonymous.json!.code).toBe("unauthenticated");
    expect(anonymous.type).toContain("application/problem+json");

    // Bad input: the field that failed, in Swedish, never a 500.
    const wrongDigit = await api("/organizations", {
      method: "POST",
      token,
      body: {
        name,
        kind: "cluster",
        country: "SE",
        organizationNumber: withWrongCheckDigit(organizationNumber),
      },
    });
    expect(wrongDigit.status).toBe(422);
    expect(wrongDigit.type).toContain("application/problem+json");
    const errors = wrongDigit.json!.errors as Array<{ field: string; message: string }>;
    expect(errors.map((error) => error.field)).toContain("organizationNumber");
    expect(errors.find((error) => error.field === "organizationNumber")!.message).toBe(
      "Kontrollsiffran stämmer inte. Kontrollera numret.",
    );
    for (const bad of [
      { rawBody: "{not json" },
      { body: { name, kind: "cluster", country: "SE", color: "blue" } },
      { body: { name: 42, kind: "cluster", country: "SE" } },
      { body: [] },
    ]) {
      const response = await api("/organizations", { method: "POST", token, ...bad });
      expect(response.status, JSON.stringify(bad)).toBeGreaterThanOrEqual(400);
      expect(response.status, JSON.stringify(bad)).toBeLessThan(500);
      expect(response.type).toContain("application/problem+json");
    }

    // Create.
    const created = await api("/organizations", {
      method: "POST",
      token,
      body: {
        name,
        kind: "cluster",
        country: "SE",
        organizationNumber,
        website: "https://api.example.se",
      },
    });
    expect(created.status).toBe(201);
    const organization = created.json as unknown as Organization;
    expect(created.headers.get("location")).toBe(`/api/v1/organizations/${organization.id}`);

    // The same organization number again is refused.
    const duplicate = await api("/organizations", {
      method: "POST",
      token,
      body: { name: `${name} 2`, kind: "cluster", country: "SE", organizationNumber },
    });
    expect(duplicate.status).toBeGreaterThanOrEqual(400);
    expect(duplicate.status).toBeLessThan(500);
    expect(JSON.stringify(duplicate.json)).toContain("organizationNumber");

    // Read and update with the version read; a stale version is a conflict.
    const read = await api(`/organizations/${organization.id}`);
    expect(read.status).toBe(200);
    expect((read.json as unknown as Organization).name).toBe(name);
    const updated = await api(`/organizations/${organization.id}`, {
      method: "PATCH",
      token,
      body: { website: "https://uppdaterad.example.se", version: organization.version },
    });
    expect(updated.status).toBe(200);
    expect((updated.json as unknown as Organization).website).toBe("https://uppdaterad.example.se");
    const stale = await api(`/organizations/${organization.id}`, {
      method: "PATCH",
      token,
      body: { website: "https://gammal.example.se", version: organization.version },
    });
    expect(stale.status).toBe(409);

    // Search.
    const found = await api(`/organizations?q=${encodeURIComponent(name)}`);
    expect(found.status).toBe(200);
    const items = found.json!.items as Organization[];
    expect(items.map((item) => item.id)).toContain(organization.id);

    // The browser shows the organization the API made.
    const checked = await tab();
    await checked.visit(`/organizations?q=${encodeURIComponent(name)}`);
    await checked.navigate(() => checked.page.getByRole("link", { name }).click());
    await expect
      .poll(() => checked.page.getByRole("heading", { level: 1 }).textContent())
      .toBe(name);
    expect(await checked.page.getByText("https://uppdaterad.example.se").count()).toBeGreaterThan(
      0,
    );

    // Delete.
    const current = (await api(`/organizations/${organization.id}`))
      .json as unknown as Organization;
    const deleted = await api(`/organizations/${organization.id}?version=${current.version}`, {
      method: "DELETE",
      token,
    });
    expect(deleted.status).toBeLessThan(300);
    expect((await api(`/organizations/${organization.id}`)).status).toBe(404);
  });

  it("serves the OpenAPI 3.1 document", async () => {
    const response = await api("/openapi.json");
    expect(response.status).toBe(200);
    expect(String(response.json!.openapi)).toMatch(/^3\.1\./);
    expect(Object.keys(response.json!.paths as object)).toContain("/organizations");
  });
});
