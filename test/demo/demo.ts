/**
 * `npm run demo`: the example program's whole lifecycle without the Pulumi CLI. The example runs
 * under the SDK's mocks to get exactly what a real program sends, the SDK's dynamic-provider
 * plugin serves it over gRPC as the engine would, and the local Twilio emulator stands in for
 * Twilio. Each step prints a plan the way `pulumi` does, and the Twilio requests it made.
 */
import fs from "fs";
import path from "path";
import { TwilioEmulator } from "../emulator/server";
import { captureProgram } from "../engine/capture";
import { Engine, Step } from "../engine/engine";
import { REPO } from "../engine/fixture";
import { loadProject } from "../engine/project";
import { ProviderProcess } from "../engine/provider-process";
import { makeUserProject } from "../engine/user-project";

const EXAMPLE = "examples/function-from-file";
const SOURCE = `${EXAMPLE}/hello.js`;

const SYMBOLS: Record<Step["op"], string> = {
  create: " + ",
  same: "   ",
  update: " ~ ",
  replace: " +-",
  delete: " - ",
  refresh: " ~ ",
  gone: " - ",
};
const LABELS: Record<Step["op"], string> = {
  create: "create",
  same: "",
  update: "update",
  replace: "replace",
  delete: "delete",
  refresh: "refresh",
  gone: "deleted (purged at Twilio)",
};

function printPlan(title: string, steps: Step[]): void {
  console.log(`\n${title}\n`);
  const typeWidth = Math.max(4, ...steps.map((s) => s.type.length));
  const nameWidth = Math.max(4, ...steps.map((s) => s.name.length));
  console.log(`     ${"Type".padEnd(typeWidth)}  ${"Name".padEnd(nameWidth)}  Plan`);
  for (const step of steps) {
    const reason = step.replaces ? ` [diff: ${step.replaces.map((p) => `~${p}`).join(", ")}]` : "";
    console.log(
      ` ${SYMBOLS[step.op]}  ${step.type.padEnd(typeWidth)}  ${step.name.padEnd(nameWidth)}  ${LABELS[step.op]}${reason}`,
    );
  }
  const counts = new Map<string, number>();
  for (const step of steps) counts.set(step.op, (counts.get(step.op) ?? 0) + 1);
  const summary = [...counts].map(
    ([op, n]) => `${n} ${op === "same" ? "unchanged" : `to ${LABELS[op as Step["op"]] || op}`}`,
  );
  console.log(`\nResources: ${summary.join(", ")}`);
}

async function main(): Promise<void> {
  const emulator = await TwilioEmulator.start();
  const service = emulator.createService("demo");
  const fn = emulator.createFunction(service.sid, "hello");
  // The repository's Pulumi project, copied beside the package installed from its tarball, so that
  // editing the function below leaves the repository as it was.
  const copied = ["Pulumi.yaml", `${EXAMPLE}/index.ts`, SOURCE];
  const { dir } = await makeUserProject(
    Object.fromEntries(copied.map((file) => [file, fs.readFileSync(path.join(REPO, file), "utf8")])),
  );
  const project = loadProject(dir);
  const plugin = await ProviderProcess.start({ cwd: project.programDir, project: project.name });
  let seen = 0;
  const requests = (): string => {
    const made = emulator.requests.slice(seen);
    seen = emulator.requests.length;
    const listed = made.map(
      (r) => `${r.method} ${r.host === "upload" ? "upload host" : "API host"} ${r.path} → ${r.status}`,
    );
    return made.length === 0 ? "Twilio requests: none" : `Twilio requests:\n  ${listed.join("\n  ")}`;
  };
  try {
    console.log(`Twilio emulator on ${emulator.apiBaseUrl} (API) and ${emulator.uploadBaseUrl} (uploads)`);
    console.log(`Service ${service.sid}, Function ${fn.sid}; project in ${dir}, program in ${project.programDir}`);
    const config = {
      [`${project.name}:serviceSid`]: service.sid,
      [`${project.name}:functionSid`]: fn.sid,
    };
    await plugin.configure(
      {
        ...config,
        "twilio:apiKey": emulator.credentials.apiKey,
        "twilio:apiSecret": emulator.credentials.apiSecret,
        "twilio:serverlessBaseUrl": emulator.apiBaseUrl,
        "twilio:serverlessUploadBaseUrl": emulator.uploadBaseUrl,
      },
      ["twilio:apiSecret"],
    );
    const engine = new Engine(plugin, project, "dev");
    const [declared] = await captureProgram({ project, config });
    console.log(`\n__provider stored per resource: ${Buffer.byteLength(String(declared.inputs.__provider))} bytes`);
    const program = { config };
    printPlan("$ pulumi preview", await engine.preview(program));
    console.log(requests());

    printPlan("$ pulumi up", await engine.up(program));
    console.log(requests());
    const outputs = engine.state[0].outputs;
    console.log("\nOutputs:");
    for (const key of ["sid", "path", "visibility", "dateCreated", "contentHash", "url"]) {
      console.log(`    ${key.padEnd(12)}: ${String(outputs[key])}`);
    }

    printPlan("$ pulumi preview   # nothing changed", await engine.preview(program));
    console.log(requests());

    fs.appendFileSync(path.join(dir, SOURCE), "// edited\n");
    console.log(`\n$ echo "// edited" >> ${SOURCE}`);
    printPlan("$ pulumi preview", await engine.preview(program));
    printPlan("$ pulumi up", await engine.up(program));
    console.log(requests());
    console.log(`    new version ${String(engine.state[0].id)} replaces ${String(outputs.sid)}`);

    printPlan("$ pulumi refresh", await engine.refresh());
    console.log(requests());

    printPlan("$ pulumi destroy", await engine.destroy());
    console.log(requests());
    const said = plugin.output.filter((line) => line.includes("Function Version"));
    if (said.length > 0) console.log(`    provider said: ${said[0].replace(/^info: \[runtime\] /, "")}`);
    console.log(
      `\nVersions kept by the emulator (Twilio purges unused ones itself): ${emulator.store.versions.length}`,
    );
  } catch (err) {
    console.error(`The provider printed:\n${plugin.output.join("\n")}`);
    throw err;
  } finally {
    await plugin.stop();
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
