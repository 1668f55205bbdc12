import { isNotFound } from "../../provider/twilio/errors";
import { FunctionsOrAssetsApi } from "../../provider/twilio/functions-and-assets";
import { TWILIO_DATE, lastRequest, sidOf } from "./deploy-chain-setup";
import { ClientEnv, apiError, startEnv } from "./setup";

const UNKNOWN = `ZH${"0".repeat(32)}`;

describe.each([
  { segment: "Functions", api: "functions" },
  { segment: "Assets", api: "assets" },
] as const)("$api", ({ segment, api }) => {
  let env: ClientEnv;
  let client: FunctionsOrAssetsApi;
  let serviceSid: string;
  let collection: string;

  beforeEach(async () => {
    env = await startEnv();
    client = env.client[api];
    // A Service of its own, so that the Function every test environment has is not in the way.
    serviceSid = env.emulator.createService("slots").sid;
    collection = `/v1/Services/${serviceSid}/${segment}`;
  });

  afterEach(async () => {
    await env.emulator.close();
  });

  it("creates one with its name, camelCased", async () => {
    const created = await client.create({ serviceSid }, { friendlyName: "hello" });

    expect(created).toEqual({
      sid: expect.stringMatching(sidOf("ZH")),
      accountSid: env.emulator.credentials.accountSid,
      serviceSid,
      friendlyName: "hello",
      dateCreated: expect.stringMatching(TWILIO_DATE),
      dateUpdated: created.dateCreated,
      url: `${env.emulator.apiBaseUrl}${collection}/${created.sid}`,
    });
    expect(lastRequest(env)).toMatchObject({
      method: "POST",
      path: collection,
      status: 201,
      form: { FriendlyName: ["hello"] },
    });
  });

  it("fetches what it created, also through the Service's unique name", async () => {
    const created = await client.create({ serviceSid }, { friendlyName: "fetched" });

    expect(await client.fetch({ serviceSid, sid: created.sid })).toEqual(created);
    expect(await client.fetch({ serviceSid: "slots", sid: created.sid })).toEqual(created);
  });

  it("renames one in place with 200", async () => {
    const created = await client.create({ serviceSid }, { friendlyName: "before" });

    const renamed = await client.update({ serviceSid, sid: created.sid }, { friendlyName: "after" });

    expect(renamed).toEqual({ ...created, friendlyName: "after", dateUpdated: expect.stringMatching(TWILIO_DATE) });
    expect(lastRequest(env)).toMatchObject({
      method: "POST",
      path: `${collection}/${created.sid}`,
      status: 200,
      form: { FriendlyName: ["after"] },
    });
    expect(await client.fetch({ serviceSid, sid: created.sid })).toEqual(renamed);
  });

  it("removes one with 204, and it is gone", async () => {
    const created = await client.create({ serviceSid }, { friendlyName: "doomed" });

    await expect(client.remove({ serviceSid, sid: created.sid })).resolves.toBeUndefined();

    expect(lastRequest(env)).toMatchObject({ method: "DELETE", path: `${collection}/${created.sid}`, status: 204 });
    expect(isNotFound(await apiError(client.fetch({ serviceSid, sid: created.sid })))).toBe(true);
  });

  it("lists the Service's own, across pages", async () => {
    const sids: string[] = [];
    for (const name of ["a", "b", "c"]) sids.push((await client.create({ serviceSid }, { friendlyName: name })).sid);
    await client.create({ serviceSid: env.service.sid }, { friendlyName: "elsewhere" });
    env.emulator.requests.length = 0;

    const listed = await client.list({ serviceSid }, { pageSize: 2 });

    expect(listed.map((f) => f.sid)).toEqual(sids);
    expect(env.emulator.requests.map((r) => `${r.path}${r.query}`)).toEqual([
      `${collection}?PageSize=2`,
      `${collection}?PageSize=2&Page=1&PageToken=PT1`,
    ]);
  });

  it.each([
    ["fetch", (c: FunctionsOrAssetsApi, service: string) => c.fetch({ serviceSid: service, sid: UNKNOWN }), "GET"],
    [
      "update",
      (c: FunctionsOrAssetsApi, service: string) =>
        c.update({ serviceSid: service, sid: UNKNOWN }, { friendlyName: "x" }),
      "POST",
    ],
    ["remove", (c: FunctionsOrAssetsApi, service: string) => c.remove({ serviceSid: service, sid: UNKNOWN }), "DELETE"],
  ])("%s of an unknown one fails with Twilio's 404", async (_what, call, method) => {
    const err = await apiError(call(client, serviceSid));

    expect(isNotFound(err)).toBe(true);
    expect(err).toMatchObject({ method, path: `${collection}/${UNKNOWN}`, attempts: 1 });
    expect(err.detail).toBe(`The requested resource /Services/${serviceSid}/${segment}/${UNKNOWN} was not found`);
  });
});
