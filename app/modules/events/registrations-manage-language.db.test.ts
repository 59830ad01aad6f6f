// The registrant's own page speaks the language the visitor chose with the language switch (its
// cookie), and the registration's language when they chose none; once the event is cancelled it
// says so, and offers no more changes.
import { RouterContextProvider } from "react-router";
import { expect, it } from "vitest";
import { openAppDatabase } from "../../../tests/support/app-database.ts";
import type { Locale } from "../../i18n/locales.ts";
import { requestStateContext } from "../../platform/request-context.ts";

const getDb = await openAppDatabase("samverka-manage-language-");
const factories = await import("./factories.ts");
const registrationFactories = await import("./registrations-factories.ts");
const registrationsService = await import("./registrations-service.ts");
const page = await import("./routes/registrations-manage.tsx");
const { changeEventStatus } = await import("./service.ts");
const { routeVisitor } = await import("../../../tests/support/render-routes.ts");
const visit = routeVisitor({
  "/registrations/:token": () => import("./routes/registrations-manage.tsx") as never,
});

async function load(token: string, visitor: Locale, cookie?: string) {
  const context = new RouterContextProvider();
  context.set(requestStateContext, { locale: visitor, actor: null, csrfToken: "t" });
  const request = new Request(`http://localhost/registrations/${token}`, {
    headers: cookie ? { cookie } : {},
  });
  return (await page.loader({ request, params: { token }, context } as never))!;
}

it("follows the visitor's language switch, else the registration's language", async () => {
  const db = await getDb();
  const roles = await factories.insertEventWithRoles(db, {
    status: "published",
    name: "Språkdagen",
    startDate: "2099-05-14",
    endDate: "2099-05-14",
  });
  const ticket = await registrationFactories.insertTicket(db, roles.event.id);
  const { token } = await registrationsService.register(
    db,
    null,
    roles.event.id,
    registrationFactories.registrationInput(ticket.id, { locale: "en" }),
  );

  // No choice made (the site's default Swedish): the registration's English.
  const unchosen = await load(token, "sv");
  expect(unchosen).toMatchObject({ locale: "en", title: "Your registration for Språkdagen" });

  // The visitor switched to Norwegian: the page follows.
  const chosen = await load(token, "nb", "lang=nb");
  expect(chosen).toMatchObject({ locale: "nb", title: "Din påmelding til Språkdagen" });

  await changeEventStatus(db, roles.leadAdmin, roles.event.id, {
    status: "cancelled",
    version: roles.event.version,
  });
  const cancelled = await visit(null, `/registrations/${token}`);
  expect(cancelled.status).toBe(200);
  expect(cancelled.html).toContain(
    "The organizers have cancelled the event; it will not take place.",
  );
  expect(cancelled.html).not.toContain('value="cancel"');
});
