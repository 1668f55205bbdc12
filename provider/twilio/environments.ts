import { formBody } from "./form";
import { ListOptions, listAll } from "./paging";
import { RecordOf } from "../model/field";
import { decoderOf, formOf } from "../model/derive";
import { ENVIRONMENT } from "../model/environment";
import { Transport } from "./transport";

/** A Serverless Environment in this package's camelCase form; `url` is where it serves, `apiUrl` its API resource. */
export type Environment = RecordOf<typeof ENVIRONMENT.fields>;

/**
 * The one mapping from Twilio's snake_case answer, its shape checked. `build_sid` (no build served)
 * and `domain_suffix` (none given) are `null` when they have no value, and stay `null`; the other
 * fields, nullable in the spec too, are always set on a real environment, so `null` there is refused.
 */
export const decodeEnvironment = decoderOf(ENVIRONMENT);

const path = (serviceSid: string, sid?: string): string =>
  `/v1/Services/${encodeURIComponent(serviceSid)}/Environments${sid === undefined ? "" : `/${encodeURIComponent(sid)}`}`;

/** The Environment endpoints (Twilio has no update). */
export class EnvironmentsApi {
  constructor(
    private readonly transport: Transport,
    private readonly baseUrl: string,
  ) {}

  /** Creates an Environment; its unique name and domain suffix must be new in the Service. */
  create(
    serviceSid: string,
    params: { uniqueName: string; domainSuffix?: string },
    findExisting?: () => Promise<Environment | undefined>,
  ): Promise<Environment> {
    const body = formBody(formOf(ENVIRONMENT, "create", params));
    const url = `${this.baseUrl}${path(serviceSid)}`;
    return this.transport.send({ method: "POST", url, body }, decodeEnvironment, findExisting);
  }

  /** Fetches one by SID. */
  fetch(serviceSid: string, sid: string): Promise<Environment> {
    return this.transport.send({ method: "GET", url: `${this.baseUrl}${path(serviceSid, sid)}` }, decodeEnvironment);
  }

  /** Deletes one, with its deployments and variables; its build stops being served. */
  remove(serviceSid: string, sid: string): Promise<void> {
    return this.transport.send({ method: "DELETE", url: `${this.baseUrl}${path(serviceSid, sid)}` }, () => undefined);
  }

  /** Lists a Service's Environments. */
  list(serviceSid: string, options?: ListOptions): Promise<Environment[]> {
    const list = { what: "Environment", key: "environments", decode: decodeEnvironment };
    return listAll(this.transport, this.baseUrl, path(serviceSid), list, options);
  }
}
