import crypto from "crypto";
import fs from "fs";
import path from "path";
import { Readable } from "stream";
import type { UploadContent } from "../twilio/version-upload";
import { ARCHIVE_SIG, ASSET_SIG, SIG_KEY, isBag, isUnknown } from "./wire";

/**
 * The `content` input as it reaches the provider. The engine sends a string as is, a
 * `StringAsset` as `{sig, hash, text}` and a `FileAsset` as `{sig, hash, path}` to check/create,
 * but only `{sig, hash}` to diff, read and delete.
 */
export type Content =
  | { kind: "text"; text: string; hash?: string }
  | { kind: "file"; path: string; hash?: string }
  | { kind: "hash"; hash: string }
  | { kind: "unknown" };

/** Parses the wire form of `content`; returns a reason string when it is not usable. */
export function parseContent(value: unknown): Content | string {
  if (isUnknown(value)) return { kind: "unknown" };
  if (value === undefined || value === null) {
    return "content is required: a string, a pulumi.asset.StringAsset or a pulumi.asset.FileAsset";
  }
  if (typeof value === "string") return { kind: "text", text: value };
  if (!isBag(value)) {
    return `content must be a string, a pulumi.asset.StringAsset or a pulumi.asset.FileAsset, not a ${Array.isArray(value) ? "list" : typeof value}`;
  }
  if (value[SIG_KEY] === ARCHIVE_SIG) return "content must be a single file: archives are not supported";
  if (value[SIG_KEY] !== ASSET_SIG) {
    return "content must be a string, a pulumi.asset.StringAsset or a pulumi.asset.FileAsset, not an object";
  }
  const hash = typeof value.hash === "string" && value.hash !== "" ? value.hash : undefined;
  if (typeof value.text === "string") return { kind: "text", text: value.text, hash };
  if (typeof value.path === "string") return { kind: "file", path: value.path, hash };
  if (typeof value.uri === "string") {
    return "content cannot be a pulumi.asset.RemoteAsset: use a FileAsset or StringAsset so the bytes are known at deploy time";
  }
  if (hash !== undefined) return { kind: "hash", hash };
  return "content is an asset without text, path or hash";
}

/** Resolves a FileAsset path as the engine does: relative to the program directory. */
function resolveAssetPath(assetPath: string, programDir: string): string {
  return path.resolve(programDir, assetPath);
}

/** A reason the content cannot be uploaded (empty, missing file), or `undefined` when it can. */
export function contentProblem(content: Content, programDir: string): string | undefined {
  if (content.kind === "text") {
    if (content.text === "") return "content is empty";
    if (content.text.trim() === "") return "content is only whitespace";
    return undefined;
  }
  if (content.kind !== "file") return undefined;
  const full = resolveAssetPath(content.path, programDir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    return `content file "${content.path}" does not exist (looked for ${full})`;
  }
  if (!stat.isFile()) return `content file "${content.path}" is not a regular file (${full})`;
  if (stat.size === 0) return `content file "${content.path}" is empty`;
  return undefined;
}

/** The bytes the content would upload, with how messages name it; `undefined` while not known. */
export function contentSize(content: Content, programDir: string): { what: string; size: number } | undefined {
  if (content.kind === "text") return { what: "content", size: Buffer.byteLength(content.text) };
  if (content.kind !== "file") return undefined;
  return { what: `content file "${content.path}"`, size: fs.statSync(resolveAssetPath(content.path, programDir)).size };
}

/** Lowercase hex sha256 of text or bytes, as the engine hashes an asset. */
export function sha256(data: string | Buffer): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}

/**
 * The sha256 that identifies the content, without reading files the engine already hashed;
 * `undefined` while unknown in preview.
 */
export function contentHash(content: Content, programDir: string): string | undefined {
  switch (content.kind) {
    case "unknown":
      return undefined;
    case "hash":
      return content.hash;
    case "text":
      return content.hash ?? sha256(content.text);
    case "file":
      return content.hash ?? sha256(fs.readFileSync(resolveAssetPath(content.path, programDir)));
  }
}

/** An upload body plus the sha256 of the bytes that were actually sent. */
export interface HashedUpload {
  upload: UploadContent;
  /**
   * The digest of the last read of the content that reached its end; `undefined` while none has
   * (an upload that failed early stops reading the file).
   */
  digest: () => string | undefined;
}

/**
 * Bytes per read of a file being uploaded. At Node's default of 64 KiB a 5 MiB upload takes 80
 * rounds of file read, hash update and socket write, whose overhead costs more than the hashing
 * itself; at 1 MiB it takes 5, and the process still holds only a few MiB whatever the file size.
 */
export const UPLOAD_READ_BYTES = 1024 * 1024;

/**
 * Prepares content for upload: text as one buffer named `textFilename`, a file as the file's own
 * read stream under its own name, paused, hashed by a listener as its chunks go out, with no
 * second stream stage to re-buffer them.
 */
export function prepareUpload(content: Content, programDir: string, textFilename: string): HashedUpload {
  if (content.kind === "text") {
    const bytes = Buffer.from(content.text, "utf8");
    const digest = sha256(bytes);
    return { upload: { size: bytes.length, open: () => bytes, filename: textFilename }, digest: () => digest };
  }
  if (content.kind !== "file") throw new Error("content is not known yet and cannot be uploaded");
  const full = resolveAssetPath(content.path, programDir);
  const size = fs.statSync(full).size;
  let digest: string | undefined;
  const open = (): Readable => {
    const hash = crypto.createHash("sha256");
    const file = fs.createReadStream(full, { highWaterMark: UPLOAD_READ_BYTES });
    // Every chunk the consumer receives passes through 'data', whether it pipes, iterates or
    // reads, and 'end' comes only once it has received the last one.
    file.on("data", (chunk) => hash.update(chunk));
    file.on("end", () => {
      digest = hash.digest("hex");
    });
    // A 'data' listener starts the flow: handed over paused instead, the stream loses no chunk
    // before its consumer pipes, iterates or resumes it.
    file.pause();
    return file;
  };
  return {
    upload: { size, open, filename: path.basename(full) },
    digest: () => digest,
  };
}
