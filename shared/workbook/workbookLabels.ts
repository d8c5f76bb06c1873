import type { Method } from "../schema/inputSchema.ts";
import type { CellStyle } from "./port.ts";
import { labelKey } from "./labelKey.ts";

/**
 * Labels the reader looks for (it finds tables by these, never by fixed addresses) and the writer writes.
 * See docs/workbook.md.
 */
export const LABELS = {
  code: "Mã",
  criterionName: "Tên tiêu chí",
  max: "Điểm tối đa",
  method: "Phương thức",
  unitName: "Tên đơn vị",
  previousIndex: "Chỉ số năm trước",
  previousRank: "Xếp hạng năm trước",
  settingKey: "Mục",
  settingValue: "Giá trị",
  year: "Năm đánh giá",
  province: "Tỉnh",
  decisionNumber: "Số quyết định",
  decisionDate: "Ngày quyết định",
  /** `settings.precision`: 2 or 3 decimals for every score, total and index. */
  precision: "Số chữ số thập phân",
  blockId: "Mã khối",
  blockName: "Tên khối",
  /** Optional columns of the blocks table: last year's own rank-movement counts (`previousRankMoves`). */
  previousUp: "Năm trước: số đơn vị tăng bậc",
  previousHeld: "Năm trước: giữ bậc",
  previousDown: "Năm trước: giảm bậc",
  /** Start of an optional column of the groups table, then the block's id: last year's count per group (`previousGroupCounts`). */
  previousGroupCount: "Năm trước - ",
  groupName: "Nhóm",
  groupMin: "Từ chỉ số",
  /** Column A of the first row of the area the tool owns below the scores. */
  resultsMarker: "KẾT QUẢ",
  notApplicable: "KĐG",
  /** Settings row: "Có" makes a self score above 0 without evidence an error (a warning otherwise). */
  requireEvidence: "Bắt buộc tài liệu kiểm chứng",
  yes: "Có",
  no: "Không",
  /** Header of a form's evidence column (tài liệu kiểm chứng: số, ngày văn bản hoặc đường dẫn). */
  evidence: "Tài liệu kiểm chứng",
  /** Header of a form's note column. */
  selfNote: "Ghi chú",
} as const;

/** Vietnamese names of the leaf methods, as written in the "Phương thức" column. */
export const METHOD_LABELS: Record<Method, string> = {
  appraised: "Thẩm định",
  survey: "Điều tra XHH",
  satisfaction: "Hài lòng (SIPAS)",
};

/**
 * The method named by a "Phương thức" cell: Vietnamese label or English id, any case (compared by `labelKey`);
 * blank = appraised.
 *
 * @example
 * parseMethodLabel("điều tra xhh"); // "survey"
 * parseMethodLabel(""); // "appraised"
 * parseMethodLabel("khác"); // undefined
 */
export function parseMethodLabel(text: string): Method | undefined {
  const t = labelKey(text);
  if (t === "") return "appraised";
  for (const [method, label] of Object.entries(METHOD_LABELS) as [Method, string][]) {
    if (t === labelKey(label) || t === method) return method;
  }
  if (t === "sipas" || t === "hài lòng") return "satisfaction";
  if (t === "xhh" || t === "điều tra") return "survey";
  return undefined;
}

/** The font of every sheet the tool writes, as in the decision. */
export const FONT = "Times New Roman";
/** Styles shared by the sheets the tool writes. */
export const STYLES = {
  title: { fontName: FONT, fontSize: 14, bold: true, hAlign: "center", vAlign: "middle" },
  subtitle: { fontName: FONT, fontSize: 12, italic: true, hAlign: "center", vAlign: "middle" },
  header: {
    fontName: FONT,
    fontSize: 12,
    bold: true,
    hAlign: "center",
    vAlign: "middle",
    wrap: true,
    border: true,
    fill: "#DDEBF7",
  },
  text: { fontName: FONT, fontSize: 12, vAlign: "middle", wrap: true, border: true },
  input: { fontName: FONT, fontSize: 12, vAlign: "middle", border: true },
  parentRow: { fontName: FONT, fontSize: 12, bold: true, vAlign: "middle", wrap: true, border: true, fill: "#F2F2F2" },
  owned: { fontName: FONT, fontSize: 12, vAlign: "middle", border: true, fill: "#FFF2CC" },
  ownedLabel: { fontName: FONT, fontSize: 12, bold: true, vAlign: "middle", border: true, fill: "#FFE699" },
  note: { fontName: FONT, fontSize: 11, italic: true },
  plain: { fontName: FONT, fontSize: 12 },
} satisfies Record<string, CellStyle>;

/**
 * Number formats at a precision: scores with `precision` decimals ("0.00", or "0.000" at 3), whole numbers, text
 * (so codes such as "1.10" stay text).
 *
 * @example
 * numberFormats(3).score;       // "0.000"
 * numberFormats(3).signedScore; // "+0.000;-0.000;0.000"
 * numberFormats().score;        // "0.00"
 */
export function numberFormats(precision: 2 | 3 = 2) {
  const score = precision === 3 ? "0.000" : "0.00";
  return {
    score,
    integer: "0",
    signedScore: `+${score};-${score};${score}`,
    signedInteger: "+0;-0;0",
    text: "@",
    general: "General",
  } as const;
}

/** Number formats at the default precision 2 (`numberFormats(2)`): scores "0.00", whole numbers, text. */
export const NUMBER_FORMATS = {
  score: "0.00",
  integer: "0",
  signedScore: "+0.00;-0.00;0.00",
  signedInteger: "+0;-0;0",
  text: "@",
  general: "General",
} as const;

/** Note put on the first cell of every area the tool owns. */
export const OWNED_NOTE =
  "Vùng do công cụ cchc-index ghi: mỗi lần tính lại, vùng này được xóa và ghi lại toàn bộ. Đừng nhập dữ liệu vào đây.";
