/**
 * Installed in place of office.js by the browser test: `Office` (ready in Excel) and `Excel.run` over the
 * in-memory fake, preloaded from `window.__CCHC_FAKE_BOOK__`. Each sync waits a little, as a real round
 * trip does, so progress is visible.
 */
import { bookFromData, type FakeBookData } from "./fakeExcel.ts";

const w = window as unknown as Record<string, unknown>;
const book = bookFromData(w["__CCHC_FAKE_BOOK__"] as FakeBookData);
w["__cchcFakeBook"] = book;
const info = { host: "Excel", platform: "OfficeOnline" };
w["Office"] = {
  HostType: { Excel: "Excel" },
  onReady: (callback?: (i: typeof info) => void) => {
    callback?.(info);
    return Promise.resolve(info);
  },
  context: { requirements: { isSetSupported: () => true } },
  actions: { associate: () => undefined },
};
w["Excel"] = {
  run: (batch: (context: unknown) => Promise<unknown>) => {
    const context = book.context();
    const sync = context.sync.bind(context);
    context.sync = async () => {
      await new Promise((resolve) => setTimeout(resolve, 40));
      await sync();
    };
    return batch(context);
  },
};
