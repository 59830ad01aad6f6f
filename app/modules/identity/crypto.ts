import crypto from "node:crypto";

/** A random secret of `bytes` bytes, base64url-encoded (session ids, tokens, links). */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

/** SHA-256 as hex: how session ids and tokens are stored, so a database leak gives no logins. */
export function sha256(value: string): string {
  return crypto.createHash("sha256").update(value, "utf8").digest("hex");
}

export function hmac(secret: string, value: string): string {
  return crypto.createHmac("sha256", secret).update(value, "utf8").digest("base64url");
}

/** Compares two strings in time independent of where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  if (left.length !== right.length) return false;
  return crypto.timingSafeEqual(left, right);
}
