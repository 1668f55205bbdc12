import { Answer, conflict, created, invalid, noContent, ok, refuse } from "../answers";
import { listPage } from "../paging";
import { EnvironmentRecord, VariableRecord } from "../records";
import { Route, RouteContext } from "../router";
import { now } from "../store";
import { requiredText } from "./form-fields";
import { environmentOf, found, serviceUrl } from "./lookups";

const COLLECTION = "/v1/Services/:service/Environments/:environment/Variables";
const MAX_KEY_CHARS = 128;
const MAX_VALUE_BYTES = 450;

function json(ctx: RouteContext, v: VariableRecord): unknown {
  return {
    sid: v.sid,
    account_sid: ctx.store.accountSid,
    service_sid: v.serviceSid,
    environment_sid: v.environmentSid,
    key: v.key,
    value: v.value,
    date_created: v.dateCreated,
    date_updated: v.dateUpdated,
    url: `${serviceUrl(ctx, v.serviceSid)}/Environments/${v.environmentSid}/Variables/${v.sid}`,
  };
}

function variableOf(ctx: RouteContext, environment: EnvironmentRecord = environmentOf(ctx)): VariableRecord {
  return found(ctx, ctx.store.findVariable(environment.sid, ctx.params.sid));
}

function checkedValue(value: string): string {
  if (Buffer.byteLength(value, "utf8") > MAX_VALUE_BYTES)
    refuse(invalid(`Value must be at most ${MAX_VALUE_BYTES} bytes`));
  return value;
}

// Functions read variables by key, so a key names one variable of an environment.
function refuseTakenKey(ctx: RouteContext, environment: EnvironmentRecord, key: string, self?: string): void {
  const taken = [...ctx.store.variables.values()].some(
    (v) => v.environmentSid === environment.sid && v.key === key && v.sid !== self,
  );
  if (taken) refuse(conflict(`Variable with Key ${key} already exists in Environment ${environment.sid}.`));
}

function create(ctx: RouteContext, form: URLSearchParams): Answer {
  const environment = environmentOf(ctx);
  const key = requiredText(form, "Key", MAX_KEY_CHARS);
  const value = checkedValue(requiredText(form, "Value"));
  refuseTakenKey(ctx, environment, key);
  return created(json(ctx, ctx.store.addVariable(environment, key, value)));
}

function update(ctx: RouteContext, form: URLSearchParams): Answer {
  const environment = environmentOf(ctx);
  const variable = variableOf(ctx, environment);
  const key = form.has("Key") ? requiredText(form, "Key", MAX_KEY_CHARS) : undefined;
  const value = form.has("Value") ? checkedValue(requiredText(form, "Value")) : undefined;
  if (key !== undefined) {
    refuseTakenKey(ctx, environment, key, variable.sid);
    variable.key = key;
  }
  if (value !== undefined) variable.value = value;
  variable.dateUpdated = now();
  return ok(json(ctx, variable));
}

/** `…/Environments/{ZE}/Variables`: list, create, fetch, update and delete. */
export const VARIABLE_ROUTES: Route[] = [
  {
    method: "GET",
    path: COLLECTION,
    handle: (ctx) => {
      const environmentSid = environmentOf(ctx).sid;
      const variables = [...ctx.store.variables.values()].filter((v) => v.environmentSid === environmentSid);
      return listPage(
        ctx,
        "variables",
        variables.map((v) => json(ctx, v)),
      );
    },
  },
  { method: "POST", path: COLLECTION, body: "form", handle: create },
  { method: "GET", path: `${COLLECTION}/:sid`, handle: (ctx) => ok(json(ctx, variableOf(ctx))) },
  { method: "POST", path: `${COLLECTION}/:sid`, body: "form", handle: update },
  {
    method: "DELETE",
    path: `${COLLECTION}/:sid`,
    handle: (ctx) => {
      ctx.store.variables.delete(variableOf(ctx).sid);
      return noContent();
    },
  },
];
