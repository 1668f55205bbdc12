import fs from "fs";
import path from "path";
import {
  ClientEnv,
  bufferContent,
  fileContent,
  makeTempDir,
  removeTempDir,
  sha256,
  sourceOfSize,
  startEnv,
} from "./setup";

const SID = /^[A-Z]{2}[0-9a-f]{32}$/;

describe("functionVersions.create (upload)", () => {
  let env: ClientEnv;
  let dir: string;

  beforeEach(async () => {
    env = await startEnv();
    dir = makeTempDir();
  });

  afterEach(async () => {
    await env.emulator.close();
    removeTempDir(dir);
  });

  it("sends one multipart request to the upload host only and maps the answer to camelCase", async () => {
    const source = 'exports.handler = (context, event, callback) => callback(null, "hi");\n';
    const before = Date.now();

    const version = await env.client.functionVersions.upload({
      ...env.ref,
      path: "hello",
      visibility: "protected",
      content: bufferContent(source, "hello.js"),
    });

    expect(env.emulator.requests).toHaveLength(1);
    expect(env.emulator.requestsTo("api")).toHaveLength(0);
    const [request] = env.emulator.requestsTo("upload", "POST");
    expect(request.path).toBe(`/v1/Services/${env.service.sid}/Functions/${env.fn.sid}/Versions`);
    expect(request.status).toBe(201);
    expect(request.upload).toEqual({
      path: "hello",
      visibility: "protected",
      filename: "hello.js",
      contentType: "application/javascript",
      size: Buffer.byteLength(source),
      sha256: sha256(source),
    });

    const stored = env.emulator.store.versions;
    expect(stored).toHaveLength(1);
    expect(version).toEqual({
      sid: stored[0].sid,
      accountSid: env.emulator.credentials.accountSid,
      serviceSid: env.service.sid,
      functionSid: env.fn.sid,
      path: "/hello",
      visibility: "protected",
      dateCreated: stored[0].dateCreated,
      url: `${env.emulator.apiBaseUrl}/v1/Services/${env.service.sid}/Functions/${env.fn.sid}/Versions/${stored[0].sid}`,
    });
    expect(version.sid).toMatch(SID);
    expect(version.sid.startsWith("ZN")).toBe(true);
    expect(version.accountSid.startsWith("AC")).toBe(true);
    expect(version.url.startsWith(env.emulator.apiBaseUrl)).toBe(true);
    expect(version.url.startsWith(env.emulator.uploadBaseUrl)).toBe(false);
    expect(Object.keys(version).sort()).toEqual(
      ["accountSid", "dateCreated", "functionSid", "path", "serviceSid", "sid", "url", "visibility"].sort(),
    );
    // Twilio's dates carry whole seconds.
    expect(version.dateCreated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Date.parse(version.dateCreated)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(env.sleeps).toEqual([]);
  });

  it("keeps a path that already starts with a slash", async () => {
    const version = await env.client.functionVersions.upload({
      ...env.ref,
      path: "/api/v2/hello-world",
      visibility: "public",
      content: bufferContent("exports.handler = () => {};"),
    });
    expect(version.path).toBe("/api/v2/hello-world");
    expect(version.visibility).toBe("public");
    expect(env.emulator.requests[0].upload?.path).toBe("/api/v2/hello-world");
  });

  it.each(["public", "protected", "private"] as const)("sends visibility %s", async (visibility) => {
    const version = await env.client.functionVersions.upload({
      ...env.ref,
      path: `/v-${visibility}`,
      visibility,
      content: bufferContent(`// ${visibility}\n`),
    });
    expect(version.visibility).toBe(visibility);
    expect(env.emulator.requests[0].upload?.visibility).toBe(visibility);
    expect(env.emulator.store.versions[0].visibility).toBe(visibility);
  });

  it("uploads binary-exact content from a Buffer", async () => {
    // Multi-byte UTF-8 and bytes that look like multipart syntax must arrive unchanged.
    const source = Buffer.from(
      `// héllo ✓ 🚀\r\n--boundary\r\nContent-Type: text/plain\r\n\r\n${sourceOfSize(300_000)}`,
    );

    const version = await env.client.functionVersions.upload({
      ...env.ref,
      path: "/big",
      visibility: "private",
      content: bufferContent(source, "big.js"),
    });

    const upload = env.emulator.requests[0].upload;
    expect(upload?.size).toBe(source.length);
    expect(upload?.sha256).toBe(sha256(source));
    expect(upload?.filename).toBe("big.js");
    expect(env.emulator.store.versions[0].content.equals(source)).toBe(true);
    expect(env.emulator.store.versions[0].sid).toBe(version.sid);
  });

  it("uploads content streamed from a file", async () => {
    const file = path.join(dir, "streamed.js");
    const source = Buffer.from(sourceOfSize(1_000_000, "streamed"));
    fs.writeFileSync(file, source);
    const content = fileContent(file);

    const version = await env.client.functionVersions.upload({
      ...env.ref,
      path: "/streamed",
      visibility: "public",
      content,
    });

    expect(content.opened()).toBe(1);
    expect(content.streams[0].destroyed).toBe(true);
    expect(env.emulator.requests).toHaveLength(1);
    const upload = env.emulator.requests[0].upload;
    expect(upload).toEqual({
      path: "/streamed",
      visibility: "public",
      filename: "streamed.js",
      contentType: "application/javascript",
      size: source.length,
      sha256: sha256(source),
    });
    expect(version.path).toBe("/streamed");
    expect(env.emulator.store.versions[0].content.equals(source)).toBe(true);
  });

  it("uploads an empty file", async () => {
    const version = await env.client.functionVersions.upload({
      ...env.ref,
      path: "/empty",
      visibility: "public",
      content: bufferContent(Buffer.alloc(0), "empty.js"),
    });
    expect(version.sid.startsWith("ZN")).toBe(true);
    expect(env.emulator.requests[0].upload?.size).toBe(0);
    expect(env.emulator.requests[0].upload?.sha256).toBe(sha256(Buffer.alloc(0)));
  });

  it("creates a new version for every upload, even of the same content", async () => {
    const params = { ...env.ref, path: "/same", visibility: "public" as const, content: bufferContent("same") };
    const first = await env.client.functionVersions.upload(params);
    const second = await env.client.functionVersions.upload(params);
    expect(first.sid).not.toBe(second.sid);
    expect(env.emulator.store.versions.map((v) => v.sid)).toEqual([first.sid, second.sid]);
  });

  it("fails at once, without sending it again, when the file to upload cannot be read", async () => {
    const file = path.join(dir, "gone.js");
    fs.writeFileSync(file, sourceOfSize(4096));
    const content = fileContent(file);
    fs.rmSync(file);

    await expect(
      env.client.functionVersions.upload({ ...env.ref, path: "gone", visibility: "protected", content }),
    ).rejects.toThrow(
      new RegExp(`^could not read the body of POST /v1/Services/${env.service.sid}/.*: ENOENT: no such file`),
    );
    expect(content.opened()).toBe(1);
    expect(env.emulator.store.versions).toHaveLength(0);
  });

  it("keeps one connection alive across uploads, from memory and from files", async () => {
    const file = path.join(dir, "kept.js");
    fs.writeFileSync(file, sourceOfSize(64 * 1024));
    for (let i = 0; i < 6; i++) {
      const content = i % 2 === 0 ? bufferContent(sourceOfSize(1024, String(i))) : fileContent(file);
      await env.client.functionVersions.upload({ ...env.ref, path: `/kept-${i}`, visibility: "public", content });
    }
    expect(env.emulator.store.versions).toHaveLength(6);
    expect(env.emulator.connections.upload).toBe(1);
  });
});
