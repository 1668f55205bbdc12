import { FaultAction } from "../emulator/faults";
import { CREDENTIAL_KINDS, credentialsOf } from "../client/setup";
import { leaksIn, passwordForms } from "../client/secret-scan";
import { Engine } from "./engine";
import { Stack, startStack } from "./fixture";
import { singleVersion } from "./single-version";

// Answers that fail a create at once, each sending the credentials back, with what the error
// the engine receives must say instead.
const FAILING: Array<[string, FaultAction, (echo: string, path: string) => string]> = [
  [
    "a Twilio error body echoing them",
    { kind: "echo", where: "body", status: 401 },
    (echo, path) =>
      `Twilio answered HTTP 401 (error 20500) to POST ${path}: ${echo}. See https://www.twilio.com/docs/errors/20500#[REDACTED]`,
  ],
  [
    "an HTML error body echoing them",
    { kind: "echo", where: "body", status: 403, json: false, pad: 40 },
    (_echo, path) =>
      `Twilio answered HTTP 403 to POST ${path}: unexpected answer "<html><body>${".".repeat(40)}Authorization: Basic [REDACTED]`,
  ],
  [
    "an error answer with them in a header",
    { kind: "echo", where: "header", status: 403 },
    (_echo, path) => `Twilio answered HTTP 403 (error 20500) to POST ${path}: Forbidden.`,
  ],
  [
    "a 2xx answer that is not JSON and echoes them",
    { kind: "echo", where: "body", status: 201, json: false, pad: 30 },
    (_echo, path) => `Twilio answered HTTP 201 to POST ${path}: the answer is not valid JSON`,
  ],
];

// Answers after which the upload is sent again and succeeds.
const RECOVERED: Array<[string, FaultAction]> = [
  ["bytes that are not HTTP", { kind: "echo", where: "network" }],
  ["an answer cut off after a header", { kind: "echo", where: "aborted" }],
  ["a 503 with a header", { kind: "echo", where: "header", status: 503 }],
  ["a 500 with a Twilio error body", { kind: "echo", where: "body", status: 500 }],
];

describe.each(CREDENTIAL_KINDS)("credentials echoed by Twilio never reach the user, with an %s", (kind) => {
  let stack: Stack;
  let provider: unknown;
  let engine: Engine;
  /** What must show nowhere: each form of the password, and the username. */
  let secrets: string[];
  /** The state holds the account SID as an output: only the password must not be there. */
  let stateSecrets: string[];
  let redactedEcho: string;
  let n = 0;
  const versionsPath = (): string => `/v1/Services/${stack.serviceSid}/Functions/${stack.functionSid}/Versions`;

  beforeAll(async () => {
    stack = await startStack({ configure: false });
    const credentials = credentialsOf(stack.emulator, kind);
    const [userKey, passwordKey] =
      kind === "API key" ? ["twilio:apiKey", "twilio:apiSecret"] : ["twilio:accountSid", "twilio:authToken"];
    await stack.plugin.configure(
      {
        "twilio:serverlessBaseUrl": stack.emulator.apiBaseUrl,
        "twilio:serverlessUploadBaseUrl": stack.emulator.uploadBaseUrl,
        [userKey]: credentials.username,
        [passwordKey]: credentials.password,
      },
      [passwordKey],
    );
    [
      {
        inputs: { __provider: provider },
      },
    ] = await stack.capture();
    secrets = [...passwordForms(credentials), credentials.username];
    stateSecrets = kind === "API key" ? secrets : passwordForms(credentials);
    redactedEcho =
      "Authorization: Basic [REDACTED]; credentials: [REDACTED]:[REDACTED]; password: [REDACTED]; " +
      `account: ${kind === "API key" ? stack.emulator.credentials.accountSid : "[REDACTED]"}`;
  });
  beforeEach(() => {
    engine = new Engine(stack.plugin, stack.project, "dev");
  });
  afterEach(() => {
    stack.emulator.faults.clear();
    // What the plugin prints is what the engine shows the user.
    expect(leaksIn(stack.plugin.output, secrets)).toEqual([]);
  });
  afterAll(() => stack.stop());

  test.each(FAILING)("fails a create on %s, saying what Twilio said without them", async (_name, action, says) => {
    const { program } = singleVersion(stack, provider, `leak-${++n}`);
    stack.emulator.faults.add({ host: "upload", action });
    const error = await engine.up(program).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toMatchObject({
      details: expect.stringContaining(says(redactedEcho, versionsPath())),
    });
    expect(leaksIn(error, secrets)).toEqual([]);
    expect(engine.state).toEqual([]);
  });

  test.each(RECOVERED)(
    "creates the version after %s echoing them, and keeps them out of the state",
    async (_name, action) => {
      const { program } = singleVersion(stack, provider, `leak-${++n}`);
      stack.emulator.faults.add({ host: "upload", action });
      await engine.up(program);
      expect(engine.state).toHaveLength(1);
      expect(leaksIn(engine.state, stateSecrets)).toEqual([]);
    },
  );

  it("creates and refreshes a version whose answers carry them in a header, and keeps them out of the state", async () => {
    const { program } = singleVersion(stack, provider, `leak-${++n}`);
    stack.emulator.faults.add({ action: { kind: "echo", where: "header" }, times: 2 });
    await engine.up(program);
    expect((await engine.refresh()).map((s) => s.op)).toEqual(["refresh"]);
    expect(stack.emulator.requests.slice(-2).map((r) => r.status)).toEqual([201, 200]);
    expect(leaksIn(engine.state, stateSecrets)).toEqual([]);
  });

  it("fails a refresh on a Twilio error body echoing them, keeping the resource", async () => {
    const { program } = singleVersion(stack, provider, `leak-${++n}`);
    await engine.up(program);
    const before = JSON.stringify(engine.state);
    stack.emulator.faults.add({ host: "api", action: { kind: "echo", where: "body", status: 403 } });
    const error = await engine.refresh().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toMatchObject({
      details: expect.stringContaining(`HTTP 403 (error 20500) to GET ${versionsPath()}/`),
    });
    expect(error).toMatchObject({ details: expect.stringContaining(redactedEcho) });
    expect(leaksIn(error, secrets)).toEqual([]);
    expect(JSON.stringify(engine.state)).toBe(before);
  });
});
