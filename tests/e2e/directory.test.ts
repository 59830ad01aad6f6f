import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { type CheckedPage, demoAdmin, logIn, setUpBrowser } from "./browser.ts";
import { swedishOrganizationNumber, withWrongCheckDigit } from "./org-numbers.ts";

const { tab } = setUpBrowser();

async function searchOrganizations(
  checked: CheckedPage,
  filters: { q?: string; kind?: string; country?: string },
): Promise<void> {
  const { page } = checked;
  await checked.visit("/organizations");
  if (filters.q !== undefined) await page.getByRole("searchbox", { name: "Sök" }).fill(filters.q);
  if (filters.kind) await page.getByLabel("Typ").selectOption({ label: filters.kind });
  if (filters.country) await page.getByLabel("Land").selectOption({ label: filters.country });
  await checked.navigate(() => page.getByRole("button", { name: "Sök", exact: true }).click());
}

const resultCount = (checked: CheckedPage) => checked.page.locator(".result-count").textContent();

describe("organizations in the browser", () => {
  it("anyone can filter the list by kind and country and search it by text", async () => {
    const checked = await tab();
    await searchOrganizations(checked, { kind: "Region", country: "Sverige" });
    await expect.poll(() => resultCount(checked)).toBe("21 organisationer");
    expect(await checked.page.getByRole("link", { name: "Region Västerbotten" }).count()).toBe(1);

    await searchOrganizations(checked, { kind: "Regionalt hälsoföretag", country: "Norge" });
    await expect.poll(() => resultCount(checked)).toBe("4 organisationer");

    await searchOrganizations(checked, { q: "Västerbotten" });
    await checked.navigate(() =>
      checked.page.getByRole("link", { name: "Region Västerbotten" }).click(),
    );
    expect(await checked.page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Region Västerbotten",
    );
  });

  it("the admin creates an organization (a wrong check digit is refused, nothing typed is lost) and edits it", async () => {
    const checked = await tab();
    const { page } = checked;
    await logIn(checked, demoAdmin().email, demoAdmin().password);
    await checked.visit("/organizations");
    await checked.navigate(() => page.getByRole("link", { name: "Ny organisation" }).click());

    const name = "Nätverket för e-hälsa i Norrland";
    const number = swedishOrganizationNumber();
    await page.getByLabel("Namn").fill(name);
    await page.getByLabel("Typ").selectOption({ label: "Kluster eller förening" });
    await page.getByLabel("Land").selectOption({ label: "Sverige" });
    await page.getByLabel("Organisationsnummer").fill(withWrongCheckDigit(number));
    await checked.navigate(() => page.getByRole("button", { name: "Skapa" }).click(), {
      until: () =>
        page.getByText("Kontrollsiffran stämmer inte.", { exact: false }).first().waitFor(),
    });
    expect(await page.getByLabel("Organisationsnummer").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Namn").inputValue()).toBe(name);

    await page.getByLabel("Organisationsnummer").fill(number);
    await checked.navigate(() => page.getByRole("button", { name: "Skapa" }).click());
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(name);

    await checked.navigate(() => page.getByRole("link", { name: "Redigera" }).click());
    await page.getByLabel("Webbplats").fill("https://www.ehalsa-norrland.example");
    await checked.navigate(() => page.getByRole("button", { name: "Spara" }).click());
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(name);
    expect(await page.getByText("https://www.ehalsa-norrland.example").count()).toBeGreaterThan(0);

    // The same organization number again is refused, next to the field.
    await checked.visit("/organizations/new");
    await page.getByLabel("Namn").fill(`${name} (kopia)`);
    await page.getByLabel("Typ").selectOption({ label: "Kluster eller förening" });
    await page.getByLabel("Organisationsnummer").fill(number);
    await checked.navigate(() => page.getByRole("button", { name: "Skapa" }).click(), {
      until: () => page.locator('input[name="organizationNumber"][aria-invalid="true"]').waitFor(),
    });

    // Searching finds it by name and by organization number.
    await searchOrganizations(checked, { q: "e-hälsa i Norrland" });
    expect(await page.getByRole("link", { name }).count()).toBe(1);
    await searchOrganizations(checked, { q: number });
    expect(await page.getByRole("link", { name }).count()).toBe(1);
  });
});

describe("import of organizations", () => {
  it("imports a CSV file after a preview, without JavaScript", async () => {
    const parent = { name: "Importförbundet Mitt", number: swedishOrganizationNumber() };
    const child = { name: "Importförbundets kansli", number: swedishOrganizationNumber() };
    const csv = [
      "name;kind;country;organization_number;parent_organization_number;website",
      `${parent.name};cluster;SE;${parent.number};;https://mitt.example.se`,
      `${child.name};other;SE;${child.number};${parent.number};`,
    ].join("\r\n");

    const checked = await tab({ javaScriptEnabled: false });
    const { page } = checked;
    await logIn(checked, demoAdmin().email, demoAdmin().password);
    await checked.visit("/organizations/import");
    await page.getByRole("radio", { name: "Organisationer" }).check();
    await page.getByLabel("Fil").setInputFiles({
      name: "organisationer.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "utf8"),
    });
    await checked.navigate(() => page.getByRole("button", { name: "Förhandsgranska" }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Förhandsgranskning: organisationer.csv",
    );
    expect(await page.getByText("2 rader: 2 utan fel, 0 med fel.").count()).toBe(1);

    await checked.navigate(() => page.getByRole("button", { name: "Importera 2 rader" }).click());
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("Klart: 2 rader importerades.");

    await searchOrganizations(checked, { q: "Importförbund" });
    await checked.navigate(() => page.getByRole("link", { name: child.name }).click());
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(child.name);
    // The child sits below its parent from the same file.
    expect(await page.getByRole("link", { name: parent.name }).count()).toBeGreaterThan(0);
  });

  it("shows per-row errors of an XLSX file and imports nothing while a row is wrong", async () => {
    const valid = { name: "Excelkollegiet Syd", number: swedishOrganizationNumber() };
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Organisationer");
    sheet.addRow(["name", "kind", "country", "organization_number"]);
    sheet.addRow([valid.name, "academia", "SE", valid.number]);
    sheet.addRow(["Felrad AB", "supplier", "SE", withWrongCheckDigit(swedishOrganizationNumber())]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

    const checked = await tab();
    const { page } = checked;
    await logIn(checked, demoAdmin().email, demoAdmin().password);
    await checked.visit("/organizations/import");
    await page.getByRole("radio", { name: "Organisationer" }).check();
    await page.getByLabel("Fil").setInputFiles({
      name: "organisationer.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer,
    });
    await checked.navigate(() => page.getByRole("button", { name: "Förhandsgranska" }).click());
    await expect.poll(() => page.getByText("2 rader: 1 utan fel, 1 med fel.").count()).toBe(1);
    expect(await page.getByRole("heading", { name: "Fel per rad" }).count()).toBe(1);
    expect(
      await page.getByText("Kontrollsiffran stämmer inte.", { exact: false }).count(),
    ).toBeGreaterThan(0);
    expect(await page.getByRole("button", { name: /^Importera/ }).count()).toBe(0);

    await searchOrganizations(checked, { q: valid.name });
    await expect.poll(() => resultCount(checked)).toBe("0 organisationer");
  });
});
