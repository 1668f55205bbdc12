/**
 * `npm run emulator`: runs the Twilio Serverless emulator on 127.0.0.1 until interrupted, with one
 * Service and one Function ready, and prints the settings that point the provider at it, then one
 * line per request. Settings come from `EMULATOR_*` variables; those of the runtime also from
 * flags (`npm run emulator -- --node-modules app/node_modules`), which win.
 */
import fs from "fs";
import { parseArgs } from "util";
import { TwilioEmulator } from "./server";

/** The runtime's flags, each also an `EMULATOR_*` variable. */
function runtimeOptions(): {
  nodeModules?: string;
  installDependencies?: boolean;
  dependencyCacheDir?: string;
  dataDir?: string;
} {
  const { values } = parseArgs({
    options: {
      "node-modules": { type: "string" },
      "install-dependencies": { type: "boolean" },
      "dependency-cache": { type: "string" },
      "data-dir": { type: "string" },
    },
  });
  const flagOrEnv = (flag: string | undefined, name: string): string | undefined =>
    flag ?? (process.env[name] || undefined);
  const install = process.env.EMULATOR_INSTALL_DEPENDENCIES;
  return {
    nodeModules: flagOrEnv(values["node-modules"], "EMULATOR_NODE_MODULES"),
    installDependencies: values["install-dependencies"] ?? (install === "1" || install === "true"),
    dependencyCacheDir: flagOrEnv(values["dependency-cache"], "EMULATOR_DEPENDENCY_CACHE"),
    dataDir: flagOrEnv(values["data-dir"], "EMULATOR_DATA_DIR"),
  };
}

async function main(): Promise<void> {
  const number = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);
  const failing = process.env.EMULATOR_FAILING_DEPENDENCIES;
  const runtime = runtimeOptions();
  const emulator = await TwilioEmulator.start({
    ...runtime,
    apiPort: number("EMULATOR_API_PORT"),
    uploadPort: number("EMULATOR_UPLOAD_PORT"),
    buildDurationMs: number("EMULATOR_BUILD_DURATION_MS"),
    invocationTimeoutMs: number("EMULATOR_INVOCATION_TIMEOUT_MS"),
    failingDependencies: failing ? failing.split(",").map((name) => name.trim()) : undefined,
    apiKey: process.env.EMULATOR_API_KEY,
    apiSecret: process.env.EMULATOR_API_SECRET,
    accountSid: process.env.EMULATOR_ACCOUNT_SID,
    authToken: process.env.EMULATOR_AUTH_TOKEN,
    log: (line) => {
      console.log(line);
    },
  });
  const service = emulator.createService("example");
  const fn = emulator.createFunction(service.sid, "hello");
  const { apiKey, apiSecret, accountSid, authToken } = emulator.credentials;
  // Scripts that start the emulator in the background read its addresses from this file.
  if (process.env.EMULATOR_INFO_FILE) {
    const info = { apiBaseUrl: emulator.apiBaseUrl, uploadBaseUrl: emulator.uploadBaseUrl, ...emulator.credentials };
    fs.writeFileSync(
      process.env.EMULATOR_INFO_FILE,
      JSON.stringify({ ...info, serviceSid: service.sid, functionSid: fn.sid }),
    );
  }
  console.log(`Twilio Serverless emulator
  API host:     ${emulator.apiBaseUrl}
  upload host:  ${emulator.uploadBaseUrl}
  accepts:      API key ${apiKey} / secret ${apiSecret}
                account ${accountSid} / auth token ${authToken}
  service:      ${service.sid} (example)
  function:     ${fn.sid} (hello)
  runtime:      ${emulator.runtimeUrl("<domain name>", "/<path>")}
                or any path of the API host with Host: <domain name>
                (what is deployed to an Environment runs there, on @twilio/runtime-handler)
  packages:     ${
    runtime.installDependencies
      ? `each build's dependencies installed with npm (cache: ${runtime.dependencyCacheDir ?? "OS temp dir"})`
      : (runtime.nodeModules ?? "none but twilio (set --node-modules or --install-dependencies)")
  }

Point the provider at it:
  export TWILIO_SERVERLESS_BASE_URL=${emulator.apiBaseUrl}
  export TWILIO_SERVERLESS_UPLOAD_BASE_URL=${emulator.uploadBaseUrl}
  export TWILIO_API_KEY=${apiKey}
  export TWILIO_API_SECRET=${apiSecret}

Ctrl-C stops it. Requests follow, one per line: method, host (api, upload or runtime), path,
status (or "dropped"), duration.
`);
  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
