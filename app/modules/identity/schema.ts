import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations, people } from "../directory/schema.ts";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** Accounts. Email is stored lower-case; a null password hash means "log in by e-ID or not yet set". */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    isPlatformAdmin: boolean("is_platform_admin").notNull().default(false),
    /**
     * The account's own entry in the directory: what networks and meetings know it as. Set when an
     * invitation is accepted (the invitee proved the address) or by a platform admin; never moved
     * by editing a person's email.
     */
    personId: uuid("person_id").references(() => people.id, { onDelete: "set null" }),
    locale: text("locale", { enum: ["sv", "nb", "en"] })
      .notNull()
      .default("sv"),
    /** Set when the invitee first sets a password or logs in through an invitation. */
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("users_email_key").on(table.email),
    uniqueIndex("users_person_key").on(table.personId),
    check("users_email_lower_case", sql`${table.email} = lower(${table.email})`),
  ],
);

/** Server-side sessions. Only a SHA-256 hash of the cookie's session id is stored. */
export const sessions = pgTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** Absolute end of the session, however active it is. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    csrfToken: text("csrf_token").notNull(),
  },
  (table) => [
    index("sessions_user_idx").on(table.userId),
    index("sessions_expires_idx").on(table.expiresAt),
  ],
);

/** An OpenID Connect identity, keyed on (issuer, subject); never matched by its email claim. */
export const externalIdentities = pgTable(
  "external_identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The provider's display name for the identity, for the account page only. */
    label: text("label").notNull().default(""),
    createdAt: createdAt(),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("external_identities_issuer_subject_key").on(table.issuer, table.subject),
    index("external_identities_user_idx").on(table.userId),
  ],
);

/** Single-use links for invitations and password resets; only the token's hash is stored. */
export const oneTimeTokens = pgTable(
  "one_time_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull(),
    kind: text("kind", { enum: ["invite", "reset"] }).notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("one_time_tokens_hash_key").on(table.tokenHash),
    index("one_time_tokens_user_idx").on(table.userId, table.kind),
  ],
);

/** Personal API tokens for integrations; only a SHA-256 hash is stored, the prefix is shown. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    prefix: text("prefix").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("api_tokens_hash_key").on(table.tokenHash),
    index("api_tokens_user_idx").on(table.userId),
  ],
);

/** Fixed-window counters shared by every app instance (login and reset attempts). */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull(),
  },
  (table) => [index("rate_limits_window_idx").on(table.windowStart)],
);

/** A person's role in an organization: one role per organization. */
export const organizationRoles = pgTable(
  "organization_roles",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["admin", "editor"] }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.organizationId] }),
    index("organization_roles_organization_idx").on(table.organizationId),
  ],
);

/**
 * An OpenID Connect login under way: state, nonce and PKCE verifier, found by the hash of the
 * random id in a short-lived cookie, used once.
 */
export const oidcFlows = pgTable("oidc_flows", {
  idHash: text("id_hash").primaryKey(),
  state: text("state").notNull(),
  nonce: text("nonce").notNull(),
  codeVerifier: text("code_verifier").notNull(),
  purpose: text("purpose", { enum: ["login", "invitation", "link"] }).notNull(),
  /** For "link": the logged-in account; for "invitation": the invited account. */
  userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
  /** For "invitation": the hash of the invitation token, used up when the flow completes. */
  invitationTokenHash: text("invitation_token_hash"),
  next: text("next").notNull().default("/"),
  createdAt: createdAt(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** Secrets the app makes for itself on first start, shared by every instance (CSRF signing). */
export const identitySecrets = pgTable("identity_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: createdAt(),
});

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
