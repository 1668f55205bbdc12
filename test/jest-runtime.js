// Jest's runtime (jest.config.js `runtime`), keeping V8's code for the modules it compiles.
//
// Jest compiles every module anew for each test file, in that file's own context: the SDK, gRPC,
// axios and the emulator are compiled by dozens of test files, and compiling was a third of the
// quick tests' time. V8's code for a module, made once it has run (so that it holds the functions
// its first run compiled), is kept in a folder by the module's path and compiled source, as
// test/engine/compile-cache.js keeps it for the processes the engine tests start. What a module
// does is unchanged: it is the same source in the same context, only compiled from V8's cache.
"use strict";
const vm = require("vm");
const Runtime = require("jest-runtime").default;
const { codeCache } = require("./code-cache");

const cache = codeCache("jest-code-cache");

class CodeCachingRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    const { executor } = this;
    const compile = executor.compile.bind(executor);
    // jest-runtime's compile (`vm.compileFunction` of the source with the module's parameters) as
    // a script of that function, which V8 can take from its cache and give back to it. The
    // function's head is a line of its own, numbered 0, so that line and column numbers are the
    // source's.
    executor.compile = (source, filename) => {
      const context = executor.environment.getVmContext();
      if (context == null || executor.resolution.isCoreModule(filename)) return compile(source, filename);
      const parameters = executor.injectedModuleParameters;
      const file = cache.fileFor(filename, source, parameters.join(","));
      const cachedData = cache.read(file);
      let script;
      try {
        script = new vm.Script(`(function (${parameters.join(", ")}) {\n${source}\n})`, {
          filename,
          lineOffset: -1,
          cachedData,
          importModuleDynamically: (specifier, _script, importAttributes, ...rest) =>
            executor.dynamicImport(specifier, filename, context, importAttributes, rest[0]),
        });
      } catch {
        // A syntax error, or source that is no function body: jest's own compile reports or runs it.
        return compile(source, filename);
      }
      const compiled = script.runInContext(context);
      if (cachedData !== undefined && !script.cachedDataRejected) return compiled;
      return function (...moduleArguments) {
        try {
          return compiled.apply(this, moduleArguments);
        } finally {
          cache.write(file, script.createCachedData());
        }
      };
    };
  }
}

module.exports = CodeCachingRuntime;
