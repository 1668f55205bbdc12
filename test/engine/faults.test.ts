import fs from "fs";
import path from "path";
import { FaultRule } from "../emulator/faults";
import { Engine, ProgramResource } from "./engine";
import { initFailure } from "./provider-process";
import { DISTINCTIVE_SECRET, Stack, sha256, startStack } from "./fixture";
import { singleVersion } from "./single-version";
import { credentialsOf } from "../client/setup";
import { leaksIn, passwordForms } from "../client/secret-scan";

const twilioBody = (status: number, code: number, message: string): string =>
  JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

// Faults after which the request must succeed, with the whole body sent again: name, action,
// how many requests it hits. Every row has all three, or jest takes the last parameter for `done`.
const RECOVERABLE: Array<[string, FaultRule["action"], number]> = [
  ["429 with Retry-After", { kind: "status", status: 429, retryAfter: "1" }, 1],
  ["429 without Retry-After", { kind: "status", status: 429 }, 2],
  ["500", { kind: "status", status: 500 }, 1],
  ["502", { kind: "status", status: 502, body: "<html>Bad Gateway</html>" }, 1],
  ["503", { kind: "status", status: 503 }, 1],
  ["504", { kind: "status", status: 504, body: "" }, 1],
  ["a connection closed before any answer", { kind: "drop" }, 1],
  ["an answer slower than the timeout", { kind: "delay", ms: 1500 }, 1],
  ["credentials echoed as bytes that are not HTTP", { kind: "echo", where: "network" }, 1],
  ["an answer echoing credentials in a header, cut off", { kind: "echo", where: "aborted" }, 1],
  ["a 503 echoing credentials in a header", { kind: "echo", where: "header", status: 503 }, 1],
  ["a 500 whose Twilio error body echoes credentials", { kind: "echo", where: "body", status: 500 }, 1],
];

// Faults that must fail at once with Twilio's status, code, message and link.
const FINAL: Array<[number, number, string]> = [
  [400, 20001, "Invalid Path"],
  [401, 20003, "Authenticate"],
  [403, 20403, "Forbidden"],
  [404, 20404, "The requested resource was not found"],
];

describe("faults through the engine protocol", () => {
  let stack: Stack;
  let provider: unknown;
  let n = 0;

  /** A program with one FunctionVersion of fresh content, and an engine with an empty state. */
  function freshProgram(): { program: ProgramResource[]; engine: Engine; text: string } {
    n++;
    return { ...singleVersion(stack, provider, `fault-${n}`), engine: new Engine(stack.plugin, stack.project, "dev") };
  }

  const uploadsOf = (path: string) =>
    stack.emulator.requests.filter((r) => r.host === "upload" && r.method === "POST" && r.upload?.path === path);

  const noSecretIn = (shown: unknown): void => {
    const credentials = credentialsOf(stack.emulator, "API key");
    expect(credentials.password).toBe(DISTINCTIVE_SECRET);
    expect(leaksIn(shown, [...passwordForms(credentials), credentials.username])).toEqual([]);
  };

  beforeAll(async () => {
    stack = await startStack({ configure: false });
    await stack.plugin.configure({ ...stack.twilioConfig, "twilio:requestTimeoutMs": "500" }, ["twilio:apiSecret"]);
    [
      {
        inputs: { __provider: provider },
      },
    ] = await stack.capture();
  });
  afterEach(() => {
    stack.emulator.faults.clear();
    noSecretIn(stack.plugin.output);
  });
  afterAll(() => stack.stop());

  describe("on create", () => {
    test.each(RECOVERABLE)("succeeds after %s, re-sending the whole upload", async (_name, action, times) => {
      const { program, engine, text } = freshProgram();
      const path = String(program[0].inputs.path);
      stack.emulator.faults.add({ host: "upload", method: "POST", times, action });
      await engine.up(program);
      expect(engine.state).toHaveLength(1);
      const attempts = stack.emulator.requests
        .filter((r) => r.host === "upload" && r.method === "POST")
        .slice(-1 - times);
      expect(attempts.map((r) => r.status).at(-1)).toBe(201);
      // A delayed request is abandoned before the emulator reads its body; every other attempt is read whole.
      const read = action.kind === "delay" ? attempts.slice(-1) : attempts;
      expect(new Set(read.map((r) => r.bytes)).size).toBe(1);
      const created = uploadsOf(path).at(-1)?.upload;
      expect(created).toMatchObject({ size: Buffer.byteLength(text), sha256: sha256(text) });
      expect(engine.state[0].outputs.contentHash).toBe(sha256(text));
      expect(stack.emulator.store.versions.some((v) => v.sid === engine.state[0].id)).toBe(true);
    });

    it("succeeds after a connection dropped mid-upload, and the version it records has every byte", async () => {
      const { program, engine, text } = freshProgram();
      stack.emulator.faults.add({ host: "upload", method: "POST", action: { kind: "dropMidUpload" } });
      await engine.up(program);
      const version = stack.emulator.store.versions.find((v) => v.sid === engine.state[0].id);
      expect(version?.content.toString()).toBe(text);
    });

    test.each([
      ["a 502 sent after Twilio stored it", { kind: "status", status: 502, processed: true }],
      ["a 504 sent after Twilio stored it", { kind: "status", status: 504, body: "", processed: true }],
      ["an answer slower than the timeout, after Twilio stored it", { kind: "delay", ms: 1500, processed: true }],
    ] as Array<[string, FaultRule["action"]]>)(
      "records the version an upload created, without a duplicate, after %s",
      async (_name, action) => {
        const { program, engine, text } = freshProgram();
        const path = String(program[0].inputs.path);
        stack.emulator.faults.add({ host: "upload", method: "POST", action });
        await engine.up(program);
        const created = stack.emulator.store.versions.filter((v) => v.path === path);
        expect(created).toHaveLength(1);
        expect(engine.state[0]).toMatchObject({ id: created[0].sid, outputs: { contentHash: sha256(text) } });
        expect(stack.emulator.requestsTo("upload", "POST").filter((r) => r.upload?.path === path)).toHaveLength(1);
        expect(await stack.plugin.linesContaining(`answer to the upload of ${path} was lost`)).toHaveLength(1);
      },
    );

    test.each(FINAL)(
      "fails at once on %i (Twilio error %i), leaving nothing in state",
      async (status, code, message) => {
        const { program, engine } = freshProgram();
        const before = stack.emulator.requests.length;
        stack.emulator.faults.add({
          host: "upload",
          method: "POST",
          times: 5,
          action: { kind: "status", status, body: twilioBody(status, code, message) },
        });
        const error = await engine.up(program).then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(error).toMatchObject({
          details: expect.stringContaining(
            `Twilio answered HTTP ${status} (error ${code}) to POST /v1/Services/${stack.serviceSid}/Functions/${stack.functionSid}/Versions: ${message}. See https://www.twilio.com/docs/errors/${code}`,
          ),
        });
        expect(stack.emulator.requests.length - before).toBe(1);
        expect(engine.state).toEqual([]);
        noSecretIn([error, stack.plugin.output]);
      },
    );

    it("reports Twilio's refusal of a large FileAsset it answered before reading the upload", async () => {
      const { program, engine } = freshProgram();
      const file = path.join(stack.tmp, "large.js");
      fs.writeFileSync(file, `exports.handler = () => {};\n${"//".padEnd(1023, "x")}\n`.repeat(4096));
      program[0].inputs.content = { asset: "file", path: file };
      stack.emulator.faults.add({
        host: "upload",
        action: { kind: "status", status: 401, body: twilioBody(401, 20003, "Authenticate"), early: true },
      });
      const error = await engine.up(program).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toMatchObject({
        details: expect.stringContaining("Twilio answered HTTP 401 (error 20003) to POST"),
      });
      expect(engine.state).toEqual([]);
    });

    it("fails at once on 413 with what the limit is", async () => {
      const { program, engine } = freshProgram();
      stack.emulator.faults.add({ host: "upload", action: { kind: "status", status: 413, body: "<html>413</html>" } });
      await expect(engine.up(program)).rejects.toMatchObject({
        details: expect.stringContaining("HTTP 413 to POST"),
      });
      expect(engine.state).toEqual([]);
    });

    test.each([
      ["truncated", "truncate"],
      ["not JSON", "nonJson"],
    ] as const)("records the version an upload created when its answer was %s", async (_name, kind) => {
      const { program, engine, text } = freshProgram();
      const path = String(program[0].inputs.path);
      stack.emulator.faults.add({ host: "upload", action: { kind } });
      await engine.up(program);
      const created = stack.emulator.store.versions.filter((v) => v.path === path);
      expect(created).toHaveLength(1);
      expect(engine.state[0]).toMatchObject({ id: created[0].sid, outputs: { contentHash: sha256(text) } });
      expect(await stack.plugin.linesContaining(`answer to the upload of ${path} was unreadable`)).toHaveLength(1);
    });

    it("keeps a version Twilio created but that could not be read back, for refresh to complete", async () => {
      const { program, engine, text } = freshProgram();
      const path = String(program[0].inputs.path);
      stack.emulator.faults.add({ host: "upload", action: { kind: "truncate" } });
      stack.emulator.faults.add({
        host: "api",
        method: "GET",
        times: 5,
        action: { kind: "status", status: 403, body: twilioBody(403, 20403, "Forbidden") },
      });
      const error = await engine.up(program).then(
        () => undefined,
        (err: unknown) => err,
      );
      const [created] = stack.emulator.store.versions.filter((v) => v.path === path);
      expect(error).toMatchObject({
        details: expect.stringContaining(
          `Twilio created Function Version ${created.sid} nonetheless, but its answer was unreadable. It is kept in the stack`,
        ),
      });
      expect(initFailure(error)).toMatchObject({
        id: created.sid,
        properties: { sid: created.sid, path, visibility: "protected", contentHash: sha256(text) },
      });
      expect(engine.state.map((e) => e.id)).toEqual([created.sid]);

      stack.emulator.faults.clear();
      expect((await engine.refresh()).map((s) => s.op)).toEqual(["refresh"]);
      expect(engine.state[0].outputs).toMatchObject({
        sid: created.sid,
        accountSid: expect.stringMatching(/^AC/),
        dateCreated: created.dateCreated,
        url: expect.stringContaining(created.sid),
        contentHash: sha256(text),
      });
      expect((await engine.up(program)).map((s) => s.op)).toEqual(["same"]);
      expect(stack.emulator.store.versions.filter((v) => v.path === path)).toHaveLength(1);
    });

    it("says a version may exist when an unreadable answer leaves nothing to find", async () => {
      const { program, engine } = freshProgram();
      stack.emulator.faults.add({ host: "upload", action: { kind: "nonJson" } });
      stack.emulator.faults.add({ host: "api", times: 20, action: { kind: "status", status: 403 } });
      await expect(engine.up(program)).rejects.toMatchObject({
        details: expect.stringContaining("The upload may have created a version this stack does not record"),
      });
      expect(engine.state).toEqual([]);
    });
  });

  describe("on refresh", () => {
    let engine: Engine;
    beforeAll(async () => {
      const fresh = freshProgram();
      engine = fresh.engine;
      await engine.up(fresh.program);
    });

    test.each([
      ...RECOVERABLE,
      ["a truncated answer", { kind: "truncate" }, 1],
      ["an answer that is not JSON", { kind: "nonJson" }, 1],
    ] as Array<[string, FaultRule["action"], number]>)("succeeds after %s", async (_name, action, times) => {
      const before = JSON.stringify(engine.state);
      const requests = stack.emulator.requestsTo("api", "GET").length;
      stack.emulator.faults.add({ host: "api", method: "GET", times, action });
      expect((await engine.refresh()).map((s) => s.op)).toEqual(["refresh"]);
      expect(JSON.stringify(engine.state)).toBe(before);
      expect(stack.emulator.requestsTo("api", "GET").length - requests).toBe(times + 1);
    });

    test.each(FINAL.filter(([status]) => status !== 404))(
      "fails on %i (Twilio error %i) and keeps the resource",
      async (status, code, message) => {
        const before = JSON.stringify(engine.state);
        stack.emulator.faults.add({
          host: "api",
          method: "GET",
          times: 5,
          action: { kind: "status", status, body: twilioBody(status, code, message) },
        });
        const error = await engine.refresh().then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(error).toMatchObject({ details: expect.stringContaining(`HTTP ${status} (error ${code}) to GET`) });
        expect(JSON.stringify(engine.state)).toBe(before);
        noSecretIn(error);
      },
    );

    it("keeps the resource and fails on a 404 that is not Twilio's (a proxy, a wrong base URL)", async () => {
      const before = JSON.stringify(engine.state);
      stack.emulator.faults.add({
        host: "api",
        method: "GET",
        action: { kind: "status", status: 404, body: "<html><body>Not Found</body></html>" },
      });
      const error = await engine.refresh().then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toMatchObject({ details: expect.stringContaining("Twilio answered HTTP 404 to GET") });
      expect(JSON.stringify(engine.state)).toBe(before);
    });

    it("drops the resource on Twilio's 404 (error 20404)", async () => {
      stack.emulator.faults.add({
        host: "api",
        method: "GET",
        action: { kind: "status", status: 404, body: twilioBody(404, 20404, "not found") },
      });
      expect((await engine.refresh()).map((s) => s.op)).toEqual(["gone"]);
    });
  });
});
