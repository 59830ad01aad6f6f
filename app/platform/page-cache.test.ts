import { describe, expect, it } from "vitest";
import { fillCachedPage, isShareable, PageCache, toCachedPage } from "./page-cache.ts";

const rendered = (nonce: string, token: string) => ({
  status: 200,
  headers: [["content-type", "text/html; charset=utf-8"]] as [string, string][],
  body: `<script nonce="${nonce}">x</script><input name="_csrf" value="${token}"><p>${token}</p>`,
});

describe("the anonymous page cache", () => {
  it("gives each visitor their own nonce and CSRF token, never the first visitor's", () => {
    const first = {
      nonce: "Tm9uY2UtT25lLTEyMzQ=",
      csrfToken: "tokenOfTheFirstVisitor_0123456789abcdefghijk",
    };
    const page = toCachedPage(rendered(first.nonce, first.csrfToken), first, Date.now() + 1000);
    expect(page.pieces.join("")).not.toContain(first.nonce);
    expect(page.pieces.join("")).not.toContain(first.csrfToken);
    expect(page.slots).toEqual(["nonce", "csrfToken", "csrfToken"]);

    const second = {
      nonce: "U2Vjb25kLU5vbmNlLTk4NzY=",
      csrfToken: "tokenOfTheSecondVisitor_abcdefghijk0123456789",
    };
    const html = fillCachedPage(page, second);
    expect(html).toBe(rendered(second.nonce, second.csrfToken).body);
  });

  it("shares only complete public pages", () => {
    const headers = (entries: Record<string, string>) => new Headers(entries);
    const html = { "content-type": "text/html; charset=utf-8" };
    expect(isShareable({ status: 200, headers: headers(html) })).toBe(true);
    expect(
      isShareable({
        status: 200,
        headers: headers({ ...html, "cache-control": "private, no-cache" }),
      }),
    ).toBe(true);
    expect(isShareable({ status: 404, headers: headers(html) })).toBe(false);
    expect(isShareable({ status: 302, headers: headers(html) })).toBe(false);
    expect(
      isShareable({ status: 200, headers: headers({ "content-type": "application/json" }) }),
    ).toBe(false);
    expect(
      isShareable({ status: 200, headers: headers({ ...html, "cache-control": "no-store" }) }),
    ).toBe(false);
    expect(
      isShareable({
        status: 200,
        headers: headers({ ...html, "cache-control": "private, no-store" }),
      }),
    ).toBe(false);
    expect(
      isShareable({ status: 200, headers: headers({ ...html, "set-cookie": "lang=nb" }) }),
    ).toBe(false);
  });

  it("forgets pages after their time, when cleared, and the least recently used first", () => {
    const cache = new PageCache(1000, 2);
    const now = 10_000;
    const page = (body: string) =>
      toCachedPage({ status: 200, headers: [], body }, { nonce: "", csrfToken: "" }, now + 1000);
    cache.set("a", page("A"));
    cache.set("b", page("B"));
    expect(cache.get("a", now)?.pieces).toEqual(["A"]);
    cache.set("c", page("C"));
    expect(cache.get("b", now)).toBeUndefined();
    expect(cache.get("a", now + 999)?.pieces).toEqual(["A"]);
    expect(cache.get("a", now + 1000)).toBeUndefined();
    cache.clear();
    expect(cache.get("c", now)).toBeUndefined();
  });
});
