import { TwilioEmulator } from "../../test/emulator/server";
import { isStatusPoll } from "../../test/engine/shapes";

/** What a deploy leaves in the emulator: versions (Function and Asset), builds and deployments. */
export interface Left {
  versions: number;
  builds: number;
  deployments: number;
}

export function left(emulator: TwilioEmulator): Left {
  const { store } = emulator;
  return {
    versions: store.versions.length + store.assetVersions.length,
    builds: store.builds.size,
    deployments: store.deployments.size,
  };
}

/** How a client waited for one build: its status reads, and how soon the deployment followed. */
export interface BuildWait {
  buildSid: string;
  statusPolls: number;
  /** From the build's completion to the arrival of the deployment request that makes it live. */
  detectionMs: number;
}

/** The waits for each completed build the emulator holds that a deployment then made live. */
export function buildWaits(emulator: TwilioEmulator): BuildWait[] {
  const waits: BuildWait[] = [];
  for (const build of emulator.store.builds.values()) {
    if (build.finishedAt === undefined || build.status !== "completed") continue;
    const deployment = emulator.requests.find((r) => {
      // The recorded form holds only the fields the request sent, whatever its index type says.
      const form: Partial<Record<string, string[]>> = r.form ?? {};
      return r.method === "POST" && r.path.endsWith("/Deployments") && form.BuildSid?.[0] === build.sid;
    });
    if (deployment === undefined) continue;
    waits.push({
      buildSid: build.sid,
      statusPolls: emulator.requests.filter((r) => isStatusPoll(r) && r.path.includes(build.sid)).length,
      detectionMs: deployment.at - build.finishedAt,
    });
  }
  return waits;
}
