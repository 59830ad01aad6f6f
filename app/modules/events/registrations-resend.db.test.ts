// "Skicka min länk igen" on the registration page: a registrant who lost the confirmation mail
// gets the link to their registration again (through the mail queue, in their language), the
// link opens their page, and the page answers the same whether or not the address is registered.
import { expect, it } from "vitest";
import { openAppDatabase } from "../../../tests/support/app-database.ts";
import { routeVisitor } from "../../../tests/support/render-routes.ts";

const getDb = await openAppDatabase("samverka-resend-");
const factories = await import("./factories.ts");
const registrationFactories = await import("./registrations-factories.ts");
const registrationsService = await import("./registrations-service.ts");
const { mailsTo, tokenFromMail } = await import("../identity/testing.ts");

const visit = routeVisitor({
  "/events/:id/register": () => import("./routes/registrations-register.tsx") as never,
  "/registrations/:token": () => import("./routes/registrations-manage.tsx") as never,
});

it("mails the link again to a registered address, and answers the same for any address", async () => {
  const db = await getDb();
  const roles = await factories.insertEventWithRoles(db, {
    status: "published",
    name: "Länkdagen",
    startDate: "2099-05-14",
    endDate: "2099-05-14",
  });
  const ticket = await registrationFactories.insertTicket(db, roles.event.id, {
    name: "Ordinarie",
  });
  const { token } = await registrationsService.register(
    db,
    null,
    roles.event.id,
    registrationFactories.registrationInput(ticket.id, {
      email: "Eva.Ek@Example.se",
      locale: "en",
    }),
  );
  const url = `/events/${roles.event.id}/register`;
  const page = await visit(null, url);
  expect(page.html).toContain("Skicka min länk igen");

  // The registrant (typing the address in other case) and a stranger get the same answer.
  const known = await visit(null, url, {
    _csrf: "t",
    intent: "resend",
    email: "eva.ek@example.se",
  });
  const unknown = await visit(null, url, {
    _csrf: "t",
    intent: "resend",
    email: "okand@example.se",
  });
  expect(known.location).toBe(`${url}?linkSent=1#resend`);
  expect({ status: unknown.status, location: unknown.location }).toEqual({
    status: known.status,
    location: known.location,
  });
  const answer = await visit(null, known.location!);
  expect(answer.html).toContain(
    "Om adressen är anmäld till evenemanget har vi skickat länken dit.",
  );
  expect(await mailsTo(db, "okand@example.se")).toEqual([]);

  // The mail, in the registration's language, with a link that opens the registration.
  const [mail] = await mailsTo(db, "Eva.Ek@Example.se");
  expect(mail?.subject).toBe("Your link: Länkdagen");
  expect(mail?.text).toContain("You are registered.");
  const link = tokenFromMail(mail, "/registrations/");
  expect(link).toBe(token);
  const own = await visit(null, `/registrations/${link}`);
  expect(own.status).toBe(200);
  expect(own.html).toContain("Eva.Ek@Example.se");

  // Asked again and again: a few more mails, then nothing (and still the same answer).
  for (let attempt = 0; attempt < 4; attempt++) {
    const again = await visit(null, url, {
      _csrf: "t",
      intent: "resend",
      email: "eva.ek@example.se",
    });
    expect(again.location).toBe(`${url}?linkSent=1#resend`);
  }
  const links = (await mailsTo(db, "Eva.Ek@Example.se")).filter(
    (sent) => sent.subject === "Your link: Länkdagen",
  );
  expect(links).toHaveLength(3);

  // A mistyped address is told so next to the field; nothing is sent.
  const wrong = await visit(null, url, { _csrf: "t", intent: "resend", email: "inte-en-adress" });
  expect(wrong.status).toBe(422);
  expect(wrong.html).toContain('value="inte-en-adress"');
});
