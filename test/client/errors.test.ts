import util from "util";
import { TwilioApiError, isNotFound } from "../../provider/twilio/errors";
import { TwilioClient } from "../../provider/twilio/client";
import { TwilioEmulator } from "../emulator/server";
import { leaksIn, passwordForms } from "./secret-scan";
import {
  TEST_POLICY,
  ClientEnv,
  apiError,
  bufferContent,
  clientFor,
  credentialsOf,
  sha256,
  sourceOfSize,
  startEnv,
  unsafeVisibility,
  uploadsOf,
} from "./setup";

const UNKNOWN_VERSION = "ZN00000000000000000000000000000000";
const UNKNOWN_FUNCTION = "ZH00000000000000000000000000000000";
const UNKNOWN_SERVICE = "ZS00000000000000000000000000000000";

/** Every way an error may be shown or logged. */
function renderings(err: TwilioApiError): string[] {
  return [
    util.inspect(err),
    util.inspect(err, { depth: Infinity, showHidden: true }),
    err.message,
    JSON.stringify(err),
    String(err.stack),
    String(err),
    util.format("%o", err),
  ];
}

describe("TwilioApiError answers", () => {
  let env: ClientEnv;

  beforeEach(async () => {
    env = await startEnv();
  });

  afterEach(async () => {
    await env.emulator.close();
  });

  describe("401 on wrong credentials", () => {
    const wrongSecret = "wrong-secret-0123456789abcdef";
    let client: TwilioClient;
    let sleeps: number[];
    let base64: string;

    beforeEach(() => {
      sleeps = [];
      client = clientFor(env.emulator, sleeps, {
        credentials: { username: env.emulator.credentials.apiKey, password: wrongSecret },
      });
      base64 = Buffer.from(`${env.emulator.credentials.apiKey}:${wrongSecret}`).toString("base64");
    });

    it("fails a fetch with status 401, code 20003 and Twilio's message, once", async () => {
      const err = await apiError(client.functionVersions.fetch({ ...env.ref, sid: UNKNOWN_VERSION }));

      expect(err).toBeInstanceOf(TwilioApiError);
      expect(err).toBeInstanceOf(Error);
      expect(err.name).toBe("TwilioApiError");
      expect(err.status).toBe(401);
      expect(err.code).toBe(20003);
      expect(err.detail).toBe("Authenticate");
      expect(err.message).toContain("Authenticate");
      expect(err.message).toContain("HTTP 401");
      expect(err.message).toContain("20003");
      expect(err.moreInfo).toBe("https://www.twilio.com/docs/errors/20003");
      expect(err.message).toContain("https://www.twilio.com/docs/errors/20003");
      expect(err.method).toBe("GET");
      expect(err.path).toBe(`/v1/Services/${env.service.sid}/Functions/${env.fn.sid}/Versions/${UNKNOWN_VERSION}`);
      expect(err.message).toContain(`GET ${err.path}`);
      expect(err.attempts).toBe(1);
      expect(err.createdSid).toBeUndefined();
      expect(isNotFound(err)).toBe(false);
      expect(env.emulator.requests).toHaveLength(1);
      expect(env.emulator.requests[0].status).toBe(401);
      expect(sleeps).toEqual([]);
    });

    it("fails an upload with 401 without creating anything", async () => {
      const err = await apiError(
        client.functionVersions.upload({
          ...env.ref,
          path: "/x",
          visibility: "public",
          content: bufferContent("// x"),
        }),
      );
      expect(err.status).toBe(401);
      expect(err.code).toBe(20003);
      expect(err.method).toBe("POST");
      expect(err.path).toBe(`/v1/Services/${env.service.sid}/Functions/${env.fn.sid}/Versions`);
      expect(env.emulator.requests).toHaveLength(1);
      expect(env.emulator.requests[0].host).toBe("upload");
      expect(env.emulator.store.versions).toHaveLength(0);
    });

    it("never shows the secret or the Authorization value", async () => {
      const errors = [
        await apiError(client.functionVersions.fetch({ ...env.ref, sid: UNKNOWN_VERSION })),
        await apiError(client.functionVersions.list(env.ref)),
        await apiError(
          client.functionVersions.upload({ ...env.ref, path: "/x", visibility: "public", content: bufferContent("x") }),
        ),
      ];
      for (const err of errors) {
        expect(err.status).toBe(401);
        for (const text of renderings(err)) {
          expect(text).not.toContain(wrongSecret);
          expect(text).not.toContain(base64);
          expect(text).not.toContain("Basic ");
        }
      }
    });

    it("accepts an account SID and auth token as well", async () => {
      const accountClient = clientFor(env.emulator, [], { credentials: credentialsOf(env.emulator, "account SID") });
      expect(await accountClient.functionVersions.list(env.ref)).toEqual([]);
      const wrongToken = clientFor(env.emulator, [], {
        credentials: { username: env.emulator.credentials.accountSid, password: env.emulator.credentials.apiSecret },
      });
      expect((await apiError(wrongToken.functionVersions.list(env.ref))).status).toBe(401);
    });
  });

  describe("secrets in network failures", () => {
    it("never shows the secret when a request fails without an answer", async () => {
      const credentials = credentialsOf(env.emulator, "API key");
      env.emulator.faults.add({ action: { kind: "drop" }, times: 100 });

      const errors = [
        await apiError(env.client.functionVersions.fetch({ ...env.ref, sid: UNKNOWN_VERSION })),
        await apiError(
          env.client.functionVersions.upload({
            ...env.ref,
            path: "/x",
            visibility: "public",
            content: bufferContent("x"),
          }),
        ),
      ];

      for (const err of errors) {
        expect(err.status).toBeUndefined();
        expect(err.cause).toMatchObject({ code: "ECONNRESET" });
        expect(leaksIn(err, [...passwordForms(credentials), credentials.username])).toEqual([]);
        for (const text of renderings(err)) expect(text).not.toContain("Basic ");
      }
    });
  });

  describe("404", () => {
    it.each([
      ["an unknown version", () => ({ ...env.ref, sid: UNKNOWN_VERSION })],
      [
        "an unknown function",
        () => ({ serviceSid: env.service.sid, functionSid: UNKNOWN_FUNCTION, sid: UNKNOWN_VERSION }),
      ],
      ["an unknown service", () => ({ serviceSid: UNKNOWN_SERVICE, functionSid: env.fn.sid, sid: UNKNOWN_VERSION })],
    ])("fetch of %s fails with 20404, once", async (_what, makeRef) => {
      const ref = makeRef();
      const err = await apiError(env.client.functionVersions.fetch(ref));

      const path = `/v1/Services/${ref.serviceSid}/Functions/${ref.functionSid}/Versions/${ref.sid}`;
      expect(err.status).toBe(404);
      expect(err.code).toBe(20404);
      expect(err.moreInfo).toBe("https://www.twilio.com/docs/errors/20404");
      expect(err.method).toBe("GET");
      expect(err.path).toBe(path);
      expect(err.detail).toBe(`The requested resource ${path.replace(/^\/v1/, "")} was not found`);
      expect(err.message).toContain(err.detail);
      expect(err.attempts).toBe(1);
      expect(isNotFound(err)).toBe(true);
      expect(env.emulator.requests).toHaveLength(1);
      expect(env.sleeps).toEqual([]);
    });

    it("fetchContent and list of an unknown function fail with 404", async () => {
      const ref = { serviceSid: env.service.sid, functionSid: UNKNOWN_FUNCTION };
      const content = await apiError(env.client.functionVersions.fetchContent({ ...ref, sid: UNKNOWN_VERSION }));
      expect(content.status).toBe(404);
      expect(content.path).toBe(
        `/v1/Services/${ref.serviceSid}/Functions/${UNKNOWN_FUNCTION}/Versions/${UNKNOWN_VERSION}/Content`,
      );
      const list = await apiError(env.client.functionVersions.list(ref));
      expect(list.status).toBe(404);
      expect(list.code).toBe(20404);
      expect(list.path).toBe(`/v1/Services/${ref.serviceSid}/Functions/${UNKNOWN_FUNCTION}/Versions`);
      expect(env.emulator.requests).toHaveLength(2);
    });

    it("a purged version answers 404", async () => {
      const created = await env.client.functionVersions.upload({
        ...env.ref,
        path: "/purged",
        visibility: "public",
        content: bufferContent("// purged"),
      });
      expect(env.emulator.purgeVersion(created.sid)).toBe(true);
      const err = await apiError(env.client.functionVersions.fetch({ ...env.ref, sid: created.sid }));
      expect(isNotFound(err)).toBe(true);
      expect(err.code).toBe(20404);
    });

    it("an upload to an unknown function fails with 404, once", async () => {
      const err = await apiError(
        env.client.functionVersions.upload({
          serviceSid: env.service.sid,
          functionSid: UNKNOWN_FUNCTION,
          path: "/x",
          visibility: "public",
          content: bufferContent("// x"),
        }),
      );
      expect(err.status).toBe(404);
      expect(err.code).toBe(20404);
      expect(err.method).toBe("POST");
      expect(env.emulator.requests).toHaveLength(1);
      expect(env.emulator.store.versions).toHaveLength(0);
    });
  });

  describe("400 from the emulator's validation", () => {
    it.each(["has space", "semi;colon", "query?string", "a".repeat(300)])("rejects the path %s", async (badPath) => {
      const err = await apiError(
        env.client.functionVersions.upload({
          ...env.ref,
          path: badPath,
          visibility: "public",
          content: bufferContent("// bad"),
        }),
      );
      expect(err.status).toBe(400);
      expect(err.code).toBe(20001);
      expect(err.detail).toBe(`Invalid Path: ${badPath}`);
      expect(err.message).toContain("Invalid Path");
      expect(err.moreInfo).toBe("https://www.twilio.com/docs/errors/20001");
      expect(err.method).toBe("POST");
      expect(err.path).toBe(`/v1/Services/${env.service.sid}/Functions/${env.fn.sid}/Versions`);
      expect(err.attempts).toBe(1);
      expect(env.emulator.requests).toHaveLength(1);
      expect(env.emulator.store.versions).toHaveLength(0);
      expect(env.sleeps).toEqual([]);
    });

    it("rejects an empty path", async () => {
      const err = await apiError(
        env.client.functionVersions.upload({ ...env.ref, path: "", visibility: "public", content: bufferContent("x") }),
      );
      expect(err.status).toBe(400);
      expect(err.code).toBe(20001);
      expect(err.message).toContain("Path");
    });

    it("rejects a visibility Twilio does not know", async () => {
      const err = await apiError(
        env.client.functionVersions.upload({
          ...env.ref,
          path: "/ok",
          visibility: unsafeVisibility("everyone"),
          content: bufferContent("// ok"),
        }),
      );
      expect(err.status).toBe(400);
      expect(err.code).toBe(20001);
      expect(err.detail).toBe("Visibility must be one of public, protected, private; got everyone");
      expect(err.message).toContain("Visibility must be one of public, protected, private");
      expect(err.attempts).toBe(1);
      expect(env.emulator.requests).toHaveLength(1);
      expect(env.emulator.requests[0].upload?.visibility).toBe("everyone");
      expect(env.emulator.store.versions).toHaveLength(0);
    });
  });

  describe("413 over the upload size cap", () => {
    let small: TwilioEmulator;

    beforeEach(async () => {
      small = await TwilioEmulator.start({ maxUploadBytes: 1024 });
    });

    afterEach(async () => {
      await small.close();
    });

    it("fails once with status 413 and no code, and accepts content at the cap", async () => {
      const service = small.createService("small");
      const fn = small.createFunction(service.sid, "small");
      const sleeps: number[] = [];
      const client = clientFor(small, sleeps);
      const ref = { serviceSid: service.sid, functionSid: fn.sid };

      const atCap = Buffer.from(sourceOfSize(1024));
      const accepted = await client.functionVersions.upload({
        ...ref,
        path: "/at-cap",
        visibility: "public",
        content: bufferContent(atCap),
      });
      expect(accepted.sid.startsWith("ZN")).toBe(true);
      expect(small.requests[0].upload?.sha256).toBe(sha256(atCap));
      small.requests.length = 0;

      const err = await apiError(
        client.functionVersions.upload({
          ...ref,
          path: "/too-big",
          visibility: "public",
          content: bufferContent(sourceOfSize(4096)),
        }),
      );

      expect(err.status).toBe(413);
      expect(err.code).toBeUndefined();
      expect(err.moreInfo).toBeUndefined();
      expect(err.method).toBe("POST");
      expect(err.path).toBe(`/v1/Services/${service.sid}/Functions/${fn.sid}/Versions`);
      expect(err.message).toContain("HTTP 413");
      expect(err.message).toMatch(/larger than Twilio accepts/);
      expect(err.attempts).toBe(1);
      expect(small.requests).toHaveLength(1);
      expect(small.requests[0].status).toBe(413);
      expect(small.store.versions).toHaveLength(1);
      expect(sleeps).toEqual([]);
    });
  });

  describe("403", () => {
    it("is final: exactly one request", async () => {
      env.emulator.faults.add({ action: { kind: "status", status: 403 }, times: 10 });
      const err = await apiError(env.client.functionVersions.list(env.ref));
      expect(err.status).toBe(403);
      expect(err.code).toBe(20500);
      expect(err.detail).toBe("Forbidden");
      expect(err.attempts).toBe(1);
      expect(err.message).not.toContain("attempts");
      expect(env.emulator.requests).toHaveLength(1);
      expect(env.sleeps).toEqual([]);
    });

    it("is final on an upload too", async () => {
      env.emulator.faults.add({ host: "upload", action: { kind: "status", status: 403 }, times: 10 });
      const err = await apiError(
        env.client.functionVersions.upload({
          ...env.ref,
          path: "/x",
          visibility: "public",
          content: bufferContent("x"),
        }),
      );
      expect(err.status).toBe(403);
      expect(env.emulator.requests).toHaveLength(1);
      expect(env.sleeps).toEqual([]);
    });

    it("describes an error answer without a Twilio body", async () => {
      env.emulator.faults.add({ action: { kind: "status", status: 403, body: "<html>denied</html>" } });
      const err = await apiError(env.client.functionVersions.list(env.ref));
      expect(err.status).toBe(403);
      expect(err.code).toBeUndefined();
      expect(err.message).toContain("<html>denied</html>");
      expect(env.emulator.requests).toHaveLength(1);
    });
  });

  describe("2xx answers that cannot be understood", () => {
    it("a truncated upload answer reports the created version's SID", async () => {
      env.emulator.faults.add({ host: "upload", action: { kind: "truncate" } });

      const err = await apiError(
        env.client.functionVersions.upload({
          ...env.ref,
          path: "/truncated",
          visibility: "public",
          content: bufferContent("// truncated"),
        }),
      );

      const stored = env.emulator.store.versions;
      expect(stored).toHaveLength(1);
      expect(err.status).toBe(201);
      expect(err.createdSid).toBe(stored[0].sid);
      expect(err.message).toContain(`Twilio created Function Version ${stored[0].sid} nonetheless`);
      expect(err.message).toMatch(/not valid JSON/);
      // The parser's own message would quote part of the answer, so it is left out.
      expect(err.cause).toBeUndefined();
      expect(err.method).toBe("POST");
      expect(err.attempts).toBe(1);
      // The version exists, so the request must not be sent again.
      expect(uploadsOf(env.emulator)).toHaveLength(1);
      expect(env.sleeps).toEqual([]);
    });

    it("a non-JSON upload answer fails without a created SID", async () => {
      env.emulator.faults.add({ host: "upload", action: { kind: "nonJson" } });

      const err = await apiError(
        env.client.functionVersions.upload({
          ...env.ref,
          path: "/html",
          visibility: "public",
          content: bufferContent("// html"),
        }),
      );

      expect(err.status).toBe(200);
      expect(err.createdSid).toBeUndefined();
      expect(err.message).toMatch(/not valid JSON/);
      expect(err.message).toContain("<html>");
      expect(err.message).not.toContain("created version");
      expect(err.attempts).toBe(1);
      expect(env.emulator.requests).toHaveLength(1);
      // The emulator processed the upload, as a proxy in front of Twilio might have.
      expect(env.emulator.store.versions).toHaveLength(1);
    });

    it("a truncated fetch answer is asked for again, and fails without a created SID once retries run out", async () => {
      const created = await env.client.functionVersions.upload({
        ...env.ref,
        path: "/t",
        visibility: "public",
        content: bufferContent("// t"),
      });
      env.emulator.faults.add({ host: "api", action: { kind: "truncate" } });
      await expect(env.client.functionVersions.fetch({ ...env.ref, sid: created.sid })).resolves.toMatchObject({
        sid: created.sid,
      });
      env.emulator.faults.add({ host: "api", times: TEST_POLICY.maxAttempts, action: { kind: "truncate" } });
      const before = env.emulator.requests.length;
      const err = await apiError(env.client.functionVersions.fetch({ ...env.ref, sid: created.sid }));
      expect(env.emulator.requests.length - before).toBe(TEST_POLICY.maxAttempts);
      expect(err.status).toBe(200);
      expect(err.method).toBe("GET");
      expect(err.attempts).toBe(TEST_POLICY.maxAttempts);
      expect(err.createdSid).toBeUndefined();
      expect(err.message).toMatch(/not valid JSON/);
    });
  });
});
