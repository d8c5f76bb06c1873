/**
 * The tool's version, stamped on every generated sheet. Kept equal to package.json's version by a test.
 *
 * @example
 * `cchc-index ${TOOL_VERSION}`; // "cchc-index 0.1.0"
 */
export const TOOL_VERSION = "0.1.0";
