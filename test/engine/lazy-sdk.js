// Preloaded (`node --require`), with compile-cache.js, into the program and plugin processes the
// engine tests start. @pulumi/pulumi loads TypeScript and npm's Arborist when it loads, for its
// closure serializer, which neither a program of this package nor the dynamic-provider plugin
// calls (the `__provider` texts are written at build time), and the Automation API: together more
// than half of loading the SDK. Here the modules that bring them in load on first use instead
// (see ../lazy/lazy-module.js), so a test that does serialize a closure still gets the real ones.
"use strict";
const Module = require("module");
const { DEFERRED, lazyModule } = require("../lazy/lazy-module");

const SDK = /[\\/]@pulumi[\\/]pulumi[\\/]/;
const nodeLoad = Module._load;
const deferred = new Map();

Module._load = function (request, parent, isMain) {
  if (!DEFERRED.has(request) || parent === undefined || !SDK.test(parent.filename ?? "")) {
    return nodeLoad.call(this, request, parent, isMain);
  }
  const filename = Module._resolveFilename(request, parent, isMain);
  if (!deferred.has(filename)) {
    deferred.set(
      filename,
      lazyModule(() => nodeLoad.call(this, request, parent, isMain), DEFERRED.get(request)),
    );
  }
  return deferred.get(filename);
};
