import { Answer, conflict, created, invalid, noContent, ok, refuse } from "../answers";
import { listPage } from "../paging";
import { ServiceRecord } from "../records";
import { Route, RouteContext } from "../router";
import { now } from "../store";
import { optionalBoolean, optionalText, requiredText } from "./form-fields";
import { serviceOf, serviceUrl } from "./lookups";

// Twilio's console asks for letters, numbers and dashes; the API is assumed to enforce the same.
const UNIQUE_NAME = /^[A-Za-z0-9-]+$/;
const MAX_SERVICES = 50;

/** A Service as Twilio answers it. */
function serviceJson(ctx: RouteContext, s: ServiceRecord): unknown {
  const url = serviceUrl(ctx, s.sid);
  return {
    sid: s.sid,
    account_sid: ctx.store.accountSid,
    friendly_name: s.friendlyName,
    unique_name: s.uniqueName,
    include_credentials: s.includeCredentials,
    ui_editable: s.uiEditable,
    domain_base: s.domainBase,
    date_created: s.dateCreated,
    date_updated: s.dateUpdated,
    url,
    links: {
      environments: `${url}/Environments`,
      functions: `${url}/Functions`,
      assets: `${url}/Assets`,
      builds: `${url}/Builds`,
    },
  };
}

function create(ctx: RouteContext, form: URLSearchParams): Answer {
  const uniqueName = requiredText(form, "UniqueName", 50);
  if (!UNIQUE_NAME.test(uniqueName)) refuse(invalid("UniqueName may only contain letters, numbers and dashes"));
  const friendlyName = requiredText(form, "FriendlyName", 255);
  const includeCredentials = optionalBoolean(form, "IncludeCredentials");
  const uiEditable = optionalBoolean(form, "UiEditable");
  if (ctx.store.services.size >= MAX_SERVICES) {
    refuse(invalid(`Services are limited to less than or equal to ${MAX_SERVICES}`));
  }
  if (ctx.store.findService(uniqueName)) refuse(conflict(`Service with UniqueName ${uniqueName} already exists`));
  const service = ctx.store.addService(uniqueName, friendlyName, { includeCredentials, uiEditable });
  return created(serviceJson(ctx, service));
}

function update(ctx: RouteContext, form: URLSearchParams): Answer {
  const service = serviceOf(ctx);
  // The unique name is fixed: Twilio ignores a UniqueName sent here, as any unknown parameter.
  const friendlyName = optionalText(form, "FriendlyName", 255);
  const includeCredentials = optionalBoolean(form, "IncludeCredentials");
  const uiEditable = optionalBoolean(form, "UiEditable");
  if (friendlyName !== undefined) service.friendlyName = friendlyName;
  if (includeCredentials !== undefined) service.includeCredentials = includeCredentials;
  if (uiEditable !== undefined) service.uiEditable = uiEditable;
  service.dateUpdated = now();
  return ok(serviceJson(ctx, service));
}

/** `/v1/Services`: list, create, fetch (by SID or unique name), update, and delete with everything inside. */
export const SERVICE_ROUTES: Route[] = [
  {
    method: "GET",
    path: "/v1/Services",
    handle: (ctx) =>
      listPage(
        ctx,
        "services",
        [...ctx.store.services.values()].map((s) => serviceJson(ctx, s)),
      ),
  },
  { method: "POST", path: "/v1/Services", body: "form", handle: create },
  { method: "GET", path: "/v1/Services/:service", handle: (ctx) => ok(serviceJson(ctx, serviceOf(ctx))) },
  { method: "POST", path: "/v1/Services/:service", body: "form", handle: update },
  {
    method: "DELETE",
    path: "/v1/Services/:service",
    handle: (ctx) => {
      ctx.store.deleteService(serviceOf(ctx).sid);
      return noContent();
    },
  },
];
