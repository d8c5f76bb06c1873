import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { TOOL_VERSION } from "../shared/version.ts";

const root = resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("the core's conventions", () => {
  it("every exported function, class and constant of shared/ has JSDoc with a worked @example", () => {
    const missing: string[] = [];
    for (const file of sources(resolve(root, "shared"))) {
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((line, i) => {
        const m = /^export (?:async )?(?:function|class|const) (\w+)/.exec(line);
        if (!m) return;
        // The JSDoc block right above the export (decorators or blank lines not allowed between).
        let j = i - 1;
        if (!lines[j]?.trim().endsWith("*/")) return missing.push(`${relative(root, file)}:${i + 1} ${m[1]}`);
        while (j > 0 && !lines[j]!.trim().startsWith("/**")) j--;
        const doc = lines.slice(j, i).join("\n");
        if (!doc.includes("@example") && !/^export const [A-Z_]+\b/.test(line)) missing.push(`${relative(root, file)}:${i + 1} ${m[1]}`);
      });
    }
    expect(missing).toEqual([]);
  });

  it("the core uses no host API (Office, Apps Script, DOM, Node)", () => {
    const offending: string[] = [];
    const banned =
      /\b(Excel|Office|SpreadsheetApp|HtmlService|PropertiesService|LockService)\.|from ["'](node:|fs|path|exceljs)|require\(|(?<![.\w])(document|window)\./;
    for (const file of sources(resolve(root, "shared"))) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (banned.test(line) && !line.trim().startsWith("*") && !line.trim().startsWith("//"))
            offending.push(`${relative(root, file)}:${i + 1}`);
        });
    }
    expect(offending).toEqual([]);
  });

  it("the stamped tool version is package.json's", () => {
    const pkg = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")) as { version: string };
    expect(TOOL_VERSION).toBe(pkg.version);
  });
});
