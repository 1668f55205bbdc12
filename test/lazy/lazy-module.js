// An object standing for a module that loads it when a property is first read: how the tests load
// the parts of @pulumi/pulumi that neither a program of this package nor the dynamic-provider
// plugin uses (test/engine/lazy-sdk.js in the engine tests' processes, the modules beside this one
// in jest). Each is the SDK's own module, loaded where it is first used.
"use strict";

/**
 * The SDK's requests for those modules, from its own files. TypeScript and npm's Arborist are its
 * closure serializer's, the Automation API is `pulumi.automation`. The SDK reads the last two
 * through TypeScript's `__importStar`, which copies every property of a module (loading it) unless
 * the module says it is an ES module: they say so, and the SDK keeps them as they are.
 */
const DEFERRED = new Map([
  ["../../typescript-shim", { esModule: false }],
  ["@npmcli/arborist", { esModule: true }],
  ["./automation", { esModule: true }],
]);

/** The module `load` returns, loaded when a property of the returned object is first read. */
function lazyModule(load, { esModule }) {
  let loaded;
  const real = () => (loaded ??= load());
  return new Proxy(
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
  );
}

module.exports = { DEFERRED, lazyModule };
