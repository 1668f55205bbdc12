import crypto from "crypto";
import fs from "fs";
import path from "path";

/** A generated Serverless Toolkit project. */
export interface GeneratedProject {
  dir: string;
  /** Function files, relative to `dir` (`functions/fn-00.js` …). */
  functions: string[];
  assets: string[];
  /** Bytes of every function and asset. */
  bytes: number;
}

// Asset types cycled through, binary ones included: the MIME type comes from the extension.
const ASSET_EXTENSIONS = [".txt", ".css", ".json", ".png", ".html"];

/** Deterministic bytes: the same project for every side and every run. */
function filler(seed: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  let block = crypto.createHash("sha256").update(seed).digest();
  for (let at = 0; at < size; at += block.length) {
    block.copy(out, at);
    block = crypto.createHash("sha256").update(block).digest();
  }
  return out;
}

/**
 * Writes a Toolkit project of `functions` functions of 1 to 4 KiB (sizes evenly spread) and
 * `assets` assets of 1 KiB to 1 MiB (sizes spread geometrically), with a package.json named `name`.
 */
export function generateToolkitProject(dir: string, name: string, functions: number, assets: number): GeneratedProject {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "functions"), { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version: "1.0.0", dependencies: {} }));
  const project: GeneratedProject = { dir, functions: [], assets: [], bytes: 0 };
  for (let i = 0; i < functions; i++) {
    const size = 1024 + Math.round((i * 3072) / Math.max(1, functions - 1));
    const head = `exports.handler = (context, event, callback) => callback(null, "function ${i}");\n//`;
    const body = filler(`${name}/fn-${i}`, size)
      .toString("base64")
      .slice(0, size - head.length - 1);
    const file = `functions/fn-${String(i).padStart(3, "0")}.js`;
    fs.writeFileSync(path.join(dir, file), `${head}${body}\n`);
    project.functions.push(file);
    project.bytes += size;
  }
  if (assets > 0) fs.mkdirSync(path.join(dir, "assets"), { recursive: true });
  for (let j = 0; j < assets; j++) {
    const size = Math.round(1024 * 1024 ** (j / Math.max(1, assets - 1)));
    const file = `assets/asset-${String(j).padStart(3, "0")}${ASSET_EXTENSIONS[j % ASSET_EXTENSIONS.length]}`;
    fs.writeFileSync(path.join(dir, file), filler(`${name}/asset-${j}`, size));
    project.assets.push(file);
    project.bytes += size;
  }
  return project;
}

/** Copies a generated project, so that each side deploys (and edits) its own identical folder. */
export function copyProject(project: GeneratedProject, dir: string): GeneratedProject {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(project.dir, dir, { recursive: true });
  return { ...project, dir };
}
