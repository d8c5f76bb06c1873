/**
 * The result notices of the Sơn La example printed through LibreOffice (→ PDF → PNG): every unit's notice opens
 * its own A4 portrait page and fits on one or two pages. Needs libreoffice, pdftoppm, pdfinfo, pdftotext.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XlsxHost } from "../cli/xlsx/XlsxHost.ts";
import { saveWorkbook } from "../cli/xlsx/saveWorkbook.ts";
import { missingRenderPrograms, renderPdf } from "../scripts/render-pdf.ts";
import { createTemplate } from "../shared/workbook/createTemplate.ts";
import type { SheetWrite, WorkbookPort } from "../shared/workbook/port.ts";
import { writeNotices } from "../shared/workbook/writeNotices.ts";
import { sonLa2023 } from "./fixtures/scaledInput.ts";
import { emptyBook } from "./xlsxBooks.ts";

const run = promisify(execFile);

const missing = await missingRenderPrograms();
await run("sh", ["-c", "command -v pdftotext"]).catch(() => missing.push("pdftotext"));
const ci = process.env.CI === "true";
const skip = missing.length > 0 && !ci;
if (skip)
  console.warn(`renderNotices.test.ts: bỏ qua, thiếu chương trình ${missing.join(", ")} (cài libreoffice-calc-nogui poppler-utils)`);

const TITLE = "PHIẾU THÔNG BÁO KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023";

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.skipIf(skip)("printed result notices (LibreOffice)", () => {
  let dir = "";
  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`CI: thiếu chương trình ${missing.join(", ")}`);
    dir = await mkdtemp(join(tmpdir(), "render-notices-"));
  });
  afterAll(async () => {
    if (dir !== "" && process.env.KEEP_RENDER === undefined) await rm(dir, { recursive: true, force: true });
    else if (dir !== "") console.info(`render output kept in ${dir}`);
  });

  it(
    "Sơn La 2023: each unit's notice starts a page, in rank order, and takes one or two A4 portrait pages",
    { timeout: 300_000 },
    async () => {
      // The notices as `writeNotices` plans them for the example workbook, alone in a new book (printing starts at them).
      const host = new XlsxHost(emptyBook());
      expect((await createTemplate(host, sonLa2023(), { withScores: true })).ok).toBe(true);
      let plan: readonly SheetWrite[] = [];
      const spy: WorkbookPort = {
        listSheets: () => host.listSheets(),
        readSheets: (names, options) => host.readSheets(names, options),
        write: (changes) => {
          plan = changes;
          return host.write(changes);
        },
      };
      const outcome = await writeNotices(spy);
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      const only = emptyBook();
      await new XlsxHost(only).write(plan);
      const book = join(dir, "notices.xlsx");
      await saveWorkbook(only, book);

      const r = await renderPdf(book, join(dir, "png"));
      console.info(`render notices.xlsx: ${r.pageCount} trang, PDF ${r.timings.convertSeconds} s, PNG ${r.timings.rasterSeconds} s`);
      const pages: string[] = [];
      for (let p = 1; p <= r.pageCount; p++) pages.push((await run("pdftotext", ["-f", String(p), "-l", String(p), r.pdf, "-"])).stdout);
      const lines = pages.map((t) =>
        t
          .split("\n")
          .map((l) => l.trim())
          .filter((l) => l !== ""),
      );

      // Units in rank order, block after block, as the notices hold them.
      const units = outcome.result.blocks.flatMap((b) => [...b.units].sort((x, y) => x.rank - y.rank).map((u) => u.name));
      expect(units).toHaveLength(32);
      const opening = lines.flatMap((l, i) => (l[0] === TITLE ? [i] : []));
      expect(opening.map((i) => lines[i]?.[1])).toEqual(units);
      expect(opening[0]).toBe(0);
      opening.forEach((start, k) => {
        const end = opening[k + 1] ?? r.pageCount;
        expect(end - start, units[k]).toBeGreaterThanOrEqual(1);
        expect(end - start, units[k]).toBeLessThanOrEqual(2);
        // The notice ends (its last section and stamp) before the next one starts.
        const text = pages.slice(start, end).join("\n");
        expect(text, units[k]).toContain("V. ĐỂ NÂNG THỨ HẠNG, XẾP NHÓM");
        expect(text, units[k]).toContain("Tạo bởi cchc-index");
      });
      expect(r.pageCount).toBeLessThanOrEqual(64);
      const all = pages.join("\n");
      expect(all).toContain("95,44"); // SGTVT's index, the Vietnamese way
      expect(all).toContain("Để đạt hạng 19, chỉ số cần tăng thêm 0,27 điểm."); // SNGV

      // A4 portrait (210 × 297 mm → about 496 × 702 px at 60 dpi).
      const { width, height } = pngSize(await readFile(r.pngs[0] ?? ""));
      expect(width).toBeGreaterThan(490);
      expect(width).toBeLessThan(500);
      expect(height).toBeGreaterThan(696);
      expect(height).toBeLessThan(708);
    },
  );
});
