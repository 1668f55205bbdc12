import * as pulumi from "@pulumi/pulumi";
import { getService } from "../../provider";
import { ServiceRecord } from "../emulator/records";
import { TwilioEmulator } from "../emulator/server";
import { resolve, startProgram } from "./program-fixture";

const UNKNOWN_SERVICE_SID = `ZS${"0".repeat(32)}`;
const ENVIRONMENT_SID = `ZE${"1".repeat(32)}`;

describe("getService", () => {
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
    expect(await resolve(getService({ sid: service.sid }))).toEqual({
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
    const found = await resolve(getService({ uniqueName: "billing" }));
    expect(found).toMatchObject({ sid: service.sid, uniqueName: "billing" });
    expect(paths(before)).toEqual(["GET /v1/Services/billing"]);
  });

  it("fails with Twilio's 404 for a Service it does not know", async () => {
    const notFound = { name: "TwilioApiError", status: 404, code: 20404 };
    await expect(resolve(getService({ uniqueName: "missing" }))).rejects.toMatchObject({
      ...notFound,
      path: "/v1/Services/missing",
    });
    await expect(resolve(getService({ sid: UNKNOWN_SERVICE_SID }))).rejects.toMatchObject({
      ...notFound,
      path: `/v1/Services/${UNKNOWN_SERVICE_SID}`,
    });
  });

  it("refuses a malformed SID where it is called, before any request", () => {
    const before = emulator.requests.length;
    expect(() => getService({ sid: ENVIRONMENT_SID })).toThrow(
      /^sid must be a Service SID .* looks like an Environment SID$/,
    );
    expect(() => getService({ sid: "ZS123" })).toThrow(/^sid must be a Service SID .* 3 hex digits instead of 32$/);
    expect(emulator.requests.length).toBe(before);
  });

  it("needs exactly one of sid and a non-empty uniqueName, before any request", () => {
    const before = emulator.requests.length;
    expect(() => getService({ sid: service.sid, uniqueName: "billing" })).toThrow(
      "getService needs exactly one of sid and uniqueName, got both",
    );
    expect(() => getService({})).toThrow("getService needs exactly one of sid and uniqueName, got neither");
    // An empty name would turn the fetch into a list of the account's Services.
    expect(() => getService({ uniqueName: "" })).toThrow("uniqueName is required");
    expect(emulator.requests.length).toBe(before);
  });

  it("resolves Outputs first, then checks what they resolved to", async () => {
    const byName = await resolve(getService({ uniqueName: pulumi.output("billing") }));
    expect(byName.sid).toBe(service.sid);
    const bySid = await resolve(getService({ sid: pulumi.secret(service.sid) }));
    expect(bySid.uniqueName).toBe("billing");

    const before = emulator.requests.length;
    await expect(resolve(getService({ sid: pulumi.output(ENVIRONMENT_SID) }))).rejects.toThrow(
      /^sid must be a Service SID .* looks like an Environment SID$/,
    );
    await expect(resolve(getService({ uniqueName: pulumi.output("") }))).rejects.toThrow("uniqueName is required");
    expect(emulator.requests.length).toBe(before);
  });
});
