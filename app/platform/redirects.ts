/**
 * A `next=` target is followed only when it is a path on this site: it starts with one slash,
 * not two, carries no backslash or control characters, and resolves to our own origin — and
 * so does the path we hand back, since resolving dot segments (`/.//evil.example`) can turn a
 * harmless path into a protocol-relative URL.
 */
export function safeLocalPath(next: unknown, fallback = "/"): string {
  if (typeof next !== "string" || next.length === 0 || next.length > 2000) return fallback;
  if (!next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
  const base = "http://samverka.invalid";
  const resolved = new URL(next, base);
  if (resolved.origin !== base) return fallback;
  const path = resolved.pathname + resolved.search + resolved.hash;
  if (path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
