// Runs a Pulumi TypeScript program under the SDK's mocks, with the test engine answering for the
// engine: every resource the program registers is sent to the parent process, and the program
// sees the state the parent answers with (old outputs, a create's outputs, or in a preview the
// checked inputs, whose missing outputs the SDK then treats as unknown, as with the real engine).
// It is plain JavaScript run by plain node, so the provider code is serialized exactly as a real
// `pulumi up` serializes it (TypeScript files are transpiled as ts-node does, nothing else is touched).
//
// usage: forked with an IPC channel, in the program directory: node capture-program.js <entry>
// env: PULUMI_CONFIG (JSON), PULUMI_NODEJS_PROJECT, PULUMI_NODEJS_STACK, CAPTURE_PREVIEW=true|false,
//      CAPTURE_TRANSPILED=keep (optional: the program's transpiled files are kept for the next run)
// to the parent:   { seq, type, name, custom, inputs, secrets, aliases } per resource, then
//                  { done: true, outputs } (the stack's exports, once known; absent in a preview
//                  where some are unknown); besides, { marks } with the times (ms since the epoch)
//                  this process started, loaded the SDK, loaded the program and sent its first
//                  resource, for the benchmark's breakdown of a deploy
// from the parent: { seq, id, state } or { seq, error }
"use strict";
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");
const { codeCache } = require("../code-cache");

const at = () => performance.timeOrigin + performance.now();
const mark = (marks) => process.send({ marks });

const [entry] = process.argv.slice(2);
require.extensions[".ts"] = (module, filename) => {
  module._compile(transpiled(filename, fs.readFileSync(filename, "utf8")), filename);
};

// With CAPTURE_TRANSPILED=keep (the tests, not a benchmark), a program file's JavaScript is kept
// by its path, content and TypeScript's version: transpiling is a sixth of a program run that the
// next run of the same file need not pay.
const transpiledFiles = process.env.CAPTURE_TRANSPILED === "keep" ? codeCache("engine-tests-transpiled") : undefined;

function transpiled(filename, source) {
  const kept = transpiledFiles?.fileFor(filename, source, require("typescript/package.json").version);
  const known = kept && transpiledFiles.read(kept);
  if (known !== undefined) return known.toString("utf8");
  const ts = require("typescript");
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
  });
  if (kept) transpiledFiles.write(kept, outputText);
  return outputText;
}

const programPath = require.resolve(path.resolve(entry));
const pulumi = require(require.resolve("@pulumi/pulumi", { paths: [path.dirname(programPath)] }));
const { unknownValue, isRpcSecret, unwrapRpcSecret } = require(
  require.resolve("@pulumi/pulumi/runtime/rpc", { paths: [path.dirname(programPath)] }),
);
mark({ started: performance.timeOrigin, sdkLoaded: at() });

// Assets are described, not hashed: the parent hashes them as the engine does.
// Secrets reach a provider unwrapped, as the engine sends them; which inputs were secret is sent apart.
async function describe(value) {
  if (isRpcSecret(value)) return describe(unwrapRpcSecret(value));
  if (pulumi.isUnknown(value)) return unknownValue;
  if (pulumi.asset.FileAsset.isInstance(value) && value.path !== undefined) {
    return { asset: "file", path: await value.path };
  }
  if (pulumi.asset.StringAsset.isInstance(value) && value.text !== undefined) {
    return { asset: "string", text: await value.text };
  }
  if (Array.isArray(value)) return Promise.all(value.map(describe));
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const [key, item] of Object.entries(value)) out[key] = await describe(item);
    return out;
  }
  return value;
}

// The IPC channel keeps the process alive only while an answer is awaited, so that the program
// ends, as under the real engine, once nothing else is left to do.
const pending = new Map();
let next = 0;
process.channel.unref();
process.on("message", (message) => {
  const waiter = pending.get(message.seq);
  if (waiter === undefined) return;
  pending.delete(message.seq);
  if (pending.size === 0) process.channel.unref();
  if (message.error !== undefined) waiter.reject(new Error(message.error));
  else waiter.resolve({ id: message.id, state: message.state });
});

function ask(resource) {
  const seq = next++;
  if (seq === 0) mark({ firstRegistration: at() });
  return new Promise((resolve, reject) => {
    pending.set(seq, { resolve, reject });
    process.channel.ref();
    process.send({ seq, ...resource });
  });
}

// The mocks pass a program's aliases on to no one: they are read off each registration here, by
// type and name, for the engine to find a resource's old state under its former type or name.
const { MockMonitor } = require(
  require.resolve("@pulumi/pulumi/runtime/mocks", { paths: [path.dirname(programPath)] }),
);
const aliasesByResource = new Map();
const registerResource = MockMonitor.prototype.registerResource;
MockMonitor.prototype.registerResource = function (req, callback) {
  const aliases = req
    .getAliasesList()
    .map((alias) => alias.getSpec())
    .filter((spec) => spec !== undefined)
    .map((spec) => ({ type: spec.getType() || undefined, name: spec.getName() || undefined }));
  aliasesByResource.set(`${req.getType()}::${req.getName()}`, aliases);
  return registerResource.call(this, req, callback);
};

pulumi.runtime.setMocks(
  {
    newResource: async (args) => {
      const inputs = {};
      for (const [key, value] of Object.entries(args.inputs)) inputs[key] = await describe(value);
      const secrets = Object.keys(args.inputs).filter((key) => isRpcSecret(args.inputs[key]));
      // A component (custom: false) has no provider: the engine only records it.
      const aliases = aliasesByResource.get(`${args.type}::${args.name}`) ?? [];
      return ask({ type: args.type, name: args.name, custom: args.custom !== false, inputs, secrets, aliases });
    },
    call: (args) => args.inputs,
  },
  process.env.PULUMI_NODEJS_PROJECT || "project",
  process.env.PULUMI_NODEJS_STACK || "stack",
  process.env.CAPTURE_PREVIEW === "true",
);

// The stack's outputs: the program's exports, as `pulumi up` prints them once they are known.
let outputs;
const exported = require(programPath);
mark({ programLoaded: at() });
pulumi.output(exported).apply((value) => {
  outputs = JSON.parse(JSON.stringify(value));
});

let done = false;
process.on("beforeExit", () => {
  if (done) return;
  done = true;
  process.send({ done: true, outputs }, () => process.disconnect());
});
