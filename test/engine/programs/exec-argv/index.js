// What the language host gives a compiled program: plain node, none of the engine's own options.
"use strict";
exports.execArgv = process.execArgv;
