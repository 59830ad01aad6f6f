/** Who is acting: a logged-in person (by session or API token), or null for the public. */
export type OrgRole = "admin" | "editor";

export type Actor = {
  userId: string;
  /** How the audit log names this actor (the account's email). */
  label: string;
  isPlatformAdmin: boolean;
  /** The account's person in the directory, if linked: how networks and meetings know it. */
  personId: string | null;
  /** Organization id → the actor's role there. */
  orgRoles: ReadonlyMap<string, OrgRole>;
  via: "session" | "token";
};
