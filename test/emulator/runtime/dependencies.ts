/**
 * Where a build's npm dependencies come from: a `node_modules` folder the user points the emulator
 * at (a Toolkit project's own, after `npm install`), or, when asked, an `npm install` of the
 * build's dependency list into a cache folder, one per list, reused by every build naming the same.
 */
import { ChildProcess, spawn } from "child_process";
import crypto from "crypto";
import fs from "fs";
import os from "os";
import path from "path";
import { DependencyRecord } from "../records";
import { DEFAULT_DEPENDENCIES } from "../routes/builds";

/** How the emulator finds the packages its builds require. */
export interface DependencyOptions {
  /**
   * A `node_modules` folder every build's Functions require their packages from (for example a
   * Toolkit project's own, after `npm install`). Not with `installDependencies`.
   */
  nodeModules?: string;
  /**
   * Installs each build's dependencies with npm into `dependencyCacheDir`, once per dependency list
   * (default false: a build has only the `twilio` runtime-handler brings, or `nodeModules`).
   */
  installDependencies?: boolean;
  /** Where installs are kept and reused across runs (default `<OS temp dir>/twilio-serverless-emulator-dependencies`). */
  dependencyCacheDir?: string;
}

/** Marks a cache folder whose install completed. */
const INSTALLED = "emulator-installed.json";

/**
 * The dependencies npm installs: the build's own, without those the emulator adds to every build
 * that names none (`twilio` 5.x and `@twilio/runtime-handler` 2.x, see routes/builds.ts): the
 * emulator runs its own runtime-handler, and Functions get its `twilio` unless they name one.
 */
export function installable(dependencies: readonly DependencyRecord[]): DependencyRecord[] {
  return dependencies.filter(
    (d) =>
      d.name !== "@twilio/runtime-handler" &&
      !DEFAULT_DEPENDENCIES.some((added) => added.name === d.name && added.version === d.version),
  );
}

/** The cache key of a dependency list: the same packages and ranges in any order give the same key. */
export function dependencyKey(dependencies: readonly DependencyRecord[]): string {
  const list = dependencies.map(({ name, version }) => `${name}@${version}`).sort();
  return crypto.createHash("sha256").update(JSON.stringify(list)).digest("hex").slice(0, 24);
}

/** Resolves the `node_modules` folder of each build's dependencies. */
export class DependencyResolver {
  private readonly installs = new Map<string, Promise<string>>();
  private readonly running = new Set<ChildProcess>();
  private readonly cacheDir: string;

  constructor(private readonly options: DependencyOptions) {
    if (options.nodeModules !== undefined && options.installDependencies) {
      throw new Error("nodeModules and installDependencies exclude each other: choose one way to resolve packages");
    }
    if (
      options.nodeModules !== undefined &&
      !fs.statSync(options.nodeModules, { throwIfNoEntry: false })?.isDirectory()
    ) {
      throw new Error(`nodeModules: ${options.nodeModules} is not a folder`);
    }
    this.cacheDir = options.dependencyCacheDir ?? path.join(os.tmpdir(), "twilio-serverless-emulator-dependencies");
  }

  /** The `node_modules` folder a build with these dependencies resolves from, if any. */
  async folderFor(dependencies: readonly DependencyRecord[]): Promise<string | undefined> {
    if (this.options.nodeModules !== undefined) return path.resolve(this.options.nodeModules);
    if (!this.options.installDependencies) return undefined;
    const wanted = installable(dependencies);
    if (wanted.length === 0) return undefined;
    const key = dependencyKey(wanted);
    let install = this.installs.get(key);
    if (install === undefined) {
      install = this.install(key, wanted);
      this.installs.set(key, install);
      // A failed install (the network, a typo fixed since) is tried again by the next request.
      install.catch(() => this.installs.delete(key));
    }
    return install;
  }

  /** Stops the installs still running. */
  close(): void {
    for (const child of this.running) child.kill();
    this.running.clear();
  }

  private async install(key: string, dependencies: DependencyRecord[]): Promise<string> {
    const dir = path.join(this.cacheDir, key);
    if (fs.existsSync(path.join(dir, INSTALLED))) return path.join(dir, "node_modules");
    await fs.promises.mkdir(this.cacheDir, { recursive: true });
    // Installed aside, then renamed into place: a folder at the key is always a complete install,
    // whichever emulator (there may be several) finishes first.
    const work = await fs.promises.mkdtemp(path.join(this.cacheDir, `${key}.partial-`));
    try {
      const manifest = {
        name: "twilio-serverless-emulator-build",
        version: "1.0.0",
        private: true,
        dependencies: Object.fromEntries(dependencies.map((d) => [d.name, d.version])),
      };
      await fs.promises.writeFile(path.join(work, "package.json"), JSON.stringify(manifest, null, 2));
      await this.npm(["install", "--no-audit", "--no-fund", "--no-package-lock", "--omit=dev"], work, dependencies);
      await fs.promises.writeFile(path.join(work, INSTALLED), JSON.stringify(dependencies));
      try {
        await fs.promises.rename(work, dir);
      } catch (err) {
        if (!fs.existsSync(path.join(dir, INSTALLED))) throw err;
      }
      return path.join(dir, "node_modules");
    } finally {
      await fs.promises.rm(work, { recursive: true, force: true });
    }
  }

  private npm(args: string[], cwd: string, dependencies: DependencyRecord[]): Promise<void> {
    const windows = process.platform === "win32";
    const child = spawn(windows ? "npm.cmd" : "npm", args, {
      cwd,
      shell: windows,
      env: { ...process.env, npm_config_update_notifier: "false" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    this.running.add(child);
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-2000);
    });
    const named = dependencies.map((d) => `${d.name}@${d.version}`).join(", ");
    return new Promise((resolve, reject) => {
      child.once("error", (err) => {
        this.running.delete(child);
        reject(new Error(`npm could not be run to install ${named}: ${err.message}`));
      });
      child.once("close", (code, signal) => {
        this.running.delete(child);
        if (code === 0) resolve();
        else reject(new Error(`npm install of ${named} failed (${signal ?? `exit code ${code}`}): ${stderr.trim()}`));
      });
    });
  }
}
