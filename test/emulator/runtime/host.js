/**
 * A host of one live build: a worker thread running `@twilio/runtime-handler`'s
 * `LocalDevelopmentServer` (what `twilio-run start` runs) on the build's folder, its express app
 * served on 127.0.0.1 for the emulator to forward runtime requests to (hosts.ts starts it, sends it
 * one request at a time and terminates it). runtime-handler keeps its routes, `Twilio` and
 * `Runtime` in process-wide state, so each build gets a thread of its own. Plain CommonJS, so that
 * it runs as it is under jest, tsx and node.
 *
 * `workerData`: `{devServer, config, compileCache}`, the path of runtime-handler's `./dev` entry,
 * the server's config, and the path of the compile cache to load first (optional). Messages posted
 * (hosts.ts `HostMessage`): `{type: "ready", port}`, `{type: "tainted"}` after an error no Function
 * caught, `{type: "pong"}` for each `{type: "ping"}` received.
 */
"use strict";

const http = require("http");
const path = require("path");
const { parentPort, workerData } = require("worker_threads");

/**
 * The request path decoded, as Twilio matches paths (the emulator found the Function by it), where
 * express would compare the path as sent. Left as sent when it does not decode or would change
 * what the URL says (a decoded `?` or `#`).
 */
function decodedUrl(url) {
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  try {
    const decoded = decodeURIComponent(pathname);
    return /[?#]/.test(decoded) ? url : decoded + (q < 0 ? "" : url.slice(q));
  } catch {
    return url;
  }
}

function main() {
  const { devServer, config, compileCache } = workerData;
  // runtime-handler, express and twilio are most of a host's start: V8's code for them is kept
  // between hosts, as for the engine tests' processes (test/engine/compile-cache.js).
  if (compileCache !== undefined) require(compileCache);
  // What throws here (runtime-handler refusing the routes, a `twilio` that cannot load) ends the
  // worker with that error, which hosts.ts reports.
  const { LocalDevelopmentServer } = require(devServer);
  // Not among the package's exports; loaded by file, it is the very module the server uses.
  const { handleError } = require(path.join(path.dirname(devServer), "route.js"));
  const app = new LocalDevelopmentServer(config.port, config).getApp();

  /** The invocation being served: the emulator sends one at a time. */
  let current;
  // Served in the server's own process, runtime-handler leaves an error thrown outside the
  // handler's call (a timer, a rejected promise of an async handler) to the process; `twilio-run
  // start`, which by default runs each invocation in a process of its own, answers it with
  // runtime-handler's error answer, as this does.
  process.on("uncaughtException", (err) => {
    parentPort.postMessage({ type: "tainted" });
    if (current !== undefined && !current.res.headersSent) {
      handleError(err, current.req, current.res, current.filePath);
    }
  });

  const server = http.createServer((req, res) => {
    req.url = decodedUrl(req.url);
    const pathname = req.url.split("?")[0];
    const route = config.routes.functions.find((fn) => fn.path === pathname);
    const invocation = { req, res, filePath: route ? route.filePath : "" };
    current = invocation;
    res.once("close", () => {
      if (current === invocation) current = undefined;
    });
    app(req, res);
  });
  server.listen(0, "127.0.0.1", () => parentPort.postMessage({ type: "ready", port: server.address().port }));
  parentPort.on("message", (message) => {
    if (message && message.type === "ping") parentPort.postMessage({ type: "pong" });
  });
}

main();
