/**
 * The emulator's runtime: what is deployed to an Environment runs at its domain name on Twilio's
 * runtime-handler, reached over real HTTP on 127.0.0.1, with the records set up directly in the
 * store. Where runtime-handler shapes an answer, the emulator's is compared with that of
 * runtime-handler started directly on the same folder, as `twilio-run start` runs it.
 */
import crypto from "crypto";
import fs from "fs";
import http from "http";
import os from "os";
import path from "path";
import {
  Answer,
  Baseline,
  FORM,
  call,
  deploy,
  essentials,
  form,
  jsonBody,
  objectOf,
  redeploy,
  startBaseline,
  stringOf,
} from "./runtime-fixture";
import { TwilioEmulator, twilioSignature } from "./server";

/** Waits until `done` holds, for at most `ms`; then lets the test's expectations speak. */
async function until(done: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !done() && Date.now() < end;) await new Promise((r) => setTimeout(r, 25));
}

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

  describe("answers, as twilio-run start gives them", () => {
    const respond = (setup: string): string =>
      `exports.handler = (context, event, callback) => { const response = new Twilio.Response(); ${setup}; callback(null, response); };`;
    const ANSWERS = [
      { path: "/string", code: `exports.handler = (c, e, callback) => callback(null, "Hello!");` },
      { path: "/json", code: `exports.handler = (c, e, callback) => callback(null, { ok: true, n: [1, 2] });` },
      { path: "/nothing", code: `exports.handler = (c, e, callback) => callback();` },
      { path: "/null", code: `exports.handler = (c, e, callback) => callback(null, null);` },
      {
        path: "/voice",
        code: `exports.handler = (c, e, callback) => {
          const twiml = new Twilio.twiml.VoiceResponse();
          twiml.say({ voice: "alice" }, "Ahoy!");
          twiml.hangup();
          callback(null, twiml);
        };`,
      },
      {
        path: "/sms",
        code: `exports.handler = (c, event, callback) => {
          const twiml = new Twilio.twiml.MessagingResponse();
          twiml.message(\`You said: \${event.Body}\`);
          callback(null, twiml);
        };`,
      },
      { path: "/response-text", code: respond(`response.setBody("<p>Ahoy</p>")`) },
      { path: "/response-json", code: respond(`response.setStatusCode(201).setBody({ created: true })`) },
      {
        path: "/response-typed",
        code: respond(`response.setStatusCode(202).appendHeader("Content-Type", "text/xml").setBody("<Response/>")`),
      },
      {
        path: "/response-cookies",
        code: respond(`response
          .setHeaders({ "X-One": "1" })
          .appendHeader("X-Two", "2")
          .setCookie("session", "abc", ["Path=/", "HttpOnly"])
          .setCookie("doomed", "x")
          .removeCookie("doomed")
          .setBody({ created: true })`),
      },
      { path: "/bad-status", code: respond(`response.setStatusCode(42)`) },
    ];
    let domainName: string;
    let baseline: Baseline;
    const both = async (path: string): Promise<[Answer, Answer]> => [
      await call(emulator.runtimeUrl(domainName, path)),
      await call(baseline.url(path)),
    ];

    beforeEach(async () => {
      ({ domainName } = deploy(emulator, { functions: ANSWERS }));
      baseline = await startBaseline(emulator, domainName);
    });

    afterEach(() => baseline.close());

    it("a string as 200 text/plain", async () => {
      const [emulated, reference] = await both("/string");

      expect(essentials(emulated)).toEqual({ status: 200, type: "text/plain; charset=utf-8", body: "Hello!" });
      expect(essentials(reference)).toEqual(essentials(emulated));
    });

    it("an object as 200 application/json, and nothing as an empty 200", async () => {
      for (const path of ["/json", "/nothing", "/null"]) {
        const [emulated, reference] = await both(path);
        expect(emulated.status).toBe(200);
        expect(essentials(reference)).toEqual(essentials(emulated));
      }
      const [json] = await both("/json");
      expect(json.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(JSON.parse(json.body)).toEqual({ ok: true, n: [1, 2] });
    });

    it("TwiML from Twilio.twiml as 200 text/xml", async () => {
      const [voice, voiceReference] = await both("/voice");
      const [sms, smsReference] = await both("/sms?Body=hi");

      expect(essentials(voice)).toEqual({
        status: 200,
        type: "text/xml; charset=utf-8",
        body: '<?xml version="1.0" encoding="UTF-8"?><Response><Say voice="alice">Ahoy!</Say><Hangup/></Response>',
      });
      expect(sms.body).toBe(
        '<?xml version="1.0" encoding="UTF-8"?><Response><Message>You said: hi</Message></Response>',
      );
      expect(essentials(voiceReference)).toEqual(essentials(voice));
      expect(essentials(smsReference)).toEqual(essentials(sms));
    });

    it("a Twilio.Response with a string body as text/html, as express sends a string", async () => {
      const [emulated, reference] = await both("/response-text");

      expect(essentials(emulated)).toEqual({ status: 200, type: "text/html; charset=utf-8", body: "<p>Ahoy</p>" });
      expect(essentials(reference)).toEqual(essentials(emulated));
    });

    it("a Twilio.Response with its status, headers, cookies and body", async () => {
      for (const path of ["/response-json", "/response-typed", "/response-cookies"]) {
        const [emulated, reference] = await both(path);
        expect(essentials(reference)).toEqual(essentials(emulated));
      }
      const [json] = await both("/response-json");
      expect(essentials(json)).toEqual({
        status: 201,
        type: "application/json; charset=utf-8",
        body: '{"created":true}',
      });
      const [typed] = await both("/response-typed");
      expect(essentials(typed)).toEqual({ status: 202, type: "text/xml; charset=utf-8", body: "<Response/>" });
      const [cookies, cookiesReference] = await both("/response-cookies");
      expect(cookies.headers).toMatchObject({ "x-one": "1", "x-two": "2" });
      expect(cookies.headers["set-cookie"]).toEqual(["session=abc;Path=/;HttpOnly", "doomed=;Max-Age=0"]);
      expect(cookiesReference.headers["set-cookie"]).toEqual(cookies.headers["set-cookie"]);
    });

    it("a status Node cannot send as runtime-handler's 500", async () => {
      const [emulated, reference] = await both("/bad-status");

      const { name, message } = jsonBody(emulated);
      expect([emulated.status, name, message]).toEqual([500, "RangeError", "Invalid status code: 42"]);
      // Only the status: in this process Node's error is of another realm than jest's, which
      // runtime-handler then sends as a plain object.
      expect(reference.status).toBe(500);
    });
  });

  describe("event", () => {
    it("holds the query parameters, a repeated one as an array, and the request's headers and cookies", async () => {
      const { domainName } = deploy(emulator, { functions: [{ path: "/echo", code: ECHO }] });

      const answer = await call(emulator.runtimeUrl(domainName, "/echo?From=%2B15550001&Tag=a&Tag=b"), {
        headers: { "X-Custom": "yes", Cookie: "session=abc; theme=dark%20blue", "X-Forwarded-For": "10.0.0.1" },
      });

      expect(answer.status).toBe(200);
      const event = objectOf(jsonBody(answer).event);
      expect(event).toEqual({
        From: "+15550001",
        Tag: ["a", "b"],
        request: {
          headers: expect.objectContaining({ "x-custom": "yes", cookie: "session=abc; theme=dark%20blue" }),
          cookies: { session: "abc", theme: "dark blue" },
        },
      });
      // Twilio keeps its proxies' headers from Functions.
      const headers = objectOf(objectOf(event.request).headers);
      expect(headers["x-forwarded-for"]).toBeUndefined();
      // The domain it was asked for, however the request reached the emulator; a GET has no body.
      expect(headers.host).toBe(domainName);
      expect(headers["content-length"]).toBeUndefined();
    });

    it("holds the parameters of a form body sent in chunks", async () => {
      const { domainName } = deploy(emulator, { functions: [{ path: "/echo", code: ECHO }] });

      const answer = await call(emulator.runtimeUrl(domainName, "/echo"), {
        method: "POST",
        headers: { ...FORM, "Transfer-Encoding": "chunked" },
        body: form({ Body: "in chunks" }),
      });

      expect(answer.status).toBe(200);
      expect(jsonBody(answer).event).toMatchObject({ Body: "in chunks" });
    });

    it("merges a form body over the query", async () => {
      const { domainName } = deploy(emulator, { functions: [{ path: "/echo", code: ECHO }] });

      const answer = await call(emulator.runtimeUrl(domainName, "/echo?Body=query&Page=2"), {
        method: "POST",
        headers: FORM,
        body: form({ Body: "Hello there", From: "+15550002", Media: ["m1", "m2"] }),
      });

      const { event } = jsonBody(answer);
      expect(event).toMatchObject({ Body: "Hello there", From: "+15550002", Media: ["m1", "m2"], Page: "2" });
    });

    it("holds the keys of a JSON body", async () => {
      const { domainName } = deploy(emulator, { functions: [{ path: "/echo", code: ECHO }] });

      const answer = await call(emulator.runtimeUrl(domainName, "/echo?q=1"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: "Ada", nested: { list: [1, 2] } }),
      });

      const event = objectOf(jsonBody(answer).event);
      expect(event).toMatchObject({ q: "1", name: "Ada", nested: { list: [1, 2] } });
      expect(objectOf(objectOf(event.request).headers)["content-type"]).toBe("application/json");
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

      const { context, getTwilioClient } = jsonBody(answer);
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

      const { context } = jsonBody(await call(emulator.runtimeUrl(domainName, "/echo")));

      expect(context).toHaveProperty("DOMAIN_NAME", domainName);
      expect(context).not.toHaveProperty("ACCOUNT_SID");
      expect(context).not.toHaveProperty("AUTH_TOKEN");
    });

    it("gives the Function the Variables, not the emulator's own environment, as process.env", async () => {
      const code = `exports.handler = (c, e, callback) => callback(null, { ...process.env });`;
      const { domainName } = deploy(emulator, { functions: [{ path: "/env", code }], variables: { ONLY: "this" } });

      const answer = await call(emulator.runtimeUrl(domainName, "/env"));

      expect(JSON.parse(answer.body)).toEqual({ ONLY: "this" });
    });
  });

  describe("Runtime", () => {
    it("getAssets() lists the private Assets, which open() reads from the build's folder", async () => {
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

      const { keys, text, path: read } = jsonBody(answer);
      const path = stringOf(read);
      expect({ keys, text }).toEqual({ keys: ["/message.txt"], text: "secret héllo" });
      expect(path).toMatch(/[\\/]assets[\\/]message\.txt$/);
      expect(path.startsWith(emulator.runtime.dataDir)).toBe(true);
      expect(fs.readFileSync(path, "utf8")).toBe("secret héllo");
    });

    it("getFunctions() lists every Function of the build by its path without the slash, at its file", async () => {
      const code = `exports.handler = (c, e, callback) => callback(null, Runtime.getFunctions());`;
      const { domainName } = deploy(emulator, {
        functions: [
          { path: "/list", code },
          { path: "/helpers/util", visibility: "private", code: "exports.util = 1;" },
        ],
      });

      const answer = await call(emulator.runtimeUrl(domainName, "/list"));

      const functions = jsonBody(answer);
      expect(Object.keys(functions)).toEqual(["list", "helpers/util"]);
      const util = stringOf(objectOf(functions["helpers/util"]).path);
      expect(util).toMatch(/[\\/]functions[\\/]helpers[\\/]util\.js$/);
      expect(fs.readFileSync(util, "utf8")).toBe("exports.util = 1;");
      expect(fs.readFileSync(stringOf(objectOf(functions.list).path), "utf8")).toBe(code);
    });

    it("lets a Function require a private Function and read private Assets by their paths, with fs and require", async () => {
      const code = `const fs = require("fs");
      exports.handler = (context, event, callback) => {
        const assets = Runtime.getAssets();
        const { greet } = require(Runtime.getFunctions()["helpers/greet"].path);
        callback(null, {
          greeting: greet("Ada"),
          twice: require(assets["/lib.js"].path).twice(21),
          read: JSON.parse(fs.readFileSync(assets["/data.json"].path, "utf8")),
          required: require(assets["/data.json"].path),
          opened: assets["/data.json"].open(),
        });
      };`;
      const data = JSON.stringify({ list: [1, 2], name: "data" });
      const { domainName } = deploy(emulator, {
        functions: [
          { path: "/caller", code },
          { path: "/helpers/greet", visibility: "private", code: "exports.greet = (name) => `Hello, ${name}`;" },
        ],
        assets: [
          { path: "/lib.js", visibility: "private", content: "exports.twice = (n) => n * 2;" },
          { path: "/data.json", visibility: "private", content: data, contentType: "application/json" },
        ],
      });
      const baseline = await startBaseline(emulator, domainName);

      try {
        const answer = await call(emulator.runtimeUrl(domainName, "/caller"));
        const reference = await call(baseline.url("/caller"));

        expect(JSON.parse(answer.body)).toEqual({
          greeting: "Hello, Ada",
          twice: 42,
          read: { list: [1, 2], name: "data" },
          required: { list: [1, 2], name: "data" },
          opened: data,
        });
        expect(essentials(reference)).toEqual(essentials(answer));
        // Private ones are for Functions only.
        for (const path of ["/helpers/greet", "/lib.js", "/data.json"]) {
          expect((await call(emulator.runtimeUrl(domainName, path))).status).toBe(404);
        }
      } finally {
        await baseline.close();
      }
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
      expect(jsonBody(answer).event).toMatchObject({ x: "1", ...params });
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
      expect(jsonBody(byPath).event).toMatchObject({ From: "+1555", a: "b" });
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
      [
        "calls back with an error",
        `exports.handler = (c, e, callback) => callback(new Error("boom"));`,
        "Error",
        "boom",
      ],
      ["throws", `exports.handler = () => { throw new TypeError("bad type"); };`, "TypeError", "bad type"],
    ])("answers runtime-handler's 500 for a Function that %s", async (_what, code, name, message) => {
      const { domainName } = deploy(emulator, { functions: [{ path: "/fails", code }] });
      const baseline = await startBaseline(emulator, domainName);

      try {
        const answer = await call(emulator.runtimeUrl(domainName, "/fails"));
        const reference = await call(baseline.url("/fails"));

        expect(answer.status).toBe(500);
        expect(answer.headers["content-type"]).toBe("application/json; charset=utf-8");
        expect(JSON.parse(answer.body)).toMatchObject({ name, message });
        expect(reference.status).toBe(500);
        expect(JSON.parse(reference.body)).toMatchObject({ name, message });
      } finally {
        await baseline.close();
      }
    });

    // Served in its server's own process (as here for the baseline), runtime-handler leaves these
    // to the process; `twilio-run start`, which by default runs each invocation in a process of
    // its own, answers them so, as the emulator does.
    it.each([
      ["rejects", `exports.handler = async () => { throw new Error("async boom"); };`, "async boom"],
      ["throws later", `exports.handler = () => { setTimeout(() => { throw new Error("late"); }, 1); };`, "late"],
    ])("answers runtime-handler's 500 for a Function that %s", async (_what, code, message) => {
      const { domainName } = deploy(emulator, { functions: [{ path: "/fails", code }] });

      const answer = await call(emulator.runtimeUrl(domainName, "/fails"));

      expect(answer.status).toBe(500);
      expect(JSON.parse(answer.body)).toMatchObject({ name: "Error", message });
    });

    it("starts a fresh host after an error no Function caught, and keeps a well one warm", async () => {
      const count = `globalThis.count = (globalThis.count || 0) + 1;`;
      const { domainName } = deploy(emulator, {
        functions: [
          {
            path: "/count",
            code: `exports.handler = (c, e, callback) => { ${count} callback(null, String(globalThis.count)); };`,
          },
          {
            path: "/late",
            code: `exports.handler = () => { ${count} setTimeout(() => { throw new Error("late"); }, 1); };`,
          },
        ],
      });
      const get = async (path: string): Promise<string> => (await call(emulator.runtimeUrl(domainName, path))).body;

      expect(await get("/count")).toBe("1");
      expect(await get("/count")).toBe("2"); // warm: its globals stay, as in a reused container
      expect(JSON.parse(await get("/late"))).toMatchObject({ message: "late" });
      expect(await get("/count")).toBe("1");
    });

    it("waits for the host it just used, still busy a moment after calling back, rather than start another", async () => {
      const code = `exports.handler = (c, e, callback) => {
        globalThis.count = (globalThis.count || 0) + 1;
        callback(null, String(globalThis.count));
        for (const end = Date.now() + 300; Date.now() < end; );
      };`;
      const { domainName } = deploy(emulator, { functions: [{ path: "/count", code }] });
      const get = async (): Promise<string> => (await call(emulator.runtimeUrl(domainName, "/count"))).body;

      expect([await get(), await get(), await get()]).toEqual(["1", "2", "3"]);
      expect(emulator.runtime.runningHosts).toBe(1);
    });

    it.each([
      ["throws at load", `throw new Error("at load");\nexports.handler = () => {};`, "Error: at load"],
      ["does not parse", `exports.handler = (c, e, callback) => {`, "SyntaxError"],
    ])("answers runtime-handler's 500 page for a Function that %s", async (_what, code, shown) => {
      const { domainName } = deploy(emulator, { functions: [{ path: "/fails", code }] });
      const baseline = await startBaseline(emulator, domainName);

      try {
        const answer = await call(emulator.runtimeUrl(domainName, "/fails"));
        const reference = await call(baseline.url("/fails"));

        expect(answer.status).toBe(500);
        expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
        expect(answer.body).toContain("<h1>Runtime Error</h1>");
        expect(answer.body).toContain(shown);
        expect([reference.status, reference.headers["content-type"]]).toEqual([500, "text/html; charset=utf-8"]);
      } finally {
        await baseline.close();
      }
    });

    it("answers runtime-handler's 404 for a Function that exports no handler", async () => {
      const { domainName } = deploy(emulator, { functions: [{ path: "/none", code: `exports.other = () => {};` }] });
      const baseline = await startBaseline(emulator, domainName);

      try {
        const answer = await call(emulator.runtimeUrl(domainName, "/none"));
        const reference = await call(baseline.url("/none"));

        expect(answer.status).toBe(404);
        expect(answer.body).toMatch(/^Could not find a "handler" function in file .*[\\/]functions[\\/]none\.js$/);
        expect(essentials(reference)).toEqual(essentials(answer));
      } finally {
        await baseline.close();
      }
    });

    it("lets a Function require Node built-ins and names a module the build does not have", async () => {
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
      expect(lodash.body).toContain("<strong>Error:</strong> Cannot find module 'lodash'");
      expect(relative.status).toBe(500);
      expect(jsonBody(relative).message).toMatch(/^Cannot find module '\.\/util'/);
    });

    it("answers the first callback only", async () => {
      const code = `exports.handler = (c, e, callback) => { callback(null, "first"); callback(null, "second"); };`;
      const { domainName } = deploy(emulator, { functions: [{ path: "/twice", code }] });

      expect(await call(emulator.runtimeUrl(domainName, "/twice"))).toMatchObject({ status: 200, body: "first" });
    });

    it("answers 500 naming why for a build runtime-handler refuses (two routes at one path)", async () => {
      const { domainName } = deploy(emulator, {
        functions: [{ path: "/twin", code: `exports.handler = (c, e, callback) => callback(null, "fn");` }],
        assets: [{ path: "/twin", content: "asset" }],
      });

      const answer = await call(emulator.runtimeUrl(domainName, "/twin"));

      expect(answer.status).toBe(500);
      expect(answer.body).toContain("Duplicate. Path /twin already exists");
    });
  });

  describe("laying out builds", () => {
    it("refuses a build with a path that names no file of its folder, and writes nothing outside it", async () => {
      const { domainName } = deploy(emulator, {
        functions: [
          { path: "/fine", code: `exports.handler = (c, e, callback) => callback(null, "fine");` },
          { path: "/../../escaped", code: "exports.handler = () => {};" },
        ],
      });

      const answer = await call(emulator.runtimeUrl(domainName, "/fine"));

      expect(answer.status).toBe(500);
      expect(answer.body).toContain('The path "/../../escaped" cannot be laid out as a file');
      expect(fs.existsSync(`${emulator.runtime.dataDir}/../escaped.js`)).toBe(false);
      expect(
        fs.readdirSync(emulator.runtime.dataDir).flatMap((d) => fs.readdirSync(`${emulator.runtime.dataDir}/${d}`)),
      ).not.toContain("escaped.js");
    });

    it("serves a Function whose path a URL carries percent-encoded", async () => {
      const { domainName } = deploy(emulator, {
        functions: [
          { path: "/café/menü", code: `exports.handler = (context, e, callback) => callback(null, context.PATH);` },
        ],
      });

      const answer = await call(emulator.runtimeUrl(domainName, "/caf%C3%A9/men%C3%BC"));

      expect(answer).toMatchObject({ status: 200, body: "/café/menü" });
    });

    it("leaves no folder behind when the emulator cannot start", async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-data-"));
      const taken = http.createServer();
      await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
      const address = taken.address();
      const port = address !== null && typeof address !== "string" ? address.port : 0;

      try {
        await expect(TwilioEmulator.start({ uploadPort: port, dataDir })).rejects.toThrow(/EADDRINUSE/);
        expect(fs.readdirSync(dataDir)).toEqual([]);
      } finally {
        taken.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it("removes the laid-out builds when the emulator closes", async () => {
      const { domainName } = deploy(emulator, {
        functions: [{ path: "/hello", code: `exports.handler = (c, e, callback) => callback(null, "hi");` }],
      });
      expect((await call(emulator.runtimeUrl(domainName, "/hello"))).status).toBe(200);
      const { dataDir } = emulator.runtime;
      expect(fs.readdirSync(dataDir)).toHaveLength(1);

      await emulator.close();

      expect(fs.existsSync(dataDir)).toBe(false);
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

    it("serves an Environment's Variables as they are now", async () => {
      const code = `exports.handler = (context, e, callback) => callback(null, context.GREETING);`;
      const deployed = deploy(emulator, { functions: [{ path: "/greet", code }], variables: { GREETING: "one" } });
      expect((await call(emulator.runtimeUrl(deployed.domainName, "/greet"))).body).toBe("one");

      const [variable] = emulator.store.variables.values();
      variable.value = "two";

      expect((await call(emulator.runtimeUrl(deployed.domainName, "/greet"))).body).toBe("two");
    });

    it("stops the hosts of an Environment that serves nothing any more", async () => {
      const code = `exports.handler = (c, e, callback) => callback(null, "up");`;
      const first = deploy(emulator, { functions: [{ path: "/up", code }] });
      const second = deploy(emulator, { functions: [{ path: "/up", code }] });
      await call(emulator.runtimeUrl(first.domainName, "/up"));
      await call(emulator.runtimeUrl(second.domainName, "/up"));
      expect(emulator.runtime.runningHosts).toBe(2);

      emulator.store.addDeployment(first.environment, null);
      await call(emulator.runtimeUrl(second.domainName, "/up"));

      await until(() => emulator.runtime.runningHosts === 1);
      expect(emulator.runtime.runningHosts).toBe(1);
    });

    it("closes the connection when the client asked for it, whatever the host's connection does", async () => {
      const { domainName } = deploy(emulator, {
        functions: [{ path: "/hello", code: `exports.handler = (c, e, callback) => callback(null, "hi");` }],
      });

      const answer = await call(emulator.runtimeUrl(domainName, "/hello"), { headers: { Connection: "close" } });

      expect(answer).toMatchObject({ status: 200, body: "hi" });
      expect(answer.headers.connection).toBe("close");
      expect(answer.headers["keep-alive"]).toBeUndefined();
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
    // The host of the Function that timed out is stopped; the one that answered /fast stays warm.
    await until(() => emulator.runtime.runningHosts === 1);
    expect(emulator.runtime.runningHosts).toBe(1);
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

  it("does not hand the next invocation to a host a Function keeps busy after calling back", async () => {
    const { domainName } = deploy(emulator, {
      functions: [
        {
          path: "/then-loop",
          code: `exports.handler = (c, e, callback) => { callback(null, "answered"); while (true) {} };`,
        },
        { path: "/fast", code: `exports.handler = (c, e, callback) => callback(null, "still here");` },
      ],
    });

    expect(await call(emulator.runtimeUrl(domainName, "/then-loop"))).toMatchObject({ status: 200, body: "answered" });
    expect(await call(emulator.runtimeUrl(domainName, "/fast"))).toMatchObject({ status: 200, body: "still here" });
  });

  it("runs an invocation that arrives while another runs on a host of its own", async () => {
    emulator.runtime.invocationTimeoutMs = 5_000;
    const { domainName } = deploy(emulator, {
      functions: [
        { path: "/loop", code: `exports.handler = () => { while (true) {} };` },
        { path: "/fast", code: `exports.handler = (c, e, callback) => callback(null, "still here");` },
      ],
    });
    await call(emulator.runtimeUrl(domainName, "/fast")); // a warm host, which /loop takes

    const loop = call(emulator.runtimeUrl(domainName, "/loop"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const fast = await call(emulator.runtimeUrl(domainName, "/fast"));
    const looped = await loop;

    expect(fast).toMatchObject({ status: 200, body: "still here" });
    expect(looped.status).toBe(504);
    expect(fast.ms).toBeLessThan(looped.ms);
  });

  it("gives a Function 256 MB of heap, as Twilio gives it memory", async () => {
    emulator.runtime.invocationTimeoutMs = 30_000;
    // Each array of a million small integers takes 8 MB.
    const holding = (arrays: number): string => `exports.handler = (c, e, callback) => {
      const kept = [];
      for (let i = 0; i < ${arrays}; i++) kept.push(new Array(1e6).fill(1));
      callback(null, String(kept.length));
    };`;
    const { domainName } = deploy(emulator, {
      functions: [
        { path: "/120mb", code: holding(15) },
        { path: "/320mb", code: holding(40) },
      ],
    });

    expect(await call(emulator.runtimeUrl(domainName, "/120mb"))).toMatchObject({ status: 200, body: "15" });
    const over = await call(emulator.runtimeUrl(domainName, "/320mb"));
    expect(over.status).toBe(500);
    expect(over.body).toContain("memory");
  });

  it.each([
    [
      "runs out of memory",
      `exports.handler = () => { const kept = []; for (;;) kept.push(new Array(1e6).fill(1)); };`,
      "memory",
    ],
    ["ends the process", `exports.handler = () => process.exit(3);`, "it exited with code 3"],
  ])("answers 500 for a Function that %s, naming why", async (_what, code, why) => {
    emulator.runtime.invocationTimeoutMs = 30_000;
    const { domainName } = deploy(emulator, {
      functions: [
        { path: "/dies", code },
        { path: "/fast", code: `exports.handler = (c, e, callback) => callback(null, "still here");` },
      ],
    });

    const answer = await call(emulator.runtimeUrl(domainName, "/dies"));

    expect(answer.status).toBe(500);
    expect(answer.body).toMatch(/^Function \/dies ended without an answer: /);
    expect(answer.body).toContain(why);
    expect(await call(emulator.runtimeUrl(domainName, "/fast"))).toMatchObject({ status: 200, body: "still here" });
  });

  it("goes on after a client that left before its answer", async () => {
    emulator.runtime.invocationTimeoutMs = 5_000;
    const { domainName } = deploy(emulator, {
      functions: [
        { path: "/slow", code: `exports.handler = (c, e, callback) => setTimeout(() => callback(null, "late"), 500);` },
        { path: "/fast", code: `exports.handler = (c, e, callback) => callback(null, "still here");` },
      ],
    });
    await call(emulator.runtimeUrl(domainName, "/fast"));

    const left = await new Promise<string>((resolve) => {
      const req = http.get(emulator.runtimeUrl(domainName, "/slow"), () => {
        resolve("answered");
      });
      req.on("error", () => {
        resolve("left");
      });
      setTimeout(() => req.destroy(), 100);
    });
    await new Promise((resolve) => setTimeout(resolve, 800));

    expect(left).toBe("left");
    expect(await call(emulator.runtimeUrl(domainName, "/fast"))).toMatchObject({ status: 200, body: "still here" });
    expect(emulator.runtime.runningHosts).toBe(1);
  });

  it("stops invocations still running when the emulator closes", async () => {
    const { domainName } = deploy(emulator, {
      functions: [
        { path: "/loop", code: `exports.handler = () => { while (true) {} };` },
        { path: "/fast", code: `exports.handler = (c, e, callback) => callback(null, "warm");` },
      ],
    });
    emulator.runtime.invocationTimeoutMs = 60_000;
    await call(emulator.runtimeUrl(domainName, "/fast"));

    const pending = call(emulator.runtimeUrl(domainName, "/loop")).then(
      () => "answered",
      () => "dropped",
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await emulator.close();

    expect(await pending).toBe("dropped");
    expect(emulator.runtime.runningHosts).toBe(0);
  });

  it("stops, when the emulator closes, an invocation still running on a build no longer live", async () => {
    const loop = { path: "/loop", code: `exports.handler = () => { while (true) {} };` };
    const deployed = deploy(emulator, { functions: [loop] });
    const other = deploy(emulator, {
      functions: [{ path: "/fast", code: `exports.handler = (c, e, cb) => cb(null, "hi");` }],
    });
    emulator.runtime.invocationTimeoutMs = 60_000;

    const pending = call(emulator.runtimeUrl(deployed.domainName, "/loop")).catch(() => undefined);
    await until(() => emulator.runtime.runningHosts === 1);
    redeploy(emulator, deployed, { functions: [loop] });
    await call(emulator.runtimeUrl(other.domainName, "/fast")); // retires the Environment's former hosts
    await emulator.close();
    await pending;

    expect(emulator.runtime.runningHosts).toBe(0);
  });

  it("runs nothing on a host that was starting when the emulator closed", async () => {
    const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "emulator-closed-")), "ran");
    const code = `exports.handler = (context, e, callback) => {
      require("fs").writeFileSync(context.MARKER, "ran");
      callback(null, "ran");
    };`;
    const { domainName } = deploy(emulator, { functions: [{ path: "/mark", code }], variables: { MARKER: marker } });

    const pending = call(emulator.runtimeUrl(domainName, "/mark")).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await emulator.close();
    await pending;
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // longer than a host takes to start

    expect(fs.existsSync(marker)).toBe(false);
    expect(emulator.runtime.runningHosts).toBe(0);
    fs.rmSync(path.dirname(marker), { recursive: true, force: true });
  });
});
