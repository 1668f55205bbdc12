import util from "util";
import vm from "vm";
import { TwilioApiError, isNotFound, mayHaveBeenProcessed, redact, redactError } from "../../provider/twilio/errors";

const VERSIONS_PATH = `/v1/Services/ZS${"a".repeat(32)}/Functions/ZH${"b".repeat(32)}/Versions`;
const CREATED = `ZN${"c".repeat(32)}`;

describe("TwilioApiError", () => {
  describe("an HTTP error answer", () => {
    it("names status, code, request, attempts, created SID and documentation link", () => {
      const err = new TwilioApiError({
        method: "POST",
        path: VERSIONS_PATH,
        status: 400,
        code: 20001,
        detail: "Invalid path.",
        moreInfo: "https://www.twilio.com/docs/errors/20001",
        attempts: 3,
        createdSid: CREATED,
      });
      expect(err.message).toBe(
        `Twilio answered HTTP 400 (error 20001) to POST ${VERSIONS_PATH} after 3 attempts: Invalid path. ` +
          `Twilio created Function Version ${CREATED} nonetheless, but its answer was unreadable. ` +
          "See https://www.twilio.com/docs/errors/20001",
      );
      expect(err).toBeInstanceOf(Error);
      expect(err).toBeInstanceOf(TwilioApiError);
      expect(err.name).toBe("TwilioApiError");
      expect(err.status).toBe(400);
      expect(err.code).toBe(20001);
      expect(err.moreInfo).toBe("https://www.twilio.com/docs/errors/20001");
      expect(err.method).toBe("POST");
      expect(err.path).toBe(VERSIONS_PATH);
      expect(err.attempts).toBe(3);
      expect(err.createdSid).toBe(CREATED);
      expect(err.detail).toBe("Invalid path.");
      expect(err.cause).toBeUndefined();
      expect(Object.prototype.hasOwnProperty.call(err, "cause")).toBe(false);
    });

    it("leaves out what is not known, and a single attempt", () => {
      const err = new TwilioApiError({ method: "GET", path: "/v1/Services", status: 404, detail: "Not found" });
      expect(err.message).toBe("Twilio answered HTTP 404 to GET /v1/Services: Not found.");
      expect(err.attempts).toBe(1);
      expect(err.code).toBeUndefined();
      expect(err.moreInfo).toBeUndefined();
      expect(err.createdSid).toBeUndefined();
    });

    it("does not mention attempts when there was exactly one", () => {
      const err = new TwilioApiError({ method: "GET", path: "/v1/x", status: 500, detail: "oops", attempts: 1 });
      expect(err.message).toBe("Twilio answered HTTP 500 to GET /v1/x: oops.");
    });

    it("ends the detail with exactly one period", () => {
      const err = new TwilioApiError({
        method: "GET",
        path: "/v1/x",
        status: 429,
        code: 20429,
        detail: "Too many.. \n",
      });
      expect(err.message).toBe("Twilio answered HTTP 429 (error 20429) to GET /v1/x: Too many.");
      expect(err.detail).toBe("Too many.. \n");
    });
  });

  describe("a network failure", () => {
    it("says no response arrived and keeps the cause", () => {
      const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:443"), { code: "ECONNREFUSED" });
      const err = new TwilioApiError({
        method: "DELETE",
        path: "/v1/Services/x",
        detail: cause.message,
        attempts: 8,
        cause,
      });
      expect(err.message).toBe(
        "Twilio request failed without a response to DELETE /v1/Services/x after 8 attempts: connect ECONNREFUSED 127.0.0.1:443.",
      );
      expect(err.status).toBeUndefined();
      expect(err.code).toBeUndefined();
      expect(err.cause).toBe(cause);
      expect(err.attempts).toBe(8);
    });
  });
});

describe("redact", () => {
  it("replaces every occurrence of every secret", () => {
    expect(redact("token abcd1234 and again abcd1234; user SKxyz", ["abcd1234", "SKxyz"])).toBe(
      "token [REDACTED] and again [REDACTED]; user [REDACTED]",
    );
  });

  it("leaves text without secrets unchanged", () => {
    expect(redact("nothing to hide", ["abcd1234"])).toBe("nothing to hide");
    expect(redact("nothing to hide", [])).toBe("nothing to hide");
  });

  it("ignores secrets shorter than 4 characters, which would shred ordinary text", () => {
    expect(redact("a bc def", ["", "a", "bc", "def"])).toBe("a bc def");
    expect(redact("wxyz", ["wxyz"])).toBe("[REDACTED]");
  });

  it("treats secrets literally, not as patterns", () => {
    expect(redact("a.b*c+d and aXbbc+d", ["a.b*c+d"])).toBe("[REDACTED] and aXbbc+d");
  });
});

describe("isNotFound", () => {
  const apiError = (status: number | undefined, code?: number): TwilioApiError =>
    new TwilioApiError({ method: "GET", path: "/v1/x", status, code, detail: "x" });

  it("is true for Twilio's 404 with error 20404", () => {
    expect(isNotFound(apiError(404, 20404))).toBe(true);
  });

  it("is false for a 404 without Twilio's code, as from a proxy or a wrong base URL", () => {
    expect(isNotFound(apiError(404))).toBe(false);
    expect(isNotFound(apiError(404, 20001))).toBe(false);
  });

  test.each([400, 401, 403, 410, 500])("is false for a Twilio %i", (status) => {
    expect(isNotFound(apiError(status, 20404))).toBe(false);
  });

  it("is false for a network failure", () => {
    expect(isNotFound(apiError(undefined))).toBe(false);
  });

  it("is false for anything that is not a TwilioApiError", () => {
    expect(isNotFound(Object.assign(new Error("not found"), { status: 404 }))).toBe(false);
    expect(isNotFound({ status: 404 })).toBe(false);
    expect(isNotFound(undefined)).toBe(false);
    expect(isNotFound("404")).toBe(false);
  });
});

describe("redactError", () => {
  const secrets = ["s3cretAuthTokenValue"];

  it("returns a plain copy with the secrets replaced in message and stack, keeping name and code", () => {
    const err = Object.assign(new SyntaxError("token s3cretAuthTokenValue is bad"), { code: "EBAD" });
    const copy = redactError(err, secrets);
    expect(copy).not.toBe(err);
    expect(copy).toBeInstanceOf(Error);
    expect(copy).toMatchObject({ name: "SyntaxError", message: "token [REDACTED] is bad", code: "EBAD" });
    expect(copy.stack).toContain("SyntaxError: token [REDACTED] is bad");
    expect(util.inspect(copy)).not.toContain("s3cretAuthTokenValue");
  });

  it("keeps nothing but name, message, code and stack, even of an error without a secret in its text", () => {
    // As Node's HTTP parser and axios leave them: the bytes the server sent, the request config.
    const err = Object.assign(new Error("Parse Error: Expected HTTP/"), {
      code: "HPE_INVALID_CONSTANT",
      rawPacket: Buffer.from("s3cretAuthTokenValue"),
      config: { headers: { Authorization: "Basic s3cretAuthTokenValue" } },
    });
    const copy = redactError(err, secrets);
    expect(copy).toMatchObject({ name: "Error", message: err.message, code: "HPE_INVALID_CONSTANT" });
    expect(Object.getOwnPropertyNames(copy).sort()).toEqual(["code", "message", "name", "stack"]);
  });

  it("redacts errors of another realm, where instanceof Error is false", () => {
    const foreign: unknown = vm.runInNewContext(
      'Object.assign(new TypeError("token s3cretAuthTokenValue"), { code: "EFOREIGN", rawPacket: "s3cretAuthTokenValue" })',
    );
    expect(foreign instanceof Error).toBe(false);
    const copy = redactError(foreign, secrets);
    expect(copy).toBeInstanceOf(Error);
    expect(copy).toMatchObject({ name: "TypeError", message: "token [REDACTED]", code: "EFOREIGN" });
    expect(util.inspect(copy, { showHidden: true })).not.toContain("s3cretAuthTokenValue");
  });

  it("turns any other value into an error with its redacted text", () => {
    expect(redactError("why: s3cretAuthTokenValue", secrets)).toMatchObject({
      name: "Error",
      message: "why: [REDACTED]",
    });
    expect(redactError(undefined, secrets).message).toBe("undefined");
  });
});

describe("mayHaveBeenProcessed", () => {
  const networkFailure = (cause: unknown): TwilioApiError =>
    new TwilioApiError({ method: "POST", path: "/v1/x", detail: "x", cause: redactError(cause, []) });

  it("is false when the connection could not be opened, whatever realm the cause comes from", () => {
    const refused: unknown = vm.runInNewContext('Object.assign(new Error("connect"), { code: "ECONNREFUSED" })');
    expect(mayHaveBeenProcessed(networkFailure(refused))).toBe(false);
    expect(mayHaveBeenProcessed(networkFailure({ message: "getaddrinfo", code: "ENOTFOUND" }))).toBe(false);
  });

  it("is true when the connection was lost or timed out", () => {
    expect(mayHaveBeenProcessed(networkFailure(Object.assign(new Error("reset"), { code: "ECONNRESET" })))).toBe(true);
    expect(mayHaveBeenProcessed(networkFailure({ message: "timed out", code: "ECONNABORTED" }))).toBe(true);
  });
});

describe("no secret survives in an error built as the transport builds it", () => {
  const username = `SK${"d".repeat(32)}`;
  const password = "s3cretAuthTokenValue";
  const basic = Buffer.from(`${username}:${password}`).toString("base64");
  const secrets = [password, username, basic];

  function expectNoSecret(err: TwilioApiError): void {
    const shown = [
      util.inspect(err),
      util.inspect(err, { depth: Infinity, showHidden: true }),
      JSON.stringify(err),
      String(err),
      err.stack ?? "",
    ];
    for (const text of shown) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  }

  it("for an HTTP error whose body echoed the credentials", () => {
    const body = `Bad credentials ${username}:${password} (Basic ${basic})`;
    const err = new TwilioApiError({
      method: "GET",
      path: "/v1/x",
      status: 401,
      code: 20003,
      detail: redact(body, secrets),
    });
    expect(err.message).toBe(
      "Twilio answered HTTP 401 (error 20003) to GET /v1/x: Bad credentials [REDACTED]:[REDACTED] (Basic [REDACTED]).",
    );
    expectNoSecret(err);
  });

  it("for a network failure whose message held the credentials", () => {
    const cause = Object.assign(new Error(`getaddrinfo ENOTFOUND ${username}:${password}@serverless.twilio.com`), {
      code: "ENOTFOUND",
    });
    const err = new TwilioApiError({
      method: "GET",
      path: "/v1/x",
      detail: redact(cause.message, secrets),
      attempts: 2,
      cause: redactError(cause, secrets),
    });
    expect(err.message).toBe(
      "Twilio request failed without a response to GET /v1/x after 2 attempts: getaddrinfo ENOTFOUND [REDACTED]:[REDACTED]@serverless.twilio.com.",
    );
    expectNoSecret(err);
    expect(err.cause).toMatchObject({
      message: "getaddrinfo ENOTFOUND [REDACTED]:[REDACTED]@serverless.twilio.com",
      code: "ENOTFOUND",
    });
  });

  it("for an answer that is not JSON and quoted the credentials", () => {
    // V8 quotes a short unparsable text whole in the SyntaxError's message.
    const text = password;
    let cause: unknown;
    try {
      JSON.parse(text);
    } catch (err) {
      cause = err;
    }
    const err = new TwilioApiError({
      method: "POST",
      path: "/v1/x",
      status: 200,
      detail: `the answer is not valid JSON (${text.length} bytes: ${JSON.stringify(redact(text, secrets))})`,
      cause: redactError(cause, secrets),
    });
    expectNoSecret(err);
  });
});
