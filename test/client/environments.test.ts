import { isNotFound } from "../../provider/twilio/errors";
import { TWILIO_DATE, lastRequest, liveEnvironment, sidOf } from "./deploy-chain-setup";
import { ClientEnv, apiError, startEnv } from "./setup";

describe("environments", () => {
  let env: ClientEnv;
  let collection: string;
  let domainBase: string;

  beforeEach(async () => {
    env = await startEnv();
    collection = `/v1/Services/${env.service.sid}/Environments`;
    domainBase = env.service.domainBase;
  });

  afterEach(async () => {
    await env.emulator.close();
  });

  it("creates one without a suffix: no build, a null suffix, the Service's bare domain", async () => {
    const created = await env.client.environments.create({ serviceSid: env.service.sid }, { uniqueName: "production" });

    expect(created).toEqual({
      sid: expect.stringMatching(sidOf("ZE")),
      accountSid: env.emulator.credentials.accountSid,
      serviceSid: env.service.sid,
      buildSid: null,
      uniqueName: "production",
      domainSuffix: null,
      domainName: `${domainBase}.twil.io`,
      dateCreated: expect.stringMatching(TWILIO_DATE),
      dateUpdated: created.dateCreated,
      url: `https://${domainBase}.twil.io`,
      apiUrl: `${env.emulator.apiBaseUrl}${collection}/${created.sid}`,
    });
    expect(lastRequest(env)).toMatchObject({
      method: "POST",
      path: collection,
      status: 201,
      form: { UniqueName: ["production"] },
    });
    expect(lastRequest(env).form?.DomainSuffix).toBeUndefined();
  });

  it("creates one with a suffix, which its domain name ends with", async () => {
    const created = await env.client.environments.create(
      { serviceSid: env.service.sid },
      {
        uniqueName: "staging",
        domainSuffix: "stage",
      },
    );

    expect(lastRequest(env).form).toEqual({ UniqueName: ["staging"], DomainSuffix: ["stage"] });
    expect(created).toMatchObject({ domainSuffix: "stage", domainName: `${domainBase}-stage.twil.io`, buildSid: null });
  });

  it("fetches one, showing the build live in it", async () => {
    const { environment, build } = await liveEnvironment(env);

    const fetched = await env.client.environments.fetch({ serviceSid: env.service.sid, sid: environment.sid });

    expect(fetched).toEqual(environment);
    expect(fetched.buildSid).toBe(build.sid);
    expect(lastRequest(env)).toMatchObject({ method: "GET", path: `${collection}/${environment.sid}`, status: 200 });
  });

  it("lists the Service's environments across pages", async () => {
    const sids: string[] = [];
    for (const name of ["dev", "stage", "prod"]) {
      sids.push(
        (
          await env.client.environments.create(
            { serviceSid: env.service.sid },
            { uniqueName: name, domainSuffix: name },
          )
        ).sid,
      );
    }
    env.emulator.requests.length = 0;

    const listed = await env.client.environments.list({ serviceSid: env.service.sid }, { pageSize: 2 });

    expect(listed.map((e) => e.sid)).toEqual(sids);
    expect(listed.map((e) => e.domainName)).toEqual(["dev", "stage", "prod"].map((s) => `${domainBase}-${s}.twil.io`));
    expect(env.emulator.requests).toHaveLength(2);
  });

  it("removes one with 204, and it is gone", async () => {
    const { environment } = await liveEnvironment(env);

    await expect(
      env.client.environments.remove({ serviceSid: env.service.sid, sid: environment.sid }),
    ).resolves.toBeUndefined();

    expect(lastRequest(env)).toMatchObject({ method: "DELETE", path: `${collection}/${environment.sid}`, status: 204 });
    expect(
      isNotFound(await apiError(env.client.environments.fetch({ serviceSid: env.service.sid, sid: environment.sid }))),
    ).toBe(true);
  });

  it("fails with Twilio's 404 for an unknown environment", async () => {
    const unknown = `ZE${"0".repeat(32)}`;
    const err = await apiError(env.client.environments.remove({ serviceSid: env.service.sid, sid: unknown }));
    expect(isNotFound(err)).toBe(true);
    expect(err.detail).toBe(
      `The requested resource /Services/${env.service.sid}/Environments/${unknown} was not found`,
    );
  });
});
