/**
 * What a Function gets of the `twilio` helper library on the emulator's runtime (TwiML, JWTs, a
 * REST client whose Serverless requests reach the emulator) and the npm dependencies of its build
 * (from a `node_modules` folder the emulator is pointed at, or installed into its cache). Where
 * runtime-handler shapes an answer, the emulator's is compared with runtime-handler started on the
 * same folder, as `twilio-run start` runs it.
 */
import { execFileSync } from "child_process";
import crypto from "crypto";
import fs from "fs";
import os from "os";
import path from "path";
import { dependencyKey, installable } from "./runtime/dependencies";
import { call, deploy, essentials, jsonBody, objectOf, redeploy, startBaseline, stringOf } from "./runtime-fixture";
import { TwilioEmulator } from "./server";
import { writeFiles } from "../files";

const write = writeFiles;

/** A package of one module exporting `(name) => "<greeting>, <name>"`, as `files` of `write`. */
const greeter = (name: string, version: string, greeting: string): Record<string, string> => ({
  [`${name}/package.json`]: JSON.stringify({ name, version, main: "index.js" }),
  [`${name}/index.js`]: `module.exports = (name) => ${JSON.stringify(greeting)} + ", " + name;`,
});

/** The parts of a JWT: header and payload decoded, and whether `secret` signed it (HS256). */
function decodeJwt(
  token: string,
  secret: string,
): { header: unknown; payload: Record<string, unknown>; signed: boolean } {
  const [header, payload, signature] = token.split(".");
  const expected = crypto.createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  const decode = (part: string): Record<string, unknown> => {
    const parsed: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return objectOf(parsed);
  };
  return { header: decode(header), payload: decode(payload), signed: expected === signature };
}

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-runtime-twilio-"));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("the twilio library of a Function", () => {
  let emulator: TwilioEmulator;

  beforeEach(async () => {
    emulator = await TwilioEmulator.start({ buildDurationMs: 0 });
  });

  afterEach(async () => {
    await emulator.close();
  });

  it("makes an AccessToken with Twilio.jwt, signed with the API secret", async () => {
    const code = `exports.handler = (context, event, callback) => {
      const { AccessToken } = Twilio.jwt;
      const token = new AccessToken(context.ACCOUNT_SID, context.API_KEY, context.API_SECRET, { identity: event.identity, ttl: 600 });
      token.addGrant(new AccessToken.VoiceGrant({ outgoingApplicationSid: "AP0123", incomingAllow: true }));
      callback(null, { token: token.toJwt() });
    };`;
    const secret = "an-api-secret";
    const { domainName } = deploy(emulator, {
      functions: [{ path: "/token", code }],
      variables: { API_KEY: "SK0123456789abcdef0123456789abcdef", API_SECRET: secret },
    });
    const baseline = await startBaseline(emulator, domainName);

    try {
      const answer = await call(emulator.runtimeUrl(domainName, "/token?identity=ada"));
      const reference = await call(baseline.url("/token?identity=ada"));

      expect(answer.status).toBe(200);
      const token = decodeJwt(stringOf(jsonBody(answer).token), secret);
      expect(token.signed).toBe(true);
      expect(token.header).toEqual({ alg: "HS256", typ: "JWT", cty: "twilio-fpa;v=1" });
      expect(token.payload).toMatchObject({
        iss: "SK0123456789abcdef0123456789abcdef",
        sub: emulator.credentials.accountSid,
        grants: { identity: "ada", voice: { incoming: { allow: true }, outgoing: { application_sid: "AP0123" } } },
      });
      expect(Number(token.payload.exp) - Number(token.payload.iat)).toBe(600);
      // The same token but for its ID and times.
      const expected = decodeJwt(stringOf(jsonBody(reference).token), secret);
      const stable = ({ jti, iat, exp, ...rest }: Record<string, unknown>): Record<string, unknown> =>
        typeof jti === "string" && typeof iat === "number" && typeof exp === "number" ? rest : { jti, iat, exp };
      expect(expected).toMatchObject({ signed: true, header: token.header });
      expect(stable(expected.payload)).toEqual(stable(token.payload));
    } finally {
      await baseline.close();
    }
  });

  it("gives a REST client whose Serverless requests reach the emulator, however the Function makes it", async () => {
    const code = `const list = async (context) => {
      const functions = await context.getTwilioClient().serverless.v1.services(context.SERVICE_SID).functions.list();
      const own = require("twilio")(context.ACCOUNT_SID, context.AUTH_TOKEN);
      const service = await own.serverless.v1.services(context.SERVICE_SID).fetch();
      // An edge and a region change the host name the library asks for.
      const regional = context.getTwilioClient({ edge: "sydney", region: "au1" });
      const environments = await regional.serverless.v1.services(context.SERVICE_SID).environments.list();
      // A client of the program's own still reaches the emulator.
      let used = 0;
      const inner = new Twilio.RequestClient();
      const httpClient = { request: (opts) => { used++; return inner.request(opts); } };
      const builds = await context.getTwilioClient({ httpClient }).serverless.v1.services(context.SERVICE_SID).builds.list();
      // The upload host is the emulator's too.
      const upload = await context.getTwilioClient().request({
        method: "get",
        uri: "https://serverless-upload.twilio.com/v1/Services",
      });
      return {
        functions: functions.map((f) => f.friendlyName).sort(),
        service: service.uniqueName,
        environments: environments.map((e) => e.uniqueName),
        builds: builds.length,
        used,
        upload: upload.statusCode,
      };
    };
    exports.handler = (context, event, callback) => list(context).then((listed) => callback(null, listed), callback);`;
    const { domainName, service } = deploy(emulator, {
      functions: [
        { path: "/list", code },
        { path: "/other", code: "exports.handler = () => {};" },
      ],
    });
    const baseline = await startBaseline(emulator, domainName);

    try {
      const answer = await call(emulator.runtimeUrl(domainName, "/list"));
      const reference = await call(baseline.url("/list"));

      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({
        functions: ["/list", "/other"],
        service: service.uniqueName,
        environments: ["dev"],
        builds: 1,
        used: 1,
        upload: 404,
      });
      expect(essentials(reference)).toEqual(essentials(answer));
      const made = emulator.requests.filter((r) => r.userAgent?.startsWith("twilio-node/"));
      const once = [
        `api GET /v1/Services/${service.sid}/Functions 200`,
        `api GET /v1/Services/${service.sid} 200`,
        `api GET /v1/Services/${service.sid}/Environments 200`,
        `api GET /v1/Services/${service.sid}/Builds 200`,
        "upload GET /v1/Services 404",
      ];
      expect(made.map((r) => `${r.host} ${r.method} ${r.path} ${r.status}`)).toEqual([...once, ...once]);
    } finally {
      await baseline.close();
    }
  });

  it("refuses, naming it, every Twilio API the emulator does not serve, and sends nothing", async () => {
    const code = `exports.handler = async (context, event, callback) => {
      const outcomes = {};
      const attempt = async (name, request) => {
        try {
          await request();
          outcomes[name] = "sent";
        } catch (err) {
          outcomes[name] = err.name + ": " + err.message;
        }
      };
      await attempt("messages", () =>
        context.getTwilioClient().messages.create({ to: "+15550001", from: "+15550002", body: "hi" }));
      await attempt("sync", () => Runtime.getSync().documents.list());
      await attempt("elsewhere", () =>
        context.getTwilioClient().request({ method: "get", uri: "https://serverless.example.com/v1/Services" }));
      callback(null, outcomes);
    };`;
    const { domainName } = deploy(emulator, { functions: [{ path: "/send", code }] });
    const baseline = await startBaseline(emulator, domainName);
    const { accountSid } = emulator.credentials;
    const refused = (what: string, host: string): string =>
      "UnsupportedApiError: The Twilio Serverless emulator serves only the Serverless API (serverless.twilio.com " +
      `and serverless-upload.twilio.com); ${what} is for ${host}, which it does not serve`;

    try {
      const answer = await call(emulator.runtimeUrl(domainName, "/send"));
      const reference = await call(baseline.url("/send"));

      expect(JSON.parse(answer.body)).toEqual({
        messages: refused(
          `POST https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Messages.json`,
          "api.twilio.com",
        ),
        sync: refused("GET https://sync.twilio.com/v1/Services/default/Documents", "sync.twilio.com"),
        elsewhere: refused("GET https://serverless.example.com/v1/Services", "serverless.example.com"),
      });
      expect(essentials(reference)).toEqual(essentials(answer));
      expect(emulator.requests).toEqual([]);
    } finally {
      await baseline.close();
    }
  });

  it("has no client without the account's credentials, as runtime-handler says", async () => {
    const code = `exports.handler = (context, event, callback) => callback(null, context.getTwilioClient());`;
    const { domainName } = deploy(emulator, { functions: [{ path: "/client", code }], includeCredentials: false });

    const answer = await call(emulator.runtimeUrl(domainName, "/client"));

    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body)).toMatchObject({
      name: "INVALID_CONFIG",
      message: expect.stringMatching(/^Missing Account SID/),
    });
  });

  it("is the twilio runtime-handler brings, whichever way the Function reaches it", async () => {
    const code = `exports.handler = (context, event, callback) => callback(null, {
      version: require("twilio/package.json").version,
      same: require("twilio").twiml.VoiceResponse === Twilio.twiml.VoiceResponse,
      deep: require("twilio/lib/jwt/AccessToken") === Twilio.jwt.AccessToken,
    });`;
    const { domainName } = deploy(emulator, { functions: [{ path: "/which", code }] });

    const answer = await call(emulator.runtimeUrl(domainName, "/which"));

    expect(JSON.parse(answer.body)).toEqual({ version: "4.23.0", same: true, deep: true });
  });
});

describe("the dependencies of a build, from a node_modules folder", () => {
  it("are required by the Functions, a twilio among them replacing runtime-handler's", async () => {
    const modules = path.join(tmp, "project", "node_modules");
    write(modules, {
      ...greeter("tiny-greeter", "1.2.3", "Tiny hello"),
      ".bin/tiny-greeter": "#!/usr/bin/env node",
      ".package-lock.json": "{}",
      "notes.txt": "not a package",
      // A stand-in with what runtime-handler and the emulator use of the library.
      "twilio/package.json": JSON.stringify({ name: "twilio", version: "0.0.1-fixture", main: "index.js" }),
      "twilio/index.js": `class RequestClient {}
        class Twilio { constructor(username, password, opts) { this.opts = opts; } }
        const twiml = { VoiceResponse: class {}, MessagingResponse: class {}, FaxResponse: class {} };
        module.exports = Object.assign((u, p, o) => new Twilio(u, p, o), { Twilio, RequestClient, twiml, fixture: true });`,
    });
    const emulator = await TwilioEmulator.start({ nodeModules: modules });
    const code = `const greet = require("tiny-greeter");
      exports.handler = (context, event, callback) => callback(null, {
        greeting: greet("Ada"),
        twilio: require("twilio/package.json").version,
        global: Twilio.fixture === true,
        redirected: typeof context.getTwilioClient().opts.httpClient.request,
      });`;
    const { domainName } = deploy(emulator, {
      functions: [{ path: "/greet", code }],
      dependencies: [{ name: "tiny-greeter", version: "^1.2.0" }],
    });
    const baseline = await startBaseline(emulator, domainName);

    try {
      const answer = await call(emulator.runtimeUrl(domainName, "/greet"));
      const reference = await call(baseline.url("/greet"));

      expect(JSON.parse(answer.body)).toEqual({
        greeting: "Tiny hello, Ada",
        twilio: "0.0.1-fixture",
        global: true,
        redirected: "function",
      });
      expect(essentials(reference)).toEqual(essentials(answer));
      // Packages only, linked by name.
      const { config } = await emulator.runtime.setupOf(domainName);
      expect(fs.readdirSync(path.join(config.baseDir, "node_modules")).sort()).toEqual(["tiny-greeter", "twilio"]);
    } finally {
      await baseline.close();
      await emulator.close();
    }
  });

  it.each([
    ["loops at load", "while (true) {}", "it did not start within 1000 ms"],
    ["ends the process at load", "process.exit(3);", "it exited with code 3"],
  ])("answer 500 when their twilio %s, and leave no host running", async (_what, code, why) => {
    const modules = path.join(tmp, `broken-${why.length}`, "node_modules");
    write(modules, {
      "twilio/package.json": JSON.stringify({ name: "twilio", version: "0.0.2-broken", main: "index.js" }),
      "twilio/index.js": code,
    });
    const emulator = await TwilioEmulator.start({ nodeModules: modules });
    emulator.runtime.hostStartupTimeoutMs = 1_000;
    try {
      const { domainName } = deploy(emulator, {
        functions: [{ path: "/hello", code: `exports.handler = (c, e, callback) => callback(null, "hi");` }],
      });

      const answer = await call(emulator.runtimeUrl(domainName, "/hello"));

      expect(answer.status).toBe(500);
      expect(answer.body).toBe(`The runtime of ${domainName} could not start: ${why}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(emulator.runtime.runningHosts).toBe(0);
    } finally {
      await emulator.close();
    }
  });

  it("must be a folder, and excludes installing", async () => {
    /** Why the emulator refused to start with these options; an emulator that started is closed. */
    const refusal = (options: Parameters<typeof TwilioEmulator.start>[0]): Promise<string> =>
      TwilioEmulator.start(options).then(
        (started) => started.close().then(() => "started"),
        (err: unknown) => String(err),
      );

    expect(await refusal({ nodeModules: path.join(tmp, "nowhere") })).toMatch(
      /nodeModules: .*nowhere is not a folder$/,
    );
    expect(await refusal({ nodeModules: tmp, installDependencies: true })).toBe(
      "Error: nodeModules and installDependencies exclude each other: choose one way to resolve packages",
    );
  });
});

describe("the dependencies of a build, installed by the emulator", () => {
  let tarball: string;
  let cache: string;
  const offline = process.env.npm_config_offline;

  beforeAll(() => {
    const sources = path.join(tmp, "packages");
    write(sources, greeter("tiny-packed", "1.0.0", "Packed hello"));
    const out = path.join(tmp, "tarballs");
    fs.mkdirSync(out);
    const name = execFileSync("npm", ["pack", "--pack-destination", out], {
      cwd: path.join(sources, "tiny-packed"),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    tarball = path.join(out, name);
    cache = path.join(tmp, "cache");
    // No registry is reached: a dependency it would need fails the install.
    process.env.npm_config_offline = "true";
  });

  afterAll(() => {
    if (offline === undefined) delete process.env.npm_config_offline;
    else process.env.npm_config_offline = offline;
  });

  const GREET = {
    path: "/greet",
    code: `exports.handler = (c, e, callback) => callback(null, require("tiny-packed")("Ada"));`,
  };

  it("are installed with npm into the cache once per dependency list, and reused by later runs", async () => {
    const first = await TwilioEmulator.start({ installDependencies: true, dependencyCacheDir: cache });
    const dependencies = [{ name: "tiny-packed", version: `file:${tarball}` }];
    try {
      const { domainName } = deploy(first, { functions: [GREET], dependencies });
      const baseline = await startBaseline(first, domainName);
      try {
        const answer = await call(first.runtimeUrl(domainName, "/greet"));
        expect(answer).toMatchObject({ status: 200, body: "Packed hello, Ada" });
        expect(essentials(await call(baseline.url("/greet")))).toEqual(essentials(answer));
      } finally {
        await baseline.close();
      }
    } finally {
      await first.close();
    }
    const entries = fs.readdirSync(cache);
    expect(entries).toEqual([dependencyKey(dependencies)]);
    const marker = path.join(cache, entries[0], "emulator-installed.json");
    const installedAt = fs.statSync(marker).mtimeMs;

    // Gone: a second install would fail.
    const moved = `${tarball}.moved`;
    fs.renameSync(tarball, moved);
    const second = await TwilioEmulator.start({ installDependencies: true, dependencyCacheDir: cache });
    try {
      // The same list, in two builds.
      const deployed = deploy(second, { functions: [GREET], dependencies });
      expect(await call(second.runtimeUrl(deployed.domainName, "/greet"))).toMatchObject({ status: 200 });
      redeploy(second, deployed, { functions: [GREET], dependencies });
      expect(await call(second.runtimeUrl(deployed.domainName, "/greet"))).toMatchObject({ status: 200 });
    } finally {
      await second.close();
      fs.renameSync(moved, tarball);
    }
    expect(fs.readdirSync(cache)).toEqual(entries);
    expect(fs.statSync(marker).mtimeMs).toBe(installedAt);
  });

  it("answer 500 with npm's error when the install fails, and are tried again", async () => {
    const emulator = await TwilioEmulator.start({ installDependencies: true, dependencyCacheDir: cache });
    const missing = path.join(tmp, "tarballs", "missing-1.0.0.tgz");
    try {
      const { domainName } = deploy(emulator, {
        functions: [GREET],
        dependencies: [{ name: "missing", version: `file:${missing}` }],
      });

      const failed = await call(emulator.runtimeUrl(domainName, "/greet"));
      expect(failed.status).toBe(500);
      expect(failed.body).toContain(`npm install of missing@file:${missing} failed`);

      fs.copyFileSync(tarball, missing);
      const retried = await call(emulator.runtimeUrl(domainName, "/greet"));
      expect(retried.status).toBe(500); // installed now; the Function requires another package
      expect(retried.body).toContain("Cannot find module 'tiny-packed'");
    } finally {
      await emulator.close();
    }
  });

  it("are not left installing when the emulator closes", async () => {
    const emulator = await TwilioEmulator.start({ installDependencies: true, dependencyCacheDir: cache });
    // A list no other test installs: the same package from another file.
    const copy = path.join(path.dirname(tarball), "copy-of-tiny-packed.tgz");
    fs.copyFileSync(tarball, copy);
    const dependencies = [{ name: "tiny-packed", version: `file:${copy}` }];
    const { domainName } = deploy(emulator, { functions: [GREET], dependencies });

    const pending = call(emulator.runtimeUrl(domainName, "/greet")).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await emulator.close();
    await pending;
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // longer than the install takes

    expect(fs.existsSync(path.join(cache, dependencyKey(dependencies)))).toBe(false);
    expect(fs.readdirSync(cache).filter((entry) => entry.includes(".partial-"))).toEqual([]);
  });

  it("leave out what Twilio adds to every build: runtime-handler and twilio are the emulator's", () => {
    const own = [{ name: "tiny-packed", version: "1.0.0" }];
    const added = [
      { name: "twilio", version: "5.x" },
      { name: "@twilio/runtime-handler", version: "2.x" },
    ];
    expect(installable([...own, ...added])).toEqual(own);
    expect(installable([{ name: "twilio", version: "^4.23.0" }])).toEqual([{ name: "twilio", version: "^4.23.0" }]);
    expect(installable([{ name: "@twilio/runtime-handler", version: "1.3.0" }])).toEqual([]);
    expect(dependencyKey([...own, ...added])).toBe(dependencyKey([...added, ...own]));
    expect(dependencyKey(own)).not.toBe(dependencyKey([{ name: "tiny-packed", version: "1.0.1" }]));
  });
});
