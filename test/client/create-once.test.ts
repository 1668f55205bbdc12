import { LifecycleContext } from "../../provider/pulumi/lifecycle";
import { CreatedButUnread, claims } from "../../provider/pulumi/create-once";
import { ENVIRONMENT_RESOURCE as ENVIRONMENT } from "../../provider/resources/environment/lifecycle";
import { functionOrAsset } from "../../provider/resources/function-or-asset/lifecycle";
import { SERVICE_RESOURCE as SERVICE } from "../../provider/resources/service/lifecycle";
import { ClientEnv, startEnv } from "./setup";

describe("a create whose answers are lost, through the Twilio client", () => {
  let env: ClientEnv;
  const logged: string[] = [];
  const context: LifecycleContext = {
    config: () => () => undefined,
    log: (line) => logged.push(line),
    programDir: () => process.cwd(),
  };
  const FUNCTION = functionOrAsset("Function");

  beforeEach(async () => {
    env = await startEnv();
    logged.length = 0;
  });
  afterEach(() => env.emulator.close());

  const named = (name: string): string[] =>
    [...env.emulator.store.functions.values()].filter((f) => f.friendlyName === name).map((f) => f.sid);

  it("finds what the last attempt made when its answer is lost too", async () => {
    const path = /\/Functions$/;
    env.emulator.faults.add({ method: "POST", path, times: 3, action: { kind: "status", status: 503 } });
    env.emulator.faults.add({ method: "POST", path, action: { kind: "status", status: 500, processed: true } });
    const inputs = { serviceSid: env.service.sid, friendlyName: "/last", exclusiveService: false };
    const made = await FUNCTION.create(env.client, inputs, context);
    expect(env.emulator.requestsTo("api", "POST").filter((r) => path.test(r.path))).toHaveLength(4);
    expect(named("/last")).toEqual([made.sid]);
    expect(logged.join("\n")).toContain(`was lost: took Function ${made.sid}`);
  });

  it("fails without a second attempt when the lookup cannot tell, and says so", async () => {
    env.emulator.faults.add({ method: "POST", path: /\/Functions$/, action: { kind: "drop", processed: true } });
    env.emulator.faults.add({
      method: "GET",
      path: /\/Functions$/,
      times: 10,
      action: { kind: "status", status: 500 },
    });
    const inputs = { serviceSid: env.service.sid, friendlyName: "/unsure", exclusiveService: false };
    await expect(FUNCTION.create(env.client, inputs, context)).rejects.toThrow(
      /was lost, and looking for what it made failed too/,
    );
    expect(named("/unsure")).toHaveLength(1);
  });

  it("keeps a Service whose answer showed its SID but that cannot be read back", async () => {
    env.emulator.faults.add({ method: "POST", path: /^\/v1\/Services$/, action: { kind: "truncate" } });
    env.emulator.faults.add({ method: "GET", path: /^\/v1\/Services\/ZS/, action: { kind: "status", status: 404 } });
    const inputs = { uniqueName: "unread", friendlyName: "unread", includeCredentials: true, uiEditable: false };
    const failure = await SERVICE.create(env.client, inputs, context).catch((err: unknown) => err);
    const sid = env.emulator.store.findService("unread")?.sid;
    expect(failure).toBeInstanceOf(CreatedButUnread);
    expect(failure).toMatchObject({
      sid,
      message: expect.stringContaining(
        `Twilio created Service ${sid} (Service "unread") but its answer was unreadable`,
      ),
    });
  });

  it("takes what an earlier attempt made when its resend is refused as a duplicate", async () => {
    env.emulator.faults.add({
      method: "POST",
      path: /^\/v1\/Services$/,
      times: 1,
      action: { kind: "status", status: 503, processed: true },
    });
    // The lookup before the resend does not see it yet; the resend is refused.
    env.emulator.faults.add({
      method: "GET",
      path: /^\/v1\/Services\/lost$/,
      times: 1,
      action: { kind: "status", status: 404, body: JSON.stringify({ status: 404, code: 20404, message: "Not found" }) },
    });
    const inputs = { uniqueName: "lost", friendlyName: "lost", includeCredentials: true, uiEditable: false };
    const taken = await SERVICE.create(env.client, inputs, context);
    expect(taken.sid).toBe(env.emulator.store.findService("lost")?.sid);
    expect(env.emulator.requestsTo("api", "POST").map((r) => r.status)).toEqual([503, 409]);
    expect(logged.join("\n")).toContain(`Made by this create: took Service ${taken.sid}`);
  });

  describe("refused as a duplicate on its first attempt, which made nothing", () => {
    const inputs = { uniqueName: "taken", friendlyName: "taken", includeCredentials: true, uiEditable: false };

    it("never takes a Service another deployer made a moment before and filled", async () => {
      const theirs = env.emulator.createService("taken");
      env.emulator.createFunction(theirs.sid, "/theirs");
      await expect(SERVICE.create(env.client, inputs, context)).rejects.toThrow(
        `Service "taken" (${theirs.sid}) already exists in this account and holds 1 Function`,
      );
      expect(logged).toEqual([]);
    });

    it("takes an empty one as an interrupted create's leftover, and says so", async () => {
      const left = env.emulator.createService("taken");
      const taken = await SERVICE.create(env.client, inputs, context);
      expect(taken.sid).toBe(left.sid);
      expect(logged.join("\n")).toContain(`Service "taken" (${left.sid}) exists and holds nothing`);
    });

    it("takes an object of exactly its identity in a Service only this stack deploys to", async () => {
      // A Service this process made is looked through for leftovers by no create: none can predate it.
      claims.claim(env.service.sid, true);
      const ours = env.emulator.store.addEnvironment(env.service.sid, "staging", "stage");
      const environment = { serviceSid: env.service.sid, uniqueName: "staging", domainSuffix: "stage" };
      const taken = await ENVIRONMENT.create(env.client, { ...environment, exclusiveService: true }, context);
      expect(taken.sid).toBe(ours.sid);
      expect(logged.join("\n")).toContain("It exists already, in a Service only this stack deploys to");
    });
  });
});
