import { describe, expect, it } from "vitest";
import { doneNotice } from "./page-loaders.ts";

const notices = { saved: "networks.saved", ended: "networks.ended" } as const;
const noticeOf = (query: string) =>
  doneNotice(new Request(`http://localhost/networks/1/members${query}`), notices);

describe("doneNotice", () => {
  it("names the page's notice for the change a redirect reports", () => {
    expect(noticeOf("?done=saved")).toBe("networks.saved");
    expect(noticeOf("?done=ended")).toBe("networks.ended");
  });

  it("shows nothing without a report, or for a report the page does not know", () => {
    expect(noticeOf("")).toBeNull();
    expect(noticeOf("?done=deleted")).toBeNull();
  });

  it("does not take an object's inherited names for notices", () => {
    for (const inherited of ["toString", "constructor", "__proto__", "hasOwnProperty"])
      expect(noticeOf(`?done=${inherited}`)).toBeNull();
  });
});
