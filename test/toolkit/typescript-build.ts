/**
 * A Serverless Toolkit TypeScript project built as its own scripts build it: the template
 * `twilio serverless:init --typescript` copies (create-twilio-function's `templates/typescript`),
 * the tsconfig.json create-twilio-function writes, `tsc` (the repository's), then the assets copied
 * as its `build:copy-assets` script does.
 */
import fs from "fs";
import path from "path";
import ts from "typescript";

const REPO = path.resolve(__dirname, "..", "..");

/** The template `create-twilio-function --typescript` copies into a new project. */
export const TYPESCRIPT_TEMPLATE = path.join(REPO, "node_modules", "create-twilio-function", "templates", "typescript");

/** The tsconfig.json create-twilio-function writes for a TypeScript project (`createTsconfigFile`). */
export const TEMPLATE_TSCONFIG = {
  compilerOptions: {
    target: "es2018",
    module: "commonjs",
    strict: true,
    esModuleInterop: true,
    rootDir: "src",
    outDir: "dist",
    skipLibCheck: true,
    sourceMap: true,
    types: ["node"],
  },
  exclude: ["node_modules"],
};

/** The folders `twilio-run deploy --functions-folder dist/functions --assets-folder dist/assets` reads. */
export const BUILT_FOLDERS = { functionsFolder: "dist/functions", assetsFolder: "dist/assets" };

/**
 * A new TypeScript project in `dir` (which must not exist) as create-twilio-function lays it out:
 * the template's files, its tsconfig.json and a package.json named `name` with the dependencies it
 * writes for TypeScript.
 */
export function createTypeScriptProject(dir: string, name: string): void {
  fs.cpSync(TYPESCRIPT_TEMPLATE, dir, { recursive: true, errorOnExist: true });
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TEMPLATE_TSCONFIG, null, 2));
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify(
      {
        name,
        version: "0.0.0",
        private: true,
        dependencies: {
          "@twilio-labs/serverless-runtime-types": "^4.0.0",
          twilio: "5.0.3",
          "@twilio/runtime-handler": "2.1.0",
        },
      },
      null,
      2,
    ),
  );
}

/**
 * Builds the TypeScript project in `dir` as `npm run build` does there: `tsc` with its
 * tsconfig.json, then `copyfiles src/assets/* src/assets/**\/* --up 2 --exclude **\/*.ts dist/assets/`.
 * Its dependencies come from the repository's node_modules, linked in as `npm install` would put
 * them. Throws with tsc's diagnostics when the project does not compile.
 */
export function buildTypeScriptProject(dir: string): void {
  const modules = path.join(dir, "node_modules");
  if (!fs.existsSync(modules)) fs.symlinkSync(path.join(REPO, "node_modules"), modules, "dir");
  const configFile = path.join(dir, "tsconfig.json");
  const read = ts.readConfigFile(configFile, (file) => ts.sys.readFile(file));
  if (read.error) throw new Error(describe([read.error]));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dir, undefined, configFile);
  const program = ts.createProgram(parsed.fileNames, parsed.options, sharingHost(parsed.options));
  const emitted = program.emit();
  const problems = [...parsed.errors, ...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  if (problems.length > 0 || emitted.emitSkipped) throw new Error(`tsc failed:\n${describe(problems)}`);
  copyAssets(path.join(dir, "src", "assets"), path.join(dir, "dist", "assets"));
}

/** Declaration files under node_modules, parsed: the same for every project a test builds. */
const declarations = new Map<string, ts.SourceFile | undefined>();

/**
 * tsc's host, but for declaration files under node_modules (TypeScript's libraries, @types/node,
 * twilio's types), which are parsed once for every build of a test file, as TypeScript's language
 * service shares them between the programs it holds.
 */
function sharingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const parse = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreateNewSourceFile) => {
    if (shouldCreateNewSourceFile || !fileName.includes("/node_modules/") || !fileName.endsWith(".d.ts")) {
      return parse(fileName, languageVersion, onError, shouldCreateNewSourceFile);
    }
    const key = `${JSON.stringify(languageVersion)} ${fileName}`;
    if (!declarations.has(key)) declarations.set(key, parse(fileName, languageVersion, onError));
    return declarations.get(key);
  };
  return host;
}

/**
 * What the template's `build:copy-assets` copies: every file under `from` but `.ts` sources, at the
 * same place under `to`. copyfiles' globs, without `--all`, match no name starting with `.`.
 */
function copyAssets(from: string, to: string): void {
  if (!fs.existsSync(from)) return;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyAssets(source, path.join(to, entry.name));
    else if (!entry.name.endsWith(".ts")) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(source, path.join(to, entry.name));
    }
  }
}

function describe(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (file) => file,
    getCurrentDirectory: () => REPO,
    getNewLine: () => "\n",
  });
}
