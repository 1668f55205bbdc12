import * as pulumi from "@pulumi/pulumi";
import {
  getFunctionVersion,
  getFunctionVersionContent,
  getFunctionVersionContentOutput,
  getFunctionVersionOutput,
  listFunctionVersions,
  listFunctionVersionsOutput,
} from "../../provider";
import { TwilioEmulator } from "../emulator/server";
import { resolve, startProgram } from "./program-fixture";

describe("Function Version helpers (fetch, content, list), each a Promise and an Output", () => {
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
    const expected = {
      sid: sids[1],
      accountSid: emulator.credentials.accountSid,
      serviceSid,
      functionSid,
      path: "/v1",
      visibility: "public",
      dateCreated: expect.any(String),
      url: `${emulator.apiBaseUrl}/v1/Services/${serviceSid}/Functions/${functionSid}/Versions/${sids[1]}`,
    };
    expect(await getFunctionVersion({ serviceSid, functionSid, sid: sids[1] })).toEqual(expected);
    expect(await resolve(getFunctionVersionOutput({ serviceSid, functionSid, sid: pulumi.output(sids[1]) }))).toEqual(
      expected,
    );
  });

  it("fetches a version's source code", async () => {
    const expected = { sid: sids[2], content: "exports.handler = () => 2;" };
    expect(await getFunctionVersionContent({ serviceSid, functionSid, sid: sids[2] })).toMatchObject(expected);
    expect(
      await resolve(
        getFunctionVersionContentOutput({ serviceSid: pulumi.output(serviceSid), functionSid, sid: sids[2] }),
      ),
    ).toMatchObject(expected);
  });

  it("lists every version newest first across pages, in an object with the SIDs asked for", async () => {
    const before = emulator.requests.length;
    const listed = await listFunctionVersions({ serviceSid, functionSid, pageSize: 2 });
    expect(listed).toEqual({ serviceSid, functionSid, versions: expect.any(Array) });
    expect(listed.versions.map((v) => v.sid)).toEqual([...sids].reverse());
    expect(emulator.requests.slice(before).map((r) => r.query)).toEqual([
      "?PageSize=2",
      "?PageSize=2&Page=1&PageToken=PT1",
      "?PageSize=2&Page=2&PageToken=PT2",
    ]);
  });

  it("stops at the limit without reading further pages", async () => {
    const before = emulator.requests.length;
    const listed = listFunctionVersionsOutput({ serviceSid, functionSid, pageSize: pulumi.output(2), limit: 3 });
    expect((await resolve(listed)).versions.map((v) => v.sid)).toEqual([sids[4], sids[3], sids[2]]);
    expect(emulator.requests.length - before).toBe(2);
  });

  it("refuses a page size or limit out of range before any request, plain or once resolved", async () => {
    const before = emulator.requests.length;
    await expect(listFunctionVersions({ serviceSid, functionSid, pageSize: 1001 })).rejects.toThrow(
      "pageSize must be a whole number from 1 to 1000, got 1001",
    );
    expect(() => listFunctionVersionsOutput({ serviceSid, functionSid, limit: 1.5 })).toThrow(
      "limit must be a whole number of at least 0, got 1.5",
    );
    await expect(
      resolve(listFunctionVersionsOutput({ serviceSid, functionSid, pageSize: pulumi.output(0) })),
    ).rejects.toThrow("pageSize must be a whole number from 1 to 1000, got 0");
    expect(emulator.requests.length).toBe(before);
  });

  it("refuses a malformed SID before any request: the Promise rejects, the Output form throws where it is called", async () => {
    const before = emulator.requests.length;
    await expect(getFunctionVersion({ serviceSid, functionSid: serviceSid, sid: sids[0] })).rejects.toThrow(
      /functionSid must be a Function or Asset SID .* looks like a Service SID/,
    );
    expect(() => getFunctionVersionOutput({ serviceSid, functionSid: serviceSid, sid: sids[0] })).toThrow(
      /functionSid must be a Function or Asset SID .* looks like a Service SID/,
    );
    await expect(getFunctionVersionContent({ serviceSid, functionSid, sid: "ZN123" })).rejects.toThrow(
      /sid must be a Function Version or Asset Version SID .* 3 hex digits instead of 32/,
    );
    expect(() => getFunctionVersionContentOutput({ serviceSid, functionSid, sid: "ZN123" })).toThrow(
      /sid must be a Function Version or Asset Version SID .* 3 hex digits instead of 32/,
    );
    await expect(listFunctionVersions({ serviceSid: "", functionSid })).rejects.toThrow(/serviceSid is required/);
    expect(() => listFunctionVersionsOutput({ serviceSid: "", functionSid })).toThrow(/serviceSid is required/);
    expect(emulator.requests.length).toBe(before);
  });
});
