import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAddin, rebaseManifest } from "../scripts/build-addin.ts";
import { crossCheck, schemaErrors } from "../scripts/validate-manifest.ts";

const manifest = readFileSync(new URL("../manifest.xml", import.meta.url), "utf8");
let dist = "";

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), "cchc-addin-"));
  await buildAddin({ outDir: dist, baseUrl: "https://localhost:3000", minify: false });
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe("manifest.xml", () => {
  it("is valid against the Office add-in manifest schemas (v1.1 + VersionOverrides 1.0)", async () => {
    expect(await schemaErrors(manifest)).toEqual([]);
  });

  it("is rejected by the schema check when broken (5-part version, misplaced element)", async () => {
    const badVersion = manifest.replace("<Version>0.1.0.0</Version>", "<Version>0.1.0.0.0</Version>");
    expect((await schemaErrors(badVersion)).join("\n")).toMatch(/Version/);
    const misplaced = manifest
      .replace("<Permissions>ReadWriteDocument</Permissions>", "")
      .replace(
        '<Hosts>\n    <Host Name="Workbook"/>',
        '<Permissions>ReadWriteDocument</Permissions>\n  <Hosts>\n    <Host Name="Workbook"/>',
      );
    expect(await schemaErrors(misplaced)).not.toEqual([]);
  });

  it("is an Excel add-in that can read and write the workbook, version in 4 parts", () => {
    expect(manifest).toMatch(/<Host Name="Workbook"\/>/);
    expect(manifest).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
    expect(manifest).toMatch(/<Version>\d+\.\d+\.\d+\.\d+<\/Version>/);
    expect(manifest).toMatch(/<DefaultLocale>en-US<\/DefaultLocale>/);
  });

  it("has the two ribbon buttons, in Vietnamese, wired to the command and the task pane", () => {
    expect(manifest).toMatch(
      /<bt:String id="Recalculate.Label" DefaultValue="[^"]+">\s*<bt:Override Locale="vi-VN" Value="Tính lại xếp hạng"\/>/,
    );
    expect(manifest).toMatch(
      /<bt:String id="Taskpane.Label" DefaultValue="[^"]+">\s*<bt:Override Locale="vi-VN" Value="Mở bảng điều khiển"\/>/,
    );
    expect(manifest).toMatch(/<Action xsi:type="ExecuteFunction">\s*<FunctionName>recalculate<\/FunctionName>/);
    expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">/);
    expect(manifest).toMatch(/<DisplayName DefaultValue="[^"]+">\s*<Override Locale="vi-VN" Value="Chỉ số CCHC"\/>/);
  });

  it("passes the cross-checks XSD cannot do, with every URL present in the build output", () => {
    expect(crossCheck(manifest, { distDir: dist, baseUrl: "https://localhost:3000" })).toEqual([]);
  });

  it("cross-checks catch an undefined resid, an http URL, a missing file and a missing Vietnamese text", () => {
    const broken = manifest
      .replace('<Label resid="Group.Label"/>', '<Label resid="Group.Nhan"/>')
      .replace(
        'DefaultValue="https://localhost:3000/help.html"/>\n  <AppDomains>',
        'DefaultValue="http://localhost:3000/help.html"/>\n  <AppDomains>',
      )
      .replace("assets/icon-80.png", "assets/icon-81.png")
      .replace('<bt:Override Locale="vi-VN" Value="Xếp hạng"/>', "");
    const problems = crossCheck(broken, { distDir: dist, baseUrl: "https://localhost:3000" });
    expect(problems).toEqual(
      expect.arrayContaining([
        'resid "Group.Nhan" không được định nghĩa trong <Resources>',
        "địa chỉ không dùng HTTPS: http://localhost:3000/help.html",
        "https://localhost:3000/assets/icon-81.png: không có tệp assets/icon-81.png trong bản dựng (" + dist + ")",
        'chuỗi "Group.Label" thiếu bản tiếng Việt (vi-VN)',
      ]),
    );
  });

  it("the build writes dist/manifest.xml for a production base URL, still valid", async () => {
    const prod = rebaseManifest(manifest, "https://cchc.sonla.gov.vn/addin/");
    expect(prod.replace(/<!--[\s\S]*?-->/g, "")).not.toMatch(/localhost/);
    expect(prod).toMatch(/<SourceLocation DefaultValue="https:\/\/cchc.sonla.gov.vn\/addin\/taskpane.html"\/>/);
    expect(prod).toMatch(/<AppDomain>https:\/\/cchc.sonla.gov.vn<\/AppDomain>/);
    expect(await schemaErrors(prod)).toEqual([]);
    expect(crossCheck(prod, { distDir: dist, baseUrl: "https://cchc.sonla.gov.vn/addin" })).toEqual([]);
    expect(() => rebaseManifest(manifest, "http://cchc.sonla.gov.vn")).toThrow(/https/);
    expect(readFileSync(join(dist, "manifest.xml"), "utf8")).toBe(manifest);
  });

  it("the command bundle registers the function the manifest names", () => {
    const js = readFileSync(join(dist, "commands.js"), "utf8");
    expect(js).toMatch(/associate\?*\.?\(\s*"recalculate"/);
    expect(readFileSync(join(dist, "taskpane.html"), "utf8")).toContain('src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"');
  });
});
