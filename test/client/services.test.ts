import { isNotFound } from "../../provider/twilio/errors";
import { TWILIO_DATE, lastRequest, sidOf } from "./deploy-chain-setup";
import { ClientEnv, apiError, startEnv } from "./setup";

describe("services", () => {
  let env: ClientEnv;

  beforeEach(async () => {
    env = await startEnv();
  });

  afterEach(async () => {
    await env.emulator.close();
  });

  describe("create", () => {
    it("sends the names only and returns the Service camelCased, with Twilio's defaults", async () => {
      const service = await env.client.services.create({}, { uniqueName: "my-app", friendlyName: "My App" });

      expect(service).toEqual({
        sid: expect.stringMatching(sidOf("ZS")),
        accountSid: env.emulator.credentials.accountSid,
        uniqueName: "my-app",
        friendlyName: "My App",
        includeCredentials: true,
        uiEditable: false,
        domainBase: expect.stringMatching(/^my-app-\d{4}$/),
        dateCreated: expect.stringMatching(TWILIO_DATE),
        dateUpdated: service.dateCreated,
        url: `${env.emulator.apiBaseUrl}/v1/Services/${service.sid}`,
      });
      expect(lastRequest(env)).toMatchObject({
        host: "api",
        method: "POST",
        path: "/v1/Services",
        status: 201,
        form: { UniqueName: ["my-app"], FriendlyName: ["My App"] },
      });
    });

    it("sends the flags it is given as true and false", async () => {
      const service = await env.client.services.create(
        {},
        {
          uniqueName: "flags",
          friendlyName: "Flags",
          includeCredentials: false,
          uiEditable: true,
        },
      );

      expect(service).toMatchObject({ includeCredentials: false, uiEditable: true });
      expect(lastRequest(env).form).toEqual({
        UniqueName: ["flags"],
        FriendlyName: ["Flags"],
        IncludeCredentials: ["false"],
        UiEditable: ["true"],
      });
    });

    it("fails with 409 and code 20409 on a unique name the account already has, once", async () => {
      const err = await apiError(
        env.client.services.create({}, { uniqueName: env.service.uniqueName, friendlyName: "x" }),
      );

      expect(err).toMatchObject({ status: 409, code: 20409, method: "POST", path: "/v1/Services", attempts: 1 });
      expect(err.detail).toContain(env.service.uniqueName);
    });
  });

  describe("fetch", () => {
    it("returns what create returned, by SID or by unique name", async () => {
      const created = await env.client.services.create({}, { uniqueName: "fetched", friendlyName: "Fetched" });

      expect(await env.client.services.fetch({ sid: created.sid })).toEqual(created);
      expect(await env.client.services.fetch({ sid: "fetched" })).toEqual(created);
      expect(lastRequest(env)).toMatchObject({ method: "GET", path: "/v1/Services/fetched", status: 200 });
    });

    it("fails with Twilio's 404 for an unknown Service, once", async () => {
      const sid = `ZS${"0".repeat(32)}`;
      const err = await apiError(env.client.services.fetch({ sid }));

      expect(isNotFound(err)).toBe(true);
      expect(err).toMatchObject({ method: "GET", path: `/v1/Services/${sid}`, attempts: 1 });
      expect(err.detail).toBe(`The requested resource /Services/${sid} was not found`);
    });
  });

  describe("update", () => {
    it("changes only what it is given, answering 200 with the whole Service", async () => {
      const before = await env.client.services.fetch({ sid: env.service.sid });

      const renamed = await env.client.services.update({ sid: env.service.sid }, { friendlyName: "Renamed" });

      expect(lastRequest(env)).toMatchObject({
        method: "POST",
        path: `/v1/Services/${env.service.sid}`,
        status: 200,
        form: { FriendlyName: ["Renamed"] },
      });
      expect(renamed).toEqual({ ...before, friendlyName: "Renamed", dateUpdated: expect.stringMatching(TWILIO_DATE) });

      const flipped = await env.client.services.update(
        { sid: env.service.sid },
        {
          includeCredentials: false,
          uiEditable: true,
        },
      );

      expect(lastRequest(env).form).toEqual({ IncludeCredentials: ["false"], UiEditable: ["true"] });
      expect(flipped).toMatchObject({
        uniqueName: before.uniqueName,
        domainBase: before.domainBase,
        friendlyName: "Renamed",
        includeCredentials: false,
        uiEditable: true,
      });
    });

    it("never sends what Twilio fixes at creation, whatever the values hold", async () => {
      const before = await env.client.services.fetch({ sid: env.service.sid });

      await env.client.services.update({ sid: env.service.sid }, { uniqueName: "renamed", friendlyName: "Same" });

      expect(lastRequest(env).form).toEqual({ FriendlyName: ["Same"] });
      expect(await env.client.services.fetch({ sid: env.service.sid })).toMatchObject({
        uniqueName: before.uniqueName,
      });
    });

    it("fails with 404 for an unknown Service", async () => {
      const err = await apiError(env.client.services.update({ sid: `ZS${"1".repeat(32)}` }, { friendlyName: "x" }));
      expect(err).toMatchObject({ status: 404, code: 20404, method: "POST" });
    });
  });

  describe("remove", () => {
    it("deletes the Service with 204, and it is gone", async () => {
      await expect(env.client.services.remove({ sid: env.service.sid })).resolves.toBeUndefined();

      expect(lastRequest(env)).toMatchObject({
        method: "DELETE",
        path: `/v1/Services/${env.service.sid}`,
        status: 204,
      });
      expect(isNotFound(await apiError(env.client.services.fetch({ sid: env.service.sid })))).toBe(true);
    });

    it("fails with 404 for an unknown Service", async () => {
      const err = await apiError(env.client.services.remove({ sid: `ZS${"2".repeat(32)}` }));
      expect(err).toMatchObject({ status: 404, code: 20404, method: "DELETE", attempts: 1 });
    });
  });

  describe("list", () => {
    it("returns every Service in creation order, across pages", async () => {
      const more = ["b", "c", "d", "e"].map((name) => env.emulator.createService(name).sid);
      env.emulator.requests.length = 0;

      const listed = await env.client.services.list({}, { pageSize: 2 });

      expect(listed.map((s) => s.sid)).toEqual([env.service.sid, ...more]);
      expect(listed[0]).toEqual(await env.client.services.fetch({ sid: env.service.sid }));
      expect(env.emulator.requests.slice(0, 3).map((r) => `${r.path}${r.query}`)).toEqual([
        "/v1/Services?PageSize=2",
        "/v1/Services?PageSize=2&Page=1&PageToken=PT1",
        "/v1/Services?PageSize=2&Page=2&PageToken=PT2",
      ]);
    });
  });
});
