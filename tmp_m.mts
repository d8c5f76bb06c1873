import { SheetsHost } from "./appsscript/sheetsHost.ts";
import { fakeEnvironment, hostServices } from "./test/fakes/fakeSheets.ts";
import { buildOverviews } from "./shared/report/buildOverview.ts";
import { planOverviewSheet } from "./shared/workbook/planOverviewSheet.ts";
import { computeIndex } from "./shared/compute/computeIndex.ts";
import { sonLaExample } from "./shared/workbook/sonLaExample.ts";
import { scaledInput } from "./test/fixtures/scaledInput.ts";
for (const input of [sonLaExample(), scaledInput({ xa: 300 })]) {
  const r = computeIndex(input); if (!r.ok) throw new Error();
  const writes = buildOverviews(r.input, r.result).map((o) => planOverviewSheet(o, "x"));
  for (const w of writes) {
    const env = fakeEnvironment(); env.spreadsheet._addSheet("A");
    const host = new SheetsHost(env.spreadsheet._self as any, hostServices(env));
    host.listSheets(); env.log.reset();
    host.write([w]);
    console.log(w.sheet, JSON.stringify(env.log.byKind())); console.log(env.log.dump().split("\n").filter(l=>!l.includes("(local)")).join("; "));
  }
}
