import { LifecycleContext } from "../../provider/pulumi/lifecycle";
import { CreatedButUnread } from "../../provider/pulumi/create-once";
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
});
