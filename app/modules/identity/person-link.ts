import { and, eq, isNull, ne, notExists } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { auditUpdate } from "../../platform/audit/service.ts";
import { AppError, forbidden, requireActor } from "../../platform/errors.ts";
import { isUuid } from "../../platform/ids.ts";
import { canManageAccounts } from "./permissions.ts";
import { people } from "../directory/schema.ts";
import { users } from "./schema.ts";

/**
 * Links an account to the directory's person with its email, when the account has none and the
 * person belongs to no other account. Call it only where the address was just proven (an
 * accepted invitation): editing a person's email must never hand that person to an account.
 */
export async function linkPersonByProvenEmail(
  tx: DbOrTx,
  user: { id: string; email: string; personId: string | null },
): Promise<void> {
  if (user.personId) return;
  const [person] = await tx
    .select({ id: people.id })
    .from(people)
    .where(
      and(
        eq(people.email, user.email),
        notExists(tx.select({ id: users.id }).from(users).where(eq(users.personId, people.id))),
      ),
    );
  if (!person) return;
  await tx
    .update(users)
    .set({ personId: person.id })
    .where(and(eq(users.id, user.id), isNull(users.personId)));
  await auditUpdate(tx, {
    actor: null,
    entityType: "user",
    entityId: user.id,
    entityLabel: user.email,
    before: { personId: null },
    after: { personId: person.id },
  });
}

/** The directory person an account acts as, for the administration page. */
export async function linkedPerson(
  db: DbOrTx,
  userId: string,
): Promise<{ id: string; name: string; email: string | null } | null> {
  const [row] = await db
    .select({ id: people.id, name: people.name, email: people.email })
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .where(eq(users.id, userId));
  return row ?? null;
}

/**
 * A platform admin links an account to the directory person with the given email, or unlinks it
 * (empty email). A person acts through one account at most.
 */
export async function setUserPerson(
  db: Db,
  actor: Actor | null,
  input: { userId: string; personEmail?: unknown },
): Promise<void> {
  if (!canManageAccounts(requireActor(actor))) throw forbidden();
  if (!isUuid(input.userId)) throw new AppError("not_found", "error.notFound");
  const email = typeof input.personEmail === "string" ? input.personEmail.trim().toLowerCase() : "";
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, input.userId)).for("update");
    if (!user) throw new AppError("not_found", "error.notFound");
    let personId: string | null = null;
    if (email) {
      const [person] = await tx
        .select({ id: people.id })
        .from(people)
        .where(eq(people.email, email));
      if (!person)
        throw new AppError("validation", "error.validation", {
          personEmail: ["identity.admin.personNotFound"],
        });
      const [holder] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.personId, person.id), ne(users.id, user.id)));
      if (holder)
        throw new AppError("validation", "error.validation", {
          personEmail: ["identity.admin.personTaken"],
        });
      personId = person.id;
    }
    if (personId === user.personId) return;
    await tx.update(users).set({ personId }).where(eq(users.id, user.id));
    await auditUpdate(tx, {
      actor,
      entityType: "user",
      entityId: user.id,
      entityLabel: user.email,
      before: { personId: user.personId },
      after: { personId },
    });
  });
}
