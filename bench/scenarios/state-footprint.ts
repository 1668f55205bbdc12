/**
 * 5. State footprint: what each FunctionVersion costs in the stack state: the `__provider` text and
 * the whole stored entry (checked inputs + outputs as the engine stores them, both with
 * `__provider`), for each kind of content, from a real program run under the SDK's mocks.
 */
import fs from "fs";
import path from "path";
import { REPO } from "../../test/engine/fixture";
import { bytes, heading, table, yesNo } from "../lib/format";
import { assetPath, capture, checked, startPlugin, startTwilio, urnFor, wireInputs } from "../lib/stack";

const EXAMPLE_FILE = "examples/function-from-file/hello.js";
/** What the README says and test/engine/lifecycle.test.ts asserts about `__provider`. */
const PROVIDER_CLAIM_BYTES = 4096;

export interface FootprintRow {
  resource: string;
  content: string;
  contentBytes: number;
  providerBytes: number;
  inputsBytes: number;
  outputsBytes: number;
  stateBytes: number;
  /** providerBytes × 2 / stateBytes: the share of the entry that is `__provider` text. */
  providerShare: number;
}

export interface StateFootprintResult {
  contentFile: string;
  providerClaimBytes: number;
  rows: FootprintRow[];
  /** Every `__provider` within the README's "about 4 KB" (the lifecycle test's ≤ 4096 bytes). */
  claimMet: boolean;
}

const KINDS: Record<string, string> = {
  "from-file": "FileAsset",
  "from-string-asset": "StringAsset",
  "from-string": "string",
};

export async function stateFootprint(): Promise<StateFootprintResult> {
  const twilio = await startTwilio();
  const plugin = await startPlugin(twilio);
  try {
    const text = fs.readFileSync(path.join(REPO, EXAMPLE_FILE), "utf8");
    const program = await capture(twilio, "test/engine/programs/contents", {
      file: assetPath(path.join(REPO, EXAMPLE_FILE)),
      text,
      path: "/hello",
      visibility: "public",
    });
    const rows: FootprintRow[] = [];
    for (const declared of program) {
      const urn = urnFor(declared.name);
      const inputs = await checked(plugin, urn, wireInputs(declared.inputs));
      const created = await plugin.create(urn, inputs);
      const providerBytes = Buffer.byteLength(String(inputs.__provider));
      if (Buffer.byteLength(String(created.outs.__provider)) !== providerBytes) {
        throw new Error("outputs carry another __provider than inputs");
      }
      const stateBytes = Buffer.byteLength(JSON.stringify({ inputs, outputs: created.outs }));
      rows.push({
        resource: declared.name,
        content: KINDS[declared.name] ?? "?",
        contentBytes: Buffer.byteLength(text),
        providerBytes,
        inputsBytes: Buffer.byteLength(JSON.stringify(inputs)),
        outputsBytes: Buffer.byteLength(JSON.stringify(created.outs)),
        stateBytes,
        providerShare: (2 * providerBytes) / stateBytes,
      });
    }
    return {
      contentFile: EXAMPLE_FILE,
      providerClaimBytes: PROVIDER_CLAIM_BYTES,
      rows,
      claimMet: rows.every((r) => r.providerBytes <= PROVIDER_CLAIM_BYTES),
    };
  } finally {
    await plugin.stop();
    await twilio.emulator.close();
  }
}

export function printStateFootprint(result: StateFootprintResult): void {
  heading(
    `5. State footprint per resource (content: ${result.contentFile}, ${bytes(result.rows[0]?.contentBytes ?? 0)})`,
  );
  console.log(
    table(
      ["resource", "content", "__provider", "inputs", "outputs", "stored state", "__provider share"],
      result.rows.map((r) => [
        r.resource,
        r.content,
        bytes(r.providerBytes),
        bytes(r.inputsBytes),
        bytes(r.outputsBytes),
        bytes(r.stateBytes),
        `${(r.providerShare * 100).toFixed(0)}%`,
      ]),
    ),
  );
  console.log(
    `  stored state = JSON of checked inputs + outputs, both with __provider; no target set, README claim ` +
      `"__provider about 4 KB" (≤ ${result.providerClaimBytes} B): ${yesNo(result.claimMet)}`,
  );
}
