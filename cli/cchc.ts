#!/usr/bin/env node
/**
 * Entry point of the `cchc` command. `npm run build:cli` bundles it (with cli/ and shared/) into lib/cchc.mjs,
 * the JavaScript that package.json's `bin` points at; runtime dependencies stay external.
 */
import { main } from "./main.ts";

process.exitCode = await main(process.argv.slice(2));
