// Preloaded (`node --require`) into `twilio-run` by the process-to-process benchmark: sends
// Twilio's Serverless hosts, which `@twilio-labs/serverless-api` hard-codes as
// `https://serverless[-upload][.edge][.region].twilio.com`, to the emulator on 127.0.0.1 over plain
// HTTP, keeping the path, the query and the credentials. Nothing may leave loopback: any other
// host, over HTTP(S) or a bare socket, stops the process at once with exit code 97 and a line on
// stderr naming it, so that a benchmark never measures (or sends) traffic anywhere else.
//
// env: BENCH_TWILIO_API, BENCH_TWILIO_UPLOAD: the base URLs (http://127.0.0.1:<port>) of the API
//      and upload hosts (the emulator's, or the throttling proxy's in front of it).
"use strict";
const http = require("http");
const https = require("https");
const net = require("net");
const { URL } = require("url");

const REFUSED = 97;
const API = process.env.BENCH_TWILIO_API;
const UPLOAD = process.env.BENCH_TWILIO_UPLOAD;

function refuse(what) {
  process.stderr.write(`loopback-redirect: refused ${what}: only 127.0.0.1 may be reached\n`);
  process.exit(REFUSED);
}

function isLoopback(host) {
  const bare = String(host).replace(/^\[|\]$/g, "");
  return bare === "localhost" || bare === "::1" || (net.isIPv4(bare) && bare.startsWith("127."));
}

for (const [name, base] of [
  ["BENCH_TWILIO_API", API],
  ["BENCH_TWILIO_UPLOAD", UPLOAD],
]) {
  if (base === undefined || !isLoopback(new URL(base).hostname)) refuse(`${name}=${base}`);
}

// Upload first: the API pattern would match its host too.
const ROUTES = [
  [/^serverless-upload(\.[a-z0-9-]+)*\.twilio\.com$/, UPLOAD],
  [/^serverless(\.[a-z0-9-]+)*\.twilio\.com$/, API],
];

// Every socket, whoever opens it, goes to loopback or nowhere (a Unix socket is local too).
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first !== null && typeof first === "object") {
    if (first.path === undefined && !isLoopback(first.host ?? "localhost")) refuse(`a socket to ${first.host}`);
  } else if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    const host = typeof args[1] === "string" ? args[1] : "localhost";
    if (!isLoopback(host)) refuse(`a socket to ${host}`);
  }
  return connect.apply(this, args);
};

/** The request's URL, options and callback, from any of node's call forms. */
function parts(args) {
  let url;
  let i = 0;
  if (typeof args[0] === "string" || args[0] instanceof URL) {
    url = new URL(String(args[0]));
    i = 1;
  }
  const options = args[i] !== null && typeof args[i] === "object" ? args[i] : {};
  const callback = args.find((arg) => typeof arg === "function");
  if (url === undefined) {
    const host = options.hostname ?? options.host ?? "localhost";
    url = new URL(`${options.protocol ?? "http:"}//${host.includes(":") ? `[${host}]` : host}${options.path ?? "/"}`);
  }
  return { url, options, callback };
}

const NAMING_THE_HOST = new Set(["protocol", "host", "hostname", "port", "path", "servername", "agent", "auth"]);

function redirected(args, viaHttps) {
  const { url, options, callback } = parts(args);
  const host = options.hostname ?? options.host ?? url.hostname;
  const route = ROUTES.find(([pattern]) => pattern.test(host));
  if (route === undefined) {
    if (viaHttps || !isLoopback(host)) refuse(`${viaHttps ? "https" : "http"}://${host}`);
    return undefined;
  }
  const to = new URL(`${url.pathname}${url.search}`, route[1]);
  to.username = url.username;
  to.password = url.password;
  // The caller's options win over the URL in node, so everything naming the old host goes; the
  // agent is node's own HTTP one (kept alive, as the HTTPS one it replaces).
  const rest = Object.fromEntries(Object.entries(options).filter(([key]) => !NAMING_THE_HOST.has(key)));
  if (options.auth !== undefined && to.username === "") rest.auth = options.auth;
  return { to, rest, callback };
}

const httpRequest = http.request;
for (const [module, viaHttps] of [
  [http, false],
  [https, true],
]) {
  const original = module.request;
  module.request = function (...args) {
    const target = redirected(args, viaHttps);
    if (target === undefined) return original.apply(this, args);
    return httpRequest(target.to, target.rest, target.callback);
  };
  module.get = function (...args) {
    const req = module.request(...args);
    req.end();
    return req;
  };
}
