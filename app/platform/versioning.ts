// Optimistic concurrency of the services: a change names the version it was based on, and the
// row (read under its lock) must still be at that version.
import { AppError } from "./errors.ts";

function conflict(): AppError {
  return new AppError("conflict", "error.conflict");
}

/** Refuses a change based on another version than the row's; no version given checks nothing. */
export function assertVersion(
  row: { version: number },
  expected: number | undefined,
  stale: () => AppError = conflict,
): void {
  if (expected !== undefined && row.version !== expected) throw stale();
}

/** The columns every version-checked update sets besides its own. */
export function nextVersion(row: { version: number }): { version: number; updatedAt: Date } {
  return { version: row.version + 1, updatedAt: new Date() };
}
