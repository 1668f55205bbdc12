import * as pulumi from "@pulumi/pulumi";
import { getFunctionVersion, getFunctionVersionContent, listFunctionVersions } from "../../provider";
import { TwilioEmulator } from "../emulator/server";
import { resolve, startProgram } from "./program-fixture";

describe("program helpers (fetch, content, list)", () => {
  let emulator: TwilioEmulator;
  let serviceSid: string;
  let functionSid: string;
  const sids: string[] = [];

  beforeAll(async () => {
    emulator = await startProgram("helpers");
    serviceSid = emulator.createService("helpers").sid;
    functionSid = emulator.createFunction(serviceSid, "fn").sid;
    for (let i = 0; i < 5; i++) {
      const version = emulator.store.addVersion({
        serviceSid,
        functionSid,
        path: `/v${i}`,
        visibility: "public",
        content: Buffer.from(`exports.handler = () => ${i};`),
      });
      sids.push(version.sid);
    }
  });
  afterAll(() => emulator.close());

  it("fetches one version as a camelCase object", async () => {
    const version = await resolve(getFunctionVersion({ serviceSid, functionSid, sid: pulumi.output(sids[1]) }));
    expect(version).toEqual({
      sid: sids[1],
      accountSid: emulator.credentials.accountSid,
      serviceSid,
      functionSid,
      path: "/v1",
      visibility: "public",
      dateCreated: expect.any(String),
      url: `${emulator.apiBaseUrl}/v1/Services/${serviceSid}/Functions/${functionSid}/Versions/${sids[1]}`,
    });
  });

  it("fetches a version's source code", async () => {
    const content = await resolve(getFunctionVersionContent({ serviceSid, functionSid, sid: sids[2] }));
    expect(content).toMatchObject({ sid: sids[2], content: "exports.handler = () => 2;" });
  });

  it("lists every version newest first across pages", async () => {
    const before = emulator.requests.length;
    const versions = await resolve(listFunctionVersions({ serviceSid, functionSid, pageSize: 2 }));
    expect(versions.map((v) => v.sid)).toEqual([...sids].reverse());
    expect(emulator.requests.slice(before).map((r) => r.query)).toEqual([
      "?PageSize=2",
      "?PageSize=2&Page=1&PageToken=PT1",
      "?PageSize=2&Page=2&PageToken=PT2",
    ]);
  });

  it("stops at the limit without reading further pages", async () => {
    const before = emulator.requests.length;
    const versions = await resolve(listFunctionVersions({ serviceSid, functionSid, pageSize: 2, limit: 3 }));
    expect(versions.map((v) => v.sid)).toEqual([sids[4], sids[3], sids[2]]);
    expect(emulator.requests.length - before).toBe(2);
  });

  it("refuses a page size outside 1 to 1000", () => {
    expect(() => listFunctionVersions({ serviceSid, functionSid, pageSize: 1001 })).toThrow(
      "pageSize must be a whole number from 1 to 1000, got 1001",
    );
  });

  it("refuses a malformed SID where the helper is called, before any request", () => {
    const before = emulator.requests.length;
    expect(() => getFunctionVersion({ serviceSid, functionSid: serviceSid, sid: sids[0] })).toThrow(
      /functionSid must be a Function or Asset SID .* looks like a Service SID/,
    );
    expect(() => getFunctionVersionContent({ serviceSid, functionSid, sid: "ZN123" })).toThrow(
      /sid must be a Function Version or Asset Version SID .* 3 hex digits instead of 32/,
    );
    expect(() => listFunctionVersions({ serviceSid: "", functionSid })).toThrow(/serviceSid is required/);
    expect(emulator.requests.length).toBe(before);
  });
});
