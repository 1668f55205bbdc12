import { claims, createOnce } from "../../pulumi/create-once";
import { LifecycleContext } from "../../pulumi/lifecycle";
import { CreatedButUnfinished, RemoteResource } from "../../pulumi/remote-lifecycle";
import { settingsOf } from "../../pulumi/session";
import { storedString } from "../../pulumi/stored";
import { PropertyBag } from "../../model/wire";
import { TwilioClient } from "../../twilio/client";
import { Build, CreateBuildParams } from "../../twilio/builds";
import { BUILD, BuildDependency, dependencyList } from "../../model/build";
import { valuesOf } from "../../model/derive";
import { buildWaitClock, waitForBuild } from "./polling";
import { expectedBuildMs } from "./prediction";

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((sid) => b.includes(sid));

/** Whether `build` is made of exactly what `params` asks for; Twilio adds dependencies of its own. */
function sameBuild(build: Build, params: CreateBuildParams): boolean {
  const has = (wanted: BuildDependency): boolean =>
    build.twilioDependencies.some((d) => d.name === wanted.name && d.version === wanted.version);
  return (
    sameSet(build.functionVersions, params.functionVersions ?? []) &&
    sameSet(build.assetVersions, params.assetVersions ?? []) &&
    dependencyList(params.dependencies).every(has) &&
    (params.runtime === undefined || build.runtime === params.runtime)
  );
}

/**
 * Waits for a build to complete, and answers it as its create or fetch showed it, with the final
 * status: the status read holds nothing else, and nothing else changes as it builds but Twilio's
 * `date_updated`, kept as first read (`pulumi refresh` reads the later one). A failed build is
 * deleted, so that nothing is left behind, and reported with what Twilio knows of it; one still
 * building when the wait runs out is kept. `history`, the Service's recent builds, times the reads
 * (see `expectedBuildMs`).
 */
async function finish(
  client: TwilioClient,
  build: Build,
  context: LifecycleContext,
  history?: () => Promise<Build[]>,
): Promise<Build> {
  const { serviceSid, sid } = build;
  const timeoutSeconds = settingsOf(context.config()).buildTimeoutSeconds;
  const clock = buildWaitClock();
  const outcome = await waitForBuild(() => client.builds.status({ serviceSid, sid }), {
    timeoutMs: timeoutSeconds * 1000,
    progress: (elapsedMs) => {
      context.log(`Build ${sid} is still building after ${Math.round(elapsedMs / 1000)} s.`);
    },
    clock,
    // Sent as the wait begins, which handles its failure. Twilio's dates are real time; the
    // wait's clock may run faster under a test harness.
    expectedMs: history?.().then((recent) => {
      const ms = expectedBuildMs(build, recent);
      return ms === undefined ? undefined : ms * (clock.speed ?? 1);
    }),
  });
  if (outcome.status === "completed") return { ...build, status: "completed" };
  if (outcome.status === "timeout") {
    throw new CreatedButUnfinished(
      `Build ${sid} was still building after ${timeoutSeconds} s (twilio:buildTimeoutSeconds / ` +
        'TWILIO_SERVERLESS_BUILD_TIMEOUT_SECONDS). It is kept in the stack: "pulumi refresh" reads its status, ' +
        'and the next "pulumi up" waits for it again, or replaces it if it failed.',
      { ...build, status: "building" },
    );
  }
  await client.builds.remove({ serviceSid, sid }).catch(() => undefined);
  const deps = build.twilioDependencies.map((d) => `${d.name}@${d.version}`).join(", ") || "none";
  throw new Error(
    `Build ${sid} failed on runtime ${build.runtime} with dependencies ${deps}; it was deleted. ` +
      "Twilio does not say why through its API: check that every dependency exists at that version and " +
      "installs on that runtime without native compilation, and look for error 82003 in the Twilio Console's " +
      "debugger (Monitor > Errors).",
  );
}

/**
 * A Build: Twilio packs versions and installs dependencies, then serves it once a Deployment
 * makes it live. Create waits until it completes.
 */
export const BUILD_RESOURCE: RemoteResource<typeof BUILD.fields> = {
  description: BUILD,
  async create(client, inputs, context) {
    const serviceSid = String(inputs.serviceSid);
    const params = valuesOf(BUILD, inputs);
    const versions = [...(params.functionVersions ?? []), ...(params.assetVersions ?? [])];
    const list = (): Promise<Build[]> => client.builds.list({ serviceSid }, { limit: 20 });
    let listed: Promise<Build[]> | undefined;
    const build = await createOnce({
      kind: "Build",
      what: `the Build of ${versions.length} versions in Service ${serviceSid}`,
      // Its versions were uploaded by this stack: a build of exactly them is this stack's whoever
      // else deploys into the Service.
      exclusive: true,
      clock: client.clock,
      log: context.log,
      send: (lookup) => client.builds.create({ serviceSid }, params, lookup),
      candidates: list,
      matches: (candidate) => candidate.status !== "failed" && sameBuild(candidate, params),
      fetch: (sid) => client.builds.fetch({ serviceSid, sid }),
      // A version uploaded in this run is in no earlier build: only a build of versions all made
      // before (a deploy killed while its build was building) may have been made already.
      leftovers: versions.some((sid) => claims.isFresh(sid)) ? undefined : () => (listed = list()),
    });
    if (build.status === "completed") return build;
    // Read while the build runs, off the deploy's path: its answer only times the status reads,
    // and a failure leaves them as they are without a prediction.
    return finish(client, build, context, () => listed ?? list());
  },
  fetch: (client, id, olds) => client.builds.fetch({ serviceSid: storedString(olds, "serviceSid", "Build"), sid: id }),
  // Only reached for a build kept while still building: the wait goes on.
  async update(client, id, olds: PropertyBag, _news, context) {
    const build = await client.builds.fetch({ serviceSid: storedString(olds, "serviceSid", "Build"), sid: id });
    if (build.status === "failed") throw new Error(`Build ${id} failed; the next "pulumi up" replaces it.`);
    return build.status === "completed" ? build : finish(client, build, context);
  },
  remove: (client, id, olds) =>
    client.builds.remove({ serviceSid: storedString(olds, "serviceSid", "Build"), sid: id }),
};
