// What the tests compile, kept in a folder of the system's temporary folder for the next process or
// test file to load instead of compiling again: V8's code, for test/jest-runtime.js (jest's
// modules) and test/engine/compile-cache.js (the engine tests' processes), and the JavaScript of
// the programs test/engine/capture-program.js transpiles.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const v8 = require("v8");

/** The cache named `name`, for this node version and architecture. */
function codeCache(name) {
  const folder = path.join(os.tmpdir(), `${name}-${process.version}-${process.arch}`);
  return {
    /**
     * Where the code of `source`, compiled as `filename` (with `variant` saying how), is kept. V8
     * takes code made under the same flags only, and the SDK sets one as it loads
     * (--allow-natives-syntax, for its closure serializer): the tag names the flags in force.
     */
    fileFor(filename, source, variant = "") {
      const key = crypto
        .createHash("sha256")
        .update(`${v8.cachedDataVersionTag()}\0${filename}\0${variant}\0`)
        .update(source)
        .digest("hex");
      return path.join(folder, key);
    },

    /** What is kept in `file`, if anything. */
    read(file) {
      try {
        return fs.readFileSync(file);
      } catch {
        return undefined;
      }
    },

    /**
     * Keeps `data` (V8's code for a script, `script.createCachedData()`, or any other content) in
     * `file`: written whole, then renamed, so that a reader meanwhile reads all or nothing.
     */
    write(file, data) {
      try {
        fs.mkdirSync(folder, { recursive: true });
        const partial = `${file}.${process.pid}`;
        fs.writeFileSync(partial, data);
        fs.renameSync(partial, file);
      } catch {
        // A cache that cannot be written only makes the next one compile again.
      }
    },
  };
}

module.exports = { codeCache };
