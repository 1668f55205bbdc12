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
 * A Deployment: makes a build live in an environment. Twilio has no update and no delete: a new
 * build is a new Deployment, and deleting one only takes its build offline when it is still live.
 */
export const DEPLOYMENT_RESOURCE: RemoteResource<typeof DEPLOYMENT.fields> = {
  description: DEPLOYMENT,
  create(client, inputs, context) {
    const environment = ref(inputs);
    const buildSid = String(inputs.buildSid);
    const candidates = async (): Promise<Deployment[]> => {
      const live = await client.environments.fetch({
        serviceSid: environment.serviceSid,
        sid: environment.environmentSid,
      });
      return live.buildSid === buildSid ? client.deployments.list(environment, { limit: 20 }) : [];
    };
    return createOnce({
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
  },
  fetch: (client, id, olds) => client.deployments.fetch({ ...ref(olds), sid: id }),
  // Delete only takes the build offline when it is still live (a destroy); after a replacement
  // the new deployment is live already and nothing is sent.
  async remove(client, _id, olds) {
    const environment = ref(olds);
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
  },
};
