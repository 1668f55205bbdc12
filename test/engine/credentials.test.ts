import { ASSET_SIG, SIG_KEY } from "../../provider/model/wire";
import { TwilioEmulator } from "../emulator/server";
import { DISTINCTIVE_SECRET, Stack, sha256, startStack } from "./fixture";

const urn = "urn:pulumi:dev::twilio-serverless-example::pulumi-nodejs:dynamic/twilio:FunctionVersion::cred";
const text = "exports.handler = (c, e, cb) => cb(null, 'cred');";

let providerText: Promise<unknown> | undefined;

/** Checks and creates one version through the plugin; resolves with its id or rejects with the gRPC error. */
async function createOne(stack: Stack): Promise<string> {
  providerText ??= stack.capture().then(([resource]) => resource.inputs.__provider);
  const news = {
    __provider: await providerText,
    serviceSid: stack.serviceSid,
    functionSid: stack.functionSid,
    path: "/cred",
    content: { [SIG_KEY]: ASSET_SIG, hash: sha256(text), text },
  };
  const checked = await stack.plugin.check(urn, {}, news);
  return (await stack.plugin.create(urn, checked.inputs)).id;
}

describe("credentials and endpoints", () => {
  const stacks: Stack[] = [];
  afterAll(() => Promise.all(stacks.map((s) => s.stop())));

  async function start(options: {
    env?: (emulator: TwilioEmulator) => Record<string, string>;
    config?: (stack: Stack) => Record<string, string>;
    secretKeys?: string[];
  }): Promise<Stack> {
    const stack = await startStack({ configure: false, env: options.env });
    stacks.push(stack);
    if (options.config) await stack.plugin.configure(options.config(stack), options.secretKeys ?? []);
    return stack;
  }

  const envCredentials = (emulator: TwilioEmulator, secret: string): Record<string, string> => ({
    TWILIO_API_KEY: emulator.credentials.apiKey,
    TWILIO_API_SECRET: secret,
    TWILIO_SERVERLESS_BASE_URL: emulator.apiBaseUrl,
    TWILIO_SERVERLESS_UPLOAD_BASE_URL: emulator.uploadBaseUrl,
  });

  it("uses the environment when the stack config has no credentials", async () => {
    const stack = await start({
      env: (emulator) => envCredentials(emulator, DISTINCTIVE_SECRET),
      config: () => ({}),
    });
    expect(await createOne(stack)).toMatch(/^ZN/);
  });

  it("uses the environment when configure is never called (engines before 3.139)", async () => {
    const stack = await start({
      env: (emulator) => envCredentials(emulator, DISTINCTIVE_SECRET),
    });
    expect(await createOne(stack)).toMatch(/^ZN/);
  });

  it("prefers stack config over the environment, secrets included", async () => {
    const stack = await start({
      env: (emulator) => ({
        ...envCredentials(emulator, "wrong-secret-from-the-shell"),
        TWILIO_SERVERLESS_BASE_URL: "http://127.0.0.1:9",
        TWILIO_SERVERLESS_UPLOAD_BASE_URL: "http://127.0.0.1:9",
      }),
      config: (s) => s.twilioConfig,
      secretKeys: ["twilio:apiSecret"],
    });
    expect(await createOne(stack)).toMatch(/^ZN/);
  });

  it("fails with Twilio's 401 when the configured secret is wrong, and never shows either secret", async () => {
    const stack = await start({
      env: (emulator) => envCredentials(emulator, DISTINCTIVE_SECRET),
      config: (s) => ({ ...s.twilioConfig, "twilio:apiSecret": "WRONG-CONFIGURED-SECRET" }),
      secretKeys: ["twilio:apiSecret"],
    });
    const error = await createOne(stack).then(
      () => undefined,
      (err: unknown) => err,
    );
    const shown = JSON.stringify(error) + String(error) + stack.plugin.output.join("\n");
    expect(shown).toMatch(
      /HTTP 401 \(error 20003\) to POST .*: Authenticate\. See https:\/\/www\.twilio\.com\/docs\/errors\/20003/,
    );
    expect(shown).not.toContain("WRONG-CONFIGURED-SECRET");
    expect(shown).not.toContain(DISTINCTIVE_SECRET);
    expect(shown).not.toContain(
      Buffer.from(`${stack.emulator.credentials.apiKey}:WRONG-CONFIGURED-SECRET`).toString("base64"),
    );
  });

  it("names the settings to set when there are no credentials at all", async () => {
    const stack = await start({ config: (s) => ({ "twilio:serverlessBaseUrl": s.emulator.apiBaseUrl }) });
    await expect(createOne(stack)).rejects.toMatchObject({
      details: expect.stringMatching(
        /No Twilio credentials found.*twilio:apiKey.*TWILIO_API_KEY.*twilio:accountSid.*TWILIO_AUTH_TOKEN/,
      ),
    });
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it("refuses plain http to a host that is not loopback, saying why", async () => {
    const stack = await start({
      config: (s) => ({ ...s.twilioConfig, "twilio:serverlessUploadBaseUrl": "http://twilio.example.com" }),
    });
    await expect(createOne(stack)).rejects.toMatchObject({
      details: expect.stringContaining(
        "twilio:serverlessUploadBaseUrl / TWILIO_SERVERLESS_UPLOAD_BASE_URL uses plain http:// for twilio.example.com",
      ),
    });
  });

  it("accepts an account SID and auth token", async () => {
    const stack = await start({
      config: (s) => ({
        "twilio:accountSid": s.emulator.credentials.accountSid,
        "twilio:authToken": s.emulator.credentials.authToken,
        "twilio:serverlessBaseUrl": s.emulator.apiBaseUrl,
        "twilio:serverlessUploadBaseUrl": s.emulator.uploadBaseUrl,
      }),
      secretKeys: ["twilio:authToken"],
    });
    expect(await createOne(stack)).toMatch(/^ZN/);
  });
});
