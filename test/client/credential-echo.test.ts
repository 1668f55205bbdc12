import util from "util";
import { TwilioApiError } from "../../provider/twilio/errors";
import { Credentials } from "../../provider/twilio/transport";
import { FaultAction } from "../emulator/faults";
import { FRAGMENT_LENGTH, leaksIn, passwordForms } from "./secret-scan";
import {
  CREDENTIAL_KINDS,
  ClientEnv,
  TEST_POLICY,
  apiError,
  bufferContent,
  clientFor,
  credentialsOf,
  startEnv,
} from "./setup";

const UNKNOWN_VERSION = "ZN00000000000000000000000000000000";
/** The requests each echo is tried on: a read from the API host and an upload. */
const REQUESTS = ["fetch", "create"] as const;
type Request = (typeof REQUESTS)[number];
/** All a cause may hold of its own. */
const PLAIN_KEYS: Array<string | symbol> = ["code", "message", "name", "stack"];

// A server that sends the credentials back, in every place one can: the client's errors must
// stay useful and show none of them, however they are rendered or walked.
describe.each(CREDENTIAL_KINDS)("credentials echoed by the server, with an %s", (kind) => {
  let env: ClientEnv;
  let credentials: Credentials;
  /** Everything that must never show: each form of the password, and the username. */
  let secrets: string[];

  const start = async (timeoutMs = 30_000): Promise<void> => {
    env = await startEnv({ timeoutMs });
    credentials = credentialsOf(env.emulator, kind);
    env.client = clientFor(env.emulator, env.sleeps, { timeoutMs, credentials });
    secrets = [...passwordForms(credentials), credentials.username];
  };

  afterEach(async () => {
    await env.emulator.close();
  });

  /** The echo as the client must show it: every credential replaced, the rest kept. */
  const redactedEcho = (): string =>
    "Authorization: Basic [REDACTED]; credentials: [REDACTED]:[REDACTED]; password: [REDACTED]; " +
    `account: ${kind === "API key" ? env.emulator.credentials.accountSid : "[REDACTED]"}`;

  const upload = () =>
    env.client.functionVersions.upload({
      ...env.ref,
      path: "/echo",
      visibility: "public",
      content: bufferContent("// echo"),
    });
  const requests: Record<Request, () => Promise<unknown>> = {
    fetch: () => env.client.functionVersions.fetch({ ...env.ref, sid: UNKNOWN_VERSION }),
    create: upload,
  };
  const hostOf = (request: Request) => (request === "fetch" ? "api" : "upload");

  /** The error `request` fails with while `action` applies to each of its attempts. */
  async function failWith(request: Request, action: FaultAction): Promise<TwilioApiError> {
    env.emulator.faults.add({ host: hostOf(request), times: TEST_POLICY.maxAttempts, action });
    return apiError(requests[request]());
  }

  /** The cause of a network failure: a plain native error with nothing but its text and code. */
  function expectPlainCause(err: TwilioApiError): Error {
    const { cause } = err;
    expect(util.types.isNativeError(cause)).toBe(true);
    if (!util.types.isNativeError(cause)) throw new Error("no cause");
    expect(cause.name).toBe("Error");
    expect(Reflect.ownKeys(cause).filter((key) => !PLAIN_KEYS.includes(key))).toEqual([]);
    expect(err.detail).toBe(cause.message);
    return cause;
  }

  describe.each(REQUESTS)("on %s", (request) => {
    beforeEach(() => start());

    it("keeps Twilio's status, code and message of an error body, with the credentials redacted", async () => {
      const err = await failWith(request, { kind: "echo", where: "body", status: 401 });

      expect(err.status).toBe(401);
      expect(err.code).toBe(20500);
      expect(err.detail).toBe(redactedEcho());
      expect(err.moreInfo).toBe("https://www.twilio.com/docs/errors/20500#[REDACTED]");
      expect(err.message).toContain(`${redactedEcho()}. See https://www.twilio.com/docs/errors/20500#[REDACTED]`);
      expect(err.cause).toBeUndefined();
      expect(leaksIn(err, secrets)).toEqual([]);
    });

    it("describes an HTML error body without any part of a credential, wherever the snippet ends", async () => {
      // The snippet is cut at a fixed length: some of these paddings cut through each credential.
      for (let pad = 0; pad <= 120; pad += 5) {
        const err = await failWith(request, { kind: "echo", where: "body", status: 403, json: false, pad });
        expect(err.status).toBe(403);
        expect(err.code).toBeUndefined();
        expect(err.detail).toMatch(/^unexpected answer "<html><body>\.*/);
        expect(leaksIn(err, secrets)).toEqual([]);
        env.emulator.faults.clear();
      }
    });

    it("shows nothing of an echo in a header of an error answer", async () => {
      const err = await failWith(request, { kind: "echo", where: "header", status: 403 });
      expect(err.status).toBe(403);
      expect(err.detail).toBe("Forbidden");
      expect(leaksIn(err, secrets)).toEqual([]);
    });

    it("keeps only a parse error's text and code when the server answers with credentials that are not HTTP", async () => {
      const err = await failWith(request, { kind: "echo", where: "network" });

      expect(err.status).toBeUndefined();
      expect(err.attempts).toBe(TEST_POLICY.maxAttempts);
      const cause = expectPlainCause(err);
      // Node's parser error holds the bytes the server sent in `rawPacket`; the copy does not.
      expect(cause).toMatchObject({ code: "HPE_INVALID_CONSTANT", message: expect.stringMatching(/^Parse Error/) });
      expect(err.message).toContain(`without a response to ${err.method} ${err.path} after`);
      expect(leaksIn(err, secrets)).toEqual([]);
    });

    it("keeps only axios's text and code when an answer with credentials in its headers is cut off", async () => {
      const err = await failWith(request, { kind: "echo", where: "aborted" });

      expect(err.status).toBeUndefined();
      // axios's own error: it holds the request config (Authorization included) and the answer.
      const cause = expectPlainCause(err);
      expect(cause).toMatchObject({ code: "ERR_BAD_RESPONSE", message: "stream has been aborted" });
      expect(leaksIn(err, secrets)).toEqual([]);
    });
  });

  describe("on a timeout", () => {
    beforeEach(() => start(200));

    it("keeps only axios's text and code, not the request config it carries", async () => {
      const err = await failWith("fetch", { kind: "delay", ms: 1_000 });

      expect(err.status).toBeUndefined();
      const cause = expectPlainCause(err);
      expect(cause).toMatchObject({ code: "ECONNABORTED", message: "timed out: timeout of 200ms exceeded" });
      expect(leaksIn(err, secrets)).toEqual([]);
    });
  });

  describe("in answers that succeed", () => {
    beforeEach(() => start());

    it("reads a version whose answer has an echo header, and returns nothing of it", async () => {
      env.emulator.faults.add({ action: { kind: "echo", where: "header" }, times: 10 });
      const created = await upload();
      const fetched = await env.client.functionVersions.fetch({ ...env.ref, sid: created.sid });
      const listed = await env.client.functionVersions.list(env.ref);

      expect(fetched).toEqual(created);
      expect(listed).toEqual([created]);
      expect(env.emulator.requests.map((r) => r.status)).toEqual([201, 200, 200]);
      const secretsOutsideOutputs = kind === "API key" ? secrets : passwordForms(credentials);
      expect(leaksIn([created, fetched, listed], secretsOutsideOutputs)).toEqual([]);
    });

    it("describes a 2xx answer that is not JSON without any part of a credential", async () => {
      for (let pad = 0; pad <= 80; pad += 5) {
        // An upload is not sent again after a 2xx answer, whatever it says.
        const err = await failWith("create", { kind: "echo", where: "body", status: 200, json: false, pad });
        expect(err.status).toBe(200);
        expect(err.detail).toMatch(/^the answer is not valid JSON \(\d+ bytes: "<html><body>\.*/);
        expect(leaksIn(err, secrets)).toEqual([]);
        env.emulator.faults.clear();
      }
    });
  });
});

describe("leaksIn", () => {
  it(`finds a run of ${FRAGMENT_LENGTH} characters of a secret anywhere, bytes included`, () => {
    const secret = "0123456789abcdefghij";
    const hidden = Object.defineProperty(new Error("x"), "rawPacket", { value: Buffer.from(`..${secret.slice(3)}`) });
    expect(leaksIn(hidden, [secret])).toEqual([
      `value.rawPacket (bytes) holds ${JSON.stringify(secret.slice(3, 3 + FRAGMENT_LENGTH))}`,
    ]);
    expect(leaksIn({ text: secret.slice(0, FRAGMENT_LENGTH - 1) }, [secret])).toEqual([]);
  });
});
