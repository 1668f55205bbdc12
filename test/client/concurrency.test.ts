import fs from "fs";
import path from "path";
import { TwilioClient } from "../../provider/twilio/client";
import { Limiter } from "../../provider/twilio/http/limiter";
import { isBag } from "../../provider/model/wire";
import { ClientEnv, TEST_POLICY, bufferContent, clientFor, sha256, startEnv } from "./setup";

const MANIFEST: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
const PACKAGE_VERSION = isBag(MANIFEST) ? MANIFEST.version : undefined;

// A broken limiter makes requests wait forever rather than fail: give up well before the default.
jest.setTimeout(20_000);

describe("TwilioClient concurrency and identification", () => {
  let env: ClientEnv;

  afterEach(async () => {
    await env.emulator.close();
  });

  const sources = (n: number, tag: string): string[] =>
    Array.from({ length: n }, (_, i) => `// ${tag} ${i}\nexports.handler = () => ${i};\n`);

  it("narrows after 429s from an account limit below its bound, so most uploads are not throttled", async () => {
    env = await startEnv({ limiter: new Limiter(10), retryPolicy: { ...TEST_POLICY, maxAttempts: 8 } });
    env.emulator.faults.latencyMs = 10;
    env.emulator.faults.gate = { maxInFlight: 3, retryAfter: "0" };
    const texts = sources(60, "gated");

    const versions = await Promise.all(
      texts.map((text, i) =>
        env.client.functionVersions.upload({
          ...env.ref,
          path: `/gated-${i}`,
          visibility: "public",
          content: bufferContent(text),
        }),
      ),
    );

    const throttled = env.emulator.requests.filter((r) => r.status === 429).length;
    expect(versions).toHaveLength(60);
    expect(env.emulator.store.versions).toHaveLength(60);
    expect(env.limiter.limit).toBeLessThan(10);
    // A fixed bound of 10 against room for 3 throttles about 7 requests in every 10, well over 60 in all.
    expect(throttled).toBeLessThan(30);
  });

  it("keeps at most the limiter's bound of uploads in flight", async () => {
    env = await startEnv({ limiter: new Limiter(3) });
    env.emulator.faults.latencyMs = 20;
    const texts = sources(20, "bounded");

    const versions = await Promise.all(
      texts.map((text, i) =>
        env.client.functionVersions.upload({
          ...env.ref,
          path: `/bounded-${i}`,
          visibility: "public",
          content: bufferContent(text),
        }),
      ),
    );

    expect(env.emulator.maxInFlightSeen).toBeLessThanOrEqual(3);
    // The bound is used, not just respected.
    expect(env.emulator.maxInFlightSeen).toBe(3);
    expect(versions).toHaveLength(20);
    expect(new Set(versions.map((v) => v.sid)).size).toBe(20);
    expect(versions.map((v) => v.path)).toEqual(texts.map((_, i) => `/bounded-${i}`));
    expect(env.emulator.store.versions).toHaveLength(20);
    const uploaded = env.emulator.requests.map((r) => r.upload?.sha256).sort();
    expect(uploaded).toEqual(texts.map((t) => sha256(t)).sort());
    expect(env.emulator.requests).toHaveLength(20);
    expect(env.limiter.running).toBe(0);
    expect(env.sleeps).toEqual([]);
  });

  it("bounds reads the same way", async () => {
    env = await startEnv({ limiter: new Limiter(2) });
    env.emulator.faults.latencyMs = 20;

    const results = await Promise.all(Array.from({ length: 10 }, () => env.client.functionVersions.list(env.ref)));

    expect(results.every((r) => r.length === 0)).toBe(true);
    expect(env.emulator.maxInFlightSeen).toBe(2);
  });

  it("bounds two clients that share one limiter together", async () => {
    env = await startEnv({ limiter: new Limiter(2) });
    env.emulator.faults.latencyMs = 20;
    const other = clientFor(env.emulator, [], { limiter: env.limiter });

    await Promise.all(
      [env.client, other].flatMap((client: TwilioClient, c) =>
        sources(6, `client ${c}`).map((text, i) =>
          client.functionVersions.upload({
            ...env.ref,
            path: `/c${c}-${i}`,
            visibility: "protected",
            content: bufferContent(text),
          }),
        ),
      ),
    );

    expect(env.emulator.maxInFlightSeen).toBe(2);
    expect(env.emulator.store.versions).toHaveLength(12);
  });

  it("the emulator does see more in flight without a tight bound", async () => {
    env = await startEnv({ limiter: new Limiter(20) });
    env.emulator.faults.latencyMs = 50;

    await Promise.all(Array.from({ length: 10 }, () => env.client.functionVersions.list(env.ref)));

    expect(env.emulator.maxInFlightSeen).toBeGreaterThan(3);
  });

  it("does not count time spent waiting for a slot against the retry budget", async () => {
    let clock = 0;
    env = await startEnv({ limiter: new Limiter(1), now: () => clock });
    let release: () => void = () => undefined;
    const occupied = env.limiter.run(() => new Promise<void>((resolve) => (release = resolve)));
    env.emulator.faults.add({ host: "upload", action: { kind: "status", status: 429, retryAfter: "1" } });
    const created = env.client.functionVersions.upload({
      ...env.ref,
      path: "/queued",
      visibility: "protected",
      content: bufferContent("exports.handler = () => {};"),
    });
    await new Promise((resolve) => setImmediate(resolve));
    clock += TEST_POLICY.maxElapsedMs * 2;
    release();
    await occupied;
    await expect(created).resolves.toMatchObject({ path: "/queued" });
    expect(env.sleeps).toHaveLength(1);
  });

  it("frees its slot while waiting to retry", async () => {
    env = await startEnv();
    const limiter = new Limiter(1);
    const runningWhileSleeping: number[] = [];
    const client = new TwilioClient({
      credentials: { username: env.emulator.credentials.apiKey, password: env.emulator.credentials.apiSecret },
      apiBaseUrl: env.emulator.apiBaseUrl,
      uploadBaseUrl: env.emulator.uploadBaseUrl,
      limiter,
      timeoutMs: 30_000,
      retryPolicy: TEST_POLICY,
      random: () => 0.5,
      sleep: () => {
        runningWhileSleeping.push(limiter.running);
        return Promise.resolve();
      },
    });
    env.emulator.faults.add({ action: { kind: "status", status: 429, retryAfter: "1" }, times: 2 });

    expect(await client.functionVersions.list(env.ref)).toEqual([]);

    expect(runningWhileSleeping).toEqual([0, 0]);
    expect(limiter.running).toBe(0);
  });

  it("frees its slot after a failure", async () => {
    env = await startEnv({ limiter: new Limiter(1) });
    env.emulator.faults.add({ action: { kind: "status", status: 503 }, times: 100 });

    await expect(env.client.functionVersions.list(env.ref)).rejects.toThrow("HTTP 503");
    expect(env.limiter.running).toBe(0);

    env.emulator.faults.clear();
    expect(await env.client.functionVersions.list(env.ref)).toEqual([]);
  });

  it("identifies itself with a pulumi-twilio-serverless User-Agent on both hosts", async () => {
    env = await startEnv();
    const version = await env.client.functionVersions.upload({
      ...env.ref,
      path: "/ua",
      visibility: "public",
      content: bufferContent("// ua"),
    });
    await env.client.functionVersions.fetch({ ...env.ref, sid: version.sid });
    await env.client.functionVersions.fetchContent({ ...env.ref, sid: version.sid });
    await env.client.functionVersions.list(env.ref);

    expect(env.emulator.requests.map((r) => r.host)).toEqual(["upload", "api", "api", "api"]);
    expect(typeof PACKAGE_VERSION).toBe("string");
    for (const request of env.emulator.requests) {
      expect(request.userAgent?.startsWith("pulumi-twilio-serverless/")).toBe(true);
      expect(request.userAgent).toBe(
        `pulumi-twilio-serverless/${String(PACKAGE_VERSION)} node/${process.version} (${process.platform} ${process.arch})`,
      );
    }
  });
});
