// Runs a Pulumi TypeScript program under the SDK's mocks and writes, for every resource it
// registers, the inputs the program sends to the engine, `__provider` text included.
// It is plain JavaScript run by plain node, so the provider code is serialized exactly as a real
// `pulumi up` serializes it (TypeScript files are transpiled as ts-node does, nothing else is touched).
//
// usage: node capture-program.js <program entry or dir> <out.json>
// env: PULUMI_CONFIG (JSON), PULUMI_NODEJS_PROJECT, PULUMI_NODEJS_STACK, CAPTURE_PREVIEW=true|false
"use strict";
const fs = require("fs");
const path = require("path");

const [program, outFile] = process.argv.slice(2);
require.extensions[".ts"] = (module, filename) => {
  const ts = require("typescript");
  const source = fs.readFileSync(filename, "utf8");
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};

const programPath = require.resolve(path.resolve(program));
const pulumi = require(require.resolve("@pulumi/pulumi", { paths: [path.dirname(programPath)] }));
const resources = [];

async function describe(value) {
  if (pulumi.asset.FileAsset.isInstance(value) && value.path !== undefined) {
    return { asset: "file", path: await value.path };
  }
  if (pulumi.asset.StringAsset.isInstance(value) && value.text !== undefined) {
    return { asset: "string", text: await value.text };
  }
  return value;
}

pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      resources.push(
        (async () => {
          const inputs = {};
          for (const [key, value] of Object.entries(args.inputs)) inputs[key] = await describe(value);
          return { type: args.type, name: args.name, inputs };
        })(),
      );
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: (args) => args.inputs,
  },
  process.env.PULUMI_NODEJS_PROJECT || "project",
  process.env.PULUMI_NODEJS_STACK || "stack",
  process.env.CAPTURE_PREVIEW === "true",
);

require(programPath);

process.once("beforeExit", async () => {
  fs.writeFileSync(outFile, JSON.stringify(await Promise.all(resources)));
});
