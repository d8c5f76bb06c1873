import { describe, expect, it, vi } from "vitest";
import { waitForOffice } from "../addin/officeReady.ts";

describe("waitForOffice", () => {
  it("is ready when Office.onReady answers from Excel", async () => {
    const Office = { HostType: { Excel: "Excel" }, onReady: () => Promise.resolve({ host: "Excel" }) };
    expect(await waitForOffice({ Office }, 1000)).toEqual({ ready: true });
  });

  it("says office.js is missing when there is no Office object (blocked by a proxy)", async () => {
    const state = await waitForOffice({}, 1000);
    expect(state).toMatchObject({ ready: false, reason: "no-office" });
  });

  it("says the page is outside Excel when onReady answers without a host", async () => {
    const Office = { HostType: { Excel: "Excel" }, onReady: () => Promise.resolve({ host: null }) };
    expect(await waitForOffice({ Office }, 1000)).toMatchObject({ ready: false, reason: "not-excel" });
  });

  it("gives up after the time limit when onReady never answers", async () => {
    vi.useFakeTimers();
    try {
      const Office = { onReady: () => new Promise<never>(() => undefined) };
      const pending = waitForOffice({ Office }, 10_000);
      let settled = false;
      void pending.then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(9_999);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await pending).toMatchObject({ ready: false, reason: "timeout", message: expect.stringMatching(/không phản hồi/) as unknown });
    } finally {
      vi.useRealTimers();
    }
  });
});
