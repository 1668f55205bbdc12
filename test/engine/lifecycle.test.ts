import crypto from "crypto";
import fs from "fs";
import os from "os";
import path from "path";
import { TwilioEmulator } from "../emulator/server";
import { captureProgram } from "./capture";
import { Engine, ProgramResource } from "./engine";
import { ProviderProcess } from "./provider-process";

const REPO = path.resolve(__dirname, "..", "..");
const PROJECT = "twilio-serverless-example";
const EXAMPLE_FILE = path.join(REPO, "examples", "function-from-file", "hello.js");
const sha256 = (data: string | Buffer): string => crypto.createHash("sha256").update(data).digest("hex");

describe("FunctionVersion through the engine protocol", () => {
  let emulator: TwilioEmulator;
  let plugin: ProviderProcess;
  let engine: Engine;
  let program: ProgramResource[];
  let serviceSid: string;
  let functionSid: string;
  let tmp: string;

  const _withInputs = (changes: Record<string, unknown>): ProgramResource[] =>
    program.map((r) => ({ ...r, inputs: { ...r.inputs, ...changes } }));

  beforeAll(async () => {
    emulator = await TwilioEmulator.start();
    serviceSid = emulator.createService("example").sid;
    functionSid = emulator.createFunction(serviceSid, "hello").sid;
    program = await captureProgram({
      program: "examples/function-from-file",
      cwd: REPO,
      project: PROJECT,
      config: { [`${PROJECT}:serviceSid`]: serviceSid, [`${PROJECT}:functionSid`]: functionSid },
    });
    plugin = await ProviderProcess.start({ cwd: REPO, project: PROJECT });
    await plugin.configure(
      {
        [`${PROJECT}:serviceSid`]: serviceSid,
        "twilio:apiKey": emulator.credentials.apiKey,
        "twilio:apiSecret": emulator.credentials.apiSecret,
        "twilio:serverlessBaseUrl": emulator.apiBaseUrl,
        "twilio:serverlessUploadBaseUrl": emulator.uploadBaseUrl,
      },
      ["twilio:apiSecret"],
    );
    engine = new Engine(plugin, PROJECT, "dev", REPO);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lifecycle-"));
  });

  afterAll(async () => {
    await plugin?.stop();
    await emulator?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("captures one FunctionVersion with a small __provider", () => {
    expect(program).toHaveLength(1);
    expect(program[0].type).toBe("pulumi-nodejs:dynamic/twilio:FunctionVersion");
    const text = String(program[0].inputs.__provider);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4096);
    expect(text).toContain('"pulumi-twilio-serverless/runtime"');
  });

  it("previews a create without any request to Twilio", async () => {
    const steps = await engine.preview(program);
    expect(steps.map((s) => s.op)).toEqual(["create"]);
    expect(emulator.requests).toHaveLength(0);
  });

  it("uploads on up", async () => {
    const steps = await engine.up(program);
    expect(steps.map((s) => s.op)).toEqual(["create"]);
    const [entry] = engine.state;
    expect(entry.id).toMatch(/^ZN[0-9a-f]{32}$/);
    const uploads = emulator.requestsTo("upload", "POST");
    expect(uploads).toHaveLength(1);
    expect(uploads[0].upload).toMatchObject({
      path: "/hello",
      visibility: "public",
      filename: "hello.js",
      contentType: "application/javascript",
      sha256: sha256(fs.readFileSync(EXAMPLE_FILE)),
    });
    expect(entry.outputs).toMatchObject({
      sid: entry.id,
      accountSid: emulator.credentials.accountSid,
      serviceSid,
      functionSid,
      path: "/hello",
      visibility: "public",
      contentHash: sha256(fs.readFileSync(EXAMPLE_FILE)),
    });
    expect(entry.outputs.url).toBe(
      `${emulator.apiBaseUrl}/v1/Services/${serviceSid}/Functions/${functionSid}/Versions/${entry.id}`,
    );
    expect(typeof entry.outputs.dateCreated).toBe("string");
    expect(entry.outputs).not.toHaveProperty("content");
  });

  it("finds nothing to do right after the create", async () => {
    const before = emulator.requests.length;
    expect((await engine.preview(program)).map((s) => s.op)).toEqual(["same"]);
    expect(emulator.requests.length).toBe(before);
  });
});
