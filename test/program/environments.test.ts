import * as pulumi from "@pulumi/pulumi";
import { getEnvironment, getEnvironmentOutput } from "../../provider";
import { EnvironmentRecord, ServiceRecord } from "../emulator/records";
import { TwilioEmulator } from "../emulator/server";
import { isSecret, resolve, startProgram } from "./program-fixture";

const UNKNOWN_SERVICE_SID = `ZS${"0".repeat(32)}`;
const UNKNOWN_ENVIRONMENT_SID = `ZE${"0".repeat(32)}`;

describe("getEnvironment and getEnvironmentOutput", () => {
  let emulator: TwilioEmulator;
  let shop: ServiceRecord;
  let dev: EnvironmentRecord;
  let production: EnvironmentRecord;
  let staging: EnvironmentRecord;
  const paths = (before: number): string[] => emulator.requests.slice(before).map((r) => `${r.method} ${r.path}`);

  beforeAll(async () => {
    emulator = await startProgram("environments");
    shop = emulator.createService("shop");
    dev = emulator.store.addEnvironment(shop.sid, "dev", "dev");
    production = emulator.store.addEnvironment(shop.sid, "production", null);
    const other = emulator.createService("other");
    staging = emulator.store.addEnvironment(other.sid, "staging", "stage");
  });
  afterAll(() => emulator.close());

  it("fetches an Environment by SID with the resource's url (where it serves) and apiUrl", async () => {
    const before = emulator.requests.length;
    expect(await getEnvironment({ serviceSid: shop.sid, sid: dev.sid })).toEqual({
      sid: dev.sid,
      accountSid: emulator.credentials.accountSid,
      serviceSid: shop.sid,
      buildSid: null,
      uniqueName: "dev",
      domainSuffix: "dev",
      domainName: `${shop.domainBase}-dev.twil.io`,
      dateCreated: dev.dateCreated,
      dateUpdated: dev.dateUpdated,
      url: `https://${shop.domainBase}-dev.twil.io`,
      apiUrl: `${emulator.apiBaseUrl}/v1/Services/${shop.sid}/Environments/${dev.sid}`,
    });
    expect(paths(before)).toEqual([`GET /v1/Services/${shop.sid}/Environments/${dev.sid}`]);
  });

  it("finds an Environment by unique name in its Service's list", async () => {
    const before = emulator.requests.length;
    expect(await getEnvironment({ serviceSid: shop.sid, uniqueName: "production" })).toMatchObject({
      sid: production.sid,
      uniqueName: "production",
      domainSuffix: null,
      url: `https://${shop.domainBase}.twil.io`,
    });
    expect(paths(before)).toEqual([`GET /v1/Services/${shop.sid}/Environments`]);
  });

  it("reads every page of the list to find a unique name", async () => {
    const crowded = emulator.createService("crowded");
    for (let i = 0; i < 50; i++) emulator.store.addEnvironment(crowded.sid, `env-${i}`, `s${i}`);
    const last = emulator.store.addEnvironment(crowded.sid, "last", "last");
    const before = emulator.requests.length;
    expect((await getEnvironment({ serviceSid: crowded.sid, uniqueName: "last" })).sid).toBe(last.sid);
    expect(emulator.requests.length - before).toBe(2);
  });

  it("names the Service and the names it has when none has that unique name", async () => {
    // "staging" is an Environment of another Service: names are looked for in this one only.
    await expect(getEnvironment({ serviceSid: shop.sid, uniqueName: "staging" })).rejects.toThrow(
      `Service ${shop.sid} has no Environment named "staging"; its Environments are "dev", "production"`,
    );
    const empty = emulator.createService("empty");
    await expect(resolve(getEnvironmentOutput({ serviceSid: empty.sid, uniqueName: "dev" }))).rejects.toThrow(
      `Service ${empty.sid} has no Environment named "dev"; it has no Environments`,
    );
  });

  it("fails with Twilio's 404 for an Environment or Service it does not know, in either form", async () => {
    const notFound = { name: "TwilioApiError", status: 404, code: 20404 };
    await expect(getEnvironment({ serviceSid: shop.sid, sid: UNKNOWN_ENVIRONMENT_SID })).rejects.toMatchObject(
      notFound,
    );
    // An Environment is found within its own Service only.
    await expect(getEnvironment({ serviceSid: shop.sid, sid: staging.sid })).rejects.toMatchObject(notFound);
    await expect(
      resolve(getEnvironmentOutput({ serviceSid: UNKNOWN_SERVICE_SID, uniqueName: "dev" })),
    ).rejects.toMatchObject({ ...notFound, path: `/v1/Services/${UNKNOWN_SERVICE_SID}/Environments` });
  });

  it("refuses malformed SIDs before any request: getEnvironment rejects, getEnvironmentOutput throws where it is called", async () => {
    const before = emulator.requests.length;
    await expect(getEnvironment({ serviceSid: dev.sid, sid: dev.sid })).rejects.toThrow(
      /^serviceSid must be a Service SID .* looks like an Environment SID$/,
    );
    expect(() => getEnvironmentOutput({ serviceSid: shop.sid, sid: shop.sid })).toThrow(
      /^sid must be an Environment SID .* looks like a Service SID$/,
    );
    // Unlike getService, the Service is named by its SID only.
    await expect(getEnvironment({ serviceSid: "shop", uniqueName: "dev" })).rejects.toThrow(
      /^serviceSid must be a Service SID .* does not start with "ZS"$/,
    );
    expect(() => getEnvironmentOutput({ serviceSid: "shop", uniqueName: "dev" })).toThrow(
      /^serviceSid must be a Service SID .* does not start with "ZS"$/,
    );
    expect(emulator.requests.length).toBe(before);
  });

  it("needs exactly one of sid and a non-empty uniqueName, before any request", async () => {
    const before = emulator.requests.length;
    // The type refuses both and neither, which a JavaScript program may still pass.
    // @ts-expect-error both, which the type refuses
    expect(() => getEnvironmentOutput({ serviceSid: shop.sid, sid: dev.sid, uniqueName: "dev" })).toThrow(
      "getEnvironment needs exactly one of sid and uniqueName, got both",
    );
    // @ts-expect-error neither, which the type refuses
    await expect(getEnvironment({ serviceSid: shop.sid })).rejects.toThrow(
      "getEnvironment needs exactly one of sid and uniqueName, got neither",
    );
    await expect(getEnvironment({ serviceSid: shop.sid, uniqueName: "" })).rejects.toThrow("uniqueName is required");
    expect(emulator.requests.length).toBe(before);
  });

  it("resolves Outputs first, then checks what they resolved to; a secret argument makes a secret result", async () => {
    const found = getEnvironmentOutput({ serviceSid: pulumi.output(shop.sid), uniqueName: pulumi.secret("dev") });
    expect((await resolve(found)).sid).toBe(dev.sid);
    expect(await isSecret(found)).toBe(true);
    const bySid = await resolve(getEnvironmentOutput({ serviceSid: shop.sid, sid: pulumi.output(production.sid) }));
    expect(bySid.uniqueName).toBe("production");

    const before = emulator.requests.length;
    await expect(
      resolve(getEnvironmentOutput({ serviceSid: pulumi.output(dev.sid), uniqueName: "dev" })),
    ).rejects.toThrow(/^serviceSid must be a Service SID .* looks like an Environment SID$/);
    await expect(
      resolve(getEnvironmentOutput({ serviceSid: shop.sid, uniqueName: pulumi.output("") })),
    ).rejects.toThrow("uniqueName is required");
    expect(emulator.requests.length).toBe(before);
  });
});
