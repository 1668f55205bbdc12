/**
 * The emulator is as strict as Twilio where a client regression could otherwise pass unnoticed
 * (the Content-Type of form bodies, list paging bounds, booleans), and as lenient where production
 * clients rely on it (the `Dependencies` encoding of `@twilio-labs/serverless-api`). Requests are
 * sent raw, with node's `http`, so that nothing between the test and the emulator fixes them up.
 */
import FormData from "form-data";
import fs from "fs";
import querystring from "querystring";
import { FORM, RawAnswer, RawHttp, RawRequest, expectTwilioError, jsonOf, rawHttp } from "./raw";
import { ROUTES } from "./routes";
import { EnvironmentRecord } from "./records";
import { TwilioEmulator } from "./server";

/** The defaults Twilio adds to a build's dependencies, as the emulator answers them. */
const DEFAULT_DEPENDENCIES = [
  { name: "twilio", version: "5.x" },
  { name: "@twilio/runtime-handler", version: "2.x" },
];

let emulator: TwilioEmulator;
let raw: RawHttp;
const send = (method: string, url: string, request?: RawRequest): Promise<RawAnswer> => raw.send(method, url, request);
const api = (path: string): string => raw.api(path);
const post = (path: string, body: string | Buffer, contentType: string | undefined): Promise<RawAnswer> =>
  raw.post(path, body, contentType);
const postForm = (path: string, fields: Record<string, string | string[]>): Promise<RawAnswer> =>
  raw.postForm(path, fields);

/** What the tests work on: a Service with one of everything a list can hold. */
interface Fixture {
  serviceSid: string;
  functionSid: string;
  assetSid: string;
  functionVersionSid: string;
  assetVersionSid: string;
  buildSid: string;
  environment: EnvironmentRecord;
}

let fixture: Fixture;

beforeAll(async () => {
  emulator = await TwilioEmulator.start({ buildDurationMs: 0 });
  raw = rawHttp(emulator);
  const { store } = emulator;
  const service = emulator.createService("strictness");
  const fn = emulator.createFunction(service.sid, "hello");
  const asset = emulator.createAsset(service.sid, "style");
  const version = store.addVersion({
    serviceSid: service.sid,
    functionSid: fn.sid,
    path: "/hello",
    visibility: "public",
    content: Buffer.from("exports.handler = (context, event, callback) => callback(null, 'hi');"),
  });
  const assetVersion = store.addAssetVersion({
    serviceSid: service.sid,
    assetSid: asset.sid,
    path: "/style.css",
    visibility: "public",
    content: Buffer.from("body {}"),
    contentType: "text/css",
  });
  const build = store.addBuild({
    serviceSid: service.sid,
    functionVersions: [version],
    assetVersions: [assetVersion],
    dependencies: [],
    runtime: "node22",
  });
  build.status = "completed";
  const environment = store.addEnvironment(service.sid, "dev", "dev");
  store.addDeployment(environment, build.sid);
  store.addVariable(environment, "GREETING", "hello");
  fixture = {
    serviceSid: service.sid,
    functionSid: fn.sid,
    assetSid: asset.sid,
    functionVersionSid: version.sid,
    assetVersionSid: assetVersion.sid,
    buildSid: build.sid,
    environment,
  };
});

afterAll(() => emulator.close());

/** An Environment of the fixture's Service of its own, for tests that change what it serves. */
function freshEnvironment(name: string): EnvironmentRecord {
  return emulator.store.addEnvironment(fixture.serviceSid, name, name);
}

const deploymentsOf = (environment: EnvironmentRecord): string =>
  `/v1/Services/${fixture.serviceSid}/Environments/${environment.sid}/Deployments`;

describe("form bodies are read only when labelled application/x-www-form-urlencoded", () => {
  const fields = (name: string): string => querystring.stringify({ UniqueName: name, FriendlyName: name });

  it.each([
    ["text/plain", "text/plain"],
    ["text/plain with a charset", "text/plain; charset=utf-8"],
    ["application/json", "application/json"],
    ["no Content-Type at all", undefined],
  ])("refuses a form body labelled %s with Twilio's 400, and creates nothing", async (_label, contentType) => {
    const name = `plain-${emulator.requests.length}`;
    const before = emulator.store.services.size;

    const answer = await post("/v1/Services", fields(name), contentType);

    const json = expectTwilioError(answer, 400, 19056);
    expect(json.message).toBe("Input request content type is invalid");
    expect(emulator.store.services.size).toBe(before);
    expect(emulator.store.findService(name)).toBeUndefined();
    // The body was never parsed, so it is not recorded as a form either.
    expect(emulator.requests.at(-1)).toMatchObject({ method: "POST", path: "/v1/Services", status: 400 });
    expect(emulator.requests.at(-1)?.form).toBeUndefined();
  });

  it("refuses a JSON body naming the same fields, as Twilio's APIs take no JSON", async () => {
    const environment = freshEnvironment("json");
    const body = JSON.stringify({ Key: "FROM_JSON", Value: "x" });

    const answer = await post(
      `/v1/Services/${fixture.serviceSid}/Environments/${environment.sid}/Variables`,
      body,
      "application/json",
    );

    expectTwilioError(answer, 400, 19056);
    expect(emulator.store.variablesOf(environment.sid)).toEqual({});
  });

  it("refuses a multipart body on an API route that takes a form", async () => {
    const form = new FormData();
    form.append("FriendlyName", "multipart");
    const answer = await post(
      `/v1/Services/${fixture.serviceSid}/Functions`,
      form.getBuffer(),
      // form-data types its headers `any`; this is the one it would give.
      `multipart/form-data; boundary=${form.getBoundary()}`,
    );

    expectTwilioError(answer, 400, 19056);
    expect([...emulator.store.functions.values()].some((f) => f.friendlyName === "multipart")).toBe(false);
  });

  it.each([
    ["bare", FORM],
    ["with a charset, as fetch sends it", `${FORM};charset=UTF-8`],
    ["with a spaced charset, as axios sends it", `${FORM}; charset=utf-8`],
    ["in another case", "Application/X-WWW-Form-URLEncoded"],
  ])("accepts the form media type %s", async (_label, contentType) => {
    const name = `form-${emulator.requests.length}`;

    const answer = await post("/v1/Services", fields(name), contentType);

    expect(answer.status).toBe(201);
    expect(jsonOf(answer)).toMatchObject({ unique_name: name, friendly_name: name });
    expect(emulator.requests.at(-1)?.form).toEqual({ UniqueName: [name], FriendlyName: [name] });
  });

  it("accepts an empty body without a Content-Type: there is no field to misread", async () => {
    const environment = freshEnvironment("empty");

    const answer = await send("POST", api(deploymentsOf(environment)));

    expect(answer.status).toBe(201);
    expect(jsonOf(answer)).toMatchObject({ environment_sid: environment.sid, build_sid: null });
  });

  it("leaves multipart uploads on the upload host as they were", async () => {
    const form = new FormData();
    form.append("Path", "/uploaded");
    form.append("Visibility", "protected");
    form.append("Content", Buffer.from("exports.handler = () => {};"), {
      filename: "uploaded.js",
      contentType: "application/javascript",
    });
    const url = `${emulator.uploadBaseUrl}/v1/Services/${fixture.serviceSid}/Functions/${fixture.functionSid}/Versions`;

    const answer = await send("POST", url, { body: form.getBuffer(), headers: form.getHeaders() });

    expect(answer.status).toBe(201);
    expect(jsonOf(answer)).toMatchObject({
      path: "/uploaded",
      visibility: "protected",
      function_sid: fixture.functionSid,
    });
  });
});

describe("PageSize and Page are checked on every list", () => {
  // Every GET route that names no single record is a list: a list added later is covered too.
  const LIST_PATTERNS = ROUTES.api
    .filter((route) => route.method === "GET" && !/\/(:[a-z]+|Status|Content)$/.test(route.path))
    .map((route) => route.path);

  const concrete = (pattern: string): string =>
    pattern
      .replace(":service", fixture.serviceSid)
      .replace(":function", fixture.functionSid)
      .replace(":asset", fixture.assetSid)
      .replace(":environment", fixture.environment.sid);

  it("finds the nine lists of the API", () => {
    expect(LIST_PATTERNS).toHaveLength(9);
    expect(LIST_PATTERNS.every((pattern) => !concrete(pattern).includes(":"))).toBe(true);
  });

  const BAD_PAGE_SIZES = ["0", "1001", "-1", "1.5", "abc", "", "1e2", " 5", "+5"];
  const BAD_PAGES = ["-1", "1.5", "x", "", "+1"];

  it.each(LIST_PATTERNS)("%s refuses a PageSize out of 1-1000 or not an integer", async (pattern) => {
    for (const pageSize of BAD_PAGE_SIZES) {
      const answer = await send("GET", api(`${concrete(pattern)}?PageSize=${encodeURIComponent(pageSize)}`));
      const json = expectTwilioError(answer, 400, 20001);
      expect(json.message).toContain("PageSize");
    }
  });

  it.each(LIST_PATTERNS)("%s refuses a Page below 0 or not an integer", async (pattern) => {
    for (const page of BAD_PAGES) {
      const answer = await send("GET", api(`${concrete(pattern)}?PageSize=1&Page=${encodeURIComponent(page)}`));
      const json = expectTwilioError(answer, 400, 20001);
      expect(json.message).toContain("Page");
    }
  });

  it.each(LIST_PATTERNS)("%s takes the bounds themselves", async (pattern) => {
    const path = concrete(pattern);
    for (const query of [
      "PageSize=1",
      "PageSize=1000",
      "PageSize=1&Page=0",
      "Page=0",
      "PageSize=1&Page=1&PageToken=PT1",
      "",
    ]) {
      const answer = await send("GET", api(`${path}${query === "" ? "" : `?${query}`}`));
      expect({ query, status: answer.status }).toEqual({ query, status: 200 });
    }
    const smallest = jsonOf(await send("GET", api(`${path}?PageSize=1`)));
    expect(smallest.meta).toMatchObject({ page: 0, page_size: 1 });
    const largest = jsonOf(await send("GET", api(`${path}?PageSize=1000`)));
    expect(largest.meta).toMatchObject({ page: 0, page_size: 1000 });
  });
});

describe("boolean form fields are true or false", () => {
  it.each(["IncludeCredentials", "UiEditable"])("a Service create refuses %s=maybe", async (field) => {
    const name = `bool-${field.toLowerCase()}`;

    const answer = await postForm("/v1/Services", { UniqueName: name, FriendlyName: name, [field]: "maybe" });

    const json = expectTwilioError(answer, 400, 20001);
    expect(json.message).toContain(field);
    expect(emulator.store.findService(name)).toBeUndefined();
  });

  it.each(["IncludeCredentials", "UiEditable"])("a Service update refuses %s=1 and changes nothing", async (field) => {
    const service = emulator.createService(`update-${field.toLowerCase()}`);
    const before = { ...service };

    const answer = await postForm(`/v1/Services/${service.sid}`, { FriendlyName: "renamed", [field]: "1" });

    expectTwilioError(answer, 400, 20001);
    expect(service).toEqual(before);
  });

  it("a Deployment create refuses IsPlugin=maybe and deploys nothing", async () => {
    const environment = freshEnvironment("plugin");
    const deployments = emulator.store.deployments.size;

    const answer = await postForm(deploymentsOf(environment), { BuildSid: fixture.buildSid, IsPlugin: "maybe" });

    const json = expectTwilioError(answer, 400, 20001);
    expect(json.message).toContain("IsPlugin");
    expect(emulator.store.deployments.size).toBe(deployments);
    expect(environment.buildSid).toBeNull();
  });

  it.each(["true", "FALSE"])("a Deployment create takes IsPlugin=%s", async (isPlugin) => {
    const environment = freshEnvironment(`plugin-${isPlugin.toLowerCase()}`);

    const answer = await postForm(deploymentsOf(environment), { BuildSid: fixture.buildSid, IsPlugin: isPlugin });

    expect(answer.status).toBe(201);
    expect(environment.buildSid).toBe(fixture.buildSid);
  });
});

describe("Dependencies of a Build", () => {
  const buildsPath = (): string => `/v1/Services/${fixture.serviceSid}/Builds`;
  const DEPENDENCIES = [
    { name: "lodash", version: "^4.17.21" },
    { name: "left-pad", version: "*" },
  ];

  it("takes the encoding @twilio-labs/serverless-api sends in production", async () => {
    // Built as its triggerBuild builds it: the bare array between quotes, the whole body through
    // querystring (dist/api/builds.js in node_modules/@twilio-labs/serverless-api).
    const body = querystring.stringify({
      Dependencies: `"${JSON.stringify(DEPENDENCIES)}"`,
      FunctionVersions: [fixture.functionVersionSid],
      Runtime: "node22",
    });

    const answer = await post(buildsPath(), body, FORM);

    expect(answer.status).toBe(201);
    expect(jsonOf(answer).dependencies).toEqual([...DEPENDENCIES, ...DEFAULT_DEPENDENCIES]);
  });

  it("is checked against the encoding serverless-api's source still has", () => {
    const source = fs.readFileSync(require.resolve("@twilio-labs/serverless-api/dist/api/builds.js"), "utf8");
    expect(source).toContain('const dependencyString = `"${JSON.stringify(dependencies)}"`;');
    expect(source).toContain("body.Dependencies = dependencyString;");
  });

  it("takes the bare array this package's client sends, [] included", async () => {
    const some = await postForm(buildsPath(), {
      Dependencies: JSON.stringify(DEPENDENCIES),
      FunctionVersions: [fixture.functionVersionSid],
    });
    expect(some.status).toBe(201);
    expect(jsonOf(some).dependencies).toEqual([...DEPENDENCIES, ...DEFAULT_DEPENDENCIES]);

    const none = await postForm(buildsPath(), { Dependencies: "[]", AssetVersions: [fixture.assetVersionSid] });
    expect(none.status).toBe(201);
    expect(jsonOf(none).dependencies).toEqual(DEFAULT_DEPENDENCIES);
  });

  it.each([
    ["text that is not JSON", "lodash@4"],
    ["an object instead of an array", JSON.stringify(DEPENDENCIES[0])],
    ["an item without a version", JSON.stringify([{ name: "lodash" }])],
    ["the array encoded as a JSON string literal", JSON.stringify(JSON.stringify(DEPENDENCIES))],
    ["an opening quote alone", `"${JSON.stringify(DEPENDENCIES)}`],
  ])("refuses %s", async (_label, dependencies) => {
    const builds = emulator.store.builds.size;

    const answer = await postForm(buildsPath(), {
      Dependencies: dependencies,
      FunctionVersions: [fixture.functionVersionSid],
    });

    const json = expectTwilioError(answer, 400, 20001);
    expect(json.message).toContain("Dependencies");
    expect(emulator.store.builds.size).toBe(builds);
  });
});
