import { Limiter } from "../../provider/twilio/http/limiter";
import { Transport } from "../../provider/twilio/transport";
import { TEST_POLICY, ClientEnv, apiError, credentialsOf, startEnv } from "./setup";

// Twilio answers a DELETE with 204 and no body.
describe("DELETE requests", () => {
  let env: ClientEnv;
  let transport: Transport;
  let url: string;

  beforeEach(async () => {
    env = await startEnv();
    transport = new Transport({
      credentials: credentialsOf(env.emulator, "API key"),
      userAgent: "delete-test",
      timeoutMs: 30_000,
      limiter: new Limiter(10),
      retryPolicy: TEST_POLICY,
      sleep: (ms) => {
        env.sleeps.push(ms);
        return Promise.resolve();
      },
    });
    url = `${env.emulator.apiBaseUrl}/v1/Services/${env.service.sid}`;
  });

  afterEach(async () => {
    await env.emulator.close();
  });

  it("decodes a 204 answer without a body as undefined", async () => {
    env.emulator.faults.add({ method: "DELETE", action: { kind: "status", status: 204, body: "" } });
    const seen: unknown[] = [];
    const result = await transport.send({ method: "DELETE", url }, (json) => {
      seen.push(json);
      return "deleted";
    });
    expect(result).toBe("deleted");
    expect(seen).toEqual([undefined]);
    expect(env.emulator.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["DELETE 204"]);
  });

  it("retries a 5xx and fails on Twilio's error with the method named", async () => {
    const unknown = `/v1/Services/ZS${"0".repeat(32)}`;
    env.emulator.faults.add({ method: "DELETE", action: { kind: "status", status: 503 } });
    const err = await apiError(
      transport.send({ method: "DELETE", url: `${env.emulator.apiBaseUrl}${unknown}` }, () => undefined),
    );
    // After the 503, Twilio's 404 for a Service that is not there is final.
    expect(err).toMatchObject({ method: "DELETE", status: 404, code: 20404, attempts: 2 });
    expect(err.path).toBe(unknown);
    expect(env.sleeps).toHaveLength(1);
  });
});
