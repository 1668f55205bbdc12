import { EnvironmentRef } from "../../provider/twilio/deployments";
import { isNotFound } from "../../provider/twilio/errors";
import { TWILIO_DATE, lastRequest, sidOf } from "./deploy-chain-setup";
import { ClientEnv, apiError, startEnv } from "./setup";

describe("variables", () => {
  let env: ClientEnv;
  let ref: EnvironmentRef;
  let collection: string;

  beforeEach(async () => {
    env = await startEnv();
    const environment = await env.client.environments.create(
      { serviceSid: env.service.sid },
      { uniqueName: "production" },
    );
    ref = { serviceSid: env.service.sid, environmentSid: environment.sid };
    collection = `/v1/Services/${ref.serviceSid}/Environments/${ref.environmentSid}/Variables`;
  });

  afterEach(async () => {
    await env.emulator.close();
  });

  it("creates one, its value returned in plain text", async () => {
    const created = await env.client.variables.create(ref, { key: "API_URL", value: "https://example.com/?a=1&b=2" });

    expect(created).toEqual({
      sid: expect.stringMatching(sidOf("ZV")),
      accountSid: env.emulator.credentials.accountSid,
      serviceSid: ref.serviceSid,
      environmentSid: ref.environmentSid,
      key: "API_URL",
      value: "https://example.com/?a=1&b=2",
      dateCreated: expect.stringMatching(TWILIO_DATE),
      dateUpdated: created.dateCreated,
      url: `${env.emulator.apiBaseUrl}${collection}/${created.sid}`,
    });
    expect(lastRequest(env)).toMatchObject({
      method: "POST",
      path: collection,
      status: 201,
      form: { Key: ["API_URL"], Value: ["https://example.com/?a=1&b=2"] },
    });
  });

  it("fetches one", async () => {
    const created = await env.client.variables.create(ref, { key: "A", value: "1" });
    expect(await env.client.variables.fetch({ ...ref, sid: created.sid })).toEqual(created);
  });

  it("updates the value alone, or the key alone, with 200", async () => {
    const created = await env.client.variables.create(ref, { key: "A", value: "1" });

    const revalued = await env.client.variables.update({ ...ref, sid: created.sid }, { value: "2" });

    expect(lastRequest(env)).toMatchObject({ method: "POST", path: `${collection}/${created.sid}`, status: 200 });
    expect(lastRequest(env).form).toEqual({ Value: ["2"] });
    expect(revalued).toEqual({ ...created, value: "2", dateUpdated: expect.stringMatching(TWILIO_DATE) });

    const rekeyed = await env.client.variables.update({ ...ref, sid: created.sid }, { key: "B" });

    expect(lastRequest(env).form).toEqual({ Key: ["B"] });
    expect(rekeyed).toMatchObject({ key: "B", value: "2" });
  });

  it("removes one with 204", async () => {
    const created = await env.client.variables.create(ref, { key: "A", value: "1" });

    await expect(env.client.variables.remove({ ...ref, sid: created.sid })).resolves.toBeUndefined();

    expect(lastRequest(env)).toMatchObject({ method: "DELETE", path: `${collection}/${created.sid}`, status: 204 });
    expect(isNotFound(await apiError(env.client.variables.fetch({ ...ref, sid: created.sid })))).toBe(true);
  });

  it("lists the environment's variables across pages", async () => {
    const sids: string[] = [];
    for (const key of ["A", "B", "C"]) sids.push((await env.client.variables.create(ref, { key, value: key })).sid);
    env.emulator.requests.length = 0;

    const listed = await env.client.variables.list(ref, { pageSize: 2 });

    expect(listed.map((v) => [v.sid, v.key, v.value])).toEqual([
      [sids[0], "A", "A"],
      [sids[1], "B", "B"],
      [sids[2], "C", "C"],
    ]);
    expect(env.emulator.requests).toHaveLength(2);
  });

  it("fails with 409 on a key the environment already has, on create and on update", async () => {
    await env.client.variables.create(ref, { key: "A", value: "1" });
    const other = await env.client.variables.create(ref, { key: "B", value: "2" });

    const created = await apiError(env.client.variables.create(ref, { key: "A", value: "3" }));
    const updated = await apiError(env.client.variables.update({ ...ref, sid: other.sid }, { key: "A" }));

    for (const err of [created, updated]) {
      expect(err).toMatchObject({ status: 409, code: 20409, attempts: 1 });
      expect(err.detail).toContain("A");
    }
    expect((await env.client.variables.fetch({ ...ref, sid: other.sid })).key).toBe("B");
  });

  it("fails with 400 and code 20001 on a value over 450 bytes, counting bytes, not characters", async () => {
    // 226 two-byte characters: 452 bytes.
    const err = await apiError(env.client.variables.create(ref, { key: "LONG", value: "é".repeat(226) }));
    expect(err).toMatchObject({ status: 400, code: 20001 });
    expect(err.detail).toBe("Value must be at most 450 bytes");

    await expect(env.client.variables.create(ref, { key: "FITS", value: "é".repeat(225) })).resolves.toMatchObject({
      value: "é".repeat(225),
    });
  });

  it("fails with 400 and code 20001 on a key over 128 characters", async () => {
    const err = await apiError(env.client.variables.create(ref, { key: "K".repeat(129), value: "v" }));
    expect(err).toMatchObject({ status: 400, code: 20001 });
    expect(err.detail).toContain("Key");
  });

  it("fails with Twilio's 404 for an unknown variable", async () => {
    const unknown = `ZV${"0".repeat(32)}`;
    const err = await apiError(env.client.variables.update({ ...ref, sid: unknown }, { value: "x" }));
    expect(isNotFound(err)).toBe(true);
    expect(err.path).toBe(`${collection}/${unknown}`);
  });
});
