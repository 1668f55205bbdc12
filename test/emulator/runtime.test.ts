/**
 * The emulator's runtime: what is deployed to an Environment runs at its domain name, reached over
 * real HTTP on 127.0.0.1, with the records set up directly in the store.
 */
import crypto from "crypto";
import http from "http";
import { EnvironmentRecord, ServiceRecord } from "./records";
import { TwilioEmulator, twilioSignature } from "./server";

interface FunctionFile {
  path: string;
  visibility?: string;
  code: string;
}

interface AssetFile {
  path: string;
  visibility?: string;
  content: string | Buffer;
  contentType?: string;
}

/** What {@link deploy} put live. */
interface Deployed {
  service: ServiceRecord;
  environment: EnvironmentRecord;
  domainName: string;
}

interface DeployOptions {
  functions?: FunctionFile[];
  assets?: AssetFile[];
  variables?: Record<string, string>;
  includeCredentials?: boolean;
}

let names = 0;

/** A Service with one Environment whose live build holds these Functions and Assets. */
function deploy(emulator: TwilioEmulator, options: DeployOptions): Deployed {
  const { store } = emulator;
  const name = `runtime-${++names}`;
  const service = store.addService(name, name, { includeCredentials: options.includeCredentials ?? true });
  const environment = store.addEnvironment(service.sid, "dev", "dev");
  for (const [key, value] of Object.entries(options.variables ?? {})) store.addVariable(environment, key, value);
  const domainName = store.domainNameOf(environment);
  if (domainName === undefined) throw new Error("the environment has no domain name");
  const deployed = { service, environment, domainName };
  redeploy(emulator, deployed, options);
  return deployed;
}

/** Makes a new completed build of these files live in the Environment. */
function redeploy(emulator: TwilioEmulator, { service, environment }: Deployed, options: DeployOptions): void {
  const { store } = emulator;
  const functionVersions = (options.functions ?? []).map((file) =>
    store.addVersion({
      serviceSid: service.sid,
      functionSid: store.addFunction(service.sid, file.path).sid,
      path: file.path,
      visibility: file.visibility ?? "public",
      content: Buffer.from(file.code),
    }),
  );
  const assetVersions = (options.assets ?? []).map((file) =>
    store.addAssetVersion({
      serviceSid: service.sid,
      assetSid: store.addAsset(service.sid, file.path).sid,
      path: file.path,
      visibility: file.visibility ?? "public",
      content: Buffer.from(file.content),
      contentType: file.contentType ?? "text/plain",
    }),
  );
  const build = store.addBuild({
    serviceSid: service.sid,
    functionVersions,
    assetVersions,
    dependencies: [],
    runtime: "node22",
  });
  build.status = "completed";
  store.addDeployment(environment, build.sid);
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
}

interface Call {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One HTTP request (Node's `http`, which, unlike `fetch`, sends the `Host` it is given). */
function call(url: string, { method = "GET", headers = {}, body }: Call = {}): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          ms: performance.now() - started,
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

const form = (params: Record<string, string | string[]>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const each of [value].flat()) search.append(key, each);
  return search.toString();
};

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

/** A Function answering `{ event, context }` minus what cannot be JSON. */
const ECHO = `exports.handler = (context, event, callback) => {
  const { getTwilioClient, ...values } = context;
  callback(null, { event, context: values, getTwilioClient: typeof getTwilioClient });
};`;

describe("runtime", () => {
  let emulator: TwilioEmulator;
  let lines: string[];

  beforeEach(async () => {
    lines = [];
    emulator = await TwilioEmulator.start({ buildDurationMs: 0, log: (line) => lines.push(line) });
  });

  afterEach(async () => {
    await emulator.close();
  });

  describe("answers", () => {
    it("a string as 200 text/plain", async () => {
      const { domainName } = deploy(emulator, {
        functions: [{ path: "/hello", code: `exports.handler = (c, e, callback) => callback(null, "Hello!");` }],
      });

      const answer = await call(emulator.runtimeUrl(domainName, "/hello"));

      expect(answer).toMatchObject({ status: 200, body: "Hello!" });
      expect(answer.headers["content-type"]).toMatch(/^text\/plain/);
    });

    it("an object as 200 application/json, and nothing as an empty 200", async () => {
      const { domainName } = deploy(emulator, {
        functions: [
          { path: "/json", code: `exports.handler = (c, e, callback) => callback(null, { ok: true, n: [1, 2] });` },
          { path: "/nothing", code: `exports.handler = (c, e, callback) => callback();` },
          { path: "/null", code: `exports.handler = (c, e, callback) => callback(null, null);` },
        ],
      });

      const json = await call(emulator.runtimeUrl(domainName, "/json"));
      expect(json.status).toBe(200);
      expect(json.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(json.body)).toEqual({ ok: true, n: [1, 2] });
      for (const path of ["/nothing", "/null"]) {
        expect(await call(emulator.runtimeUrl(domainName, path))).toMatchObject({ status: 200, body: "" });
      }
    });

    it("a Twilio.Response with its status, headers, cookies and JSON body", async () => {
      const code = `exports.handler = (context, event, callback) => {
        const response = new Twilio.Response();
        response
          .setStatusCode(201)
          .setHeaders({ "X-One": "1" })
          .appendHeader("X-Two", "2")
          .setCookie("session", "abc", ["Path=/", "HttpOnly"])
          .setCookie("doomed", "x")
          .removeCookie("doomed")
          .setBody({ created: true });
        callback(null, response);
      };`;
      const { domainName } = deploy(emulator, { functions: [{ path: "/response", code }] });

      const answer = await call(emulator.runtimeUrl(domainName, "/response"));

      expect(answer.status).toBe(201);
      expect(answer.headers).toMatchObject({ "x-one": "1", "x-two": "2" });
      expect(answer.headers["content-type"]).toMatch(/^application\/json/);
      expect(answer.headers["set-cookie"]).toEqual(["session=abc;Path=/;HttpOnly", "doomed=;Max-Age=0"]);
      expect(JSON.parse(answer.body)).toEqual({ created: true });
    });

    it("a Twilio.Response with a text body and the Content-Type it set", async () => {
      const code = `exports.handler = (context, event, callback) => {
        const response = new Twilio.Response({ statusCode: 202, headers: { "Content-Type": "text/xml" } });
        response.setBody("<Response/>");
        callback(null, response);
      };`;
      const { domainName } = deploy(emulator, { functions: [{ path: "/twiml", code }] });

      const answer = await call(emulator.runtimeUrl(domainName, "/twiml"));

      expect(answer).toMatchObject({ status: 202, body: "<Response/>" });
      expect(answer.headers["content-type"]).toBe("text/xml");
    });

    it("a status Node cannot send as a 500", async () => {
      const code = `exports.handler = (c, e, callback) => callback(null, new Twilio.Response().setStatusCode(42));`;
      const { domainName } = deploy(emulator, { functions: [{ path: "/bad-status", code }] });

      const answer = await call(emulator.runtimeUrl(domainName, "/bad-status"));

      expect(answer.status).toBe(500);
      expect(answer.body).toContain("invalid status code 42");
    });
  });

  describe("event", () => {
    it("holds the query parameters, a repeated one as an array, and the request's headers and cookies", async () => {
      const { domainName } = deploy(emulator, { functions: [{ path: "/echo", code: ECHO }] });

      const answer = await call(emulator.runtimeUrl(domainName, "/echo?From=%2B15550001&Tag=a&Tag=b"), {
        headers: { "X-Custom": "yes", Cookie: "session=abc; theme=dark%20blue", "X-Forwarded-For": "10.0.0.1" },
      });

      expect(answer.status).toBe(200);
      const { event } = JSON.parse(answer.body);
      expect(event).toEqual({
        From: "+15550001",
        Tag: ["a", "b"],
        request: {
          headers: expect.objectContaining({ "x-custom": "yes", cookie: "session=abc; theme=dark%20blue" }),
          cookies: { session: "abc", theme: "dark blue" },
        },
      });
      // Twilio keeps its proxies' headers from Functions.
      expect(event.request.headers["x-forwarded-for"]).toBeUndefined();
    });

    it("merges a form body over the query", async () => {
      const { domainName } = deploy(emulator, { functions: [{ path: "/echo", code: ECHO }] });

      const answer = await call(emulator.runtimeUrl(domainName, "/echo?Body=query&Page=2"), {
        method: "POST",
        headers: FORM,
        body: form({ Body: "Hello there", From: "+15550002", Media: ["m1", "m2"] }),
      });

      const { event } = JSON.parse(answer.body);
      expect(event).toMatchObject({ Body: "Hello there", From: "+15550002", Media: ["m1", "m2"], Page: "2" });
    });

    it("holds the keys of a JSON body", async () => {
      const { domainName } = deploy(emulator, { functions: [{ path: "/echo", code: ECHO }] });

      const answer = await call(emulator.runtimeUrl(domainName, "/echo?q=1"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: "Ada", nested: { list: [1, 2] } }),
      });

      const { event } = JSON.parse(answer.body);
      expect(event).toMatchObject({ q: "1", name: "Ada", nested: { list: [1, 2] } });
      expect(event.request.headers["content-type"]).toBe("application/json");
    });

    it("refuses a JSON body that does not parse with 400", async () => {
      const { domainName } = deploy(emulator, { functions: [{ path: "/echo", code: ECHO }] });

      const answer = await call(emulator.runtimeUrl(domainName, "/echo"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{nope",
      });

      expect(answer.status).toBe(400);
    });
  });

  describe("context", () => {
    it("holds the Variables, the domain name, the path, the SIDs and the account's credentials", async () => {
      const deployed = deploy(emulator, {
        functions: [{ path: "/echo", code: ECHO }],
        variables: { GREETING: "hi", API_URL: "https://example.com" },
      });

      const answer = await call(emulator.runtimeUrl(deployed.domainName, "/echo"));

      const { context, getTwilioClient } = JSON.parse(answer.body);
      expect(context).toEqual({
        GREETING: "hi",
        API_URL: "https://example.com",
        DOMAIN_NAME: deployed.domainName,
        PATH: "/echo",
        SERVICE_SID: deployed.service.sid,
        ENVIRONMENT_SID: deployed.environment.sid,
        ACCOUNT_SID: emulator.credentials.accountSid,
        AUTH_TOKEN: emulator.credentials.authToken,
      });
      expect(getTwilioClient).toBe("function");
    });

    it("holds no credentials when the Service does not include them", async () => {
      const { domainName } = deploy(emulator, {
        functions: [{ path: "/echo", code: ECHO }],
        includeCredentials: false,
      });

      const { context } = JSON.parse((await call(emulator.runtimeUrl(domainName, "/echo"))).body);

      expect(context).toHaveProperty("DOMAIN_NAME", domainName);
      expect(context).not.toHaveProperty("ACCOUNT_SID");
      expect(context).not.toHaveProperty("AUTH_TOKEN");
    });

    it("has a getTwilioClient() that says the emulator has no Twilio client", async () => {
      const code = `exports.handler = (context, event, callback) => callback(null, context.getTwilioClient());`;
      const { domainName } = deploy(emulator, { functions: [{ path: "/client", code }] });

      const answer = await call(emulator.runtimeUrl(domainName, "/client"));

      expect(answer.status).toBe(500);
      expect(answer.body).toContain("the emulator runtime has no Twilio client");
    });

    it("gives the Function the Variables, not the emulator's own environment, as process.env", async () => {
      const code = `exports.handler = (c, e, callback) => callback(null, { ...process.env });`;
      const { domainName } = deploy(emulator, { functions: [{ path: "/env", code }], variables: { ONLY: "this" } });

      const answer = await call(emulator.runtimeUrl(domainName, "/env"));

      expect(JSON.parse(answer.body)).toEqual({ ONLY: "this" });
    });
  });

  describe("Runtime", () => {
    it("getAssets() lists the private Assets, which open() reads", async () => {
      const code = `exports.handler = (context, event, callback) => {
        const assets = Runtime.getAssets();
        callback(null, { keys: Object.keys(assets), text: assets["/message.txt"].open(), path: assets["/message.txt"].path });
      };`;
      const { domainName } = deploy(emulator, {
        functions: [{ path: "/read", code }],
        assets: [
          { path: "/message.txt", visibility: "private", content: "secret héllo" },
          { path: "/public.txt", content: "for everyone" },
        ],
      });

      const answer = await call(emulator.runtimeUrl(domainName, "/read"));

      expect(JSON.parse(answer.body)).toEqual({
        keys: ["/message.txt"],
        text: "secret héllo",
        path: "/emulator/assets/message.txt",
      });
    });

    it("getFunctions() lists every Function of the build by its path without the slash", async () => {
      const code = `exports.handler = (c, e, callback) => callback(null, Runtime.getFunctions());`;
      const { domainName } = deploy(emulator, {
        functions: [
          { path: "/list", code },
          { path: "/helpers/util", visibility: "private", code: "" },
        ],
      });

      const answer = await call(emulator.runtimeUrl(domainName, "/list"));

      expect(JSON.parse(answer.body)).toEqual({
        list: { path: "/emulator/functions/list.js" },
        "helpers/util": { path: "/emulator/functions/helpers/util.js" },
      });
    });
  });

  describe("visibility", () => {
    it("serves a public Asset with the content type its upload declared", async () => {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
      const { domainName } = deploy(emulator, {
        assets: [
          { path: "/style.css", content: "body { color: red }", contentType: "text/css" },
          { path: "/logo.png", content: png, contentType: "image/png" },
        ],
      });

      const css = await call(emulator.runtimeUrl(domainName, "/style.css"));
      const image = await fetch(emulator.runtimeUrl(domainName, "/logo.png"));

      expect(css).toMatchObject({ status: 200, body: "body { color: red }" });
      expect(css.headers["content-type"]).toBe("text/css");
      expect(image.headers.get("content-type")).toBe("image/png");
      expect(Buffer.from(await image.arrayBuffer())).toEqual(png);
    });

    it("answers 404 for a private Function, a private Asset, an unknown path and /", async () => {
      const { domainName } = deploy(emulator, {
        functions: [{ path: "/internal", visibility: "private", code: ECHO }],
        assets: [{ path: "/secret.txt", visibility: "private", content: "classified" }],
      });

      for (const path of ["/internal", "/secret.txt", "/nothing-here", "/"]) {
        const answer = await call(emulator.runtimeUrl(domainName, path));
        expect([path, answer.status]).toEqual([path, 404]);
        expect(answer.body).not.toContain("classified");
      }
    });
  });

  describe("protected Functions", () => {
    const PROTECTED = {
      functions: [{ path: "/sms", visibility: "protected", code: ECHO }],
      assets: [{ path: "/guarded.txt", visibility: "protected", content: "guarded" }],
    };

    it("refuse a request without a signature with 401", async () => {
      const { domainName } = deploy(emulator, PROTECTED);

      const answer = await call(emulator.runtimeUrl(domainName, "/sms"), {
        method: "POST",
        headers: FORM,
        body: form({ Body: "hi" }),
      });

      expect(answer.status).toBe(401);
    });

    it("refuse a wrong signature with 401: another token, another URL, other parameters", async () => {
      const { domainName } = deploy(emulator, PROTECTED);
      const params = { Body: "hi", From: "+15550003" };
      const url = `https://${domainName}/sms`;
      const { authToken } = emulator.credentials;
      const wrong = [
        twilioSignature("not-the-token", url, params),
        twilioSignature(authToken, `https://${domainName}/other`, params),
        twilioSignature(authToken, emulator.runtimeUrl(domainName, "/sms"), params),
        twilioSignature(authToken, url, { ...params, Body: "changed" }),
        "garbage",
      ];

      for (const signature of wrong) {
        const answer = await call(emulator.runtimeUrl(domainName, "/sms"), {
          method: "POST",
          headers: { ...FORM, "X-Twilio-Signature": signature },
          body: form(params),
        });
        expect([signature, answer.status]).toEqual([signature, 401]);
      }
    });

    it("run a form POST signed with the auth token over the canonical URL and every parameter", async () => {
      const { domainName } = deploy(emulator, PROTECTED);
      const params = { To: "+15550009", From: "+15550003", Body: "Hello", MediaUrl: ["b", "a"] };
      // Written out by hand: the URL, then each key and value in key order, a repeated key's values sorted.
      const data = `https://${domainName}/sms?x=1BodyHelloFrom+15550003MediaUrlaMediaUrlbTo+15550009`;
      const signature = crypto.createHmac("sha1", emulator.credentials.authToken).update(data).digest("base64");

      const answer = await call(emulator.runtimeUrl(domainName, "/sms?x=1"), {
        method: "POST",
        headers: { ...FORM, "X-Twilio-Signature": signature },
        body: form(params),
      });

      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body).event).toMatchObject({ x: "1", ...params });
    });

    it("run a GET signed over the canonical URL with its query, reached either way", async () => {
      const { domainName } = deploy(emulator, PROTECTED);
      const signature = twilioSignature(emulator.credentials.authToken, `https://${domainName}/sms?From=%2B1555&a=b`);
      const headers = { "X-Twilio-Signature": signature };

      const byPath = await call(emulator.runtimeUrl(domainName, "/sms?From=%2B1555&a=b"), { headers });
      const byHost = await call(`${emulator.apiBaseUrl}/sms?From=%2B1555&a=b`, {
        headers: { ...headers, Host: domainName },
      });

      expect(byPath.status).toBe(200);
      expect(JSON.parse(byPath.body).event).toMatchObject({ From: "+1555", a: "b" });
      expect(byHost.status).toBe(200);
    });

    it("guard a protected Asset the same way", async () => {
      const { domainName } = deploy(emulator, PROTECTED);
      const signature = twilioSignature(emulator.credentials.authToken, `https://${domainName}/guarded.txt`);

      expect((await call(emulator.runtimeUrl(domainName, "/guarded.txt"))).status).toBe(401);
      const signed = await call(emulator.runtimeUrl(domainName, "/guarded.txt"), {
        headers: { "X-Twilio-Signature": signature },
      });
      expect(signed).toMatchObject({ status: 200, body: "guarded" });
    });

    it("twilioSignature() gives the signature of Twilio's documented example", () => {
      const params = {
        CallSid: "CA1234567890ABCDE",
        Caller: "+14158675310",
        Digits: "1234",
        From: "+14158675310",
        To: "+18005551212",
      };

      const url = "https://mycompany.com/myapp.php?foo=1&bar=2";

      expect(twilioSignature("12345", url, params)).toBe("GvWf1cFY/Q7PnoempGyD5oXAezc=");
      const { To, Digits, CallSid, From, Caller } = params;
      expect(twilioSignature("12345", url, { To, Digits, CallSid, From, Caller })).toBe("GvWf1cFY/Q7PnoempGyD5oXAezc=");
    });

    it("twilioSignature() signs a repeated key's distinct values in order, and a GET by its URL alone", () => {
      const hmac = (data: string): string => crypto.createHmac("sha1", "token").update(data).digest("base64");

      expect(twilioSignature("token", "https://a.twil.io/f", { B: "2", A: ["y", "x", "y"] })).toBe(
        hmac("https://a.twil.io/fAxAyB2"),
      );
      expect(twilioSignature("token", "https://a.twil.io/f?q=1")).toBe(hmac("https://a.twil.io/f?q=1"));
    });
  });

  describe("failures", () => {
    it.each([
      ["calls back with an error", `exports.handler = (c, e, callback) => callback(new Error("boom"));`, "Error: boom"],
      ["throws", `exports.handler = () => { throw new TypeError("bad type"); };`, "TypeError: bad type"],
      ["rejects", `exports.handler = async () => { throw new Error("async boom"); };`, "Error: async boom"],
      ["throws later", `exports.handler = () => { setTimeout(() => { throw new Error("late"); }, 1); };`, "late"],
      ["throws at load", `throw new Error("at load");\nexports.handler = () => {};`, "failed to load: Error: at load"],
      ["does not parse", `exports.handler = (c, e, callback) => {`, "failed to load: SyntaxError"],
      ["exports no handler", `exports.other = () => {};`, "does not export a handler"],
    ])("answers 500 for a Function that %s", async (_what, code, message) => {
      const { domainName } = deploy(emulator, { functions: [{ path: "/fails", code }] });

      const answer = await call(emulator.runtimeUrl(domainName, "/fails"));

      expect(answer.status).toBe(500);
      expect(answer.body).toContain(message);
      expect(answer.body.length).toBeLessThan(300);
    });

    it("lets a Function require Node built-ins only, naming the module it cannot load", async () => {
      const { domainName } = deploy(emulator, {
        functions: [
          {
            path: "/builtins",
            code: `const crypto = require("crypto"); const path = require("node:path");
              exports.handler = (c, e, callback) => callback(null, path.join("a", crypto.createHash("sha1").update("x").digest("hex")));`,
          },
          {
            path: "/lodash",
            code: `const _ = require("lodash");\nexports.handler = (c, e, callback) => callback(null, "no");`,
          },
          { path: "/relative", code: `exports.handler = (c, e, callback) => callback(null, require("./util"));` },
        ],
      });

      const builtins = await call(emulator.runtimeUrl(domainName, "/builtins"));
      const lodash = await call(emulator.runtimeUrl(domainName, "/lodash"));
      const relative = await call(emulator.runtimeUrl(domainName, "/relative"));

      expect(builtins).toMatchObject({ status: 200, body: "a/11f6ad8ec52a2984abaafd7c3b516503785c2072" });
      expect(lodash.status).toBe(500);
      expect(lodash.body).toContain("'lodash'");
      expect(lodash.body).toContain("the emulator runtime has only Node built-ins");
      expect(relative.status).toBe(500);
      expect(relative.body).toContain("'./util'");
    });

    it("answers the first callback only", async () => {
      const code = `exports.handler = (c, e, callback) => { callback(null, "first"); callback(null, "second"); };`;
      const { domainName } = deploy(emulator, { functions: [{ path: "/twice", code }] });

      expect(await call(emulator.runtimeUrl(domainName, "/twice"))).toMatchObject({ status: 200, body: "first" });
    });
  });

  describe("reaching the runtime", () => {
    it("serves a request whose Host is the domain name, port or not, in any case", async () => {
      const { domainName } = deploy(emulator, {
        functions: [{ path: "/hello", code: `exports.handler = (c, e, callback) => callback(null, "by host");` }],
      });

      for (const host of [domainName, `${domainName}:443`, domainName.toUpperCase()]) {
        const answer = await call(`${emulator.apiBaseUrl}/hello`, { headers: { Host: host } });
        expect([host, answer.status, answer.body]).toEqual([host, 200, "by host"]);
      }
    });

    it("leaves a request whose Host is no Environment's to the API, and the API's to it", async () => {
      deploy(emulator, { functions: [{ path: "/v1/Services", code: ECHO }] });

      const unknownHost = await call(`${emulator.apiBaseUrl}/hello`, { headers: { Host: "unknown-1234.twil.io" } });
      const api = await call(`${emulator.apiBaseUrl}/v1/Services`);

      expect(unknownHost.status).toBe(401);
      expect(JSON.parse(unknownHost.body)).toMatchObject({ code: 20003 });
      expect(api.status).toBe(401);
      expect(emulator.requestsTo("api").map((r) => r.path)).toEqual(["/hello", "/v1/Services"]);
    });

    it("answers 404 for an unknown domain under /_runtime/", async () => {
      const answer = await call(emulator.runtimeUrl("nobody-0000.twil.io", "/hello"));

      expect(answer.status).toBe(404);
      expect(answer.body).toContain("nobody-0000.twil.io");
    });

    it("answers 404 saying nothing is deployed for an Environment without a live build", async () => {
      const service = emulator.store.addService("empty", "empty");
      const environment = emulator.store.addEnvironment(service.sid, "dev", null);
      const domainName = `${service.domainBase}.twil.io`;

      const byPath = await call(emulator.runtimeUrl(domainName, "/hello"));
      const byHost = await call(`${emulator.apiBaseUrl}/hello`, { headers: { Host: domainName } });

      for (const answer of [byPath, byHost]) {
        expect(answer.status).toBe(404);
        expect(answer.body).toContain("Nothing is deployed");
      }
      expect(environment.buildSid).toBeNull();
    });

    it("serves the live build: a new deployment replaces what is served, an empty one stops it", async () => {
      const deployed = deploy(emulator, {
        functions: [{ path: "/v", code: `exports.handler = (c, e, callback) => callback(null, "one");` }],
      });
      redeploy(emulator, deployed, {
        functions: [{ path: "/v", code: `exports.handler = (c, e, callback) => callback(null, "two");` }],
      });

      expect((await call(emulator.runtimeUrl(deployed.domainName, "/v"))).body).toBe("two");
      emulator.store.addDeployment(deployed.environment, null);
      expect((await call(emulator.runtimeUrl(deployed.domainName, "/v"))).status).toBe(404);
    });

    it("keeps runtime requests out of emulator.requests and logs them with host runtime", async () => {
      const { domainName } = deploy(emulator, {
        functions: [{ path: "/hello", code: `exports.handler = (c, e, callback) => callback(null, "hi");` }],
      });

      await call(emulator.runtimeUrl(domainName, "/hello"));
      await call(`${emulator.apiBaseUrl}/hello`, { headers: { Host: domainName } });
      await call(emulator.runtimeUrl(domainName, "/missing"));

      expect(emulator.requests).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 20)); // lines are written once connections close
      expect(lines).toEqual([
        expect.stringMatching(new RegExp(`^GET runtime /_runtime/${domainName}/hello 200 \\d+ms$`)),
        expect.stringMatching(/^GET runtime \/hello 200 \d+ms$/),
        expect.stringMatching(new RegExp(`^GET runtime /_runtime/${domainName}/missing 404 \\d+ms$`)),
      ]);
    });

    it("needs no credentials and ignores the API's faults", async () => {
      const { domainName } = deploy(emulator, {
        functions: [{ path: "/hello", code: `exports.handler = (c, e, callback) => callback(null, "hi");` }],
      });
      emulator.faults.add({ host: "api", action: { kind: "status", status: 503 } });

      expect((await call(emulator.runtimeUrl(domainName, "/hello"))).status).toBe(200);
      expect((await call(`${emulator.apiBaseUrl}/v1/Services`)).status).toBe(503);
    });
  });
});

describe("runtime time limit", () => {
  const LIMIT_MS = 300;
  let emulator: TwilioEmulator;

  beforeEach(async () => {
    emulator = await TwilioEmulator.start({ invocationTimeoutMs: LIMIT_MS });
  });

  afterEach(async () => {
    await emulator.close();
  });

  it.each([
    ["never calls back", `exports.handler = () => {};`],
    [
      "waits longer than the limit",
      `exports.handler = (c, e, callback) => setTimeout(() => callback(null, "late"), 5000);`,
    ],
    ["loops forever", `exports.handler = () => { while (true) {} };`],
    ["loops forever at load", `while (true) {}`],
  ])("answers 504 for a Function that %s, and the emulator still answers", async (_what, code) => {
    const { domainName } = deploy(emulator, {
      functions: [
        { path: "/slow", code },
        { path: "/fast", code: `exports.handler = (c, e, callback) => callback(null, "still here");` },
      ],
    });

    const answer = await call(emulator.runtimeUrl(domainName, "/slow"));

    expect(answer.status).toBe(504);
    expect(answer.body).toBe(`Function /slow timed out after ${LIMIT_MS} ms`);
    expect(answer.ms).toBeGreaterThanOrEqual(LIMIT_MS - 5);
    expect(answer.ms).toBeLessThan(LIMIT_MS + 3_000);
    expect(await call(emulator.runtimeUrl(domainName, "/fast"))).toMatchObject({ status: 200, body: "still here" });
    expect((await call(`${emulator.apiBaseUrl}/v1/Services`)).status).toBe(401);
  });

  it("answers a Function that calls back within the limit", async () => {
    const code = `exports.handler = (c, e, callback) => setTimeout(() => callback(null, "in time"), 50);`;
    const { domainName } = deploy(emulator, { functions: [{ path: "/ok", code }] });

    expect(await call(emulator.runtimeUrl(domainName, "/ok"))).toMatchObject({ status: 200, body: "in time" });
  });

  it("takes a new limit at run time", async () => {
    emulator.runtime.invocationTimeoutMs = 100;
    const { domainName } = deploy(emulator, { functions: [{ path: "/never", code: `exports.handler = () => {};` }] });

    const answer = await call(emulator.runtimeUrl(domainName, "/never"));

    expect(answer).toMatchObject({ status: 504, body: "Function /never timed out after 100 ms" });
  });

  it("stops invocations still running when the emulator closes", async () => {
    const { domainName } = deploy(emulator, {
      functions: [{ path: "/loop", code: `exports.handler = () => { while (true) {} };` }],
    });
    emulator.runtime.invocationTimeoutMs = 60_000;

    const pending = call(emulator.runtimeUrl(domainName, "/loop")).then(
      () => "answered",
      () => "dropped",
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await emulator.close();

    expect(await pending).toBe("dropped");
  });
});
