/**
 * Entry of the function file (commands.html): registers the ribbon command "recalculate".
 */
import { makeRecalculateCommand, type CommandEvent } from "./recalculateCommand.ts";

const recalculate = makeRecalculateCommand(
  (batch) => Excel.run(batch),
  (result) => console.info("cchc-index recalculate:", result),
);

// Older hosts call a global function named in the manifest; newer ones use Office.actions.associate.
(globalThis as Record<string, unknown>)["recalculate"] = recalculate;
void Office.onReady(() => {
  try {
    Office.actions?.associate?.("recalculate", (event: CommandEvent) => void recalculate(event));
  } catch {
    // Office.actions is missing on old hosts; the global above serves them
  }
});
