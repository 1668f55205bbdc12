import http from "http";
import net from "net";
import util from "util";
import vm from "vm";
import { TwilioApiError, isNotFound, mayHaveBeenProcessed } from "../../provider/twilio/errors";
import { Limiter } from "../../provider/twilio/http/limiter";
import { redact, redactError } from "../../provider/twilio/http/redaction";
import { Transport } from "../../provider/twilio/transport";
import { leaksIn } from "../client/secret-scan";

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

// A real server on 127.0.0.1 sends the credentials of each request back, and the transport makes
// its error of what it got: the redaction under test is the product's, on the paths it runs in.
describe("no secret survives in an error the transport makes of an answer that echoes the credentials", () => {
  const username = `SK${"d".repeat(32)}`;
  const password = "s3cretAuthTokenValue";
  const basic = Buffer.from(`${username}:${password}`).toString("base64");
  const secrets = [password, username, basic];
  /** The echo as the server sends it, and as the error must show it. */
  const echo = (authorization: string | undefined): string => {
    const decoded = Buffer.from((authorization ?? "").replace(/^Basic /, ""), "base64").toString();
    return `Authorization: ${authorization ?? ""}; credentials: ${decoded}; password: ${decoded.split(":")[1] ?? ""}`;
  };
  const REDACTED_ECHO = "Authorization: Basic [REDACTED]; credentials: [REDACTED]:[REDACTED]; password: [REDACTED]";

  let answer: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((req, res) =>
      req.resume().on("end", () => {
        answer(req, res);
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    url = `http://127.0.0.1:${port}/v1/Services`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const transport = (): Transport =>
    new Transport({
      credentials: { username, password },
      userAgent: "errors-test",
      timeoutMs: 5_000,
      limiter: new Limiter(1),
      retryPolicy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxElapsedMs: 1 },
    });

  async function failure(request: Promise<unknown>): Promise<TwilioApiError> {
    const err = await request.then(
      () => undefined,
      (rejected: unknown) => rejected,
    );
    if (!(err instanceof TwilioApiError)) throw new Error(`expected a TwilioApiError, got ${util.inspect(err)}`);
    return err;
  }

  it("in Twilio's error body: message and documentation link", async () => {
    answer = (req, res) => {
      res.writeHead(401, { "Content-Type": "application/json" });
      const moreInfo = `https://www.twilio.com/docs/errors/20003#${password}`;
      res.end(JSON.stringify({ code: 20003, message: echo(req.headers.authorization), more_info: moreInfo }));
    };
    const err = await failure(transport().send({ method: "GET", url }, () => "unused"));

    expect(err).toMatchObject({ status: 401, code: 20003, detail: REDACTED_ECHO });
    expect(err.moreInfo).toBe("https://www.twilio.com/docs/errors/20003#[REDACTED]");
    expect(err.message).toBe(
      `Twilio answered HTTP 401 (error 20003) to GET /v1/Services: ${REDACTED_ECHO}. ` +
        "See https://www.twilio.com/docs/errors/20003#[REDACTED]",
    );
    expect(leaksIn(err, secrets)).toEqual([]);
  });

  it("in an error page that is not JSON, wherever the quoted snippet is cut", async () => {
    // The snippet is cut at a fixed length: some of these paddings cut through each credential.
    for (let pad = 0; pad <= 120; pad += 8) {
      answer = (req, res) => {
        res.writeHead(403, { "Content-Type": "text/html" });
        res.end(`<html>${".".repeat(pad)}${echo(req.headers.authorization)}</html>`);
      };
      const err = await failure(transport().send({ method: "GET", url }, () => "unused"));
      expect(err.status).toBe(403);
      expect(err.detail).toMatch(/^unexpected answer "<html>/);
      expect(leaksIn(err, secrets)).toEqual([]);
    }
  });

  it("in a 2xx answer that is not JSON, which the JSON parser's message would quote", async () => {
    // V8 quotes a short unparsable text whole in its SyntaxError's message.
    answer = (_req, res) => res.writeHead(201).end(password);
    const err = await failure(transport().send({ method: "POST", url }, () => "unused"));

    expect(err).toMatchObject({ status: 201, detail: 'the answer is not valid JSON (20 bytes: "[REDACTED]")' });
    expect(err.cause).toBeUndefined();
    expect(leaksIn(err, secrets)).toEqual([]);
  });

  it("in a decoder's complaint that quotes the answer", async () => {
    answer = (req, res) => res.writeHead(200).end(JSON.stringify({ sid: echo(req.headers.authorization) }));
    const err = await failure(
      transport().send({ method: "GET", url }, (json) => {
        throw new Error(`unexpected Service from Twilio: ${JSON.stringify(json)}`);
      }),
    );

    expect(err.status).toBe(200);
    expect(err.detail).toBe(`unexpected Service from Twilio: {"sid":"${REDACTED_ECHO}"}`);
    expect(err.cause).toMatchObject({ message: err.detail });
    expect(leaksIn(err, secrets)).toEqual([]);
  });

  it("in the bytes of an answer that is not HTTP, which Node's parser error keeps", async () => {
    const raw = net.createServer((socket) => {
      let received = "";
      socket.on("data", (chunk: Buffer) => {
        received += chunk.toString("latin1");
        if (!received.includes("\r\n\r\n")) return;
        const authorization = /^authorization: (.*)$/im.exec(received)?.[1];
        socket.end(`${echo(authorization)}\r\n\r\n`);
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = raw.address() as net.AddressInfo;
      const err = await failure(transport().send({ method: "GET", url: `http://127.0.0.1:${port}/v1/x` }, () => 0));

      expect(err.status).toBeUndefined();
      expect(err.cause).toMatchObject({ code: "HPE_INVALID_CONSTANT", message: expect.stringMatching(/^Parse Error/) });
      expect(leaksIn(err, secrets)).toEqual([]);
    } finally {
      await new Promise((resolve) => raw.close(resolve));
    }
  });
});
