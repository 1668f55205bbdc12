import { FunctionVersion } from "../../provider/twilio/function-versions";
import { ClientEnv, bufferContent, startEnv } from "./setup";

describe("functionVersions fetch, fetchContent and list", () => {
  let env: ClientEnv;

  beforeEach(async () => {
    env = await startEnv();
  });

  afterEach(async () => {
    await env.emulator.close();
  });

  /** Uploads `count` versions through the client, oldest first. */
  async function upload(count: number): Promise<FunctionVersion[]> {
    const out: FunctionVersion[] = [];
    for (let i = 0; i < count; i++) {
      out.push(
        await env.client.functionVersions.upload({
          ...env.ref,
          path: `/v${i}`,
          visibility: "public",
          content: bufferContent(`// version ${i}\n`),
        }),
      );
    }
    return out;
  }

  /** Adds `count` versions straight to the store (fast), oldest first; returns their SIDs. */
  function seed(count: number): string[] {
    const sids: string[] = [];
    for (let i = 0; i < count; i++) {
      const v = env.emulator.store.addVersion({
        serviceSid: env.service.sid,
        functionSid: env.fn.sid,
        path: `/seed-${i}`,
        visibility: "private",
        content: Buffer.from(`// seed ${i}\n`),
      });
      sids.push(v.sid);
    }
    return sids;
  }

  const listRequests = (): string[] => env.emulator.requestsTo("api", "GET").map((r) => `${r.path}${r.query}`);

  describe("fetch", () => {
    it("returns what the upload returned, from the API host", async () => {
      const [created] = await upload(1);
      env.emulator.requests.length = 0;

      const fetched = await env.client.functionVersions.fetch({ ...env.ref, sid: created.sid });

      expect(fetched).toEqual(created);
      expect(env.emulator.requests).toHaveLength(1);
      expect(env.emulator.requests[0]).toMatchObject({
        host: "api",
        method: "GET",
        path: `/v1/Services/${env.service.sid}/Functions/${env.fn.sid}/Versions/${created.sid}`,
        status: 200,
      });
    });

    it("accepts the Service's unique name in place of its SID", async () => {
      const [created] = await upload(1);
      const fetched = await env.client.functionVersions.fetch({
        serviceSid: env.service.uniqueName,
        functionSid: env.fn.sid,
        sid: created.sid,
      });
      expect(fetched.sid).toBe(created.sid);
      expect(fetched.serviceSid).toBe(env.service.sid);
    });
  });

  describe("fetchContent", () => {
    it("returns the uploaded source text", async () => {
      const source = "// ünïcödé ✓\nexports.handler = (c, e, cb) => cb(null, 42);\n";
      const created = await env.client.functionVersions.upload({
        ...env.ref,
        path: "/content",
        visibility: "protected",
        content: bufferContent(source),
      });

      const content = await env.client.functionVersions.fetchContent({ ...env.ref, sid: created.sid });

      expect(content).toEqual({
        sid: created.sid,
        accountSid: env.emulator.credentials.accountSid,
        serviceSid: env.service.sid,
        functionSid: env.fn.sid,
        content: source,
        url: `${created.url}/Content`,
      });
      const last = env.emulator.requests[env.emulator.requests.length - 1];
      expect(last).toMatchObject({ host: "api", method: "GET", path: `${new URL(created.url).pathname}/Content` });
    });
  });

  describe("list", () => {
    it("returns an empty list for a function without versions in one request", async () => {
      expect(await env.client.functionVersions.list(env.ref)).toEqual([]);
      expect(listRequests()).toEqual([`/v1/Services/${env.service.sid}/Functions/${env.fn.sid}/Versions?PageSize=50`]);
    });

    it("returns versions newest first, mapped like fetch", async () => {
      const created = await upload(3);
      const listed = await env.client.functionVersions.list(env.ref);
      expect(listed).toEqual([...created].reverse());
    });

    it("only lists the versions of the addressed function", async () => {
      const other = env.emulator.createFunction(env.service.sid, "other");
      await upload(2);
      const foreign = await env.client.functionVersions.upload({
        serviceSid: env.service.sid,
        functionSid: other.sid,
        path: "/other",
        visibility: "public",
        content: bufferContent("// other"),
      });
      const listed = await env.client.functionVersions.list(env.ref);
      expect(listed).toHaveLength(2);
      expect(listed.map((v) => v.sid)).not.toContain(foreign.sid);
      expect(listed.every((v) => v.functionSid === env.fn.sid)).toBe(true);
    });

    it("follows next_page_url across several pages", async () => {
      const created = await upload(5);
      env.emulator.requests.length = 0;

      const listed = await env.client.functionVersions.list(env.ref, { pageSize: 2 });

      expect(listed.map((v) => v.sid)).toEqual(created.map((v) => v.sid).reverse());
      expect(listed).toEqual([...created].reverse());
      const base = `/v1/Services/${env.service.sid}/Functions/${env.fn.sid}/Versions`;
      expect(listRequests()).toEqual([
        `${base}?PageSize=2`,
        `${base}?PageSize=2&Page=1&PageToken=PT1`,
        `${base}?PageSize=2&Page=2&PageToken=PT2`,
      ]);
      expect(env.emulator.requests.every((r) => r.host === "api" && r.status === 200)).toBe(true);
    });

    it("stops at `limit` mid-page without requesting another page", async () => {
      const created = await upload(5);
      env.emulator.requests.length = 0;

      const listed = await env.client.functionVersions.list(env.ref, { pageSize: 2, limit: 3 });

      expect(listed.map((v) => v.sid)).toEqual(
        created
          .map((v) => v.sid)
          .reverse()
          .slice(0, 3),
      );
      expect(listRequests()).toHaveLength(2);
    });

    it("stops at `limit` on a page boundary without requesting another page", async () => {
      const created = await upload(5);
      env.emulator.requests.length = 0;

      const listed = await env.client.functionVersions.list(env.ref, { pageSize: 2, limit: 4 });

      expect(listed.map((v) => v.sid)).toEqual(
        created
          .map((v) => v.sid)
          .reverse()
          .slice(0, 4),
      );
      expect(listRequests()).toHaveLength(2);
    });

    it("sizes the page by `limit` when no page size is given", async () => {
      const sids = seed(10);
      const listed = await env.client.functionVersions.list(env.ref, { limit: 3 });
      expect(listed.map((v) => v.sid)).toEqual([...sids].reverse().slice(0, 3));
      expect(listRequests()).toEqual([`/v1/Services/${env.service.sid}/Functions/${env.fn.sid}/Versions?PageSize=3`]);
    });

    it("pages by 50 by default", async () => {
      const sids = seed(120);
      const listed = await env.client.functionVersions.list(env.ref);
      expect(listed.map((v) => v.sid)).toEqual([...sids].reverse());
      expect(listRequests()).toHaveLength(3);
      expect(listRequests()[0]).toMatch(/\?PageSize=50$/);
    });

    it("takes up to 1000 versions in one page", async () => {
      const sids = seed(1000);
      const listed = await env.client.functionVersions.list(env.ref, { pageSize: 1000 });
      expect(listed).toHaveLength(1000);
      expect(listed.map((v) => v.sid)).toEqual([...sids].reverse());
      expect(listRequests()).toEqual([
        `/v1/Services/${env.service.sid}/Functions/${env.fn.sid}/Versions?PageSize=1000`,
      ]);
    });

    it("keeps paging past 1000 versions", async () => {
      const sids = seed(1001);
      const listed = await env.client.functionVersions.list(env.ref, { pageSize: 1000 });
      expect(listed.map((v) => v.sid)).toEqual([...sids].reverse());
      expect(listRequests()).toHaveLength(2);
      expect(listRequests()[1]).toMatch(/\?PageSize=1000&Page=1&PageToken=PT1$/);
    });

    it("does not list a purged version", async () => {
      const created = await upload(3);
      expect(env.emulator.purgeVersion(created[1].sid)).toBe(true);
      const listed = await env.client.functionVersions.list(env.ref);
      expect(listed.map((v) => v.sid)).toEqual([created[2].sid, created[0].sid]);
    });
  });
});
