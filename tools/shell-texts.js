// Run by `npm run build` after tsc: writes dist/provider/shell-texts.json, the `__provider` text of
// every resource kind the compiled runtime serves, made by the SDK's own closure serializer called
// as `pulumi.dynamic.Resource` calls it. The resource classes register these texts, so a program
// run never executes the serializer (most of a second of CPU per run for the same few kilobytes).
// The compiled package reads the file; it is not needed anywhere else, so this script is not published.
"use strict";
const fs = require("fs");
const path = require("path");
const pulumi = require("@pulumi/pulumi");

const dist = path.join(__dirname, "..", "dist", "provider");
const { ResourceShell } = require(path.join(dist, "shell.js"));
const { SHELL_TEXTS_FILE } = require(path.join(dist, "pulumi", "shell-texts.js"));
// The runtime's `resources` is the one list of kinds: a kind added there gets its text here.
const { resources } = require(path.join(dist, "runtime.js"));

async function main() {
  const texts = {};
  for (const kind of Object.keys(resources)) {
    // The arrow and the name `provider` are those of `pulumi.dynamic.Resource`'s call: both are in the text.
    const provider = new ResourceShell(kind);
    // The shell holds its kind and no secret, so the text is registered as it is, not as a secret.
    texts[kind] = (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
  }
  fs.writeFileSync(path.join(dist, SHELL_TEXTS_FILE), `${JSON.stringify(texts, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
