import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDatabases } from "../../db/testing.ts";
import { auditEntries } from "../../platform/audit/schema.ts";
import { config, resetConfig } from "../../platform/config.ts";
import { failure } from "../../../tests/support/outcomes.ts";
import { organizations, people } from "../directory/schema.ts";
import { sha256 } from "./crypto.ts";
import { consumeRateLimit } from "./rate-limit.ts";
import { LOGIN_LIMITS } from "./rules.ts";
import { apiTokens, oneTimeTokens, sessions, users } from "./schema.ts";
import {
  acceptInvitation,
  authenticateApiToken,
  createApiToken,
  inspectOneTimeToken,
  inviteUser,
  listAssignableOrganizations,
  listUsers,
  loginWithPassword,
  removeOrganizationRole,
  requestPasswordReset,
  resetPassword,
  revokeApiToken,
  setOrganizationRole,
  setUserDisabled,
} from "./service.ts";
import { setUserPerson } from "./person-link.ts";
import { endSession, resolveSession, startSession } from "./sessions.ts";
import {
  actorForUser,
  createTestOrganization,
  createTestUser,
  mailsTo,
  TEST_PASSWORD,
  tokenFromMail,
  uniqueEmail,
} from "./testing.ts";

// Vitest sets BASE_URL to "/" (Vite's base); the app needs an absolute URL.
process.env.BASE_URL = "http://localhost:3000";
resetConfig();

const address = "192.0.2.10";

describeDatabases("identity: login and sessions", (ctx) => {
  it("logs in with email and password, case-insensitively, into a session with its actor", async () => {
    const user = await createTestUser(ctx.db, { email: uniqueEmail("anna") });
    const login = await loginWithPassword(
      ctx.db,
      { email: user.email.toUpperCase(), password: TEST_PASSWORD },
      { address },
    );
    expect(login.userId).toBe(user.id);
    const session = await resolveSession(ctx.db, login.sessionId);
    expect(session?.actor).toMatchObject({ userId: user.id, label: user.email, via: "session" });
    expect(session?.csrfToken).toBe(login.csrfToken);
    // Only a hash of the session id is stored.
    const [row] = await ctx.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(row?.idHash).toBe(sha256(login.sessionId));
    expect(JSON.stringify(row)).not.toContain(login.sessionId);
  });

  it("stores passwords as argon2id hashes", async () => {
    const user = await createTestUser(ctx.db);
    const [row] = await ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("gives the same message for a wrong password, an unknown account and a disabled one", async () => {
    const user = await createTestUser(ctx.db);
    const disabled = await createTestUser(ctx.db);
    const admin = await createTestUser(ctx.db, { isPlatformAdmin: true });
    await setUserDisabled(ctx.db, admin.actor, { userId: disabled.id, disabled: true });
    const attempts = [
      { email: user.email, password: "not the right password at all" },
      { email: uniqueEmail("nobody"), password: TEST_PASSWORD },
      { email: disabled.email, password: TEST_PASSWORD },
    ];
    for (const attempt of attempts) {
      const error = await failure(loginWithPassword(ctx.db, attempt, { address }));
      expect(error.code).toBe("unauthenticated");
      expect(error.message).toBe("identity.login.failed");
    }
  });

  it("refuses an invited account that has not set a password", async () => {
    const admin = await createTestUser(ctx.db, { isPlatformAdmin: true });
    const email = uniqueEmail("pending");
    await inviteUser(ctx.db, admin.actor, { email, name: "Pending Person" });
    const error = await failure(
      loginWithPassword(ctx.db, { email, password: "" + TEST_PASSWORD }, { address }),
    );
    expect(error.message).toBe("identity.login.failed");
  });

  it("rate-limits attempts per email, even with the right password, until the window passes", async () => {
    const user = await createTestUser(ctx.db);
    const now = new Date();
    for (let attempt = 0; attempt < LOGIN_LIMITS.perEmail.limit; attempt += 1) {
      const error = await failure(
        loginWithPassword(
          ctx.db,
          { email: user.email, password: "wrong password number " + attempt },
          { address: `198.51.100.${attempt}`, now },
        ),
      );
      expect(error.code).toBe("unauthenticated");
    }
    const limited = await failure(
      loginWithPassword(
        ctx.db,
        { email: user.email, password: TEST_PASSWORD },
        { address: "198.51.100.200", now },
      ),
    );
    expect(limited.code).toBe("rate_limited");
    const later = new Date(now.getTime() + LOGIN_LIMITS.perEmail.windowSeconds * 1000 + 1000);
    const login = await loginWithPassword(
      ctx.db,
      { email: user.email, password: TEST_PASSWORD },
      { address: "198.51.100.200", now: later },
    );
    expect(login.userId).toBe(user.id);
  });

  it("rate-limits attempts per client address across emails", async () => {
    const now = new Date();
    const key = "login:address:203.0.113.7";
    for (let attempt = 0; attempt < LOGIN_LIMITS.perAddress.limit; attempt += 1) {
      await consumeRateLimit(ctx.db, key, LOGIN_LIMITS.perAddress, now);
    }
    const user = await createTestUser(ctx.db);
    const limited = await failure(
      loginWithPassword(
        ctx.db,
        { email: user.email, password: TEST_PASSWORD },
        { address: "203.0.113.7", now },
      ),
    );
    expect(limited.code).toBe("rate_limited");
  });

  it("gives a new session id at login and ends the session the browser had", async () => {
    const user = await createTestUser(ctx.db);
    const first = await loginWithPassword(
      ctx.db,
      { email: user.email, password: TEST_PASSWORD },
      { address },
    );
    const second = await loginWithPassword(
      ctx.db,
      { email: user.email, password: TEST_PASSWORD },
      { address, previousSessionId: first.sessionId },
    );
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(await resolveSession(ctx.db, first.sessionId)).toBeNull();
    expect(await resolveSession(ctx.db, second.sessionId)).not.toBeNull();
  });

  it("ends an idle session", async () => {
    const user = await createTestUser(ctx.db);
    const timeouts = { idleMinutes: 30, absoluteHours: 12 };
    const start = new Date("2026-02-02T08:00:00Z");
    const session = await startSession(ctx.db, user.id, { now: start, timeouts });
    const active = await resolveSession(ctx.db, session.sessionId, {
      now: new Date("2026-02-02T08:29:00Z"),
      timeouts,
    });
    expect(active).not.toBeNull();
    const idle = await resolveSession(ctx.db, session.sessionId, {
      now: new Date("2026-02-02T09:00:00Z"),
      timeouts,
    });
    expect(idle).toBeNull();
    const rows = await ctx.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(0);
  });

  it("ends a session at its absolute timeout however active", async () => {
    const user = await createTestUser(ctx.db);
    const timeouts = { idleMinutes: 30, absoluteHours: 2 };
    const start = new Date("2026-02-02T08:00:00Z");
    const session = await startSession(ctx.db, user.id, { now: start, timeouts });
    for (let minutes = 20; minutes < 120; minutes += 20) {
      const now = new Date(start.getTime() + minutes * 60 * 1000);
      expect(await resolveSession(ctx.db, session.sessionId, { now, timeouts })).not.toBeNull();
    }
    const end = new Date(start.getTime() + 120 * 60 * 1000);
    expect(await resolveSession(ctx.db, session.sessionId, { now: end, timeouts })).toBeNull();
  });

  it("logout deletes the session on the server", async () => {
    const user = await createTestUser(ctx.db);
    const session = await startSession(ctx.db, user.id);
    await endSession(ctx.db, session.sessionId);
    expect(await resolveSession(ctx.db, session.sessionId)).toBeNull();
  });

  it("disabling an account ends its sessions", async () => {
    const user = await createTestUser(ctx.db);
    const admin = await createTestUser(ctx.db, { isPlatformAdmin: true });
    const session = await startSession(ctx.db, user.id);
    await setUserDisabled(ctx.db, admin.actor, { userId: user.id, disabled: true });
    expect(await resolveSession(ctx.db, session.sessionId)).toBeNull();
  });
});

describeDatabases("identity: invitations and password reset", (ctx) => {
  it("invites by email; the invitee sets a password through the link and can log in", async () => {
    const organization = await createTestOrganization(ctx.db, "Region Invitationsland");
    const admin = await createTestUser(ctx.db, { isPlatformAdmin: true, name: "Ada Admin" });
    const email = uniqueEmail("Invitee").toUpperCase();
    const result = await inviteUser(ctx.db, admin.actor, {
      email,
      name: "Ingrid Inbjuden",
      locale: "nb",
      organizationId: organization.id,
      role: "editor",
    });
    expect(result.status).toBe("invited");
    const lower = email.toLowerCase();

    const [mail] = await mailsTo(ctx.db, lower);
    expect(mail?.subject).toBe("Invitasjon til Samverka");
    expect(mail?.text).toContain("Ada Admin");
    expect(mail?.text).toContain(`${config().BASE_URL}/invitation/`);
    const token = tokenFromMail(mail, "/invitation/");
    // The token is stored only as a hash.
    const [stored] = await ctx.db
      .select()
      .from(oneTimeTokens)
      .where(eq(oneTimeTokens.userId, result.userId));
    expect(stored?.tokenHash).toBe(sha256(token));

    expect(await inspectOneTimeToken(ctx.db, token, "invite")).toMatchObject({
      status: "valid",
      email: lower,
    });
    const weak = await failure(
      acceptInvitation(ctx.db, token, { password: "password1234", confirm: "password1234" }),
    );
    expect(weak.fieldErrors.password).toEqual(["identity.error.passwordWeak"]);
    const mismatch = await failure(
      acceptInvitation(ctx.db, token, { password: TEST_PASSWORD, confirm: "something else" }),
    );
    expect(mismatch.fieldErrors.confirm).toEqual(["identity.error.passwordMismatch"]);

    await acceptInvitation(ctx.db, token, { password: TEST_PASSWORD, confirm: TEST_PASSWORD });
    const login = await loginWithPassword(
      ctx.db,
      { email: lower, password: TEST_PASSWORD },
      { address },
    );
    const session = await resolveSession(ctx.db, login.sessionId);
    expect(session?.actor.orgRoles.get(organization.id)).toBe("editor");

    // Single use.
    const again = await failure(
      acceptInvitation(ctx.db, token, { password: TEST_PASSWORD, confirm: TEST_PASSWORD }),
    );
    expect(again.message).toBe("identity.token.used");
    expect((await inspectOneTimeToken(ctx.db, token, "invite")).status).toBe("used");
  });

  it("links the accepted invitation to the directory person with that email, and only then", async () => {
    const admin = await createTestUser(ctx.db, { isPlatformAdmin: true });
    const email = uniqueEmail("linked");
    const [person] = await ctx.db.insert(people).values({ name: "Lina Länkad", email }).returning();
    const result = await inviteUser(ctx.db, admin.actor, { email, name: "Lina Länkad" });
    const before = await actorForUser(ctx.db, result.userId);
    expect(before.personId).toBeNull();

    const token = tokenFromMail((await mailsTo(ctx.db, email))[0], "/invitation/");
    await acceptInvitation(ctx.db, token, { password: TEST_PASSWORD, confirm: TEST_PASSWORD });
    expect((await actorForUser(ctx.db, result.userId)).personId).toBe(person!.id);

    // An account whose email a person is later given is not linked to that person.
    const other = await createTestUser(ctx.db);
    await ctx.db.insert(people).values({ name: "Efter Hand", email: other.email });
    expect((await actorForUser(ctx.db, other.id)).personId).toBeNull();
  });

  it("lets only a platform admin link an account to a person, one account per person", async () => {
    const admin = await createTestUser(ctx.db, { isPlatformAdmin: true });
    const organization = await createTestOrganization(ctx.db, "Region Länkland");
    const orgAdmin = await createTestUser(ctx.db, {
      roles: [{ organizationId: organization.id, role: "admin" }],
    });
    const first = await createTestUser(ctx.db);
    const second = await createTestUser(ctx.db);
    const email = uniqueEmail("secretary");
    const [person] = await ctx.db
      .insert(people)
      .values({ name: "Sara Sekreterare", email })
      .returning();

    const refused = await failure(
      setUserPerson(ctx.db, orgAdmin.actor, { userId: first.id, personEmail: email }),
    );
    expect(refused.code).toBe("forbidden");
    const unknown = await failure(
      setUserPerson(ctx.db, admin.actor, { userId: first.id, personEmail: "nobody@example.se" }),
    );
    expect(unknown.fieldErrors.personEmail).toEqual(["identity.admin.personNotFound"]);

    await setUserPerson(ctx.db, admin.actor, {
      userId: first.id,
      personEmail: email.toUpperCase(),
    });
    expect((await actorForUser(ctx.db, first.id)).personId).toBe(person!.id);
    const taken = await failure(
      setUserPerson(ctx.db, admin.actor, { userId: second.id, personEmail: email }),
    );
    expect(taken.fieldErrors.personEmail).toEqual(["identity.admin.personTaken"]);

    await setUserPerson(ctx.db, admin.actor, { userId: first.id, personEmail: "" });
    expect((await actorForUser(ctx.db, first.id)).personId).toBeNull();
  });

  it("audits the invitation without secrets", async () => {
    const admin = await createTestUser(ctx.db, { isPlatformAdmin: true });
    const email = uniqueEmail("audited");
    const { userId } = await inviteUser(ctx.db, admin.actor, { email, name: "Audit Person" });
    const entries = await ctx.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.entityId, userId));
    expect(entries.map((entry) => entry.action)).toContain("create");
    expect(entries[0]?.actorId).toBe(admin.id);
    const token = tokenFromMail((await mailsTo(ctx.db, email))[0], "/invitation/");
    await acceptInvitation(ctx.db, token, { password: TEST_PASSWORD, confirm: TEST_PASSWORD });
    const all = JSON.stringify(
      await ctx.db.select().from(auditEntries).where(eq(auditEntries.entityId, userId)),
    );
    expect(all).not.toContain("argon2");
    expect(all).not.toContain(token);
    expect(all).not.toContain(sha256(token));
  });

  it("invitation links expire", async () => {
    const admin = await createTestUser(ctx.db, { isPlatformAdmin: true });
    const email = uniqueEmail("late");
    const sent = new Date();
    await inviteUser(ctx.db, admin.actor, { email, name: "Late Person" }, sent);
    const token = tokenFromMail((await mailsTo(ctx.db, email))[0], "/invitation/");
    const fourDaysLater = new Date(sent.getTime() + 4 * 24 * 60 * 60 * 1000);
    const error = await failure(
      acceptInvitation(
        ctx.db,
        token,
        { password: TEST_PASSWORD, confirm: TEST_PASSWORD },
        fourDaysLater,
      ),
    );
    expect(error.message).toBe("identity.token.expired");
  });

  it("a new invitation replaces the old link", async () => {
    const admin = await createTestUser(ctx.db, { isPlatformAdmin: true });
    const email = uniqueEmail("twice");
    await inviteUser(ctx.db, admin.actor, { email, name: "Twice Person" });
    const first = tokenFromMail((await mailsTo(ctx.db, email))[0], "/invitation/");
    const again = await inviteUser(ctx.db, admin.actor, { email, name: "Twice Person" });
    expect(again.status).toBe("reinvited");
    const second = tokenFromMail((await mailsTo(ctx.db, email))[0], "/invitation/");
    expect(second).not.toBe(first);
    expect((await inspectOneTimeToken(ctx.db, first, "invite")).status).toBe("invalid");
    expect((await inspectOneTimeToken(ctx.db, second, "invite")).status).toBe("valid");
  });

  it("answers a reset request the same way for unknown addresses, and mails nothing", async () => {
    const email = uniqueEmail("ghost");
    await expect(requestPasswordReset(ctx.db, { email }, { address })).resolves.toBeUndefined();
    expect(await mailsTo(ctx.db, email)).toHaveLength(0);
  });

  it("resets a password through a single-use link and ends the old sessions", async () => {
    const user = await createTestUser(ctx.db);
    const oldSession = await startSession(ctx.db, user.id);
    await requestPasswordReset(ctx.db, { email: user.email.toUpperCase() }, { address });
    const [mail] = await mailsTo(ctx.db, user.email);
    expect(mail?.subject).toBe("Återställ ditt lösenord i Samverka");
    const token = tokenFromMail(mail, "/reset-password/");
    const newPassword = "nya lösenordet vid havet";
    await resetPassword(ctx.db, token, { password: newPassword, confirm: newPassword });
    expect(await resolveSession(ctx.db, oldSession.sessionId)).toBeNull();
    await expect(
      loginWithPassword(ctx.db, { email: user.email, password: TEST_PASSWORD }, { address }),
    ).rejects.toThrow("identity.login.failed");
    const login = await loginWithPassword(
      ctx.db,
      { email: user.email, password: newPassword },
      { address },
    );
    expect(login.userId).toBe(user.id);
    const reuse = await failure(
      resetPassword(ctx.db, token, { password: newPassword, confirm: newPassword }),
    );
    expect(reuse.message).toBe("identity.token.used");
  });

  it("reset links expire after an hour", async () => {
    const user = await createTestUser(ctx.db);
    const asked = new Date();
    await requestPasswordReset(ctx.db, { email: user.email }, { address, now: asked });
    const token = tokenFromMail((await mailsTo(ctx.db, user.email))[0], "/reset-password/");
    const error = await failure(
      resetPassword(
        ctx.db,
        token,
        { password: "ett helt nytt lösenord", confirm: "ett helt nytt lösenord" },
        new Date(asked.getTime() + 61 * 60 * 1000),
      ),
    );
    expect(error.message).toBe("identity.token.expired");
  });

  it("silently stops mailing reset links over the rate limit", async () => {
    const user = await createTestUser(ctx.db);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await requestPasswordReset(ctx.db, { email: user.email }, { address });
    }
    expect(await mailsTo(ctx.db, user.email)).toHaveLength(3);
  });
});

describeDatabases("identity: permissions", (ctx) => {
  it("lets only admins invite, organization admins only into their own organization", async () => {
    const mine = await createTestOrganization(ctx.db, "Region Egen");
    const other = await createTestOrganization(ctx.db, "Region Annan");
    const orgAdmin = await createTestUser(ctx.db, {
      roles: [{ organizationId: mine.id, role: "admin" }],
    });
    const editor = await createTestUser(ctx.db, {
      roles: [{ organizationId: mine.id, role: "editor" }],
    });
    const invite = (organizationId?: string) => ({
      email: uniqueEmail("new"),
      name: "New Person",
      ...(organizationId ? { organizationId, role: "editor" } : {}),
    });

    expect((await failure(inviteUser(ctx.db, null, invite(mine.id)))).code).toBe("unauthenticated");
    expect((await failure(inviteUser(ctx.db, editor.actor, invite(mine.id)))).code).toBe(
      "forbidden",
    );
    expect((await failure(inviteUser(ctx.db, orgAdmin.actor, invite(other.id)))).code).toBe(
      "forbidden",
    );
    expect((await failure(inviteUser(ctx.db, orgAdmin.actor, invite()))).code).toBe("forbidden");
    const ok = await inviteUser(ctx.db, orgAdmin.actor, invite(mine.id));
    expect(ok.status).toBe("invited");
  });

  it("lets only admins of the organization give or take roles there", async () => {
    const mine = await createTestOrganization(ctx.db, "Region Roll");
    const other = await createTestOrganization(ctx.db, "Region Annan Roll");
    const orgAdmin = await createTestUser(ctx.db, {
      roles: [{ organizationId: mine.id, role: "admin" }],
    });
    const editor = await createTestUser(ctx.db, {
      roles: [{ organizationId: mine.id, role: "editor" }],
    });
    const target = await createTestUser(ctx.db);

    for (const [who, organizationId] of [
      [editor.actor, mine.id],
      [orgAdmin.actor, other.id],
      [null, mine.id],
    ] as const) {
      const error = await failure(
        setOrganizationRole(ctx.db, who, { userId: target.id, organizationId, role: "admin" }),
      );
      expect(["forbidden", "unauthenticated"]).toContain(error.code);
    }
    await setOrganizationRole(ctx.db, orgAdmin.actor, {
      userId: target.id,
      organizationId: mine.id,
      role: "editor",
    });
    expect((await actorForUser(ctx.db, target.id)).orgRoles.get(mine.id)).toBe("editor");
    expect(
      (
        await failure(
          removeOrganizationRole(ctx.db, editor.actor, {
            userId: target.id,
            organizationId: mine.id,
          }),
        )
      ).code,
    ).toBe("forbidden");
    await removeOrganizationRole(ctx.db, orgAdmin.actor, {
      userId: target.id,
      organizationId: mine.id,
    });
    expect((await actorForUser(ctx.db, target.id)).orgRoles.has(mine.id)).toBe(false);
    const trail = await ctx.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.entityId, `${target.id}:${mine.id}`));
    expect(trail.map((entry) => entry.action).sort()).toEqual(["create", "delete"]);
  });

  it("lets a region's admin manage roles in the administrations inside it, not in its siblings", async () => {
    const region = await createTestOrganization(ctx.db, "Region Förälder");
    const sibling = await createTestOrganization(ctx.db, "Region Syskon");
    const [hospital] = await ctx.db
      .insert(organizations)
      .values({
        name: "Sjukhusförvaltningen",
        kind: "administration",
        country: "SE",
        timeZone: "Europe/Stockholm",
        parentId: region.id,
      })
      .returning();
    const regionAdmin = await createTestUser(ctx.db, {
      roles: [{ organizationId: region.id, role: "admin" }],
    });
    const invited = await inviteUser(ctx.db, regionAdmin.actor, {
      email: uniqueEmail("hospital"),
      name: "Hanna Sjukhus",
      organizationId: hospital!.id,
      role: "editor",
    });
    expect(invited.status).toBe("invited");
    const listed = await listUsers(ctx.db, regionAdmin.actor);
    expect(listed.map((user) => user.id)).toContain(invited.userId);
    expect(
      (await listAssignableOrganizations(ctx.db, regionAdmin.actor)).map((o) => o.name),
    ).toEqual(expect.arrayContaining(["Region Förälder", "Sjukhusförvaltningen"]));

    await setOrganizationRole(ctx.db, regionAdmin.actor, {
      userId: invited.userId,
      organizationId: hospital!.id,
      role: "admin",
    });
    const refused = await failure(
      setOrganizationRole(ctx.db, regionAdmin.actor, {
        userId: invited.userId,
        organizationId: sibling.id,
        role: "editor",
      }),
    );
    expect(refused.code).toBe("forbidden");
  });

  it("lets only platform admins disable accounts, never their own", async () => {
    const organization = await createTestOrganization(ctx.db, "Region Avstängd");
    const orgAdmin = await createTestUser(ctx.db, {
      roles: [{ organizationId: organization.id, role: "admin" }],
    });
    const platformAdmin = await createTestUser(ctx.db, { isPlatformAdmin: true });
    const target = await createTestUser(ctx.db, {
      roles: [{ organizationId: organization.id, role: "editor" }],
    });
    expect(
      (
        await failure(
          setUserDisabled(ctx.db, orgAdmin.actor, { userId: target.id, disabled: true }),
        )
      ).code,
    ).toBe("forbidden");
    expect(
      (
        await failure(
          setUserDisabled(ctx.db, platformAdmin.actor, {
            userId: platformAdmin.id,
            disabled: true,
          }),
        )
      ).code,
    ).toBe("conflict");
    await setUserDisabled(ctx.db, platformAdmin.actor, { userId: target.id, disabled: true });
  });

  it("shows organization admins only the accounts of their organizations", async () => {
    const mine = await createTestOrganization(ctx.db, "Region Lista");
    const orgAdmin = await createTestUser(ctx.db, {
      roles: [{ organizationId: mine.id, role: "admin" }],
    });
    const member = await createTestUser(ctx.db, {
      roles: [{ organizationId: mine.id, role: "editor" }],
    });
    const outsider = await createTestUser(ctx.db);
    const seen = (await listUsers(ctx.db, orgAdmin.actor)).map((user) => user.id);
    expect(seen).toContain(member.id);
    expect(seen).not.toContain(outsider.id);
    const editor = await actorForUser(ctx.db, member.id);
    expect((await failure(listUsers(ctx.db, editor))).code).toBe("forbidden");
  });
});

describeDatabases("identity: API tokens", (ctx) => {
  it("authenticates by a personal token stored only as a hash, until it is revoked", async () => {
    const user = await createTestUser(ctx.db);
    const created = await createApiToken(ctx.db, user.actor, { name: "Integration" });
    expect(created.token).toMatch(/^svk_/);
    const [row] = await ctx.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row?.tokenHash).toBe(sha256(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const actor = await authenticateApiToken(ctx.db, created.token);
    expect(actor).toMatchObject({ userId: user.id, via: "token" });
    expect(await authenticateApiToken(ctx.db, created.token + "x")).toBeNull();
    expect(await authenticateApiToken(ctx.db, "svk_guess")).toBeNull();

    const other = await createTestUser(ctx.db);
    expect((await failure(revokeApiToken(ctx.db, other.actor, created.id))).code).toBe("not_found");
    await revokeApiToken(ctx.db, user.actor, created.id);
    expect(await authenticateApiToken(ctx.db, created.token)).toBeNull();
  });

  it("stops working when the account is disabled", async () => {
    const user = await createTestUser(ctx.db);
    const admin = await createTestUser(ctx.db, { isPlatformAdmin: true });
    const created = await createApiToken(ctx.db, user.actor, { name: "Sync" });
    await setUserDisabled(ctx.db, admin.actor, { userId: user.id, disabled: true });
    expect(await authenticateApiToken(ctx.db, created.token)).toBeNull();
  });

  it("cannot be minted with a token", async () => {
    const user = await createTestUser(ctx.db);
    const created = await createApiToken(ctx.db, user.actor, { name: "First" });
    const viaToken = await authenticateApiToken(ctx.db, created.token);
    expect((await failure(createApiToken(ctx.db, viaToken, { name: "Second" }))).code).toBe(
      "forbidden",
    );
  });
});

describeDatabases("identity: clean-up", (ctx) => {
  it("prunes ended sessions and old tokens, keeps live ones", async () => {
    const { pruneIdentityData } = await import("./cleanup.ts");
    const user = await createTestUser(ctx.db);
    const now = new Date();
    const old = await startSession(ctx.db, user.id, {
      now: new Date(now.getTime() - 2 * 24 * 60 * 60 * 1000),
    });
    const live = await startSession(ctx.db, user.id, { now });
    await pruneIdentityData(ctx.db, now);
    const left = await ctx.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(left.map((row) => row.idHash)).toEqual([sha256(live.sessionId)]);
    expect(left.map((row) => row.idHash)).not.toContain(sha256(old.sessionId));
  });
});
