// Preloaded (`node --require`) into the program and plugin processes the engine tests start: each
// loads @pulumi/pulumi, gRPC and their dependencies anew, and compiling them is a sixth of a
// program run and a quarter of a plugin's start. V8's code for each file is kept in a cache folder,
// by the file's path and content, for the next process to load instead of compiling again. Only
// the repository's own node_modules are cached, so the code under test is compiled as node
// compiles it, and a file this cannot compile as a CommonJS script (an ES module loaded by
// require) is left to node.
"use strict";
const fs = require("fs");
const Module = require("module");
const path = require("path");
const vm = require("vm");
const { codeCache } = require("../code-cache");

const cache = codeCache("engine-tests-compile-cache");
// node names a file by its real path, and node_modules may be a link.
const NODE_MODULES = `${fs.realpathSync(path.join(__dirname, "..", "..", "node_modules"))}${path.sep}`;
const nodeCompile = Module.prototype._compile;

/** A module's `require`, as node makes it. */
function requireOf(module) {
  const required = (id) => module.require(id);
  required.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  required.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  required.main = process.mainModule;
  required.extensions = Module._extensions;
  required.cache = Module._cache;
  return required;
}

Module.prototype._compile = function (content, filename) {
  if (!filename.startsWith(NODE_MODULES) || !/\.c?js$/.test(filename)) {
    return nodeCompile.call(this, content, filename);
  }
  const file = cache.fileFor(filename, content);
  const cachedData = cache.read(file);
  const source = content.startsWith("#!") ? `//${content.slice(2)}` : content;
  let script;
  try {
    script = new vm.Script(Module.wrap(source), { filename, cachedData });
  } catch {
    return nodeCompile.call(this, content, filename);
  }
  const run = script.runInThisContext({ displayErrors: true });
  const result = run.call(this.exports, this.exports, requireOf(this), this, filename, path.dirname(filename));
  // Written at once, with what the module's first run compiled: a plugin ends by a signal and runs
  // no exit handler, and the code a whole program run compiles (measured) costs more to load than
  // it saves.
  if (cachedData === undefined || script.cachedDataRejected) cache.write(file, script.createCachedData());
  return result;
};
