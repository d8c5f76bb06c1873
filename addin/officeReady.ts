/**
 * Waiting for Office.js, with a time limit: outside Excel, or when a proxy blocks office.js, the pane
 * must say so instead of waiting forever.
 */

/** Why the pane can or cannot talk to Excel. */
export type OfficeState = { ready: true } | { ready: false; reason: "no-office" | "not-excel" | "timeout"; message: string };

/** The Vietnamese explanation of each failure. */
export const OFFICE_MESSAGES = {
  "no-office": "Không tải được thư viện Office.js (office.js), nên không làm việc được với sổ tính.",
  "not-excel": "Trang này đang được mở ngoài Excel, nên không có sổ tính nào để làm việc.",
  timeout: "Office.js không phản hồi sau một lúc chờ, nên không làm việc được với sổ tính.",
} as const;

/**
 * Resolves once Office.js is ready inside Excel, or with the reason it is not (Office missing,
 * another host or none, or no answer within `timeoutMs`).
 *
 * @example
 * const state = await waitForOffice(globalThis, 10_000);
 * if (!state.ready) show(state.message);
 */
export function waitForOffice(scope: { Office?: unknown }, timeoutMs: number): Promise<OfficeState> {
  const office = scope.Office as { onReady?: () => Promise<{ host: unknown }>; HostType?: { Excel?: unknown } } | undefined;
  const fail = (reason: "no-office" | "not-excel" | "timeout"): OfficeState => ({ ready: false, reason, message: OFFICE_MESSAGES[reason] });
  if (office === undefined || typeof office.onReady !== "function") return Promise.resolve(fail("no-office"));
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fail("timeout")), timeoutMs);
    office.onReady!().then(
      (info) => {
        clearTimeout(timer);
        const excel = office.HostType?.Excel ?? "Excel";
        resolve(info?.host === excel ? { ready: true } : fail("not-excel"));
      },
      () => {
        clearTimeout(timer);
        resolve(fail("no-office"));
      },
    );
  });
}
