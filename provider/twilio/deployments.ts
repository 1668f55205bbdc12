import { formBody } from "./form";
import { ListOptions, listAll } from "./paging";
import { RecordOf } from "../model/field";
import { decoderOf, formOf } from "../model/derive";
import { DEPLOYMENT } from "../model/deployment";
import { Transport } from "./transport";

/** A Serverless Deployment: a build made live in an environment (`buildSid` `null` for one that left it without a build). */
export type Deployment = RecordOf<typeof DEPLOYMENT.fields>;

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
export const decodeDeployment = decoderOf(DEPLOYMENT);

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
    const body = formBody(formOf(DEPLOYMENT, "create", { buildSid }));
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
