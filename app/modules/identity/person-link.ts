import { and, eq, isNull, notExists } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
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
}
