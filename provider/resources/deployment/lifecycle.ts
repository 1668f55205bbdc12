import { DEPLOYMENT } from "../../model/deployment";
import { valuesOf } from "../../model/derive";
import { claims, createOnce } from "../../pulumi/create-once";
import { RemoteResource } from "../../pulumi/remote-lifecycle";
import { storedString } from "../../pulumi/stored";
import { PropertyBag } from "../../model/wire";
import { Deployment, EnvironmentRef } from "../../twilio/deployments";
import { isNotFound } from "../../twilio/errors";

const ref = (props: PropertyBag): EnvironmentRef => ({
  serviceSid: storedString(props, "serviceSid", "Deployment"),
  environmentSid: storedString(props, "environmentSid", "Deployment"),
});

/**
 * What this process made live, by Environment SID (`null`: it took the environment offline); one
 * process is one deploy. A Deployment of any other build there was replaced in this deploy, so its
 * build is no longer live and its delete needs no read of the environment.
 */
const madeLive = new Map<string, Set<string | null>>();

function recordLive(environmentSid: string, buildSid: string | null): void {
  const builds = madeLive.get(environmentSid) ?? new Set<string | null>();
  builds.add(buildSid);
  madeLive.set(environmentSid, builds);
}

/**
 * A Deployment: makes a build live in an environment. Twilio has no update and no delete: a new
 * build is a new Deployment, and deleting one only takes its build offline when it is still live.
 */
export const DEPLOYMENT_RESOURCE: RemoteResource<typeof DEPLOYMENT.fields> = {
  description: DEPLOYMENT,
  async create(client, inputs, context) {
    const environment = ref(inputs);
    const buildSid = String(inputs.buildSid);
    const candidates = async (): Promise<Deployment[]> => {
      const live = await client.environments.fetch({
        serviceSid: environment.serviceSid,
        sid: environment.environmentSid,
      });
      return live.buildSid === buildSid ? client.deployments.list(environment, { limit: 20 }) : [];
    };
    const deployment = await createOnce({
      kind: "Deployment",
      what: `the Deployment of Build ${buildSid} to Environment ${environment.environmentSid}`,
      // The build is this stack's, and it being live is what the program asks: the deployment
      // that made it live (an answer lost, or a deploy killed after Twilio made it) stands for this one.
      exclusive: true,
      clock: client.clock,
      log: context.log,
      send: (lookup) => client.deployments.create(environment, valuesOf(DEPLOYMENT, inputs), lookup),
      candidates,
      // A build or environment made in this run was never deployed before: only a deploy killed
      // after Twilio made the deployment leaves one to find.
      leftovers: claims.isFresh(buildSid) || claims.isFresh(environment.environmentSid) ? undefined : candidates,
      matches: (candidate) => candidate.buildSid === buildSid,
      shareable: true,
      fetch: (sid) => client.deployments.fetch({ ...environment, sid }),
    });
    recordLive(environment.environmentSid, deployment.buildSid);
    return deployment;
  },
  fetch: (client, id, olds) => client.deployments.fetch({ ...ref(olds), sid: id }),
  // Delete only takes the build offline when it is still live (a destroy); after a replacement
  // the new deployment is live already and nothing is sent. A replacement this process made says
  // so without a read; one made by an earlier deploy, or another deployer, needs the environment's.
  async remove(client, _id, olds) {
    const environment = ref(olds);
    const replacedHere = madeLive.get(environment.environmentSid);
    if (replacedHere !== undefined && typeof olds.buildSid === "string" && !replacedHere.has(olds.buildSid)) return;
    try {
      const current = await client.environments.fetch({
        serviceSid: environment.serviceSid,
        sid: environment.environmentSid,
      });
      if (current.buildSid === null || current.buildSid !== olds.buildSid) return;
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    await client.deployments.create(environment, {});
    recordLive(environment.environmentSid, null);
  },
};
