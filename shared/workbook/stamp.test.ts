import { describe, expect, it } from "vitest";
import { scaledInput, sonLa2023 } from "../../test/fixtures/scaledInput.ts";
import { canonicalJson, dataHash } from "./stamp.ts";

/** FNV-1a 64-bit of a text's UTF-16 code units with BigInt, the textbook way: the reference the fast hash must equal. */
function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) h = ((h ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, "0");
}

describe("dataHash", () => {
  it("the reference gives the published FNV-1a 64 test vectors", () => {
    // From the FNV reference (isthe.com/chongo/tech/comp/fnv): "" and "a".
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
  });

  it("is FNV-1a 64 of the canonical JSON (first 10 hex digits), for texts that need escaping, keys out of order and gaps", () => {
    const values: unknown[] = [
      null,
      "",
      12.5,
      -0,
      Number.NaN,
      true,
      [1, undefined, "x\u1ea1", { z: undefined, "b c": [null, false] }],
      { b: 1, a: { d: '"q"\\', c: "tab\tnew\nline" }, "10": 1, "9": 2, "": 0 },
      { s: "\ud83d\ude00 \ud800 alone", ctl: "\u0001\u001f" },
      // Where the native serialiser would differ, the exact walker answers: toJSON, functions, other prototypes.
      { d: new Date(0), b: 1 },
      { f: () => 1, a: [() => 2, Symbol("s")] },
      Object.assign(Object.create(null) as object, { z: 1, y: { x: 2, w: 3 } }),
      { m: new Map([["a", 1]]), n: new Number(3) },
      sonLa2023(),
      scaledInput({ so: 20, xa: 75 }),
    ];
    for (const v of values) expect(dataHash(v), canonicalJson(v).slice(0, 60)).toBe(fnv1a64(canonicalJson(v)).slice(0, 10));
  });
});
