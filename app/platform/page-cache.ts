// A short-lived cache of the pages anonymous visitors get. The public pages (organization lists,
// conference programs, published minutes) are the same for every anonymous visitor but for two
// values: the CSP nonce of the response and the visitor's CSRF token. A page is stored with those
// two replaced by markers and filled in again for each visitor, so a cached page never carries
// another visitor's token or an old nonce. Any state-changing request clears the cache; the time
// to live bounds what another instance's change can leave stale.
export type CachedPage = {
  status: number;
  /** Response headers without Set-Cookie and the security headers each response gets anew. */
  headers: [string, string][];
  /** The page cut where the nonce and the token stood: text, slot, text, slot, …, text. */
  pieces: string[];
  slots: ("nonce" | "csrfToken")[];
  expiresAt: number;
};

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Stores a rendered page cut at its nonce and CSRF token, to be filled in per visitor. */
export function toCachedPage(
  page: { status: number; headers: [string, string][]; body: string },
  perVisitor: { nonce: string; csrfToken: string },
  expiresAt: number,
): CachedPage {
  const values = [perVisitor.nonce, perVisitor.csrfToken].filter(Boolean).map(escapeRegExp);
  const parts = values.length ? page.body.split(new RegExp(`(${values.join("|")})`)) : [page.body];
  const pieces: string[] = [];
  const slots: CachedPage["slots"] = [];
  parts.forEach((part, index) => {
    if (index % 2 === 0) pieces.push(part);
    else slots.push(part === perVisitor.nonce ? "nonce" : "csrfToken");
  });
  return { status: page.status, headers: page.headers, pieces, slots, expiresAt };
}

/** The page for one visitor: their nonce and their CSRF token where the first visitor's stood. */
export function fillCachedPage(
  page: CachedPage,
  perVisitor: { nonce: string; csrfToken: string },
): string {
  let html = page.pieces[0] ?? "";
  for (let index = 0; index < page.slots.length; index++) {
    html += perVisitor[page.slots[index]!] + page.pieces[index + 1];
  }
  return html;
}

/** Whether a page rendered for one anonymous visitor may be shown to the others. */
export function isShareable(response: {
  status: number;
  headers: { get(name: string): string | null; has(name: string): boolean };
}): boolean {
  if (response.status !== 200) return false;
  if (!(response.headers.get("content-type") ?? "").startsWith("text/html")) return false;
  if (response.headers.has("set-cookie")) return false;
  // "private" keeps shared HTTP caches away from the visitor's token; this cache fills the token
  // in per visitor. "no-store" marks a page with personal data: never shared.
  return !/no-store/i.test(response.headers.get("cache-control") ?? "");
}

/** At most `maxEntries` pages, least recently used first out, each for `ttlMs`. */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 500,
    private readonly maxBodyLength = 1_000_000,
  ) {}

  get(key: string, now = Date.now()): CachedPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    this.pages.delete(key);
    if (page.expiresAt <= now) return undefined;
    this.pages.set(key, page);
    return page;
  }

  set(key: string, page: CachedPage): void {
    if (page.pieces.reduce((length, piece) => length + piece.length, 0) > this.maxBodyLength)
      return;
    this.pages.delete(key);
    this.pages.set(key, page);
    while (this.pages.size > this.maxEntries) {
      const oldest = this.pages.keys().next().value;
      if (oldest === undefined) break;
      this.pages.delete(oldest);
    }
  }

  clear(): void {
    this.pages.clear();
  }

  get size(): number {
    return this.pages.size;
  }
}
