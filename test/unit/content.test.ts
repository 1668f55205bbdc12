import crypto from "crypto";
import fs from "fs";
import os from "os";
import path from "path";
import { Readable } from "stream";
import { Content, UPLOAD_READ_BYTES, contentHash, parseContent, prepareUpload } from "../../provider/model/content";

const SIG = "4dabf18193072939515e22adb298388d";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const HASH = "f".repeat(64);
// sha256("abc"), the FIPS 180-2 test vector.
const ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

const sha256 = (data: string | Buffer): string => crypto.createHash("sha256").update(data).digest("hex");

/** Bytes that are not text, distinct for each `seed`. */
function bytesOf(length: number, seed = 0): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + (i >> 8) + seed) % 256;
  return out;
}

/** Two and a bit upload reads' worth of bytes. */
const BIG = bytesOf(2 * 1024 * 1024 + 300_000);

let programDir: string;

beforeAll(() => {
  programDir = fs.mkdtempSync(path.join(os.tmpdir(), "fv-content-"));
  fs.writeFileSync(path.join(programDir, "abc.js"), "abc");
  fs.writeFileSync(path.join(programDir, "big.bin"), BIG);
});

afterAll(() => {
  fs.rmSync(programDir, { recursive: true, force: true });
});

function asStream(body: Buffer | Readable): Readable {
  if (!(body instanceof Readable)) throw new Error("a file upload must open as a stream");
  return body;
}

/** Reads the first chunk of a stream, then abandons it; resolves once it has closed. */
async function abandonAfterFirstChunk(stream: Readable): Promise<void> {
  await new Promise((resolve) => stream.once("data", resolve).resume());
  const closed = new Promise((resolve) => stream.once("close", resolve));
  stream.destroy();
  await closed;
}

async function readAll(body: Buffer | Readable): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

describe("parseContent", () => {
  test.each<[string, unknown, Content]>([
    ["a string", "abc", { kind: "text", text: "abc" }],
    ["an empty string", "", { kind: "text", text: "" }],
    ["the unknown sentinel", UNKNOWN, { kind: "unknown" }],
    ["a StringAsset", { [SIG]: ASSET_SIG, hash: HASH, text: "abc" }, { kind: "text", text: "abc", hash: HASH }],
    ["a FileAsset", { [SIG]: ASSET_SIG, hash: HASH, path: "f.js" }, { kind: "file", path: "f.js", hash: HASH }],
    ["a hash-only asset", { [SIG]: ASSET_SIG, hash: HASH }, { kind: "hash", hash: HASH }],
  ])("reads %s", (_what, raw, expected) => {
    expect(parseContent(raw)).toEqual(expected);
  });

  test.each<[string, unknown]>([
    ["an empty hash", ""],
    ["no hash", undefined],
    ["a non-string hash", 5],
  ])("leaves the hash of a StringAsset undefined for %s", (_what, hash) => {
    expect(parseContent({ [SIG]: ASSET_SIG, hash, text: "abc" })).toStrictEqual({
      kind: "text",
      text: "abc",
      hash: undefined,
    });
  });

  test.each<[string, unknown, string]>([
    ["undefined", undefined, "content is required: a string, a pulumi.asset.StringAsset or a pulumi.asset.FileAsset"],
    ["null", null, "content is required: a string, a pulumi.asset.StringAsset or a pulumi.asset.FileAsset"],
    ["a number", 1, "content must be a string, a pulumi.asset.StringAsset or a pulumi.asset.FileAsset, not a number"],
    ["an array", [], "content must be a string, a pulumi.asset.StringAsset or a pulumi.asset.FileAsset, not a list"],
    [
      "an object without signature",
      { hash: HASH, text: "abc" },
      "content must be a string, a pulumi.asset.StringAsset or a pulumi.asset.FileAsset, not an object",
    ],
    [
      "an archive",
      { [SIG]: ARCHIVE_SIG, hash: HASH, assets: {} },
      "content must be a single file: archives are not supported",
    ],
    [
      "a RemoteAsset",
      { [SIG]: ASSET_SIG, hash: HASH, uri: "https://example.test/x.js" },
      "content cannot be a pulumi.asset.RemoteAsset: use a FileAsset or StringAsset so the bytes are known at deploy time",
    ],
    ["an empty asset", { [SIG]: ASSET_SIG, hash: "" }, "content is an asset without text, path or hash"],
  ])("refuses %s", (_what, raw, reason) => {
    expect(parseContent(raw)).toBe(reason);
  });
});

describe("contentHash", () => {
  it("is undefined while the content is unknown", () => {
    expect(contentHash({ kind: "unknown" }, programDir)).toBeUndefined();
  });

  it("is the sha256 of text, as lowercase hex", () => {
    expect(contentHash({ kind: "text", text: "abc" }, programDir)).toBe(ABC_SHA256);
  });

  it("hashes text as UTF-8", () => {
    expect(contentHash({ kind: "text", text: "héllo ✓" }, programDir)).toBe(sha256(Buffer.from("héllo ✓", "utf8")));
  });

  it("is the engine's hash when the asset carries one", () => {
    expect(contentHash({ kind: "text", text: "abc", hash: HASH }, programDir)).toBe(HASH);
    expect(contentHash({ kind: "hash", hash: HASH }, programDir)).toBe(HASH);
  });

  it("is the sha256 of a file's bytes, relative to the program directory", () => {
    expect(contentHash({ kind: "file", path: "abc.js" }, programDir)).toBe(ABC_SHA256);
    expect(contentHash({ kind: "file", path: "big.bin" }, programDir)).toBe(sha256(BIG));
  });

  it("does not read a file whose hash the engine sent", () => {
    expect(contentHash({ kind: "file", path: "does-not-exist.js", hash: HASH }, programDir)).toBe(HASH);
  });
});

describe("prepareUpload", () => {
  /** The name text is sent under; a file keeps its own. */
  const TEXT_FILENAME = "function.js";

  describe("text", () => {
    it("sends the UTF-8 bytes with their size and digest", () => {
      const text = "héllo ✓";
      const bytes = Buffer.from(text, "utf8");
      const { upload, digest } = prepareUpload({ kind: "text", text }, programDir, TEXT_FILENAME);
      expect(upload.size).toBe(bytes.length);
      expect(upload.size).toBe(10);
      expect(upload.filename).toBe("function.js");
      expect(upload.open()).toEqual(bytes);
      expect(digest()).toBe(sha256(bytes));
    });

    it("sends it under the name it is given, from which an asset's MIME type follows", () => {
      expect(prepareUpload({ kind: "text", text: "body {}" }, programDir, "style.css").upload.filename).toBe(
        "style.css",
      );
    });

    it("digests the text itself, not the engine's hash", () => {
      const { digest } = prepareUpload({ kind: "text", text: "abc", hash: HASH }, programDir, TEXT_FILENAME);
      expect(digest()).toBe(ABC_SHA256);
    });
  });

  describe("a file", () => {
    it("streams every byte and digests what was read", async () => {
      const { upload, digest } = prepareUpload({ kind: "file", path: "big.bin" }, programDir, TEXT_FILENAME);
      expect(upload.size).toBe(BIG.length);
      expect(upload.filename).toBe("big.bin");
      const body = upload.open();
      expect(body).toBeInstanceOf(Readable);
      const sent = await readAll(body);
      expect(sent.equals(BIG)).toBe(true);
      expect(digest()).toBe(sha256(BIG));
    });

    it("opens two independent full streams", async () => {
      const { upload, digest } = prepareUpload({ kind: "file", path: "big.bin" }, programDir, TEXT_FILENAME);
      const first = upload.open();
      const second = upload.open();
      expect(first).not.toBe(second);
      const [a, b] = await Promise.all([readAll(first), readAll(second)]);
      expect(a.equals(BIG)).toBe(true);
      expect(b.equals(BIG)).toBe(true);
      expect(digest()).toBe(sha256(BIG));
    });

    it("opens a full stream again after one was read", async () => {
      const { upload, digest } = prepareUpload({ kind: "file", path: "abc.js" }, programDir, TEXT_FILENAME);
      expect((await readAll(upload.open())).toString()).toBe("abc");
      expect((await readAll(upload.open())).toString()).toBe("abc");
      expect(digest()).toBe(ABC_SHA256);
    });

    it("gives no digest before the file was read to the end", () => {
      const { upload, digest } = prepareUpload({ kind: "file", path: "abc.js" }, programDir, TEXT_FILENAME);
      expect(digest()).toBeUndefined();
      asStream(upload.open()).destroy();
      expect(digest()).toBeUndefined();
    });

    it("hands over the file's own stream, read 1 MiB at a time, with no stage in between", async () => {
      const { upload, digest } = prepareUpload({ kind: "file", path: "big.bin" }, programDir, TEXT_FILENAME);
      const body = upload.open();
      expect(body).toBeInstanceOf(fs.ReadStream);
      if (!(body instanceof fs.ReadStream)) throw new Error("not a file stream");
      expect(body.path).toBe(path.join(programDir, "big.bin"));
      expect(UPLOAD_READ_BYTES).toBe(1024 * 1024);
      expect(body.readableHighWaterMark).toBe(UPLOAD_READ_BYTES);
      const sizes: number[] = [];
      // A file stream read without an encoding yields Buffers; Node types its chunks `any`.
      for await (const chunk of body) sizes.push(Buffer.isBuffer(chunk) ? chunk.length : Number.NaN);
      expect(sizes).toEqual([UPLOAD_READ_BYTES, UPLOAD_READ_BYTES, BIG.length - 2 * UPLOAD_READ_BYTES]);
      expect(digest()).toBe(sha256(BIG));
    });

    it("hands the stream over paused: a consumer attached later still receives every byte", async () => {
      const { upload, digest } = prepareUpload({ kind: "file", path: "big.bin" }, programDir, TEXT_FILENAME);
      const body = asStream(upload.open());
      expect(body.isPaused()).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await readAll(body)).equals(BIG)).toBe(true);
      expect(digest()).toBe(sha256(BIG));
    });

    it("digests what the last complete read sent when the file changed between attempts", async () => {
      const file = path.join(programDir, "changing.bin");
      const before = bytesOf(BIG.length, 1);
      const after = bytesOf(BIG.length, 2);
      fs.writeFileSync(file, before);
      const { upload, digest } = prepareUpload({ kind: "file", path: "changing.bin" }, programDir, TEXT_FILENAME);
      expect((await readAll(upload.open())).equals(before)).toBe(true);
      expect(digest()).toBe(sha256(before));
      fs.writeFileSync(file, after);
      expect((await readAll(upload.open())).equals(after)).toBe(true);
      expect(digest()).toBe(sha256(after));
    });

    it("keeps the digest of the last complete read only, none of a read abandoned after its first chunk", async () => {
      const { upload, digest } = prepareUpload({ kind: "file", path: "big.bin" }, programDir, TEXT_FILENAME);
      await abandonAfterFirstChunk(asStream(upload.open()));
      expect(digest()).toBeUndefined();
      await readAll(upload.open());
      await abandonAfterFirstChunk(asStream(upload.open()));
      expect(digest()).toBe(sha256(BIG));
    });

    it("fails the stream, with no digest, when the file is gone by the time it is opened", async () => {
      const file = path.join(programDir, "vanishing.js");
      fs.writeFileSync(file, "abc");
      const { upload, digest } = prepareUpload({ kind: "file", path: "vanishing.js" }, programDir, TEXT_FILENAME);
      fs.rmSync(file);
      await expect(readAll(upload.open())).rejects.toThrow(/ENOENT/);
      expect(digest()).toBeUndefined();
    });

    it("digests the bytes read, not the engine's hash", async () => {
      const { upload, digest } = prepareUpload({ kind: "file", path: "abc.js", hash: HASH }, programDir, TEXT_FILENAME);
      await readAll(upload.open());
      expect(digest()).toBe(ABC_SHA256);
    });

    it("resolves an absolute path as is", () => {
      const full = path.join(programDir, "abc.js");
      const { upload } = prepareUpload({ kind: "file", path: full }, os.tmpdir(), TEXT_FILENAME);
      expect(upload.size).toBe(3);
      expect(upload.filename).toBe("abc.js");
    });

    it("fails for a missing file", () => {
      expect(() => prepareUpload({ kind: "file", path: "missing.js" }, programDir, TEXT_FILENAME)).toThrow(/ENOENT/);
    });
  });

  test.each<[string, Content]>([
    ["unknown", { kind: "unknown" }],
    ["only a hash", { kind: "hash", hash: HASH }],
  ])("refuses content that is %s", (_what, content) => {
    expect(() => prepareUpload(content, programDir, TEXT_FILENAME)).toThrow(
      new Error("content is not known yet and cannot be uploaded"),
    );
  });
});
