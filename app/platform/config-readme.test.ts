import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "./paths.ts";

// The README's configuration table must name every variable config.ts reads.
describe("README configuration table", () => {
  it("lists every environment variable of config.ts", () => {
    const source = fs.readFileSync(path.join(projectRoot, "app/platform/config.ts"), "utf8");
    const schema = /const EnvSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(source)?.[1] ?? "";
    const names = [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((match) => match[1]!);
    expect(names.length).toBeGreaterThan(5);

    const readme = fs.readFileSync(path.join(projectRoot, "README.md"), "utf8");
    const table = /<!-- config-table:start -->([\s\S]*?)<!-- config-table:end -->/.exec(
      readme,
    )?.[1];
    expect(table, "the README's configuration table").toBeDefined();
    const documented = [...table!.matchAll(/^\| `([A-Z][A-Z0-9_]*)`/gm)].map((match) => match[1]!);
    expect(documented.toSorted()).toEqual(names.toSorted());
  });
});
