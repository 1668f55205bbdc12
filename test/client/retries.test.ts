import fs from "fs";
import path from "path";
import { DEFAULT_RETRY_POLICY } from "../../provider/twilio/http/retry-timing";
import { TwilioEmulator } from "../emulator/server";
import {
  ClientEnv,
  ClientOverrides,
  TEST_POLICY,
  apiError,
  bufferContent,
  fileContent,
  makeTempDir,
  removeTempDir,
  sha256,
  sourceOfSize,
  startEnv,
  uploadsOf,
} from "./setup";

// With the injected random of 0.5 the equal-jitter backoff is 3/4 of the nominal one.
const FIRST_BACKOFF = (TEST_POLICY.baseDelayMs * 3) / 4;

describe("TwilioClient retries", () => {
  let env: ClientEnv;
  let dir: string;

  async function restart(overrides: ClientOverrides): Promise<void> {
    await env.emulator.close();
    env = await startEnv(overrides);
  }

  beforeEach(async () => {
    env = await startEnv();
    dir = makeTempDir();
  });

  afterEach(async () => {
    await env.emulator.close();
    removeTempDir(dir);
  });

  const uploadParams = (source: string | Buffer = "// retried\n") => ({
    ...env.ref,
    path: "/retried",
    visibility: "public" as const,
    content: bufferContent(source),
  });

  const statuses = (emulator: TwilioEmulator = env.emulator) => emulator.requests.map((r) => r.status);

  describe("429", () => {
    it("waits at least Retry-After seconds, then succeeds", async () => {
      env.emulator.faults.add({ action: { kind: "status", status: 429, retryAfter: "2" } });

      const listed = await env.client.functionVersions.list(env.ref);

      expect(listed).toEqual([]);
      expect(statuses()).toEqual([429, 200]);
      expect(env.sleeps).toHaveLength(1);
      expect(env.sleeps[0]).toBeGreaterThanOrEqual(2000);
      // Jitter on top of the floor stays within one base delay.
      expect(env.sleeps[0]).toBeLessThanOrEqual(2000 + TEST_POLICY.baseDelayMs);
    });

    it("retries a throttled upload and creates exactly one version", async () => {
      env.emulator.faults.add({ host: "upload", action: { kind: "status", status: 429, retryAfter: "2" }, times: 2 });

      const version = await env.client.functionVersions.upload(uploadParams());

      expect(statuses()).toEqual([429, 429, 201]);
      expect(env.sleeps).toHaveLength(2);
      for (const ms of env.sleeps) expect(ms).toBeGreaterThanOrEqual(2000);
      expect(env.emulator.store.versions.map((v) => v.sid)).toEqual([version.sid]);
      expect(uploadsOf(env.emulator)).toHaveLength(1);
    });

    it("honours a Retry-After given as an HTTP date", async () => {
      const at = new Date(Date.now() + 10_000).toUTCString();
      env.emulator.faults.add({ action: { kind: "status", status: 429, retryAfter: at } });

      await env.client.functionVersions.list(env.ref);

      expect(statuses()).toEqual([429, 200]);
      // The date has whole seconds, so up to one second of the ten may already be gone.
      expect(env.sleeps[0]).toBeGreaterThanOrEqual(8_000);
      expect(env.sleeps[0]).toBeLessThanOrEqual(10_000 + TEST_POLICY.baseDelayMs);
    });

    it("backs off without Retry-After", async () => {
      env.emulator.faults.add({ action: { kind: "status", status: 429 } });

      await env.client.functionVersions.list(env.ref);

      expect(statuses()).toEqual([429, 200]);
      expect(env.sleeps).toEqual([FIRST_BACKOFF]);
    });

    it("gives up on a Retry-After beyond the time budget", async () => {
      await restart({ retryPolicy: { ...TEST_POLICY, maxElapsedMs: 5_000 } });
      env.emulator.faults.add({ action: { kind: "status", status: 429, retryAfter: "60" }, times: 10 });

      const err = await apiError(env.client.functionVersions.list(env.ref));

      expect(err.status).toBe(429);
      expect(err.code).toBe(20429);
      expect(err.attempts).toBe(1);
      expect(env.emulator.requests).toHaveLength(1);
      expect(env.sleeps).toEqual([]);
    });
  });

  describe("server errors", () => {
    it.each([500, 502, 503, 504])("retries %i, then succeeds", async (status) => {
      env.emulator.faults.add({ action: { kind: "status", status } });

      const listed = await env.client.functionVersions.list(env.ref);

      expect(listed).toEqual([]);
      expect(statuses()).toEqual([status, 200]);
      expect(env.sleeps).toEqual([FIRST_BACKOFF]);
    });

    it.each([500, 503])("retries %i on an upload and sends the whole body again", async (status) => {
      env.emulator.faults.add({ host: "upload", action: { kind: "status", status } });
      const source = sourceOfSize(100_000);

      const version = await env.client.functionVersions.upload(uploadParams(source));

      expect(statuses()).toEqual([status, 201]);
      const [first, second] = env.emulator.requests;
      expect(first.bytes).toBe(second.bytes);
      expect(second.upload?.sha256).toBe(sha256(source));
      expect(env.emulator.store.versions.map((v) => v.sid)).toEqual([version.sid]);
    });

    it("gives up after maxAttempts requests, backing off exponentially", async () => {
      env.emulator.faults.add({ action: { kind: "status", status: 503 }, times: 100 });

      const err = await apiError(env.client.functionVersions.list(env.ref));

      expect(env.emulator.requests).toHaveLength(TEST_POLICY.maxAttempts);
      expect(err.status).toBe(503);
      expect(err.code).toBe(20500);
      expect(err.detail).toBe("Service Unavailable");
      expect(err.attempts).toBe(TEST_POLICY.maxAttempts);
      expect(err.message).toContain(`after ${TEST_POLICY.maxAttempts} attempts`);
      expect(err.message).toContain("Service Unavailable");
      expect(err.method).toBe("GET");
      expect(err.path).toBe(`/v1/Services/${env.service.sid}/Functions/${env.fn.sid}/Versions`);
      expect(env.sleeps).toEqual([FIRST_BACKOFF, FIRST_BACKOFF * 2, FIRST_BACKOFF * 4]);
    });

    it("caps one backoff at maxDelayMs", async () => {
      await restart({ retryPolicy: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 300, maxElapsedMs: 60_000 } });
      env.emulator.faults.add({ action: { kind: "status", status: 502 }, times: 100 });

      const err = await apiError(env.client.functionVersions.list(env.ref));

      expect(err.attempts).toBe(6);
      expect(env.emulator.requests).toHaveLength(6);
      expect(env.sleeps).toEqual([75, 150, 225, 225, 225]);
    });

    it("makes exactly maxAttempts requests with one attempt allowed", async () => {
      await restart({ retryPolicy: { ...TEST_POLICY, maxAttempts: 1 } });
      env.emulator.faults.add({ action: { kind: "status", status: 503 }, times: 100 });

      const err = await apiError(env.client.functionVersions.list(env.ref));

      expect(err.attempts).toBe(1);
      expect(err.message).not.toContain("attempts");
      expect(env.emulator.requests).toHaveLength(1);
      expect(env.sleeps).toEqual([]);
    });

    it("uses the default policy (8 attempts) when none is given", async () => {
      await restart({ retryPolicy: undefined });
      env.emulator.faults.add({ action: { kind: "status", status: 503 }, times: 100 });

      const err = await apiError(env.client.functionVersions.list(env.ref));

      expect(err.attempts).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
      expect(env.emulator.requests).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
      expect(env.sleeps).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts - 1);
      for (const ms of env.sleeps) expect(ms).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxDelayMs);
    });
  });

  describe("final 4xx", () => {
    it.each([400, 401, 403, 404, 409, 413])("never retries %i", async (status) => {
      env.emulator.faults.add({ action: { kind: "status", status }, times: 10 });

      const err = await apiError(env.client.functionVersions.fetch({ ...env.ref, sid: "ZN" + "0".repeat(32) }));

      expect(err.status).toBe(status);
      expect(err.attempts).toBe(1);
      expect(env.emulator.requests).toHaveLength(1);
      expect(env.sleeps).toEqual([]);
    });

    it("never retries a 400 or 404 from the emulator itself", async () => {
      const bad = await apiError(env.client.functionVersions.upload({ ...uploadParams(), path: "no spaces allowed" }));
      const missing = await apiError(env.client.functionVersions.fetch({ ...env.ref, sid: "ZN" + "1".repeat(32) }));

      expect(bad.status).toBe(400);
      expect(missing.status).toBe(404);
      expect(statuses()).toEqual([400, 404]);
      expect(env.sleeps).toEqual([]);
    });
  });

  describe("lost connections", () => {
    it("retries a request whose connection is dropped", async () => {
      env.emulator.faults.add({ host: "api", action: { kind: "drop" } });

      expect(await env.client.functionVersions.list(env.ref)).toEqual([]);

      expect(statuses()).toEqual(["dropped", 200]);
      expect(env.sleeps).toEqual([FIRST_BACKOFF]);
    });

    it("retries an upload whose connection is dropped after the request arrived", async () => {
      env.emulator.faults.add({ host: "upload", action: { kind: "drop" } });
      const source = sourceOfSize(50_000);

      const version = await env.client.functionVersions.upload(uploadParams(source));

      expect(statuses()).toEqual(["dropped", 201]);
      expect(env.emulator.requests[0].bytes).toBe(env.emulator.requests[1].bytes);
      expect(env.emulator.store.versions.map((v) => v.sid)).toEqual([version.sid]);
      expect(env.emulator.store.versions[0].content.toString()).toBe(source);
    });

    it("re-sends the whole Buffer after a drop mid-upload", async () => {
      env.emulator.faults.add({ host: "upload", action: { kind: "dropMidUpload" } });
      const source = Buffer.from(sourceOfSize(2_000_000, "buffer"));

      const version = await env.client.functionVersions.upload({
        ...env.ref,
        path: "/mid",
        visibility: "private",
        content: bufferContent(source, "mid.js"),
      });

      const [dropped, retried] = env.emulator.requestsTo("upload", "POST");
      expect(statuses()).toEqual(["dropped", 201]);
      expect(dropped.upload).toBeUndefined();
      expect(dropped.bytes).toBeGreaterThan(0);
      expect(dropped.bytes).toBeLessThan(source.length);
      expect(retried.upload?.size).toBe(source.length);
      expect(retried.upload?.sha256).toBe(sha256(source));
      expect(retried.upload?.filename).toBe("mid.js");
      expect(retried.bytes).toBeGreaterThan(source.length);
      expect(env.emulator.store.versions.map((v) => v.sid)).toEqual([version.sid]);
      expect(env.emulator.store.versions[0].content.equals(source)).toBe(true);
      expect(env.sleeps).toEqual([FIRST_BACKOFF]);
    });

    it("re-opens and re-sends the whole stream after a drop mid-upload", async () => {
      const file = path.join(dir, "streamed.js");
      const source = Buffer.from(sourceOfSize(2_000_000, "stream"));
      fs.writeFileSync(file, source);
      const content = fileContent(file);
      env.emulator.faults.add({ host: "upload", action: { kind: "dropMidUpload" }, times: 2 });

      const version = await env.client.functionVersions.upload({
        ...env.ref,
        path: "/streamed",
        visibility: "public",
        content,
      });

      expect(content.opened()).toBe(3);
      // No attempt leaves its file open.
      expect(content.streams.map((s) => s.destroyed)).toEqual([true, true, true]);
      const requests = env.emulator.requestsTo("upload", "POST");
      expect(requests.map((r) => r.status)).toEqual(["dropped", "dropped", 201]);
      for (const dropped of requests.slice(0, 2)) expect(dropped.bytes).toBeLessThan(source.length);
      const last = requests[2];
      expect(last.upload?.size).toBe(source.length);
      expect(last.upload?.sha256).toBe(sha256(source));
      expect(env.emulator.store.versions.map((v) => v.sid)).toEqual([version.sid]);
      expect(env.emulator.store.versions[0].content.equals(source)).toBe(true);
    });

    it("fails without a status after maxAttempts lost connections", async () => {
      env.emulator.faults.add({ action: { kind: "drop" }, times: 100 });

      const err = await apiError(env.client.functionVersions.list(env.ref));

      expect(err.status).toBeUndefined();
      expect(err.code).toBeUndefined();
      expect(err.cause).toBeInstanceOf(Error);
      expect(err.attempts).toBe(TEST_POLICY.maxAttempts);
      expect(err.message).toContain("without a response");
      expect(err.message).toContain(`after ${TEST_POLICY.maxAttempts} attempts`);
      expect(env.emulator.requests).toHaveLength(TEST_POLICY.maxAttempts);
    });
  });

  describe("timeouts", () => {
    beforeEach(async () => {
      await restart({ timeoutMs: 200 });
    });

    it("retries a read answered slower than timeoutMs", async () => {
      env.emulator.faults.add({ host: "api", action: { kind: "delay", ms: 1_000 } });

      expect(await env.client.functionVersions.list(env.ref)).toEqual([]);

      expect(env.emulator.requests).toHaveLength(2);
      expect(env.emulator.requests[1].status).toBe(200);
      expect(env.sleeps).toEqual([FIRST_BACKOFF]);
    });

    it("retries an upload answered slower than timeoutMs, creating one version", async () => {
      env.emulator.faults.add({ host: "upload", action: { kind: "delay", ms: 400 } });
      const source = sourceOfSize(10_000);

      const version = await env.client.functionVersions.upload(uploadParams(source));

      expect(version.sid.startsWith("ZN")).toBe(true);
      expect(env.emulator.requests).toHaveLength(2);
      expect(env.emulator.requests[1].upload?.sha256).toBe(sha256(source));
      expect(env.sleeps).toEqual([FIRST_BACKOFF]);
      // Once the slow attempt's delay is over, the emulator sees that its client is gone.
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(env.emulator.inFlight).toBe(0);
      expect(env.emulator.store.versions.map((v) => v.sid)).toEqual([version.sid]);
    });

    it("fails without a status when every attempt is too slow", async () => {
      env.emulator.faults.add({ host: "api", action: { kind: "delay", ms: 1_000 }, times: TEST_POLICY.maxAttempts });

      const started = Date.now();
      const err = await apiError(env.client.functionVersions.list(env.ref));

      expect(err.status).toBeUndefined();
      expect(err.code).toBeUndefined();
      expect(err.cause).toBeInstanceOf(Error);
      expect(err.attempts).toBe(TEST_POLICY.maxAttempts);
      expect(err.method).toBe("GET");
      expect(err.message).toContain("without a response");
      expect(err.message).toMatch(/time/i);
      expect(env.emulator.requests).toHaveLength(TEST_POLICY.maxAttempts);
      expect(env.sleeps).toHaveLength(TEST_POLICY.maxAttempts - 1);
      // Each attempt gives up after about timeoutMs, not after the emulator's second.
      expect(Date.now() - started).toBeLessThan(TEST_POLICY.maxAttempts * 1_000);
    });
  });

  describe("an upload whose answer leaves open whether Twilio stored it", () => {
    test.each([
      ["a 502 sent after the version was stored", { kind: "status", status: 502, processed: true }],
      ["a 500 sent after the version was stored", { kind: "status", status: 500, processed: true }],
    ] as const)("is looked for before being sent again: %s", async (_name, action) => {
      env.emulator.faults.add({ host: "upload", action });
      let lookups = 0;
      const version = await env.client.functionVersions.upload({
        ...uploadParams(),
        findExisting: async () => {
          lookups++;
          return env.emulator.store.versions.length === 1
            ? env.client.functionVersions.fetch({ ...env.ref, sid: env.emulator.store.versions[0].sid })
            : undefined;
        },
      });
      expect(lookups).toBe(1);
      expect(env.emulator.requestsTo("upload", "POST")).toHaveLength(1);
      expect(env.emulator.store.versions.map((v) => v.sid)).toEqual([version.sid]);
    });

    it("is sent again when the lookup finds nothing", async () => {
      env.emulator.faults.add({ host: "upload", action: { kind: "status", status: 503 } });
      let lookups = 0;
      const version = await env.client.functionVersions.upload({
        ...uploadParams(),
        findExisting: () => {
          lookups++;
          return Promise.resolve(undefined);
        },
      });
      expect(lookups).toBe(1);
      expect(env.emulator.requestsTo("upload", "POST")).toHaveLength(2);
      expect(env.emulator.store.versions.map((v) => v.sid)).toEqual([version.sid]);
    });

    test.each([
      ["a 429, which Twilio never processes", { kind: "status", status: 429, retryAfter: "0" }],
      ["a final 400", { kind: "status", status: 400 }],
    ] as const)("is not looked for after %s", async (_name, action) => {
      env.emulator.faults.add({ host: "upload", action });
      let lookups = 0;
      await env.client.functionVersions
        .upload({
          ...uploadParams(),
          findExisting: () => {
            lookups++;
            return Promise.resolve(undefined);
          },
        })
        .catch(() => undefined);
      expect(lookups).toBe(0);
    });

    it("is looked for after a connection lost with the request sent", async () => {
      env.emulator.faults.add({ host: "upload", action: { kind: "drop" } });
      let lookups = 0;
      await env.client.functionVersions.upload({
        ...uploadParams(),
        findExisting: () => {
          lookups++;
          return Promise.resolve(undefined);
        },
      });
      expect(lookups).toBe(1);
    });

    it("is not looked for when no connection could be opened", async () => {
      const closed = await TwilioEmulator.start();
      await closed.close();
      await restart({ uploadBaseUrl: closed.uploadBaseUrl });
      let lookups = 0;
      await expect(
        env.client.functionVersions.upload({
          ...uploadParams(),
          findExisting: () => {
            lookups++;
            return Promise.resolve(undefined);
          },
        }),
      ).rejects.toThrow(/ECONNREFUSED/);
      expect(lookups).toBe(0);
    });

    it("does not count the time a lookup takes against the retry budget", async () => {
      let clock = 0;
      await restart({ now: () => clock });
      env.emulator.faults.add({ host: "upload", times: 2, action: { kind: "status", status: 500 } });
      const version = await env.client.functionVersions.upload({
        ...uploadParams(),
        findExisting: () => {
          clock += TEST_POLICY.maxElapsedMs * 2;
          return Promise.resolve(undefined);
        },
      });
      expect(env.emulator.store.versions.map((v) => v.sid)).toEqual([version.sid]);
      expect(env.emulator.requestsTo("upload", "POST")).toHaveLength(3);
    });

    it("a lookup that fails stops the retries, since sending again might make a second one", async () => {
      env.emulator.faults.add({ host: "upload", action: { kind: "status", status: 502 } });
      await expect(
        env.client.functionVersions.upload({
          ...uploadParams(),
          findExisting: () => Promise.reject(new Error("lookup failed")),
        }),
      ).rejects.toMatchObject({ status: 502, method: "POST" });
      expect(env.emulator.requestsTo("upload", "POST")).toHaveLength(1);
    });
  });
});
