// ESLint flat config: typescript-eslint's type-aware recommended rules, Microsoft's Office add-in rules for
// addin/, the globals of each host, and what Apps Script lacks forbidden where code runs there.
// Formatting is Prettier's (eslint-config-prettier turns off every stylistic rule); `npm run lint` runs both.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import prettier from "eslint-config-prettier/flat";
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Web APIs that Apps Script's V8 runtime does not have (the bundle would fail at run time there). */
const APPS_SCRIPT_MISSING = [
  ["TextEncoder", "Apps Script has no TextEncoder: use Utilities.newBlob(text).getBytes() in the host, or count in the core."],
  ["TextDecoder", "Apps Script has no TextDecoder: use Utilities.newBlob(bytes).getDataAsString() in the host."],
  ["setTimeout", "Apps Script has no timers: use Utilities.sleep(ms) in the host."],
  ["setInterval", "Apps Script has no timers."],
  ["clearTimeout", "Apps Script has no timers."],
  ["clearInterval", "Apps Script has no timers."],
  ["structuredClone", "Apps Script has no structuredClone: copy explicitly (JSON or a spread)."],
  ["fetch", "Apps Script has no fetch: use UrlFetchApp.fetch in the host."],
  ["queueMicrotask", "Apps Script has no queueMicrotask."],
].map(([name, message]) => ({ name, message }));

/** Apps Script's services (the V8 runtime's own globals come from globals.es2021). */
const APPS_SCRIPT_GLOBALS = Object.fromEntries(
  [
    "SpreadsheetApp",
    "HtmlService",
    "LockService",
    "PropertiesService",
    "CacheService",
    "ScriptApp",
    "Session",
    "Utilities",
    "Logger",
    "UrlFetchApp",
    "DriveApp",
    "Browser",
    "console",
  ].map((name) => [name, "readonly"]),
);

/** Hosts' and runtimes' globals the core must not touch (shared/ is pure TypeScript, see README). */
const NOT_IN_CORE = [
  "window",
  "document",
  "navigator",
  "Office",
  "Excel",
  "OfficeExtension",
  "SpreadsheetApp",
  "Utilities",
  "HtmlService",
  "google",
  "process",
  "Buffer",
  "require",
  "__dirname",
  "__filename",
].map((name) => ({
  name,
  message: "shared/ is the pure core: a host's or runtime's API belongs in its adapter (addin/, appsscript/, cli/).",
}));

const config = defineConfig(
  globalIgnores(["dist/", "lib/", "out/", "coverage/", "test/artifacts/", ".scratch/", "**/node_modules/"]),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // One TypeScript program from tsconfig.json for all files; JS files outside it get a default one.
        projectService: { allowDefaultProject: ["*.js", "*.mjs", "bin/*.js", "bin/*.mjs"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Off: an `async` method without `await` is how port implementations, fakes and CLI commands return a
      // promise (WorkbookPort's methods may be asynchronous), and `async` turns a throw into a rejection.
      // Forgotten awaits are caught by no-floating-promises and no-misused-promises, which stay on.
      "@typescript-eslint/require-await": "off",
      // `_name` marks a parameter or binding kept on purpose (callbacks' positional arguments, rest omission).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
  },

  // Node: the CLI, the build scripts, the tests and the configs.
  {
    files: ["cli/**", "scripts/**", "test/**", "assets/**", "bin/**", "**/*.test.ts", "*.js", "*.ts"],
    languageOptions: { globals: { ...globals.node } },
  },
  // Browsers: the Excel task pane and commands, the shared result view, the Google sidebar's client script.
  {
    files: ["addin/**", "ui/**", "appsscript/sidebarClient.ts", "test/fakes/officeFake.browser.ts"],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Office add-in rules (eslint-plugin-office-addins, what office-addin-lint runs): load before read, sync
  // after load, no sync in loops, isNullObject instead of null tests, Office.onReady over Office.initialize.
  {
    files: ["addin/**/*.ts"],
    ignores: ["**/*.test.ts"],
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      // Microsoft's preset warns; `npm run lint` fails on warnings, so say it: a sync in a loop needs a reason.
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
    },
  },
  // Apps Script server code: its globals (types come from @types/google-apps-script).
  {
    files: ["appsscript/**/*.ts"],
    ignores: ["appsscript/sidebarClient.ts"],
    languageOptions: { globals: { ...globals.es2021, ...APPS_SCRIPT_GLOBALS } },
  },
  // Code that runs inside Apps Script (the server code and the core bundled with it): no web APIs it lacks.
  {
    files: ["appsscript/**/*.ts", "shared/**/*.ts"],
    ignores: ["appsscript/sidebarClient.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-globals": ["error", ...APPS_SCRIPT_MISSING],
      "no-restricted-properties": [
        "error",
        ...APPS_SCRIPT_MISSING.flatMap(({ name, message }) =>
          ["globalThis", "self", "window", "global"].map((object) => ({ object, property: name, message })),
        ),
      ],
    },
  },
  // The core: no host or runtime API at all (rule repeated: a later no-restricted-globals replaces the earlier one).
  {
    files: ["shared/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-globals": ["error", ...APPS_SCRIPT_MISSING, ...NOT_IN_CORE],
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^node:", message: "shared/ is the pure core: no Node API." }], paths: ["fs", "path", "os", "exceljs"] },
      ],
    },
  },

  prettier,
);

export default config;
