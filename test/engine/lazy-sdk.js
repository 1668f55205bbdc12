// Preloaded (`node --require`), with compile-cache.js, into the program and plugin processes the
// engine tests start. @pulumi/pulumi loads TypeScript and npm's Arborist when it loads, for its
// closure serializer, which neither a program of this package nor the dynamic-provider plugin
// calls (the `__provider` texts are written at build time): together a third of loading the SDK.
// Here the two modules that bring them in load on first use instead, so a test that does serialize
// a closure still gets the real ones. Nothing else changes: each is the SDK's own module, behind
// an object that loads it when a property is first read.
"use strict";
const Module = require("module");

// The SDK's requests for them, from its own files. The SDK reads Arborist through TypeScript's
// `__importStar`, which copies every property of a module (loading it) unless the module says it is
// an ES module: this one says so, and `arborist.Arborist` then loads it where the SDK uses it.
const DEFERRED = new Map([
  ["../../typescript-shim", { esModule: false }],
  ["@npmcli/arborist", { esModule: true }],
  // The Automation API (`pulumi.automation`), which neither a program nor a plugin uses: an ES
  // module, so the SDK's `__importStar` keeps it as it is.
  ["./automation", { esModule: true }],
]);
const SDK = /[\\/]@pulumi[\\/]pulumi[\\/]/;

const nodeLoad = Module._load;
const deferred = new Map();

Module._load = function (request, parent, isMain) {
  if (!DEFERRED.has(request) || parent === undefined || !SDK.test(parent.filename ?? "")) {
    return nodeLoad.call(this, request, parent, isMain);
  }
  const { esModule } = DEFERRED.get(request);
  const filename = Module._resolveFilename(request, parent, isMain);
  if (!deferred.has(filename)) {
    let loaded;
    const real = () => (loaded ??= nodeLoad.call(this, request, parent, isMain));
    deferred.set(
      filename,
      new Proxy(
        {},
        {
          get: (_, key) => (esModule && key === "__esModule" ? true : real()[key]),
          has: (_, key) => key in real(),
          ownKeys: () => Reflect.ownKeys(real()),
          getOwnPropertyDescriptor: (_, key) => {
            const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
            // A proxy may not report a property its (empty) target lacks as non-configurable.
            return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
          },
        },
      ),
    );
  }
  return deferred.get(filename);
};
