import { formBody } from "./form";
import { ListOptions, listAll } from "./paging";
import { JsonReader } from "./shape";
import { Transport } from "./transport";

/** A Serverless Deployment: a build made live in an environment. */
export interface Deployment {
  /** The Deployment SID (`ZD…`). */
  sid: string;
  /** The account that owns it (`AC…`). */
  accountSid: string;
  /** Its Service (`ZS…`). */
  serviceSid: string;
  /** Its Environment (`ZE…`). */
  environmentSid: string;
  /** The build it made live, `null` for one that left the environment without a build. */
  buildSid: string | null;
  /** When Twilio created it, ISO 8601 in UTC. */
  dateCreated: string;
  /** When it last changed. */
  dateUpdated: string;
  /** Its API resource URL. */
  url: string;
}

/** Addresses an Environment. */
export interface EnvironmentRef {
  serviceSid: string;
  environmentSid: string;
}

/**
 * The one mapping from Twilio's snake_case answer, its shape checked. `build_sid` is `null` for a
 * deployment that left its environment without a build, and stays `null`; the other fields, nullable
 * in the spec too, are always set on a real deployment, so `null` there is refused.
 */
export function decodeDeployment(json: unknown): Deployment {
  const r = new JsonReader(json, "Deployment");
  return {
    sid: r.string("sid"),
    accountSid: r.string("account_sid"),
    serviceSid: r.string("service_sid"),
    environmentSid: r.string("environment_sid"),
    buildSid: r.nullableString("build_sid"),
    dateCreated: r.string("date_created"),
    dateUpdated: r.string("date_updated"),
    url: r.string("url"),
  };
}

const path = (ref: EnvironmentRef, sid?: string): string =>
  `/v1/Services/${encodeURIComponent(ref.serviceSid)}/Environments/${encodeURIComponent(ref.environmentSid)}/Deployments` +
  (sid === undefined ? "" : `/${encodeURIComponent(sid)}`);

/** The Deployment endpoints (Twilio has no update and no delete). */
export class DeploymentsApi {
  constructor(
    private readonly transport: Transport,
    private readonly baseUrl: string,
  ) {}

  /** Makes `buildSid` live in the environment; without one, the environment stops serving any build. */
  create(
    ref: EnvironmentRef,
    buildSid?: string,
    findExisting?: () => Promise<Deployment | undefined>,
  ): Promise<Deployment> {
    const body = formBody({ BuildSid: buildSid });
    const request = { method: "POST" as const, url: `${this.baseUrl}${path(ref)}`, body };
    return this.transport.send(request, decodeDeployment, findExisting);
  }

  /** Fetches one by SID. */
  fetch(ref: EnvironmentRef, sid: string): Promise<Deployment> {
    return this.transport.send({ method: "GET", url: `${this.baseUrl}${path(ref, sid)}` }, decodeDeployment);
  }

  /** Lists an Environment's Deployments, newest first. */
  list(ref: EnvironmentRef, options?: ListOptions): Promise<Deployment[]> {
    const list = { what: "Deployment", key: "deployments", decode: decodeDeployment };
    return listAll(this.transport, this.baseUrl, path(ref), list, options);
  }
}
