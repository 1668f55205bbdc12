/**
 * Helpers of the deploy-chain client tests: versions, builds and live environments made through
 * the client, and what the emulator recorded of the requests.
 */
import { Build, BuildStatus } from "../../provider/twilio/builds";
import { TwilioClient } from "../../provider/twilio/client";
import { EnvironmentRef } from "../../provider/twilio/deployments";
import { Environment } from "../../provider/twilio/environments";
import { FunctionVersion } from "../../provider/twilio/function-versions";
import { RecordedRequest } from "../emulator/server";
import { ClientEnv, bufferContent } from "./setup";

/** How Twilio writes dates: ISO 8601 in UTC without fractional seconds. */
export const TWILIO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** A SID with this prefix. */
export const sidOf = (prefix: string): RegExp => new RegExp(`^${prefix}[0-9a-f]{32}$`);

/** Uploads a version of the environment's Function through the client. */
export function uploadVersion(env: ClientEnv, path = "/hello"): Promise<FunctionVersion> {
  const source = `exports.handler = (context, event, callback) => callback(null, ${JSON.stringify(path)});\n`;
  return env.client.functionVersions.upload({ ...env.ref, path, visibility: "public", content: bufferContent(source) });
}

/** Polls a build's status through the client until it is no longer `building`, or `timeoutMs` passes. */
export async function waitForBuild(
  client: TwilioClient,
  serviceSid: string,
  buildSid: string,
  timeoutMs = 5_000,
): Promise<BuildStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await client.builds.status({ serviceSid, sid: buildSid });
    if (status !== "building" || Date.now() >= deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A completed build of one new version of the environment's Function. */
export async function completedBuild(env: ClientEnv, runtime?: string): Promise<Build> {
  const version = await uploadVersion(env);
  const build = await env.client.builds.create(
    { serviceSid: env.service.sid },
    {
      functionVersions: [version.sid],
      assetVersions: [],
      dependencies: {},
      runtime,
    },
  );
  const status = await waitForBuild(env.client, env.service.sid, build.sid);
  if (status !== "completed") throw new Error(`build ${build.sid} ended ${status}`);
  return env.client.builds.fetch({ serviceSid: env.service.sid, sid: build.sid });
}

/** An Environment of the environment's Service, with a completed build live in it. */
export async function liveEnvironment(
  env: ClientEnv,
  uniqueName = "production",
): Promise<{ environment: Environment; build: Build; ref: EnvironmentRef }> {
  const build = await completedBuild(env);
  const created = await env.client.environments.create({ serviceSid: env.service.sid }, { uniqueName });
  const ref = { serviceSid: env.service.sid, environmentSid: created.sid };
  await env.client.deployments.create(ref, { buildSid: build.sid });
  const environment = await env.client.environments.fetch({ serviceSid: env.service.sid, sid: created.sid });
  return { environment, build, ref };
}

/** The last request the emulator recorded. */
export function lastRequest(env: ClientEnv): RecordedRequest {
  const last = env.emulator.requests.at(-1);
  if (last === undefined) throw new Error("the emulator recorded no request");
  return last;
}
