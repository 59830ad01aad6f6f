import { describe, expect, inject, it } from "vitest";
import type { TestAccount } from "../support/oidc-provider.ts";
import { baseUrl, type CheckedPage, demoAdmin, logIn, setUpBrowser } from "./browser.ts";
import { appLink, mailCount, waitForMail } from "./mailbox.ts";

const { tab } = setUpBrowser();

function account(login: string): TestAccount {
  const found = inject("e2e").oidc.accounts.find((candidate) => candidate.login === login);
  expect(found, `test provider account ${login}`).toBeDefined();
  return found!;
}

/**
 * Clicks the "Logga in med e-legitimation" link and goes through the test provider: its login
 * form when it shows one (a provider session may skip it), then back to the app.
 */
async function throughProvider(checked: CheckedPage, who: TestAccount): Promise<void> {
  const { page } = checked;
  const issuer = inject("e2e").oidc.issuer;
  await checked.navigate(() =>
    page.getByRole("link", { name: "Logga in med e-legitimation" }).click(),
  );
  if (page.url().startsWith(issuer)) {
    await page.getByLabel("Username").fill(who.login);
    await page.getByLabel("Password").fill(who.password);
    await checked.navigate(() => page.getByRole("button", { name: "Sign in" }).click());
  }
  await expect.poll(() => page.url()).toContain(baseUrl());
}

async function invite(email: string, name: string): Promise<string> {
  const admin = await tab();
  await logIn(admin, demoAdmin().email, demoAdmin().password);
  await admin.visit("/admin/users");
  const since = mailCount();
  await admin.page.getByLabel("E-postadress").fill(email);
  await admin.page.getByLabel("Namn").fill(name);
  await admin.navigate(() => admin.page.getByRole("button", { name: "Bjud in" }).click(), {
    until: () => admin.page.getByText(`Inbjudan är skickad till ${email}.`).waitFor(),
  });
  return appLink(await waitForMail(email, { since }), "/invitation/");
}

describe("login through the OpenID Connect provider", () => {
  it("an invitee activates the account with e-ID, then logs in with it again", async () => {
    const astrid = account("astrid");
    // The invitation goes to another address than the provider's email claim: the link, not the
    // email, joins the identity to the account.
    const link = await invite("astrid.work@region.example", "Astrid Lindqvist");

    const checked = await tab();
    const { page } = checked;
    await checked.visit(link);
    await throughProvider(checked, astrid);
    await expect.poll(() => page.getByRole("button", { name: "Logga ut" }).count()).toBe(1);

    await checked.visit("/account");
    await expect
      .poll(() => page.getByText("astrid.work@region.example").count())
      .toBeGreaterThan(0);
    expect(await page.getByText("Ingen e-legitimation är kopplad till kontot.").count()).toBe(0);

    await checked.navigate(() => page.getByRole("button", { name: "Logga ut" }).click());
    await checked.visit("/login");
    await throughProvider(checked, astrid);
    await expect.poll(() => page.getByRole("button", { name: "Logga ut" }).count()).toBe(1);

    // A browser of its own (no provider session) logs in through the provider's form.
    const other = await tab({ javaScriptEnabled: false });
    await other.visit("/login");
    await throughProvider(other, astrid);
    await expect.poll(() => other.page.getByRole("button", { name: "Logga ut" }).count()).toBe(1);
  });

  it("refuses an identity that no invitation or owner linked, even when its email matches an account", async () => {
    const bjorn = account("bjorn");
    // An account with the same email as the provider's claim exists (invited, activated).
    const link = await invite(bjorn.email, bjorn.name);
    const owner = await tab();
    await owner.visit(link);
    await owner.page.getByLabel("Nytt lösenord").fill("Fjordhästar vid Geiranger 2024");
    await owner.page.getByLabel("Upprepa lösenordet").fill("Fjordhästar vid Geiranger 2024");
    await owner.navigate(() => owner.page.getByRole("button", { name: "Aktivera kontot" }).click());

    const stranger = await tab();
    await stranger.visit("/login");
    await throughProvider(stranger, bjorn);
    await expect
      .poll(() => stranger.page.getByRole("alert").textContent())
      .toContain("Det finns inget konto kopplat till den här e-legitimationen");
    expect(await stranger.page.getByRole("button", { name: "Logga ut" }).count()).toBe(0);
  });
});
