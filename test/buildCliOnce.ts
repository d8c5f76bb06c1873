/**
 * vitest global setup: builds the CLI into lib/ once before the tests, so the tests that spawn
 * `node lib/cchc.mjs` run the JavaScript a user gets, built from the sources being tested.
 */
import { buildCli } from "../scripts/build-cli.ts";

export default async function setup(): Promise<void> {
  await buildCli();
}
