import type { AnalysisSection } from "./buildAnalysis.ts";

/**
 * The written analysis as Markdown: an optional top heading, a `###` heading per block, sub-headings
 * ("a) …") in bold, bullets ("- …") as list items, other paragraphs as paragraphs.
 *
 * @example
 * analysisToMarkdown([{ blockId: "so", title: "1. Đối với khối sở", paragraphs: ["a) Kết quả chung", "Văn bản.", "- Ý một."] }],
 *   { heading: "III. KẾT QUẢ CHỈ SỐ CCHC NĂM 2023" });
 * // "## III. KẾT QUẢ CHỈ SỐ CCHC NĂM 2023\n\n### 1. Đối với khối sở\n\n**a) Kết quả chung**\n\nVăn bản.\n\n- Ý một.\n"
 */
export function analysisToMarkdown(sections: readonly AnalysisSection[], options: { heading?: string } = {}): string {
  const blocks: string[] = [];
  if (options.heading !== undefined) blocks.push(`## ${options.heading}`);
  for (const s of sections) {
    blocks.push(`### ${escapeMarkdown(s.title)}`);
    let list: string[] = [];
    const flush = (): void => {
      if (list.length > 0) blocks.push(list.join("\n"));
      list = [];
    };
    for (const p of s.paragraphs) {
      if (p.startsWith("- ")) {
        list.push(`- ${escapeMarkdown(p.slice(2))}`);
        continue;
      }
      flush();
      blocks.push(/^[a-zđ]\) /u.test(p) ? `**${escapeMarkdown(p)}**` : escapeMarkdown(p));
    }
    flush();
  }
  return `${blocks.join("\n\n")}\n`;
}

/**
 * Escapes the characters that would change Markdown's meaning inside running text.
 *
 * @example
 * escapeMarkdown("a*b_c"); // "a\\*b\\_c"
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|#])/g, "\\$1");
}
