/**
 * Run by plain node (`node --import tsx`), outside any test runner, so that errors made by Node
 * core and axios share the client's realm as they do in production: makes failing requests with
 * the real client against the emulator, whose answers send the credentials back, and prints a
 * JSON summary of each error on stdout.
 */
import fs from "fs";
import util from "util";
import { TwilioApiError } from "../../provider/twilio/errors";
import { FaultAction } from "../emulator/faults";
import { leaksIn, passwordForms } from "./secret-scan";
import { CREDENTIAL_KINDS, CredentialKind, TEST_POLICY, clientFor, credentialsOf, startEnv } from "./setup";

/** How each failure is summarised. */
export interface FailureSummary {
  kind: CredentialKind;
  fault: string;
  isTwilioApiError: boolean;
  name: string;
  status?: number;
  code?: number;
  detail?: string;
  moreInfo?: string;
  cause?: { name: unknown; code: unknown; message: unknown; isNativeError: boolean; ownKeys: string[] };
  /** Where a credential showed, as `leaksIn` reports it; empty when nowhere. */
  leaks: string[];
}

/** What the script prints. */
export interface PlainNodeReport {
  /** True in a plain process: errors thrown by Node core are `instanceof Error` here. */
  coreErrorsAreErrors: boolean;
  failures: FailureSummary[];
}

const FAULTS: Record<string, FaultAction> = {
  body: { kind: "echo", where: "body", status: 401 },
  network: { kind: "echo", where: "network" },
  aborted: { kind: "echo", where: "aborted" },
  timeout: { kind: "delay", ms: 1_000 },
};

function coreErrorsAreErrors(): boolean {
  try {
    fs.readFileSync("/nonexistent/plain-node-failures");
  } catch (err) {
    return err instanceof Error;
  }
  return false;
}

async function summarise(kind: CredentialKind, fault: string): Promise<FailureSummary> {
  const timeoutMs = fault === "timeout" ? 200 : 30_000;
  const env = await startEnv({ timeoutMs });
  try {
    const credentials = credentialsOf(env.emulator, kind);
    const client = clientFor(env.emulator, [], { timeoutMs, credentials });
    env.emulator.faults.add({ host: "api", times: TEST_POLICY.maxAttempts, action: FAULTS[fault] });
    const err: unknown = await client.functionVersions.list(env.ref).then(
      () => new Error("the request succeeded"),
      (e: unknown) => e,
    );
    const summary: FailureSummary = {
      kind,
      fault,
      isTwilioApiError: err instanceof TwilioApiError,
      name: err instanceof Error ? err.name : typeof err,
      leaks: leaksIn(err, [...passwordForms(credentials), credentials.username]),
    };
    if (!(err instanceof TwilioApiError)) return summary;
    const { cause } = err;
    return {
      ...summary,
      status: err.status,
      code: err.code,
      detail: err.detail,
      moreInfo: err.moreInfo,
      cause:
        typeof cause === "object" && cause !== null
          ? {
              name: "name" in cause ? cause.name : undefined,
              code: "code" in cause ? cause.code : undefined,
              message: "message" in cause ? cause.message : undefined,
              isNativeError: util.types.isNativeError(cause),
              ownKeys: Reflect.ownKeys(cause).map(String).sort(),
            }
          : undefined,
    };
  } finally {
    await env.emulator.close();
  }
}

async function main(): Promise<void> {
  const failures: FailureSummary[] = [];
  for (const kind of CREDENTIAL_KINDS) {
    for (const fault of Object.keys(FAULTS)) failures.push(await summarise(kind, fault));
  }
  const report: PlainNodeReport = { coreErrorsAreErrors: coreErrorsAreErrors(), failures };
  process.stdout.write(JSON.stringify(report));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
