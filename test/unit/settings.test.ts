import { ConfigLookup, SettingsError, resolveSettings } from "../../provider/config/settings";

const API_KEY = `SK${"a".repeat(32)}`;
const OTHER_API_KEY = `SK${"b".repeat(32)}`;
const ACCOUNT_SID = `AC${"c".repeat(32)}`;

const config =
  (values: Record<string, string> = {}): ConfigLookup =>
  (key) =>
    values[key];

const API_KEY_ENV = { TWILIO_API_KEY: API_KEY, TWILIO_API_SECRET: "env-secret" };

/** The SettingsError message `resolveSettings` throws, or a failure if it does not throw one. */
function settingsError(lookup: ConfigLookup, env: NodeJS.ProcessEnv): string {
  try {
    resolveSettings(lookup, env);
  } catch (err) {
    if (err instanceof SettingsError) return err.message;
    throw err;
  }
  throw new Error("resolveSettings did not throw");
}

describe("resolveSettings", () => {
  describe("defaults", () => {
    it("uses Twilio's US hosts, 10 requests in flight, a 30 s inactivity timeout and 900 s per build", () => {
      expect(resolveSettings(config(), API_KEY_ENV)).toEqual({
        credentials: { username: API_KEY, password: "env-secret" },
        apiBaseUrl: "https://serverless.twilio.com",
        uploadBaseUrl: "https://serverless-upload.twilio.com",
        maxConcurrency: 10,
        requestTimeoutMs: 30_000,
        buildTimeoutSeconds: 900,
      });
    });
  });

  describe("config over environment", () => {
    it("takes a setting from config when both have it", () => {
      const settings = resolveSettings(config({ region: "ie1", maxConcurrency: "4" }), {
        ...API_KEY_ENV,
        TWILIO_REGION: "au1",
        TWILIO_SERVERLESS_CONCURRENCY: "7",
      });
      expect(settings.apiBaseUrl).toBe("https://serverless.ie1.twilio.com");
      expect(settings.maxConcurrency).toBe(4);
    });

    it("falls back to the environment setting by setting", () => {
      const settings = resolveSettings(config({ region: "ie1" }), { ...API_KEY_ENV, TWILIO_EDGE: "dublin" });
      expect(settings.apiBaseUrl).toBe("https://serverless.dublin.ie1.twilio.com");
    });

    it("treats an empty or blank config value as unset", () => {
      const settings = resolveSettings(config({ region: "  ", apiKey: "" }), { ...API_KEY_ENV, TWILIO_REGION: "au1" });
      expect(settings.apiBaseUrl).toBe("https://serverless.au1.twilio.com");
      expect(settings.credentials).toEqual({ username: API_KEY, password: "env-secret" });
    });

    it("trims surrounding whitespace", () => {
      const settings = resolveSettings(config({ apiKey: ` ${API_KEY} `, apiSecret: " s3cret\n" }), {});
      expect(settings.credentials).toEqual({ username: API_KEY, password: "s3cret" });
    });
  });

  describe("credentials", () => {
    it("takes an API key pair from config over one in the environment", () => {
      const settings = resolveSettings(config({ apiKey: OTHER_API_KEY, apiSecret: "config-secret" }), API_KEY_ENV);
      expect(settings.credentials).toEqual({ username: OTHER_API_KEY, password: "config-secret" });
    });

    it("takes credentials from the environment when config has none, even if config has other settings", () => {
      const settings = resolveSettings(config({ region: "ie1" }), API_KEY_ENV);
      expect(settings.credentials).toEqual({ username: API_KEY, password: "env-secret" });
    });

    it("never mixes a config key with an environment secret", () => {
      expect(settingsError(config({ apiKey: OTHER_API_KEY }), API_KEY_ENV)).toBe(
        "twilio:apiKey / TWILIO_API_KEY is set but twilio:apiSecret / TWILIO_API_SECRET is not.",
      );
    });

    it("does not fill an incomplete config account SID pair from an environment API key", () => {
      expect(settingsError(config({ accountSid: ACCOUNT_SID }), API_KEY_ENV)).toBe(
        "twilio:accountSid / TWILIO_ACCOUNT_SID is set but twilio:authToken / TWILIO_AUTH_TOKEN is not.",
      );
    });

    it("prefers an API key pair over an account SID and auth token", () => {
      const settings = resolveSettings(config(), {
        ...API_KEY_ENV,
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: "token",
      });
      expect(settings.credentials).toEqual({ username: API_KEY, password: "env-secret" });
    });

    it("uses an account SID and auth token when there is no API key", () => {
      const settings = resolveSettings(config({ accountSid: ACCOUNT_SID, authToken: "token" }), {});
      expect(settings.credentials).toEqual({ username: ACCOUNT_SID, password: "token" });
    });

    test.each<[string, Record<string, string>, string]>([
      [
        "an API key without secret",
        { apiKey: API_KEY },
        "twilio:apiKey / TWILIO_API_KEY is set but twilio:apiSecret / TWILIO_API_SECRET is not.",
      ],
      [
        "an API secret without key",
        { apiSecret: "s" },
        "twilio:apiSecret / TWILIO_API_SECRET is set but twilio:apiKey / TWILIO_API_KEY is not.",
      ],
      [
        "an account SID without auth token",
        { accountSid: ACCOUNT_SID },
        "twilio:accountSid / TWILIO_ACCOUNT_SID is set but twilio:authToken / TWILIO_AUTH_TOKEN is not.",
      ],
      [
        "an auth token without account SID",
        { authToken: "t" },
        "twilio:authToken / TWILIO_AUTH_TOKEN is set but twilio:accountSid / TWILIO_ACCOUNT_SID is not.",
      ],
      [
        "an API secret with a complete account SID pair",
        { apiSecret: "s", accountSid: ACCOUNT_SID, authToken: "t" },
        "twilio:apiSecret / TWILIO_API_SECRET is set but twilio:apiKey / TWILIO_API_KEY is not.",
      ],
    ])("refuses %s, naming the missing setting", (_what, values, message) => {
      expect(settingsError(config(values), {})).toBe(message);
    });

    it("refuses an incomplete pair in the environment too", () => {
      expect(settingsError(config(), { TWILIO_AUTH_TOKEN: "t" })).toBe(
        "twilio:authToken / TWILIO_AUTH_TOKEN is set but twilio:accountSid / TWILIO_ACCOUNT_SID is not.",
      );
    });

    test.each(["SK123", ACCOUNT_SID, `SK${"g".repeat(32)}`, `sk${"a".repeat(32)}`, `SK${"a".repeat(33)}`])(
      "refuses the malformed API key %j",
      (apiKey) => {
        expect(settingsError(config({ apiKey, apiSecret: "s" }), {})).toBe(
          'twilio:apiKey / TWILIO_API_KEY must be an API key SID: "SK" followed by 32 hex digits.',
        );
      },
    );

    test.each(["AC123", API_KEY, `AC${"z".repeat(32)}`, `ac${"c".repeat(32)}`])(
      "refuses the malformed account SID %j",
      (accountSid) => {
        expect(settingsError(config(), { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: "t" })).toBe(
          'twilio:accountSid / TWILIO_ACCOUNT_SID must be an account SID: "AC" followed by 32 hex digits.',
        );
      },
    );

    it("accepts uppercase hex digits", () => {
      const apiKey = `SK${"ABCDEF0123456789".repeat(2)}`;
      expect(resolveSettings(config({ apiKey, apiSecret: "s" }), {}).credentials.username).toBe(apiKey);
    });

    it("explains every way to set credentials when there are none", () => {
      const message = settingsError(config({ region: "ie1" }), { TWILIO_REGION: "ie1" });
      expect(message).toBe(
        "No Twilio credentials found. Set an API key (recommended): " +
          "`pulumi config set twilio:apiKey SK...` and `pulumi config set --secret twilio:apiSecret ...` " +
          "(or TWILIO_API_KEY and TWILIO_API_SECRET), or an account SID and auth token: " +
          "twilio:accountSid and twilio:authToken (or TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN).",
      );
      for (const name of [
        "twilio:apiKey",
        "twilio:apiSecret",
        "TWILIO_API_KEY",
        "TWILIO_API_SECRET",
        "twilio:accountSid",
        "twilio:authToken",
        "TWILIO_ACCOUNT_SID",
        "TWILIO_AUTH_TOKEN",
      ]) {
        expect(message).toContain(name);
      }
    });

    it("throws a SettingsError", () => {
      expect(() => resolveSettings(config(), {})).toThrow(SettingsError);
      try {
        resolveSettings(config(), {});
      } catch (err) {
        expect(err).toBeInstanceOf(Error);
        expect(err).toHaveProperty("name", "SettingsError");
      }
    });
  });

  describe("region and edge", () => {
    test.each<[string, Record<string, string>, string, string]>([
      ["neither", {}, "https://serverless.twilio.com", "https://serverless-upload.twilio.com"],
      [
        "region only",
        { region: "ie1" },
        "https://serverless.ie1.twilio.com",
        "https://serverless-upload.ie1.twilio.com",
      ],
      [
        "edge and region",
        { region: "ie1", edge: "dublin" },
        "https://serverless.dublin.ie1.twilio.com",
        "https://serverless-upload.dublin.ie1.twilio.com",
      ],
      [
        "edge only (implies us1)",
        { edge: "ashburn" },
        "https://serverless.ashburn.us1.twilio.com",
        "https://serverless-upload.ashburn.us1.twilio.com",
      ],
    ])("%s", (_what, values, apiBaseUrl, uploadBaseUrl) => {
      const settings = resolveSettings(config({ ...values, apiKey: API_KEY, apiSecret: "s" }), {});
      expect(settings.apiBaseUrl).toBe(apiBaseUrl);
      expect(settings.uploadBaseUrl).toBe(uploadBaseUrl);
    });

    test.each(["IE1", "ie1.evil.com", "ie1/x", "ie 1"])("refuses the region %j", (region) => {
      expect(settingsError(config({ region }), API_KEY_ENV)).toBe(
        'twilio:region / TWILIO_REGION must be a Twilio region name such as "ie1" or "dublin".',
      );
    });

    it("refuses a malformed edge", () => {
      expect(settingsError(config(), { ...API_KEY_ENV, TWILIO_EDGE: "dub_lin" })).toBe(
        'twilio:edge / TWILIO_EDGE must be a Twilio edge name such as "ie1" or "dublin".',
      );
    });
  });

  describe("base URL overrides", () => {
    const withBase = (values: Record<string, string>) =>
      resolveSettings(config({ ...values, apiKey: API_KEY, apiSecret: "s" }), {});

    test.each([
      ["https://serverless.example.test", "https://serverless.example.test"],
      ["https://serverless.example.test/", "https://serverless.example.test"],
      ["https://serverless.example.test:8443/", "https://serverless.example.test:8443"],
      ["http://127.0.0.1:3000/", "http://127.0.0.1:3000"],
      ["http://127.45.6.7/", "http://127.45.6.7"],
      ["http://localhost:3000", "http://localhost:3000"],
      ["http://[::1]:3000/", "http://[::1]:3000"],
    ])("accepts %j as %j", (url, expected) => {
      const settings = withBase({ serverlessBaseUrl: url, serverlessUploadBaseUrl: url });
      expect(settings.apiBaseUrl).toBe(expected);
      expect(settings.uploadBaseUrl).toBe(expected);
    });

    it("overrides each host separately, ignoring region for the overridden one", () => {
      const settings = withBase({ region: "ie1", serverlessBaseUrl: "http://localhost:9000/" });
      expect(settings.apiBaseUrl).toBe("http://localhost:9000");
      expect(settings.uploadBaseUrl).toBe("https://serverless-upload.ie1.twilio.com");
    });

    it("reads overrides from the environment", () => {
      const settings = resolveSettings(config(), {
        ...API_KEY_ENV,
        TWILIO_SERVERLESS_BASE_URL: "http://127.0.0.1:1/",
        TWILIO_SERVERLESS_UPLOAD_BASE_URL: "http://127.0.0.1:2/",
      });
      expect(settings.apiBaseUrl).toBe("http://127.0.0.1:1");
      expect(settings.uploadBaseUrl).toBe("http://127.0.0.1:2");
    });

    test.each([
      ["http://serverless.example.test", "serverless.example.test"],
      ["http://10.0.0.1:3000", "10.0.0.1"],
      ["http://127.0.0.1.nip.io", "127.0.0.1.nip.io"],
      ["http://localhost.example.test", "localhost.example.test"],
    ])("refuses plain http to %j, saying why", (url, host) => {
      expect(settingsError(config({ serverlessBaseUrl: url }), API_KEY_ENV)).toBe(
        `twilio:serverlessBaseUrl / TWILIO_SERVERLESS_BASE_URL uses plain http:// for ${host}: ` +
          "credentials would cross the network unencrypted. " +
          "Use https://, or http:// only for a loopback address (127.0.0.1, localhost, [::1]).",
      );
    });

    test.each([
      "https://user:pass@serverless.example.test",
      "https://user@serverless.example.test",
      "http://localhost@serverless.example.test",
      "https://serverless.example.test/?x=1",
      "https://serverless.example.test/#top",
      "https://serverless.example.test/twilio",
      "http://127.0.0.1:4010/v1",
    ])("refuses %j, which is not a plain origin", (url) => {
      const error = settingsError(config({ serverlessUploadBaseUrl: url }), API_KEY_ENV);
      expect(error).toMatch(
        /^twilio:serverlessUploadBaseUrl \/ TWILIO_SERVERLESS_UPLOAD_BASE_URL must be a plain origin such as https:\/\/serverless.twilio.com, without path, credentials, query or fragment \(the \/v1\/… paths go under it\); got "/,
      );
      expect(error).not.toContain("pass");
    });

    it("refuses a value that is not an absolute URL", () => {
      expect(settingsError(config({ serverlessBaseUrl: "serverless.twilio.com" }), API_KEY_ENV)).toBe(
        "twilio:serverlessBaseUrl / TWILIO_SERVERLESS_BASE_URL must be an absolute URL such as https://serverless.twilio.com.",
      );
    });

    it("refuses another scheme", () => {
      expect(settingsError(config({ serverlessBaseUrl: "ftp://serverless.example.test" }), API_KEY_ENV)).toBe(
        "twilio:serverlessBaseUrl / TWILIO_SERVERLESS_BASE_URL must use https://.",
      );
    });
  });

  describe("maxConcurrency", () => {
    const concurrency = (values: Record<string, string>, env: NodeJS.ProcessEnv = {}): number =>
      resolveSettings(config({ ...values, apiKey: API_KEY, apiSecret: "s" }), env).maxConcurrency;

    it("defaults to 10", () => {
      expect(concurrency({})).toBe(10);
    });

    test.each([
      ["1", 1],
      ["25", 25],
      [" 7 ", 7],
      ["1000", 1000],
    ])("parses %j as %i", (value, expected) => {
      expect(concurrency({ maxConcurrency: value })).toBe(expected);
    });

    it("reads TWILIO_SERVERLESS_CONCURRENCY when config does not set it", () => {
      expect(concurrency({}, { TWILIO_SERVERLESS_CONCURRENCY: "3" })).toBe(3);
      expect(concurrency({ maxConcurrency: "5" }, { TWILIO_SERVERLESS_CONCURRENCY: "3" })).toBe(5);
    });

    test.each(["0", "-1", "1001", "2.5", "ten", "Infinity", "0x10", "1e2"])("refuses %j", (value) => {
      expect(settingsError(config({ maxConcurrency: value }), API_KEY_ENV)).toBe(
        `twilio:maxConcurrency / TWILIO_SERVERLESS_CONCURRENCY must be a whole number from 1 to 1000, got "${value}".`,
      );
    });
  });

  describe("requestTimeoutMs", () => {
    const timeout = (values: Record<string, string>, env: NodeJS.ProcessEnv = {}): number =>
      resolveSettings(config({ ...values, apiKey: API_KEY, apiSecret: "s" }), env).requestTimeoutMs;

    it("reads config, then TWILIO_SERVERLESS_REQUEST_TIMEOUT_MS", () => {
      expect(timeout({ requestTimeoutMs: "1500" }, { TWILIO_SERVERLESS_REQUEST_TIMEOUT_MS: "900" })).toBe(1500);
      expect(timeout({}, { TWILIO_SERVERLESS_REQUEST_TIMEOUT_MS: "900" })).toBe(900);
    });

    test.each(["99", "600001", "1.5", "30s"])("refuses %j", (value) => {
      expect(settingsError(config({ requestTimeoutMs: value }), API_KEY_ENV)).toBe(
        `twilio:requestTimeoutMs / TWILIO_SERVERLESS_REQUEST_TIMEOUT_MS must be a whole number from 100 to 600000, got "${value}".`,
      );
    });
  });

  describe("buildTimeoutSeconds", () => {
    const timeout = (values: Record<string, string>, env: NodeJS.ProcessEnv = {}): number =>
      resolveSettings(config({ ...values, apiKey: API_KEY, apiSecret: "s" }), env).buildTimeoutSeconds;

    it("reads config, then TWILIO_SERVERLESS_BUILD_TIMEOUT_SECONDS", () => {
      expect(timeout({ buildTimeoutSeconds: "60" }, { TWILIO_SERVERLESS_BUILD_TIMEOUT_SECONDS: "120" })).toBe(60);
      expect(timeout({}, { TWILIO_SERVERLESS_BUILD_TIMEOUT_SECONDS: "120" })).toBe(120);
    });

    test.each(["0", "86401", "1.5", "15m"])("refuses %j", (value) => {
      expect(settingsError(config({ buildTimeoutSeconds: value }), API_KEY_ENV)).toBe(
        `twilio:buildTimeoutSeconds / TWILIO_SERVERLESS_BUILD_TIMEOUT_SECONDS must be a whole number from 1 to 86400, got "${value}".`,
      );
    });
  });
});
