import { execFileSync } from "child_process";
import fs from "fs";
import path from "path";
import { REPO } from "../../test/engine/fixture";

/** The engine's command line and the benchmark's program, compiled to JavaScript for plain node. */
export interface CompiledBench {
  /** `node <cli> up|preview …` (test/engine/cli.ts). */
  cli: string;
  /** The compiled program's project folder (its Pulumi.yaml names the compiled `index.js`). */
  program: string;
}

/** The compiled program's Pulumi.yaml: a JavaScript program, as `tsc` leaves a TypeScript one. */
const PULUMI_YAML = [
  "name: bench-toolkit",
  "description: The benchmark's program, compiled.",
  "runtime:",
  "  name: nodejs",
  "  options:",
  "    typescript: false",
  "main: index.js",
  "",
].join("\n");

/**
 * Compiles test/engine/cli.ts (with what it imports) and bench/toolkit-program with `tsc` into
 * `dir`, with a `node_modules` there that holds this repository's packages and this package by
 * name, as a user's project has them installed: each process then runs JavaScript with plain node,
 * and no time goes to transpiling. Needs `dist/` (the package's build).
 */
export function compileBench(dir: string): CompiledBench {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // Type libraries are found beside the tsconfig, as in a project: the packages go there first.
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(modules);
  for (const name of fs.readdirSync(path.join(REPO, "node_modules"))) {
    fs.symlinkSync(path.join(REPO, "node_modules", name), path.join(modules, name));
  }
  fs.symlinkSync(REPO, path.join(modules, "pulumi-twilio-serverless"));
  const tsconfig = path.join(dir, "tsconfig.json");
  fs.writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: path.join(REPO, "tsconfig.json"),
      compilerOptions: { noEmit: false, rootDir: REPO, outDir: dir, types: ["node"] },
      files: [path.join(REPO, "test", "engine", "cli.ts"), path.join(REPO, "bench", "toolkit-program", "index.ts")],
      include: [],
    }),
  );
  execFileSync(process.execPath, [path.join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", tsconfig], {
    cwd: REPO,
    stdio: ["ignore", "inherit", "inherit"],
  });
  // The program's runner is plain JavaScript already: copied beside the compiled engine.
  fs.copyFileSync(
    path.join(REPO, "test", "engine", "capture-program.js"),
    path.join(dir, "test", "engine", "capture-program.js"),
  );
  const program = path.join(dir, "bench", "toolkit-program");
  fs.writeFileSync(path.join(program, "Pulumi.yaml"), PULUMI_YAML);
  return { cli: path.join(dir, "test", "engine", "cli.js"), program };
}
