/**
 * Property test of the .xlsx host through the CLI (issue 11): a few hundred mutated workbooks, written as
 * REAL .xlsx files, go through `cchc recalc` in-process (its command function, not child processes).
 * Mutations: random bytes flipped, truncations and insertions; ZIP-level (parts dropped, doubled, replaced,
 * stored instead of deflated); XML-level edits of the template made by `cchc template` and of a small
 * workbook made by `cchc workbook`: cell values (numbers, texts, "KĐG", booleans, errors, formulas
 * without a cached value, very long texts), shared strings (labels, codes, names), sheet names, deleted rows.
 * Never an exception; exit 0 with a result, or exit 2 with Vietnamese messages and the file byte-identical.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { InputDocument } from "../shared/schema/inputSchema.ts";
import { run as recalc } from "../cli/commands/recalc.ts";
import { run as template } from "../cli/commands/template.ts";
import { run as workbook } from "../cli/commands/workbook.ts";
import { captureCli } from "./helpers/captureCli.ts";
import { unzipBytes, zipBytes, type ZipInput } from "./helpers/zipBytes.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const TMP = mkdtempSync(path.join(tmpdir(), "cchc-prop-"));
const RUNS = Number(process.env["CCHC_PROPERTY_RUNS"] ?? 200);
const ENGLISH = /Corrupted|End of data|can't find|Cannot |undefined|Error:|\bat .+:\d+:\d+|invalid|unexpected/i;

let bases: { name: string; bytes: Buffer; entries: { name: string; data: Buffer }[] }[] = [];

beforeAll(async () => {
  const fixture = JSON.parse(readFileSync(path.join(ROOT, "test/fixtures/son-la-2023/input.json"), "utf8")) as InputDocument;
  const block = fixture.blocks[0]!;
  const units = block.units.slice(0, 3);
  const pick = (m: Record<string, unknown> = {}) => Object.fromEntries(units.map((u) => [u.code, m[u.code]]));
  const small = { ...fixture, blocks: [{ ...block, units, scores: pick(block.scores), selfScores: pick(block.selfScores) }] };
  writeFileSync(path.join(TMP, "small.json"), JSON.stringify(small));
  const made = [
    await captureCli(() => template([path.join(TMP, "template.xlsx")])),
    await captureCli(() => workbook([path.join(TMP, "small.json"), path.join(TMP, "small.xlsx")])),
  ];
  for (const r of made) expect(r.code, r.stderr).toBe(0);
  bases = ["template.xlsx", "small.xlsx"].map((name) => {
    const bytes = readFileSync(path.join(TMP, name));
    return { name, bytes, entries: unzipBytes(bytes) };
  });
}, 120_000);

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const cellContent = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((n) => `<v>${n}</v>`),
  fc.integer({ min: -5, max: 120 }).map((n) => `<v>${n}</v>`),
  fc
    .constantFrom(
      "",
      "KĐG",
      "kđg ",
      "3,5",
      "3.505",
      "abc",
      "1.2.3",
      "\u00a07",
      "__proto__",
      "toString",
      "Biểu 3",
      "Điểm tối đa",
      "x".repeat(40_000),
    )
    .map((s) => `<is><t xml:space="preserve">${escapeXml(s)}</t></is>`),
  fc.constantFrom("<v>1</v>", "<v>0</v>").map((v) => `T${v}`), // boolean
  fc.constant("E<v>#N/A</v>"), // error
  fc.constant("<f>1+1</f>"), // formula without a cached value
  fc.constant(""), // emptied
);

/** One mutation of a workbook's bytes or parts. */
const mutation = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("flip" as const),
      at: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      xor: fc.integer({ min: 1, max: 255 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("zip" as const),
      op: fc.constantFrom("drop", "double", "garbage", "store", "emptyPart"),
      part: fc.nat(),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("cells" as const),
      sheet: fc.nat(),
      edits: fc.array(fc.record({ cell: fc.nat(), content: cellContent }), { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("strings" as const),
      at: fc.nat(),
      text: fc.constantFrom("", "Mã", "mã đơn vị", "SNV", "1.1", "1.1.1", "Tổng", "biểu 3", "KĐG", "U01"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("sheetName" as const),
      at: fc.nat(),
      name: fc.constantFrom("biểu 3", "Biểu 3", "Cài đặt", "Tiêu chí - Sở", "X", "delete"),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("row" as const), sheet: fc.nat() }) },
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function rezip(entries: { name: string; data: Buffer }[], method: 0 | 8 = 8): Buffer {
  return zipBytes(entries.map((e): ZipInput => ({ name: e.name, data: e.data, method })));
}

function editPart(entries: { name: string; data: Buffer }[], match: RegExp, pick: number, edit: (xml: string) => string): Buffer {
  const parts = entries.filter((e) => match.test(e.name));
  const target = parts[pick % Math.max(1, parts.length)];
  return rezip(entries.map((e) => (e === target ? { name: e.name, data: Buffer.from(edit(e.data.toString("utf8"))) } : e)));
}

function mutate(base: (typeof bases)[number], m: Mutation): Buffer {
  const { bytes, entries } = base;
  switch (m.kind) {
    case "flip": {
      const out = Buffer.from(bytes);
      for (const at of m.at) out[at % out.length]! ^= m.xor;
      return out;
    }
    case "truncate":
      return bytes.subarray(0, m.at % bytes.length);
    case "insert": {
      const at = m.at % bytes.length;
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
    }
    case "zip": {
      const i = m.part % entries.length;
      const e = entries[i]!;
      if (m.op === "drop") return rezip(entries.filter((_, k) => k !== i));
      if (m.op === "double") return rezip([...entries, e]);
      if (m.op === "store") return rezip(entries, 0);
      if (m.op === "emptyPart") return rezip(entries.map((x, k) => (k === i ? { name: x.name, data: Buffer.alloc(0) } : x)));
      return rezip(entries.map((x, k) => (k === i ? { name: x.name, data: Buffer.from("<<garbage ü \u0000") } : x)));
    }
    case "cells":
      return editPart(entries, /^xl\/worksheets\/sheet\d+\.xml$/, m.sheet, (xml) => {
        let out = xml;
        for (const edit of m.edits) {
          const cells = [...out.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>.*?<\/c>)/gs)];
          const c = cells[edit.cell % Math.max(1, cells.length)];
          if (c === undefined) continue;
          const style = /\ss="\d+"/.exec(c[2] ?? "")?.[0] ?? "";
          const content = edit.content;
          const type = content.startsWith("<is>")
            ? ' t="inlineStr"'
            : content.startsWith("T<")
              ? ' t="b"'
              : content.startsWith("E<")
                ? ' t="e"'
                : "";
          const body = content.replace(/^[TE]</, "<");
          const replaced = body === "" ? `<c r="${c[1]}"${style}/>` : `<c r="${c[1]}"${style}${type}>${body}</c>`;
          out = out.slice(0, c.index) + replaced + out.slice(c.index + c[0].length);
        }
        return out;
      });
    case "strings":
      return editPart(entries, /^xl\/sharedStrings\.xml$/, 0, (xml) => {
        const texts = [...xml.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)];
        const t = texts[m.at % Math.max(1, texts.length)];
        if (t === undefined) return xml;
        return xml.slice(0, t.index) + `<t xml:space="preserve">${escapeXml(m.text)}</t>` + xml.slice(t.index + t[0].length);
      });
    case "sheetName":
      return editPart(entries, /^xl\/workbook\.xml$/, 0, (xml) => {
        const sheets = [...xml.matchAll(/<sheet [^>]*?name="([^"]*)"[^>]*\/>/g)];
        const s = sheets[m.at % Math.max(1, sheets.length)];
        if (s === undefined) return xml;
        const replaced = m.name === "delete" ? "" : s[0].replace(`name="${s[1]}"`, `name="${escapeXml(m.name)}"`);
        return xml.slice(0, s.index) + replaced + xml.slice(s.index + s[0].length);
      });
    case "row":
      return editPart(entries, /^xl\/worksheets\/sheet\d+\.xml$/, m.sheet, (xml) => {
        const rows = [...xml.matchAll(/<row [^>]*>.*?<\/row>/gs)];
        const r = rows[Math.floor(rows.length / 2)];
        return r === undefined ? xml : xml.slice(0, r.index) + xml.slice(r.index + r[0].length);
      });
  }
}

describe("cchc recalc on mutated real .xlsx files", () => {
  it(`never throws: exit 0 with a result, or exit 2 with Vietnamese messages and the file unchanged (${RUNS} files)`, async () => {
    const tally: Record<string, number> = {};
    const messages = new Set<string>();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 1 }), mutation, async (which, m) => {
        const base = bases[which]!;
        const bytes = mutate(base, m);
        const file = path.join(TMP, `m${n++}.xlsx`);
        writeFileSync(file, bytes);
        const r = await captureCli(() => recalc([file]));
        const key = `${m.kind}:${r.code}`;
        if (process.env["CCHC_PROPERTY_LOG"]) {
          for (const line of r.stderr.split("\n").filter(Boolean))
            messages.add(`${m.kind}:${r.code} ${line.replace(file, "FILE").replace(/\d+/g, "N").slice(0, 110)}`);
        }
        tally[key] = (tally[key] ?? 0) + 1;
        expect([0, 2], r.stderr).toContain(r.code);
        if (r.code === 0) {
          expect(r.stdout).toContain("Đã ghi:");
        } else {
          expect(r.stdout).toBe("");
          expect(r.stderr).toContain(`${file}: `); // the file is named (its cells too, when the core found them)
          expect(r.stderr).not.toMatch(ENGLISH);
          expect(Buffer.compare(readFileSync(file), bytes)).toBe(0);
        }
      }),
      { numRuns: RUNS, seed: Number(process.env["CCHC_PROPERTY_SEED"] ?? 20231) },
    );
    expect(readdirSync(TMP).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    // Every class of mutation was tried, and both endings occurred.
    const kinds = new Set(Object.keys(tally).map((k) => k.split(":")[0]));
    expect([...kinds].sort()).toEqual(["cells", "flip", "insert", "row", "sheetName", "strings", "truncate", "zip"]);
    expect(Object.keys(tally).some((k) => k.endsWith(":0"))).toBe(true);
    console.log("recalc property test (mutation:exit → count):", JSON.stringify(tally));
    if (messages.size > 0) console.log([...messages].sort().join("\n"));
  }, 300_000);
});
