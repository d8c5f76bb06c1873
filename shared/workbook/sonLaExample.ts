import example from "../../examples/son-la-2023.json" with { type: "json" };
import { inputSchema, type InputDocument } from "../schema/inputSchema.ts";

/**
 * The bundled Sơn La 2023 example (a reconstruction reproducing decision 94/QĐ-UBND): its criteria sets and
 * units make the template; its scores make the demo.
 *
 * @example
 * sonLaExample().blocks.map((b) => b.units.length); // [20, 12]
 */
export function sonLaExample(): InputDocument {
  return inputSchema.parse(example);
}
