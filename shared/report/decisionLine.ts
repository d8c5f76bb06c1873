/**
 * The line under a table's title naming the decision it is attached to, or `undefined` when neither the
 * decision's number nor its date is known (the title then has no such line). An ISO date (`2024-01-17`) is
 * printed `17/01/2024`; what is not given is left out.
 *
 * @example
 * decisionLine({ number: "94/QĐ-UBND", date: "2024-01-17" });
 * // "(Kèm theo Quyết định số 94/QĐ-UBND ngày 17/01/2024 của Chủ tịch UBND tỉnh)"
 * decisionLine({ number: "94/QĐ-UBND" }); // "(Kèm theo Quyết định số 94/QĐ-UBND của Chủ tịch UBND tỉnh)"
 * decisionLine({ date: "2024-01-17" });   // "(Kèm theo Quyết định ngày 17/01/2024 của Chủ tịch UBND tỉnh)"
 * decisionLine(undefined);                // undefined
 */
export function decisionLine(decision: { number?: string; date?: string } | undefined): string | undefined {
  const number = decision?.number?.trim() ?? "";
  const rawDate = decision?.date?.trim() ?? "";
  if (number === "" && rawDate === "") return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(rawDate);
  const date = m === null ? rawDate : `${m[3]}/${m[2]}/${m[1]}`;
  const parts = [number === "" ? "" : ` số ${number}`, date === "" ? "" : ` ngày ${date}`].join("");
  return `(Kèm theo Quyết định${parts} của Chủ tịch UBND tỉnh)`;
}
