import { formBody } from "./form";
import { ListOptions, listAll } from "./paging";
import { JsonReader } from "./shape";
import { Transport } from "./transport";

/** A Serverless Environment in this package's camelCase form. */
export interface Environment {
  /** The Environment SID (`ZE…`). */
  sid: string;
  /** The account that owns it (`AC…`). */
  accountSid: string;
  /** Its Service (`ZS…`). */
  serviceSid: string;
  /** The build it serves (`ZB…`), `null` before the first deployment or after an undeploy. */
  buildSid: string | null;
  /** Its name, unique in the Service. */
  uniqueName: string;
  /** The suffix of its domain name, unique in the Service; `null` for none. */
  domainSuffix: string | null;
  /** Where it is served: `<domain base>[-<suffix>].twil.io`. */
  domainName: string;
  /** When Twilio created it, ISO 8601 in UTC. */
  dateCreated: string;
  /** When it last changed. */
  dateUpdated: string;
  /** Its API resource URL. */
  url: string;
}

/**
 * The one mapping from Twilio's snake_case answer, its shape checked. `build_sid` (no build served)
 * and `domain_suffix` (none given) are `null` when they have no value, and stay `null`; the other
 * fields, nullable in the spec too, are always set on a real environment, so `null` there is refused.
 */
export function decodeEnvironment(json: unknown): Environment {
  const r = new JsonReader(json, "Environment");
  return {
    sid: r.string("sid"),
    accountSid: r.string("account_sid"),
    serviceSid: r.string("service_sid"),
    buildSid: r.nullableString("build_sid"),
    uniqueName: r.string("unique_name"),
    domainSuffix: r.nullableString("domain_suffix"),
    domainName: r.string("domain_name"),
    dateCreated: r.string("date_created"),
    dateUpdated: r.string("date_updated"),
    url: r.string("url"),
  };
}

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
    const body = formBody({ UniqueName: params.uniqueName, DomainSuffix: params.domainSuffix });
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
