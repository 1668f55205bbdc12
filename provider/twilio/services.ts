import { formBody } from "./form";
import { ListOptions, listAll } from "./paging";
import { RecordOf, ValuesOf } from "../model/field";
import { decoderOf, formOf } from "../model/derive";
import { SERVICE } from "../model/service";
import { Transport } from "./transport";

/** A Serverless Service in this package's camelCase form. */
export type Service = RecordOf<typeof SERVICE.fields>;

/** What a new Service is made of. */
export type CreateServiceParams = ValuesOf<typeof SERVICE.fields>;

/** What may change on a Service: everything but its unique name. */
export type UpdateServiceParams = Omit<CreateServiceParams, "uniqueName">;

/**
 * The one mapping from Twilio's snake_case answer, its shape checked. Every field is nullable in the
 * spec, but none has a "none": names are required at creation, the booleans have defaults, and the
 * domain base is what every environment is served under. `null` anywhere is refused.
 */
export const decodeService = decoderOf(SERVICE);

const path = (sid?: string): string => `/v1/Services${sid === undefined ? "" : `/${encodeURIComponent(sid)}`}`;

/** The Service endpoints. */
export class ServicesApi {
  constructor(
    private readonly transport: Transport,
    private readonly baseUrl: string,
  ) {}

  /** Creates a Service; its unique name must be new in the account. */
  create(params: CreateServiceParams, findExisting?: () => Promise<Service | undefined>): Promise<Service> {
    const body = formBody(formOf(SERVICE, "create", params));
    return this.transport.send({ method: "POST", url: `${this.baseUrl}${path()}`, body }, decodeService, findExisting);
  }

  /** Fetches a Service by SID or unique name. */
  fetch(sidOrUniqueName: string): Promise<Service> {
    return this.transport.send({ method: "GET", url: `${this.baseUrl}${path(sidOrUniqueName)}` }, decodeService);
  }

  /** Changes what may change in place. */
  update(sid: string, params: UpdateServiceParams): Promise<Service> {
    const body = formBody(formOf(SERVICE, "update", params));
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
