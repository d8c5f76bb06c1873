/**
 * The line under a table's title naming the decision it is attached to. An ISO date (`2024-01-17`)
 * is printed `17/01/2024`; without a decision the number and date are left as dots to fill in.
 *
 * @example
 * decisionLine({ number: "94/QĐ-UBND", date: "2024-01-17" });
 * // "(Kèm theo Quyết định số 94/QĐ-UBND ngày 17/01/2024 của Chủ tịch UBND tỉnh)"
 * decisionLine(undefined);
 * // "(Kèm theo Quyết định số …/QĐ-UBND ngày … của Chủ tịch UBND tỉnh)"
 */
export function decisionLine(decision: { number: string; date: string } | undefined): string {
  if (decision === undefined) return "(Kèm theo Quyết định số …/QĐ-UBND ngày … của Chủ tịch UBND tỉnh)";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(decision.date.trim());
  const date = m === null ? decision.date.trim() : `${m[3]}/${m[2]}/${m[1]}`;
  return `(Kèm theo Quyết định số ${decision.number.trim()} ngày ${date} của Chủ tịch UBND tỉnh)`;
}
