import * as pulumi from "@pulumi/pulumi";
import { getService, getServiceOutput } from "../../provider";
import { ServiceRecord } from "../emulator/records";
import { TwilioEmulator } from "../emulator/server";
import { isSecret, resolve, startProgram } from "./program-fixture";

const UNKNOWN_SERVICE_SID = `ZS${"0".repeat(32)}`;
const ENVIRONMENT_SID = `ZE${"1".repeat(32)}`;

describe("getService and getServiceOutput", () => {
  let emulator: TwilioEmulator;
  let service: ServiceRecord;
  const paths = (before: number): string[] => emulator.requests.slice(before).map((r) => `${r.method} ${r.path}`);

  beforeAll(async () => {
    emulator = await startProgram("services");
    emulator.createService("other");
    service = emulator.createService("billing");
  });
  afterAll(() => emulator.close());

  it("fetches a Service by SID as a camelCase object", async () => {
    const before = emulator.requests.length;
    expect(await getService({ sid: service.sid })).toEqual({
      sid: service.sid,
      accountSid: emulator.credentials.accountSid,
      uniqueName: "billing",
      friendlyName: "billing",
      includeCredentials: true,
      uiEditable: false,
      domainBase: service.domainBase,
      dateCreated: service.dateCreated,
      dateUpdated: service.dateUpdated,
      url: `${emulator.apiBaseUrl}/v1/Services/${service.sid}`,
    });
    expect(paths(before)).toEqual([`GET /v1/Services/${service.sid}`]);
  });

  it("fetches a Service by unique name, which goes in the path in place of the SID", async () => {
    const before = emulator.requests.length;
    expect(await getService({ uniqueName: "billing" })).toMatchObject({ sid: service.sid, uniqueName: "billing" });
    expect(paths(before)).toEqual(["GET /v1/Services/billing"]);
  });

  it("fails with Twilio's 404 for a Service it does not know, in either form", async () => {
    const notFound = { name: "TwilioApiError", status: 404, code: 20404 };
    await expect(getService({ uniqueName: "missing" })).rejects.toMatchObject({
      ...notFound,
      path: "/v1/Services/missing",
    });
    await expect(resolve(getServiceOutput({ sid: UNKNOWN_SERVICE_SID }))).rejects.toMatchObject({
      ...notFound,
      path: `/v1/Services/${UNKNOWN_SERVICE_SID}`,
    });
  });

  it("refuses a malformed SID before any request: getService rejects, getServiceOutput throws where it is called", async () => {
    const before = emulator.requests.length;
    await expect(getService({ sid: ENVIRONMENT_SID })).rejects.toThrow(
      /^sid must be a Service SID .* looks like an Environment SID$/,
    );
    expect(() => getServiceOutput({ sid: "ZS123" })).toThrow(
      /^sid must be a Service SID .* 3 hex digits instead of 32$/,
    );
    expect(emulator.requests.length).toBe(before);
  });

  it("needs exactly one of sid and a non-empty uniqueName, before any request", async () => {
    const before = emulator.requests.length;
    // The type refuses both and neither, which a JavaScript program may still pass.
    // @ts-expect-error both, which the type refuses
    await expect(getService({ sid: service.sid, uniqueName: "billing" })).rejects.toThrow(
      "getService needs exactly one of sid and uniqueName, got both",
    );
    // @ts-expect-error neither, which the type refuses
    expect(() => getServiceOutput({})).toThrow("getService needs exactly one of sid and uniqueName, got neither");
    // An empty name would turn the fetch into a list of the account's Services.
    await expect(getService({ uniqueName: "" })).rejects.toThrow("uniqueName is required");
    expect(() => getServiceOutput({ uniqueName: "" })).toThrow("uniqueName is required");
    expect(emulator.requests.length).toBe(before);
  });

  it("resolves Outputs first, then checks what they resolved to; a secret argument makes a secret result", async () => {
    const byName = getServiceOutput({ uniqueName: pulumi.output("billing") });
    expect((await resolve(byName)).sid).toBe(service.sid);
    expect(await isSecret(byName)).toBe(false);
    const bySid = getServiceOutput({ sid: pulumi.secret(service.sid) });
    expect((await resolve(bySid)).uniqueName).toBe("billing");
    expect(await isSecret(bySid)).toBe(true);

    const before = emulator.requests.length;
    await expect(resolve(getServiceOutput({ sid: pulumi.output(ENVIRONMENT_SID) }))).rejects.toThrow(
      /^sid must be a Service SID .* looks like an Environment SID$/,
    );
    await expect(resolve(getServiceOutput({ uniqueName: pulumi.output("") }))).rejects.toThrow(
      "uniqueName is required",
    );
    expect(emulator.requests.length).toBe(before);
  });
});
