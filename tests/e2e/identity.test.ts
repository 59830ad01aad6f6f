import { describe, expect, it } from "vitest";
import { baseUrl, demoAdmin, logIn, setUpBrowser } from "./browser.ts";
import { appLink, mailCount, waitForMail } from "./mailbox.ts";

const { tab } = setUpBrowser();

const strongPassword = "Korvbrödsbagare i Sundsvall 1978";

describe("the demo admin", () => {
  it("logs in with the printed demo login, submitting with the keyboard", async () => {
    const admin = demoAdmin();
    expect(admin.email).toBe("admin@samverka.example");
    const checked = await tab();
    await logIn(checked, admin.email, admin.password);
    // Platform admins see the admin entry in the navigation.
    expect(await checked.page.getByRole("link", { name: "Administration" }).count()).toBe(1);
  });

  it("gets a clear message, not a login, for a wrong password", async () => {
    const checked = await tab();
    const { page } = checked;
    await checked.visit("/login");
    await page.getByLabel("E-postadress").fill(demoAdmin().email);
    await page.getByLabel("Lösenord").fill("not the password at all");
    await checked.navigate(() => page.getByRole("button", { name: "Logga in" }).click(), {
      until: () => page.getByText("Fel e-postadress eller lösenord.").waitFor(),
    });
    expect(await page.getByRole("button", { name: "Logga ut" }).count()).toBe(0);
  });
});

describe("invitation by mail", () => {
  it("admin invites, the mail arrives, the invitee sets a password and logs in", async () => {
    const invitee = { email: "karin.lindqvist@example.org", name: "Karin Lindqvist" };

    // The admin invites.
    const admin = await tab();
    await logIn(admin, demoAdmin().email, demoAdmin().password);
    await admin.visit("/admin");
    await admin.navigate(() =>
      admin.page.getByRole("main").getByRole("link", { name: "Användare" }).click(),
    );
    expect(await admin.page.getByRole("heading", { level: 1 }).textContent()).toBe("Användare");
    const since = mailCount();
    await admin.page.getByLabel("E-postadress").fill(invitee.email);
    await admin.page.getByLabel("Namn").fill(invitee.name);
    await admin.navigate(() => admin.page.getByRole("button", { name: "Bjud in" }).click(), {
      until: () => admin.page.getByText(`Inbjudan är skickad till ${invitee.email}.`).waitFor(),
    });

    // The mail arrives at the SMTP server, with a link built from BASE_URL.
    const mail = await waitForMail(invitee.email, { since });
    expect(mail.subject).toBe("Inbjudan till Samverka");
    const link = appLink(mail, "/invitation/");

    // The invitee follows the link in a browser of their own.
    const invited = await tab();
    const { page } = invited;
    await invited.visit(link);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Välkommen till Samverka",
    );
    await expect.poll(() => page.getByText(invitee.email).count()).toBeGreaterThan(0);

    // A common password is refused with a message next to the field; nothing is lost.
    await page.getByLabel("Nytt lösenord").fill("password1234");
    await page.getByLabel("Upprepa lösenordet").fill("password1234");
    await invited.navigate(() => page.getByRole("button", { name: "Aktivera kontot" }).click(), {
      until: () =>
        page.getByText("Lösenordet är för lätt att gissa", { exact: false }).first().waitFor(),
    });

    await page.getByLabel("Nytt lösenord").fill(strongPassword);
    await page.getByLabel("Upprepa lösenordet").fill(strongPassword);
    await invited.navigate(() => page.getByRole("button", { name: "Aktivera kontot" }).click());
    await expect.poll(() => new URL(page.url()).pathname).toBe("/account");
    await expect.poll(() => page.getByRole("button", { name: "Logga ut" }).count()).toBe(1);

    // Logging out ends the session; the password works for a fresh login.
    await invited.navigate(() => page.getByRole("button", { name: "Logga ut" }).click());
    expect(await page.getByRole("link", { name: "Logga in" }).count()).toBe(1);
    await logIn(invited, invitee.email, strongPassword);

    // The link was single-use.
    const again = await tab();
    await again.visit(link);
    expect(await again.page.getByText("Länken har redan använts.").count()).toBe(1);
  });
});

describe("password reset by mail", () => {
  it("the admin links an account to its person in the directory, one account per person", async () => {
    const admin = await tab();
    const { page } = admin;
    await logIn(admin, demoAdmin().email, demoAdmin().password);
    await admin.visit("/admin/users");
    await admin.navigate(() => page.getByRole("link", { name: "Demo Redaktör" }).click());
    const personEmail = page.getByLabel("Personens e-post i katalogen");
    // The coordinating group's secretary already acts through an account of his own.
    await personEmail.fill("fredrik.dahl@vgr-it.example");
    await admin.navigate(() => page.getByRole("button", { name: "Spara koppling" }).click(), {
      until: () =>
        page.getByText("Personen är redan kopplad till ett annat konto.").first().waitFor(),
    });
    await personEmail.fill("petra.wallin@boras.example");
    await admin.navigate(() => page.getByRole("button", { name: "Spara koppling" }).click());
    await expect.poll(() => page.getByRole("link", { name: "Petra Wallin" }).count()).toBe(1);
  });

  it("sends a single-use link that sets a new password", async () => {
    const admin = demoAdmin();
    // A throwaway account: invite it through the admin page first.
    const email = "lars.nyberg@example.org";
    const adminTab = await tab();
    await logIn(adminTab, admin.email, admin.password);
    await adminTab.visit("/admin/users");
    let since = mailCount();
    await adminTab.page.getByLabel("E-postadress").fill(email);
    await adminTab.page.getByLabel("Namn").fill("Lars Nyberg");
    await adminTab.navigate(() => adminTab.page.getByRole("button", { name: "Bjud in" }).click(), {
      until: () => adminTab.page.getByText(`Inbjudan är skickad till ${email}.`).waitFor(),
    });
    const invitation = await waitForMail(email, { since });
    const user = await tab({ javaScriptEnabled: false });
    const { page } = user;
    await user.visit(appLink(invitation, "/invitation/"));
    await page.getByLabel("Nytt lösenord").fill(strongPassword);
    await page.getByLabel("Upprepa lösenordet").fill(strongPassword);
    await user.navigate(() => page.getByRole("button", { name: "Aktivera kontot" }).click());
    await user.navigate(() => page.getByRole("button", { name: "Logga ut" }).click());

    // Forgot the password: ask for a link (without JavaScript, plain forms).
    await user.visit("/login");
    await user.navigate(() => page.getByRole("link", { name: "Glömt lösenordet?" }).click());
    since = mailCount();
    await page.getByLabel("E-postadress").fill(email);
    await user.navigate(() => page.getByRole("button", { name: "Skicka länk" }).click());
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toContain("Om adressen hör till ett konto");
    const reset = await waitForMail(email, { since });
    expect(reset.subject).toBe("Återställ ditt lösenord i Samverka");
    const link = appLink(reset, "/reset-password/");

    const newPassword = "Tre gröna tranor över Storsjön";
    await user.visit(link);
    await page.getByLabel("Nytt lösenord").fill(newPassword);
    await page.getByLabel("Upprepa lösenordet").fill(newPassword);
    await user.navigate(() => page.getByRole("button", { name: "Spara lösenordet" }).click());

    const fresh = await tab();
    await logIn(fresh, email, newPassword);
    const reused = await tab();
    await reused.visit(link);
    expect(await reused.page.getByText("Länken har redan använts.").count()).toBe(1);
  });

  it("answers the same for an unknown address and sends no mail", async () => {
    const checked = await tab();
    const { page } = checked;
    await checked.visit("/reset-password");
    const since = mailCount();
    await page.getByLabel("E-postadress").fill("nobody@example.org");
    await checked.navigate(() => page.getByRole("button", { name: "Skicka länk" }).click(), {
      until: () => page.getByRole("status").waitFor(),
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await expect(waitForMail("nobody@example.org", { since, timeoutMs: 500 })).rejects.toThrow();
  });
});

describe("sessions", () => {
  it("a logged-out session cookie no longer works", async () => {
    const checked = await tab();
    await logIn(checked, demoAdmin().email, demoAdmin().password);
    const cookies = await checked.context.cookies(baseUrl());
    const header = cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
    const before = await fetch(`${baseUrl()}/account`, {
      headers: { Cookie: header },
      redirect: "manual",
    });
    await before.arrayBuffer();
    expect(before.status).toBe(200);
    expect(before.headers.get("cache-control")).toContain("no-store");

    await checked.navigate(() => checked.page.getByRole("button", { name: "Logga ut" }).click());
    const after = await fetch(`${baseUrl()}/account`, {
      headers: { Cookie: header },
      redirect: "manual",
    });
    await after.arrayBuffer();
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toContain("/login");
  });

  it("refuses a form post without the CSRF token", async () => {
    const checked = await tab();
    await logIn(checked, demoAdmin().email, demoAdmin().password);
    const cookies = await checked.context.cookies(baseUrl());
    const header = cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
    const response = await fetch(`${baseUrl()}/account`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: header, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "profile", name: "Mallory", locale: "sv" }).toString(),
    });
    await response.arrayBuffer();
    expect(response.status).toBe(403);
    await checked.visit("/account");
    expect(await checked.page.getByLabel(/^Namn( \(|$)/).inputValue()).not.toBe("Mallory");
  });
});
