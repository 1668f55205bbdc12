import { RemoteResource } from "../../pulumi/remote-lifecycle";
import { sidInput } from "../../pulumi/sids";
import { storedString } from "../../pulumi/stored";
import { PropertyBag } from "../../pulumi/wire";
import { Deployment, EnvironmentRef } from "../../twilio/deployments";
import { TwilioApiError, isNotFound } from "../../twilio/errors";

/** Twilio's code for a deployment of the build that is live already. */
const ALREADY_LIVE = 20409;

const ref = (props: PropertyBag): EnvironmentRef => ({
  serviceSid: storedString(props, "serviceSid", "Deployment"),
  environmentSid: storedString(props, "environmentSid", "Deployment"),
});

/**
 * A Deployment: makes a build live in an environment. Twilio has no update and no delete: a new
 * build is a new Deployment, and deleting one only takes its build offline when it is still live.
 */
export const DEPLOYMENT: RemoteResource<Deployment> = {
  spec: {
    name: "Deployment",
    inputs: {
      serviceSid: sidInput("serviceSid", "ZS", "replace"),
      environmentSid: sidInput("environmentSid", "ZE", "replace"),
      buildSid: sidInput("buildSid", "ZB", "replace"),
    },
  },
  async create(client, inputs) {
    const environment = ref(inputs);
    const buildSid = String(inputs.buildSid);
    try {
      return await client.deployments.create(environment, buildSid);
    } catch (err) {
      // The build is live already (a deployment whose answer was lost, or made outside this
      // stack): the deployment that made it live stands for this one.
      if (!(err instanceof TwilioApiError && err.status === 409 && err.code === ALREADY_LIVE)) throw err;
      const live = (await client.deployments.list(environment, { limit: 20 })).find((d) => d.buildSid === buildSid);
      if (live === undefined) throw err;
      return live;
    }
  },
  fetch: (client, id, olds) => client.deployments.fetch(ref(olds), id),
  // Delete only takes the build offline when it is still live (a destroy); after a replacement
  // the new deployment is live already and nothing is sent.
  async remove(client, _id, olds) {
    const environment = ref(olds);
    try {
      const current = await client.environments.fetch(environment.serviceSid, environment.environmentSid);
      if (current.buildSid === null || current.buildSid !== olds.buildSid) return;
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    await client.deployments.create(environment);
  },
  outputs: (deployment) => ({ ...deployment }),
};
