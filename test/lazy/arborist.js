// In jest, for the SDK's `require("@npmcli/arborist")` (see lazy-module.js).
"use strict";
const fs = require("fs");
const path = require("path");
const { DEFERRED, lazyModule } = require("./lazy-module");

const SDK = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

/**
 * Where node finds package `name` from `dir`: jest's resolvers (its `require.resolve` and
 * `module.createRequire`) would map the name to this very module.
 */
function nodeResolve(name, dir) {
  const manifest = path.join(dir, "node_modules", name, "package.json");
  if (fs.existsSync(manifest)) {
    const { main = "index.js" } = JSON.parse(fs.readFileSync(manifest, "utf8"));
    return path.join(path.dirname(manifest), main);
  }
  if (path.dirname(dir) === dir) throw new Error(`${name} is not installed where @pulumi/pulumi is`);
  return nodeResolve(name, path.dirname(dir));
}

const ARBORIST = nodeResolve("@npmcli/arborist", SDK);
module.exports = lazyModule(() => require(ARBORIST), DEFERRED.get("@npmcli/arborist"));
