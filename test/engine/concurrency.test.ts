import { ASSET_SIG, SIG_KEY } from "../../provider/model/wire";
import { Stack, sha256, startStack } from "./fixture";

describe("requests in flight per provider process", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ configure: false });
  });
  afterAll(() => stack.stop());

  it("never exceed twilio:maxConcurrency, however many creates the engine runs at once", async () => {
    await stack.plugin.configure({ ...stack.twilioConfig, "twilio:maxConcurrency": "3" }, ["twilio:apiSecret"]);
    const [resource] = await stack.capture();
    stack.emulator.faults.latencyMs = 40;
    const creates = Array.from({ length: 12 }, async (_, i) => {
      const text = `exports.handler = (c, e, cb) => cb(null, ${i});`;
      const urn = `urn:pulumi:dev::p::pulumi-nodejs:dynamic/twilio:FunctionVersion::v${i}`;
      const checked = await stack.plugin.check(
        urn,
        {},
        {
          __provider: resource.inputs.__provider,
          serviceSid: stack.serviceSid,
          functionSid: stack.functionSid,
          path: `/v${i}`,
          content: { [SIG_KEY]: ASSET_SIG, hash: sha256(text), text },
        },
      );
      return stack.plugin.create(urn, checked.inputs);
    });
    const created = await Promise.all(creates);
    expect(new Set(created.map((c) => c.id)).size).toBe(12);
    expect(stack.emulator.maxInFlightSeen).toBe(3);
  });
});
