import type { MaybePromise } from "./port.ts";

/**
 * Continues with a value that may be a promise: synchronously when it is a plain value (an Apps Script host),
 * through `then` when it is a promise (Office JS, exceljs). The core's workbook jobs are written with it, so they
 * are synchronous exactly when their host is.
 *
 * @example
 * andThen(2, (n) => n + 1); // 3
 * await andThen(Promise.resolve(2), (n) => n + 1); // 3
 */
export function andThen<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise(value) ? value.then(next) : next(value);
}

function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}
