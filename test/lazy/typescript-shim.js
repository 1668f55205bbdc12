// In jest, for the SDK's `require("../../typescript-shim")` (see lazy-module.js).
"use strict";
const path = require("path");
const { DEFERRED, lazyModule } = require("./lazy-module");

const SDK = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
module.exports = lazyModule(() => require(path.join(SDK, "typescript-shim.js")), DEFERRED.get("../../typescript-shim"));
