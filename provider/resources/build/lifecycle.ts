import { claims, createOnce } from "../../pulumi/create-once";
import { LifecycleContext } from "../../pulumi/lifecycle";
import { CreatedButUnfinished, RemoteResource } from "../../pulumi/remote-lifecycle";
import { settingsOf } from "../../pulumi/session";
import { storedString } from "../../pulumi/stored";
import { PropertyBag, isBag } from "../../pulumi/wire";
import { TwilioClient } from "../../twilio/client";
import { Build, BuildDependency, CreateBuildParams } from "../../twilio/builds";
import { BUILD_SPEC } from "./spec";
import { buildWaitClock, waitForBuild } from "./polling";

const sids = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((sid) => b.includes(sid));

/** Whether `build` is made of exactly what `params` asks for; Twilio adds dependencies of its own. */
function sameBuild(build: Build, params: CreateBuildParams): boolean {
  const has = (wanted: BuildDependency): boolean =>
    build.dependencies.some((d) => d.name === wanted.name && d.version === wanted.version);
  return (
    sameSet(
      build.functionVersions.map((v) => v.sid),
      params.functionVersions,
    ) &&
    sameSet(
      build.assetVersions.map((v) => v.sid),
      params.assetVersions,
    ) &&
    params.dependencies.every(has) &&
    (params.runtime === undefined || build.runtime === params.runtime)
  );
}

function dependencies(value: unknown): BuildDependency[] {
  return isBag(value) ? Object.entries(value).map(([name, version]) => ({ name, version: String(version) })) : [];
}

/**
 * Waits for a build to complete. A failed build is deleted, so that nothing is left behind, and
 * reported with what Twilio knows of it; one still building when the wait runs out is kept.
 */
async function finish(client: TwilioClient, build: Build, context: LifecycleContext): Promise<Build> {
  const { serviceSid, sid } = build;
  const timeoutSeconds = settingsOf(context.config()).buildTimeoutSeconds;
  const outcome = await waitForBuild(() => client.builds.status(serviceSid, sid), {
    timeoutMs: timeoutSeconds * 1000,
    progress: (elapsedMs) => context.log(`Build ${sid} is still building after ${Math.round(elapsedMs / 1000)} s.`),
    clock: buildWaitClock(),
  });
  if (outcome.status === "completed") return client.builds.fetch(serviceSid, sid);
  if (outcome.status === "timeout") {
    throw new CreatedButUnfinished(
      `Build ${sid} was still building after ${timeoutSeconds} s (twilio:buildTimeoutSeconds / ` +
        'TWILIO_SERVERLESS_BUILD_TIMEOUT_SECONDS). It is kept in the stack: "pulumi refresh" reads its status, ' +
        'and the next "pulumi up" waits for it again, or replaces it if it failed.',
      { ...build, status: "building" },
    );
  }
  const failed = await client.builds.fetch(serviceSid, sid).catch(() => build);
  await client.builds.remove(serviceSid, sid).catch(() => undefined);
  const deps = failed.dependencies.map((d) => `${d.name}@${d.version}`).join(", ") || "none";
  throw new Error(
    `Build ${sid} failed on runtime ${failed.runtime} with dependencies ${deps}; it was deleted. ` +
      "Twilio does not say why through its API: check that every dependency exists at that version and " +
      "installs on that runtime without native compilation, and look for error 82003 in the Twilio Console's " +
      "debugger (Monitor > Errors).",
  );
}

/**
 * A Build: Twilio packs versions and installs dependencies, then serves it once a Deployment
 * makes it live. Create waits until it completes.
 */
export const BUILD: RemoteResource<Build> = {
  spec: BUILD_SPEC,
  async create(client, inputs, context) {
    const runtime = typeof inputs.runtime === "string" ? inputs.runtime : undefined;
    const serviceSid = String(inputs.serviceSid);
    const params = {
      functionVersions: sids(inputs.functionVersions),
      assetVersions: sids(inputs.assetVersions),
      dependencies: dependencies(inputs.dependencies),
      runtime,
    };
    const versions = [...params.functionVersions, ...params.assetVersions];
    const list = (): Promise<Build[]> => client.builds.list(serviceSid, { limit: 20 });
    const build = await createOnce({
      kind: "Build",
      what: `the Build of ${versions.length} versions in Service ${serviceSid}`,
      // Its versions were uploaded by this stack: a build of exactly them is this stack's whoever
      // else deploys into the Service.
      exclusive: true,
      clock: client.clock,
      log: context.log,
      send: (lookup) => client.builds.create(serviceSid, params, lookup),
      candidates: list,
      matches: (candidate) => candidate.status !== "failed" && sameBuild(candidate, params),
      fetch: (sid) => client.builds.fetch(serviceSid, sid),
      // A version uploaded in this run is in no earlier build: only a build of versions all made
      // before (a deploy killed while its build was building) may have been made already.
      leftovers: versions.some((sid) => claims.isFresh(sid)) ? undefined : list,
    });
    return build.status === "completed" ? build : finish(client, build, context);
  },
  fetch: (client, id, olds) => client.builds.fetch(storedString(olds, "serviceSid", "Build"), id),
  // Only reached for a build kept while still building: the wait goes on.
  async update(client, id, olds: PropertyBag, _news, context) {
    const build = await client.builds.fetch(storedString(olds, "serviceSid", "Build"), id);
    if (build.status === "failed") throw new Error(`Build ${id} failed; the next "pulumi up" replaces it.`);
    return build.status === "completed" ? build : finish(client, build, context);
  },
  remove: (client, id, olds) => client.builds.remove(storedString(olds, "serviceSid", "Build"), id),
  // The inputs stay as given (the user's dependency map, version lists); Twilio's own lists,
  // with the dependencies it adds, are kept apart.
  outputs: ({ dependencies: twilioDependencies, functionVersions: _f, assetVersions: _a, ...build }) => ({
    ...build,
    twilioDependencies,
  }),
};
