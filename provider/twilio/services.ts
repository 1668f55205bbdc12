import { formBody } from "./form";
import { ListOptions, listAll } from "./paging";
import { JsonReader } from "./shape";
import { Transport } from "./transport";

/** A Serverless Service in this package's camelCase form. */
export interface Service {
  /** The Service SID (`ZS…`). */
  sid: string;
  /** The account that owns it (`AC…`). */
  accountSid: string;
  /** Its unique name, fixed at creation. */
  uniqueName: string;
  /** Its display name. */
  friendlyName: string;
  /** Whether functions get the account's credentials in their `context`. */
  includeCredentials: boolean;
  /** Whether the Console may edit it. */
  uiEditable: boolean;
  /** The start of its environments' domain names (`<unique name>-1234`). */
  domainBase: string;
  /** When Twilio created it, ISO 8601 in UTC. */
  dateCreated: string;
  /** When it last changed. */
  dateUpdated: string;
  /** Its API resource URL. */
  url: string;
}

/** What a new Service is made of. */
export interface CreateServiceParams {
  uniqueName: string;
  friendlyName: string;
  includeCredentials?: boolean;
  uiEditable?: boolean;
}

/** What may change on a Service: everything but its unique name. */
export type UpdateServiceParams = Partial<Pick<Service, "friendlyName" | "includeCredentials" | "uiEditable">>;

/**
 * The one mapping from Twilio's snake_case answer, its shape checked. Every field is nullable in the
 * spec, but none has a "none": names are required at creation, the booleans have defaults, and the
 * domain base is what every environment is served under. `null` anywhere is refused.
 */
export function decodeService(json: unknown): Service {
  const r = new JsonReader(json, "Service");
  return {
    sid: r.string("sid"),
    accountSid: r.string("account_sid"),
    uniqueName: r.string("unique_name"),
    friendlyName: r.string("friendly_name"),
    includeCredentials: r.boolean("include_credentials"),
    uiEditable: r.boolean("ui_editable"),
    domainBase: r.string("domain_base"),
    dateCreated: r.string("date_created"),
    dateUpdated: r.string("date_updated"),
    url: r.string("url"),
  };
}

const path = (sid?: string): string => `/v1/Services${sid === undefined ? "" : `/${encodeURIComponent(sid)}`}`;

/** The Service endpoints. */
export class ServicesApi {
  constructor(
    private readonly transport: Transport,
    private readonly baseUrl: string,
  ) {}

  /** Creates a Service; its unique name must be new in the account. */
  create(params: CreateServiceParams, findExisting?: () => Promise<Service | undefined>): Promise<Service> {
    const body = formBody({
      UniqueName: params.uniqueName,
      FriendlyName: params.friendlyName,
      IncludeCredentials: params.includeCredentials,
      UiEditable: params.uiEditable,
    });
    return this.transport.send({ method: "POST", url: `${this.baseUrl}${path()}`, body }, decodeService, findExisting);
  }

  /** Fetches a Service by SID or unique name. */
  fetch(sidOrUniqueName: string): Promise<Service> {
    return this.transport.send({ method: "GET", url: `${this.baseUrl}${path(sidOrUniqueName)}` }, decodeService);
  }

  /** Changes what may change in place. */
  update(sid: string, params: UpdateServiceParams): Promise<Service> {
    const body = formBody({
      FriendlyName: params.friendlyName,
      IncludeCredentials: params.includeCredentials,
      UiEditable: params.uiEditable,
    });
    return this.transport.send({ method: "POST", url: `${this.baseUrl}${path(sid)}`, body }, decodeService);
  }

  /** Deletes a Service with everything in it. */
  remove(sid: string): Promise<void> {
    return this.transport.send({ method: "DELETE", url: `${this.baseUrl}${path(sid)}` }, () => undefined);
  }

  /** Lists the account's Services. */
  list(options?: ListOptions): Promise<Service[]> {
    return listAll(
      this.transport,
      this.baseUrl,
      path(),
      { what: "Service", key: "services", decode: decodeService },
      options,
    );
  }
}
