/**
 * Runs one invocation of a Twilio Function, in a worker thread of its own (executor.ts starts it
 * and terminates it when the invocation is over or out of time). Plain CommonJS, so that it runs
 * as it is under jest, tsx and node. `workerData` is an `Invocation` and every message posted is a
 * `WorkerMessage` (protocol.ts holds both types: keep them in step with this file).
 *
 * It gives the Function what Twilio's runtime gives: the globals `Twilio.Response` and `Runtime`,
 * `exports.handler(context, event, callback)`, and `require` of Node's built-in modules only.
 */
"use strict";

const { isBuiltin } = require("module");
const { parentPort, workerData } = require("worker_threads");
const vm = require("vm");

/** Where the emulator pretends the build's files are: nothing exists there on disk. */
const FUNCTIONS_ROOT = "/emulator/functions";
const ASSETS_ROOT = "/emulator/assets";

/** `Twilio.Response`: an answer with a status, headers, cookies and a body, as Twilio's has. */
class Response {
  /** @param {{statusCode?: number, body?: unknown, headers?: Record<string, unknown>}} [options] */
  constructor(options = {}) {
    this.statusCode = options.statusCode ?? 200;
    this.body = options.body ?? null;
    /** @type {Record<string, unknown>} */
    this.headers = {};
    if (options.headers) this.setHeaders(options.headers);
  }

  setStatusCode(statusCode) {
    this.statusCode = statusCode;
    return this;
  }

  setBody(body) {
    this.body = body;
    return this;
  }

  /** Replaces every header (cookies set before included), as Twilio's does. */
  setHeaders(headers) {
    if (typeof headers !== "object" || headers === null) return this;
    this.headers = {};
    for (const [key, value] of Object.entries(headers)) this.appendHeader(key, value);
    return this;
  }

  /** Adds a header; a header already set, `Set-Cookie` above all, then has several values. */
  appendHeader(key, value) {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      throw new Error("Header value cannot be an object");
    }
    const name = Object.keys(this.headers).find((k) => k.toLowerCase() === key.toLowerCase()) ?? key;
    const existing = this.headers[name];
    this.headers[name] = existing === undefined ? value : [existing, value].flat();
    return this;
  }

  /** Adds a `Set-Cookie` header: `key=value` followed by the attributes, `;`-separated. */
  setCookie(key, value, attributes = []) {
    const cookie = `${key}=${value}` + (attributes.length > 0 ? `;${attributes.join(";")}` : "");
    return this.appendHeader("Set-Cookie", cookie);
  }

  /** Drops a cookie set before, and tells the client to drop it too (`Max-Age=0`). */
  removeCookie(key) {
    const headers = {};
    const kept = [];
    for (const [name, value] of Object.entries(this.headers)) {
      if (name.toLowerCase() !== "set-cookie") headers[name] = value;
      else kept.push(...[value].flat().filter((cookie) => !String(cookie).startsWith(`${key}=`)));
    }
    if (kept.length > 0) headers["Set-Cookie"] = kept;
    this.headers = headers;
    return this.setCookie(key, "", ["Max-Age=0"]);
  }
}

/** `require` inside a Function: Twilio installs the build's dependencies, the emulator none. */
function requireBuiltin(id) {
  if (typeof id === "string" && isBuiltin(id)) return require(id);
  const err = new Error(
    `Cannot find module '${String(id)}': the emulator runtime has only Node built-ins ` +
      "(no npm dependencies, no other files of the build)",
  );
  err.code = "MODULE_NOT_FOUND";
  throw err;
}

/** A body as it crosses to the executor (protocol.ts `ReplyBody`), by express's rules. */
function replyBody(body) {
  if (body === undefined || body === null) return { kind: "empty" };
  if (typeof body === "string") return { kind: "text", text: body };
  if (body instanceof Uint8Array) return { kind: "bytes", bytes: body };
  return { kind: "json", text: JSON.stringify(body) };
}

/** Header values as HTTP carries them: text, or several texts. */
function plainHeaders(headers) {
  const plain = {};
  for (const [key, value] of Object.entries(headers)) {
    plain[key] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return plain;
}

/** What the callback's payload becomes (protocol.ts `CallbackPayload`). */
function callbackPayload(payload) {
  if (payload instanceof Response) {
    const { statusCode, headers, body } = payload;
    return { kind: "response", statusCode, headers: plainHeaders(headers), body: replyBody(body) };
  }
  return { kind: "body", body: replyBody(payload) };
}

/** A short description of what a Function threw or called back with as an error. */
function describe(err) {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  if (typeof err === "string") return err;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

let settled = false;

/** Posts the invocation's one outcome; anything after the first is ignored, as Twilio does. */
function settle(message) {
  if (settled) return;
  settled = true;
  parentPort.postMessage(message);
}

function globals(invocation) {
  const functions = {};
  for (const path of invocation.functionPaths) functions[path.slice(1)] = { path: `${FUNCTIONS_ROOT}${path}.js` };
  const assets = {};
  for (const asset of invocation.privateAssets) {
    const open = () => Buffer.from(asset.content.buffer, asset.content.byteOffset, asset.content.length).toString();
    assets[asset.path] = { path: `${ASSETS_ROOT}${asset.path}`, open };
  }
  const noClient = (what) => () => {
    throw new Error(`${what} is not available: the emulator runtime has no Twilio client`);
  };
  globalThis.Twilio = { Response };
  globalThis.Runtime = {
    getFunctions: () => functions,
    getAssets: () => assets,
    getSync: noClient("Runtime.getSync()"),
  };
  return noClient("context.getTwilioClient()");
}

/** Compiles the Function as a CommonJS module and returns its exports. */
function load(invocation) {
  const filename = `${FUNCTIONS_ROOT}${invocation.path}.js`;
  const params = ["exports", "require", "module", "__filename", "__dirname"];
  const wrapper = vm.compileFunction(invocation.code, params, { filename });
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, requireBuiltin, module, filename, filename.replace(/\/[^/]*$/, ""));
  return module.exports;
}

function run(invocation) {
  const getTwilioClient = globals(invocation);
  parentPort.postMessage({ type: "ready" });
  let handler;
  try {
    handler = load(invocation).handler;
  } catch (err) {
    settle({ type: "failure", phase: "load", message: describe(err) });
    return;
  }
  if (typeof handler !== "function") {
    settle({ type: "failure", phase: "load", message: `${invocation.path} does not export a handler function` });
    return;
  }
  const context = { ...invocation.context, getTwilioClient };
  const event = { ...invocation.event.params, request: invocation.event.request };
  const fail = (err) => settle({ type: "failure", phase: "handler", message: describe(err) });
  const callback = (err, payload) => {
    if (err) {
      fail(err);
      return;
    }
    try {
      settle({ type: "success", payload: callbackPayload(payload) });
    } catch (cause) {
      fail(cause); // a payload JSON cannot hold (a cycle, a BigInt)
    }
  };
  try {
    const result = handler(context, event, callback);
    // An async handler's rejection is the error it would have called back with.
    if (result && typeof result.then === "function") result.then(undefined, fail);
  } catch (err) {
    fail(err);
  }
}

run(workerData);
