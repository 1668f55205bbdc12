import { execFile } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { isBag } from "../../provider/pulumi/wire";
import { ProgramResource } from "./engine";

/** Runs a Pulumi program under the SDK's mocks in a plain node process and returns its resources' inputs. */
export async function captureProgram(options: {
  /** The program's entry (file or folder). */
  program: string;
  /** The project directory: the program's working directory. */
  cwd: string;
  project: string;
  stack?: string;
  /** Stack config, keys namespaced (`project:key`). */
  config?: Record<string, string>;
  preview?: boolean;
}): Promise<ProgramResource[]> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "capture-")), "resources.json");
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(__dirname, "capture-program.js"), options.program, out],
      {
        cwd: options.cwd,
        env: {
          ...process.env,
          PULUMI_CONFIG: JSON.stringify(options.config ?? {}),
          PULUMI_NODEJS_PROJECT: options.project,
          PULUMI_NODEJS_STACK: options.stack ?? "dev",
          CAPTURE_PREVIEW: String(options.preview ?? false),
        },
      },
      (error, _stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve()),
    );
  });
  const parsed: unknown = JSON.parse(fs.readFileSync(out, "utf8"));
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  if (!Array.isArray(parsed)) throw new Error("capture wrote no resource list");
  return parsed.map((item: unknown) => {
    if (!isBag(item) || typeof item.type !== "string" || typeof item.name !== "string" || !isBag(item.inputs)) {
      throw new Error(`capture wrote a malformed resource: ${JSON.stringify(item)}`);
    }
    return { type: item.type, name: item.name, inputs: item.inputs };
  });
}
