import fs from "fs";
import path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ResourceKind, ResourceShell } from "../shell";

/**
 * The file beside the compiled shell (`dist/provider/`) that holds the `__provider` text of each
 * resource kind, written by `npm run build` (tools/shell-texts.js) with the SDK's own serializer.
 */
export const SHELL_TEXTS_FILE = "shell-texts.json";

/**
 * The type token of a kind, the one `pulumi.dynamic.Resource` gives a resource of module `twilio`:
 * the engine sends every `pulumi-nodejs:dynamic…` resource to the SDK's dynamic-provider plugin,
 * which runs the `__provider` text it is given.
 */
export const dynamicType = (kind: ResourceKind): `pulumi-nodejs:dynamic/twilio:${ResourceKind}` =>
  `pulumi-nodejs:dynamic/twilio:${kind}`;

let built: Map<string, string> | undefined;
const fromSource = new Map<ResourceKind, Promise<string>>();

/**
 * The `__provider` text of a kind's resources: the shell of that kind as `pulumi.dynamic.Resource`
 * serializes it. The compiled package reads the text its build wrote, so a program run never
 * executes the SDK's closure serializer, whose result never changes but costs most of a second of
 * CPU for the nine kinds.
 * Run from its TypeScript source (ts-jest, tsx), which has no build output, the module serializes
 * its own shell as the SDK would.
 */
export function shellText(kind: ResourceKind): pulumi.Input<string> {
  if (path.extname(__filename) === ".ts") {
    let text = fromSource.get(kind);
    if (text === undefined) {
      text = serializeShell(kind);
      fromSource.set(kind, text);
    }
    return text;
  }
  built ??= readTexts(path.join(__dirname, "..", SHELL_TEXTS_FILE));
  const text = built.get(kind);
  if (text === undefined) {
    throw new Error(`${SHELL_TEXTS_FILE} has no text for ${kind}: build pulumi-twilio-serverless with npm run build`);
  }
  return text;
}

// The arrow and the name `provider` are the ones `pulumi.dynamic.Resource` serializes, so that the
// text is the one it would give.
async function serializeShell(kind: ResourceKind): Promise<string> {
  const provider = new ResourceShell(kind);
  // The shell holds its kind and no secret, so the text is registered as it is, not as a secret.
  return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
}

function readTexts(file: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`cannot read ${file} (build pulumi-twilio-serverless with npm run build): ${String(err)}`);
  }
  const texts = new Map<string, string>();
  if (typeof parsed === "object" && parsed !== null) {
    for (const [kind, text] of Object.entries(parsed)) if (typeof text === "string") texts.set(kind, text);
  }
  return texts;
}
