import { Answer, conflict, created, invalid, ok, refuse } from "../answers";
import { listPage } from "../paging";
import { DeploymentRecord } from "../records";
import { Route, RouteContext } from "../router";
import { optionalBoolean } from "./form-fields";
import { environmentOf, found, serviceUrl } from "./lookups";

const COLLECTION = "/v1/Services/:service/Environments/:environment/Deployments";

function json(ctx: RouteContext, d: DeploymentRecord): unknown {
  return {
    sid: d.sid,
    account_sid: ctx.store.accountSid,
    service_sid: d.serviceSid,
    environment_sid: d.environmentSid,
    build_sid: d.buildSid,
    date_created: d.dateCreated,
    date_updated: d.dateUpdated,
    url: `${serviceUrl(ctx, d.serviceSid)}/Environments/${d.environmentSid}/Deployments/${d.sid}`,
  };
}

/** Makes a completed build (or, without `BuildSid`, none) the environment's live one. */
function create(ctx: RouteContext, form: URLSearchParams): Answer {
  const environment = environmentOf(ctx);
  // `IsPlugin` has no effect here, but it is a boolean: a value that is not one is refused.
  optionalBoolean(form, "IsPlugin");
  const buildSid = form.get("BuildSid") || null;
  if (buildSid !== null) {
    const build = ctx.store.findBuild(environment.serviceSid, buildSid);
    if (build === undefined)
      refuse(invalid(`BuildSid: ${buildSid} is not a Build of Service ${environment.serviceSid}`));
    if (build.status !== "completed") {
      refuse(invalid(`Build ${buildSid} is ${build.status}: only a completed Build can be deployed`));
    }
    if (environment.buildSid === buildSid) {
      refuse(conflict(`Environment ${environment.sid} has already requested deployment of Build ${buildSid}.`));
    }
  }
  return created(json(ctx, ctx.store.addDeployment(environment, buildSid)));
}

/** `…/Environments/{ZE}/Deployments`: list (newest first), create and fetch; Twilio has no update or delete. */
export const DEPLOYMENT_ROUTES: Route[] = [
  {
    method: "GET",
    path: COLLECTION,
    handle: (ctx) => {
      const environmentSid = environmentOf(ctx).sid;
      const deployments = [...ctx.store.deployments.values()].filter((d) => d.environmentSid === environmentSid);
      return listPage(
        ctx,
        "deployments",
        deployments.reverse().map((d) => json(ctx, d)),
      );
    },
  },
  { method: "POST", path: COLLECTION, body: "form", handle: create },
  {
    method: "GET",
    path: `${COLLECTION}/:sid`,
    handle: (ctx) => ok(json(ctx, found(ctx, ctx.store.findDeployment(environmentOf(ctx).sid, ctx.params.sid)))),
  },
];
