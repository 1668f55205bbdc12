import { Answer, conflict, created, invalid, noContent, ok, refuse } from "../answers";
import { listPage } from "../paging";
import { EnvironmentRecord } from "../records";
import { Route, RouteContext } from "../router";
import { domainName } from "../store";
import { optionalText, requiredText } from "./form-fields";
import { environmentOf, serviceOf, serviceUrl } from "./lookups";

// "URL-friendly": what a DNS label may hold.
const DOMAIN_SUFFIX = /^[A-Za-z0-9-]+$/;

const COLLECTION = "/v1/Services/:service/Environments";

// Every route of an environment has its service in the path, whose domain base it is served under.
function json(ctx: RouteContext, e: EnvironmentRecord): unknown {
  const url = `${serviceUrl(ctx, e.serviceSid)}/Environments/${e.sid}`;
  const { domainBase } = serviceOf(ctx);
  return {
    sid: e.sid,
    account_sid: ctx.store.accountSid,
    service_sid: e.serviceSid,
    build_sid: e.buildSid,
    unique_name: e.uniqueName,
    domain_suffix: e.domainSuffix,
    domain_name: domainName(domainBase, e.domainSuffix),
    date_created: e.dateCreated,
    date_updated: e.dateUpdated,
    url,
    links: { variables: `${url}/Variables`, deployments: `${url}/Deployments`, logs: `${url}/Logs` },
  };
}

function create(ctx: RouteContext, form: URLSearchParams): Answer {
  const service = serviceOf(ctx);
  const uniqueName = requiredText(form, "UniqueName", 100);
  // An empty suffix is no suffix: the environment is served at the service's bare domain.
  const domainSuffix = optionalText(form, "DomainSuffix", 16) ?? null;
  if (domainSuffix !== null && !DOMAIN_SUFFIX.test(domainSuffix)) {
    refuse(invalid("DomainSuffix may only contain letters, numbers and dashes"));
  }
  const siblings = [...ctx.store.environments.values()].filter((e) => e.serviceSid === service.sid);
  // Two environments without a suffix would share a domain name, so "none" is taken only once too.
  if (siblings.some((e) => e.uniqueName === uniqueName || e.domainSuffix === domainSuffix)) {
    refuse(conflict("Environment with this UniqueName or DomainSuffix already exists."));
  }
  return created(json(ctx, ctx.store.addEnvironment(service.sid, uniqueName, domainSuffix)));
}

/** `/v1/Services/{ZS}/Environments`: list, create, fetch, and delete with its deployments and variables. */
export const ENVIRONMENT_ROUTES: Route[] = [
  {
    method: "GET",
    path: COLLECTION,
    handle: (ctx) => {
      const serviceSid = serviceOf(ctx).sid;
      const environments = [...ctx.store.environments.values()].filter((e) => e.serviceSid === serviceSid);
      return listPage(
        ctx,
        "environments",
        environments.map((e) => json(ctx, e)),
      );
    },
  },
  { method: "POST", path: COLLECTION, body: "form", handle: create },
  {
    method: "GET",
    path: "/v1/Services/:service/Environments/:environment",
    handle: (ctx) => ok(json(ctx, environmentOf(ctx))),
  },
  {
    method: "DELETE",
    path: "/v1/Services/:service/Environments/:environment",
    handle: (ctx) => {
      ctx.store.deleteEnvironment(environmentOf(ctx).sid);
      return noContent();
    },
  },
];
