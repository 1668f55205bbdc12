/**
 * `npm run demo`: the ServerlessProject example's whole lifecycle without the Pulumi CLI or a
 * Twilio account. The example runs under the SDK's mocks to get exactly what a real program sends,
 * the SDK's dynamic-provider plugin serves it over gRPC as the engine would, and the local Twilio
 * emulator stands in for Twilio and runs what is deployed on Twilio's own runtime-handler. Each
 * step prints a plan the way `pulumi` does and the Twilio requests it made; the live functions are
 * called before and after one of them is edited.
 */
import fs from "fs";
import path from "path";
import { RecordedRequest, TwilioEmulator } from "../emulator/server";
import { twilioSignature } from "../emulator/runtime/signature";
import { Engine, StateEntry, Step } from "../engine/engine";
import { REPO } from "../engine/fixture";
import { loadProject } from "../engine/project";
import { ProviderProcess } from "../engine/provider-process";
import { requestsSince, tally } from "../engine/shapes";
import { makeUserProject } from "../engine/user-project";

const EXAMPLE = "examples/serverless-project";
const EDITED = `${EXAMPLE}/app/functions/hello.js`;

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

/** The example's files, each relative to the repository. */
function exampleFiles(): string[] {
  const found: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(REPO, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else found.push(child);
    }
  };
  walk(EXAMPLE);
  return found;
}

/** A plan as `pulumi preview` prints it: children indented under the component. */
function printPlan(title: string, steps: Step[], unchanged: "show" | "hide" = "show"): void {
  console.log(`\n${title}\n`);
  const shown = steps.filter((s) => unchanged === "show" || s.op !== "same");
  const type = (s: Step): string => (s.type.startsWith("twilio-serverless:") ? s.type : `├─ ${s.type}`);
  const typeWidth = Math.max(4, ...shown.map((s) => type(s).length));
  const nameWidth = Math.max(4, ...shown.map((s) => s.name.length));
  console.log(`     ${"Type".padEnd(typeWidth)}  ${"Name".padEnd(nameWidth)}  Plan`);
  for (const step of shown) {
    const changed = step.replaces ?? step.updates;
    const reason = changed ? ` [diff: ${changed.map((p) => `~${p}`).join(", ")}]` : "";
    console.log(
      ` ${SYMBOLS[step.op]}  ${type(step).padEnd(typeWidth)}  ${step.name.padEnd(nameWidth)}  ${LABELS[step.op]}${reason}`,
    );
  }
  const counts = new Map<string, number>();
  for (const step of steps) counts.set(step.op, (counts.get(step.op) ?? 0) + 1);
  const summary = [...counts].map(
    ([op, n]) => `${n} ${op === "same" ? "unchanged" : `to ${LABELS[op as Step["op"]] || op}`}`,
  );
  console.log(`\nResources: ${summary.join(", ")}`);
}

/** Requests by kind, as the closing lines of each step print them. */
function requestSummary(made: RecordedRequest[]): string {
  const t = tally(made);
  return `${t.total} (${t.uploads} uploads, ${t.otherWrites} other writes, ${t.reads} reads, ${t.statusPolls} build status polls)`;
}

async function main(): Promise<void> {
  const emulator = await TwilioEmulator.start({ buildDurationMs: 1000 });
  // The repository's Pulumi project, copied beside the package installed from its tarball, so that
  // editing the function below leaves the repository as it was.
  const copied = ["Pulumi.yaml", ...exampleFiles()];
  const { dir } = await makeUserProject(
    Object.fromEntries(copied.map((file) => [file, fs.readFileSync(path.join(REPO, file), "utf8")])),
  );
  const project = loadProject(dir);
  const plugin = await ProviderProcess.start({ cwd: project.programDir, project: project.name });
  const made = requestsSince(emulator);
  const listed = (requests: RecordedRequest[]): string =>
    requests.length === 0
      ? "Twilio requests: none"
      : `Twilio requests: ${requestSummary(requests)}\n  ${requests
          .map((r) => `${r.method} ${r.host === "upload" ? "upload host" : "API host"} ${r.path} → ${r.status}`)
          .join("\n  ")}`;
  const entry = (type: string): StateEntry => {
    const found = engine.state.find((e) => e.type.endsWith(`:${type}`));
    if (found === undefined) throw new Error(`no ${type} in the stack`);
    return found;
  };
  /** Calls a live path and prints one line for its answer; returns the answer's media type. */
  const call = async (urlPath: string, signed = false): Promise<string> => {
    const domain = String(entry("Environment").outputs.domainName);
    const headers: Record<string, string> = {};
    if (signed)
      headers["X-Twilio-Signature"] = twilioSignature(emulator.credentials.authToken, `https://${domain}${urlPath}`);
    const response = await fetch(emulator.runtimeUrl(domain, urlPath), { headers });
    // One line per answer: the body's whitespace folded, long bodies cut.
    const text = (await response.text()).replace(/\s+/g, " ").trim();
    const body = text.length > 90 ? `${text.slice(0, 89)}…` : text;
    const type = (response.headers.get("content-type") ?? "").split(";")[0];
    const how = signed ? "   (signed with the auth token)" : "";
    console.log(`    GET https://${domain}${urlPath}${how}\n      → ${response.status} ${type}  ${body}`);
    return type;
  };
  const engine = new Engine(plugin, project, "dev");
  try {
    console.log(`Twilio emulator on ${emulator.apiBaseUrl} (API) and ${emulator.uploadBaseUrl} (uploads)`);
    console.log(`Project in ${dir}; program in ${project.programDir}; Toolkit folder app/`);
    await plugin.configure(
      {
        "twilio:apiKey": emulator.credentials.apiKey,
        "twilio:apiSecret": emulator.credentials.apiSecret,
        "twilio:serverlessBaseUrl": emulator.apiBaseUrl,
        "twilio:serverlessUploadBaseUrl": emulator.uploadBaseUrl,
      },
      ["twilio:apiSecret"],
    );
    const program = { config: {} };
    printPlan("$ pulumi preview", await engine.preview(program));
    console.log(listed(made()));

    printPlan("$ pulumi up", await engine.up(program), "hide");
    console.log(`Twilio requests: ${requestSummary(made())}`);
    console.log("\nOutputs:");
    for (const [key, value] of Object.entries(engine.outputs)) {
      console.log(`    ${key}: ${JSON.stringify(value, null, 4).replace(/\n/g, "\n    ")}`);
    }
    console.log("\nThe live functions and assets:");
    await call("/hello?name=Ada");
    await call("/message");
    // TwiML made with Twilio.twiml, answered as Twilio's runtime answers it.
    const twiml = await call("/sms/reply?Body=hi");
    if (twiml !== "text/xml") throw new Error(`/sms/reply answered ${twiml}, not text/xml`);
    await call("/index.html");
    await call("/message.txt");
    await call("/admin");
    await call("/admin", true);

    printPlan("$ pulumi up   # nothing changed", await engine.up(program), "hide");
    console.log(listed(made()));

    const file = path.join(dir, EDITED);
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, "utf8")
        .replace("`${context.GREETING}, ${name}!`", "`${context.GREETING}, ${name}! (edited)`"),
    );
    console.log(`\n$ edit ${EDITED.slice(EXAMPLE.length + 1)}   # the greeting ends with "(edited)"`);
    printPlan("$ pulumi preview", await engine.preview(program), "hide");
    console.log(listed(made()));
    printPlan("$ pulumi up", await engine.up(program), "hide");
    console.log(listed(made()));
    console.log("\nThe live function, after the change:");
    await call("/hello?name=Ada");

    printPlan("$ pulumi destroy", await engine.destroy());
    console.log(`Twilio requests: ${requestSummary(made())}`);
    const left = emulator.store.services.size + emulator.store.functions.size + emulator.store.builds.size;
    console.log(`\nServices, Functions and Builds left in the emulator: ${left}`);
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
