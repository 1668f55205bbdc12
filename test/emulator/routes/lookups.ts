import { notFound, refuse } from "../answers";
import { EnvironmentRecord, ServiceRecord } from "../records";
import { RouteContext } from "../router";

/** The record a path names, or the route ends with Twilio's 404 for that path. */
export function found<T>(ctx: RouteContext, record: T | undefined): T {
  return record ?? refuse(notFound(ctx.path));
}

/** The Service of the path's `:service`, named by SID or unique name. */
export function serviceOf(ctx: RouteContext): ServiceRecord {
  return found(ctx, ctx.store.findService(ctx.params.service));
}

/** The Environment of the path's `:environment`, in the path's Service. */
export function environmentOf(ctx: RouteContext): EnvironmentRecord {
  return found(ctx, ctx.store.findEnvironment(serviceOf(ctx).sid, ctx.params.environment));
}

/** The API URL of a Service, which every URL of what it holds starts with. */
export const serviceUrl = (ctx: RouteContext, serviceSid: string): string =>
  `${ctx.apiBaseUrl}/v1/Services/${serviceSid}`;
