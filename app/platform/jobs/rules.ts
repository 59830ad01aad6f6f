/** Pure rules of the job queue: no I/O. */

export type BackoffOptions = {
  /** The delay after the first failed attempt. */
  baseMs?: number;
  /** The delay never exceeds this. */
  maxMs?: number;
  /** Growth per attempt (2 doubles the delay each time). */
  factor?: number;
  /**
   * "none": the exact exponential delay; "full": uniformly random in [0, delay]; "equal": half the
   * delay fixed plus a random half — spreads retries of many jobs that failed together.
   */
  jitter?: "none" | "full" | "equal";
  /** Source of randomness in [0, 1); injectable for tests. */
  random?: () => number;
};

export const defaultBackoff = {
  baseMs: 10_000,
  maxMs: 60 * 60_000,
  factor: 2,
  jitter: "equal",
} as const satisfies BackoffOptions;

/**
 * How long to wait before the next try after `attempts` failed attempts (1 = the first failure):
 * base · factor^(attempts−1), capped at max, optionally jittered.
 */
export function backoffDelayMs(attempts: number, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? defaultBackoff.baseMs;
  const maxMs = options.maxMs ?? defaultBackoff.maxMs;
  const factor = options.factor ?? defaultBackoff.factor;
  const jitter = options.jitter ?? defaultBackoff.jitter;
  const random = options.random ?? Math.random;
  const exponent = Math.max(0, Math.floor(attempts) - 1);
  // Math.min before the power would overflow to Infinity for absurd attempt counts.
  const raw = baseMs * Math.pow(factor, Math.min(exponent, 1000));
  const capped = Math.max(0, Math.min(maxMs, Number.isFinite(raw) ? raw : maxMs));
  switch (jitter) {
    case "none":
      return Math.round(capped);
    case "full":
      return Math.round(capped * random());
    case "equal":
      return Math.round(capped / 2 + (capped / 2) * random());
  }
}

/** After a failed attempt: try again later, or give up for good. */
export function nextStateAfterFailure(
  attempts: number,
  maxAttempts: number,
  permanent: boolean,
): "queued" | "failed" {
  return permanent || attempts >= maxAttempts ? "failed" : "queued";
}

/** Error text kept on the job row: the message (with a cause, if any), bounded in length. */
export function describeError(error: unknown, maxLength = 2000): string {
  let text: string;
  if (error instanceof Error) {
    text = `${error.name}: ${error.message}`;
    if (error.cause instanceof Error) text += ` (cause: ${error.cause.message})`;
  } else {
    text = String(error);
  }
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
