import { readFileSync } from "node:fs";
import { computeIndex } from "/work/main/shared/compute/computeIndex.ts";
import { buildReportTables } from "/work/main/shared/report/buildReportTables.ts";
const doc = JSON.parse(readFileSync("/work/shared/fixtures/son-la-2023/input.json", "utf8"));
const r = computeIndex(doc);
if (!r.ok) { console.log(r.errors.slice(0,5)); process.exit(1); }
console.log(JSON.stringify(r.result.blocks[0]!.stats, null, 0).slice(0, 3000));
const t = buildReportTables(r.input, r.result, { stamp: "STAMP" });
console.log(t.map(x => x.number).join(" "));
for (const x of [t[0]!, t[1]!, t[2]!]) { console.log(x.titleLines); console.log(x.header); console.log(x.body.slice(0,3)); console.log(x.footer); console.log(x.notes, x.landscape); }
console.log(t[8]!.body.slice(0,6).map(r=>r.slice(0,8)), t[8]!.footer);
