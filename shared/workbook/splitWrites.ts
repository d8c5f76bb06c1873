/**
 * How a host cuts a write plan into requests of bounded size (Excel on the web refuses a request over 5 MB):
 * the size of what a part sends (`jsonBytes`), and the split of a sequence of parts into consecutive batches
 * under a budget (`splitWrites`). The host describes each part it would queue with its estimated size; the
 * split is decided here, once for every host, before anything is queued.
 */

/**
 * UTF-8 bytes of a string, as it crosses the wire (no TextEncoder: the core also runs in Apps Script).
 *
 * @example
 * utf8Length("Sở"); // 4
 * utf8Length("abc"); // 3
 */
export function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      n += 2; // a surrogate pair: 4 bytes for 2 UTF-16 code units
      i++;
    } else n += c >= 0x800 ? 2 : 1;
  }
  return n;
}

/**
 * UTF-8 bytes of a value's JSON text (0 for undefined).
 *
 * @example
 * jsonBytes([["Sở", 1.5]]); // 13
 */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value);
  return text === undefined ? 0 : utf8Length(text);
}

/** A run of consecutive parts, `start` included, `end` excluded, and their total size. */
export interface WriteBatch {
  start: number;
  end: number;
  size: number;
}

/**
 * Cuts parts of the given sizes (in order) into as few consecutive batches as possible, each at most `budget`
 * in total: one batch when everything fits, a new batch only when the next part would overflow the current
 * one. A part larger than the budget on its own gets a batch of its own (callers split such parts first, e.g.
 * a value grid into row chunks with this same function over its rows' sizes).
 *
 * @example
 * splitWrites([40, 30, 20], 100); // [{ start: 0, end: 3, size: 90 }]
 * splitWrites([40, 30, 50, 20], 100); // [{ start: 0, end: 2, size: 70 }, { start: 2, end: 4, size: 70 }]
 */
export function splitWrites(sizes: readonly number[], budget: number): WriteBatch[] {
  const out: WriteBatch[] = [];
  let current: WriteBatch | null = null;
  sizes.forEach((size, i) => {
    if (current !== null && current.size + size > budget) {
      out.push(current);
      current = null;
    }
    if (current === null) current = { start: i, end: i, size: 0 };
    current.end = i + 1;
    current.size += size;
  });
  if (current !== null) out.push(current);
  return out;
}
