import { Description, Fields, RecordOf, ValuesOf } from "../model/field";
import { decoderOf, formOf } from "../model/derive";
import { formBody } from "./form";
import { ListOptions, listAll } from "./paging";
import { Transport } from "./transport";

/** Where a kind of record lives: the collection's path under its parents, and the name of its list. */
export interface Route<P> {
  /** The collection's path (`/v1/Services/ZS…/Functions`) under the parents `P` names. */
  path: (parent: P) => string;
  /** The documented name of the array in a page of the list (`functions`). */
  key: string;
}

/** One record: the SIDs of its parents and its own SID. */
export type Ref<P> = P & { sid: string };

const segment = (sid: string): string => `/${encodeURIComponent(sid)}`;

/** Addresses a Service: the parent of Functions, Assets, Builds and Environments. */
export interface ServiceRef {
  /** The Service SID (`ZS…`). */
  serviceSid: string;
}

/** The path of a Service, under which its collections are. */
export const servicePath = ({ serviceSid }: ServiceRef): string => `/v1/Services${segment(serviceSid)}`;

/**
 * The read endpoints of one kind of Twilio Serverless record, alike for every kind: fetch a record
 * by `{ ...parents, sid }`, list those under the parents `P`. The decoding comes from the kind's
 * description.
 */
export class Records<F extends Fields, P extends object> {
  protected readonly decode: (json: unknown) => RecordOf<F>;

  constructor(
    protected readonly transport: Transport,
    protected readonly baseUrl: string,
    protected readonly description: Description<F>,
    private readonly route: Route<P>,
  ) {
    this.decode = decoderOf(description);
  }

  /** The URL of the collection, or of one of its records. */
  protected url(parent: P, sid?: string): string {
    return `${this.baseUrl}${this.route.path(parent)}${sid === undefined ? "" : segment(sid)}`;
  }

  /** Fetches one; an unknown one fails with status 404. */
  fetch(ref: Ref<P>): Promise<RecordOf<F>> {
    return this.transport.send({ method: "GET", url: this.url(ref, ref.sid) }, this.decode);
  }

  /** Lists the records under `parent`, following pages up to `options.limit`. */
  list(parent: P, options?: ListOptions): Promise<RecordOf<F>[]> {
    const list = { what: this.description.name, key: this.route.key, decode: this.decode };
    return listAll(this.transport, this.baseUrl, this.route.path(parent), list, options);
  }
}

/**
 * The endpoints of one kind of record made with a form, alike for every kind: create under the
 * parents `P`, update and remove by `{ ...parents, sid }`, besides fetch and list. The request
 * fields come from the kind's description. (Twilio lacks some: no update of a Build, no delete of
 * a Deployment; those are never called.)
 */
export class Collection<F extends Fields, P extends object> extends Records<F, P> {
  /**
   * Creates a record from `values`. `findExisting` looks for the record a lost attempt made,
   * before the request is sent again: what it finds is taken instead of making a second one.
   */
  create(parent: P, values: ValuesOf<F>, findExisting?: () => Promise<RecordOf<F> | undefined>): Promise<RecordOf<F>> {
    const body = formBody(formOf(this.description, "create", values));
    return this.transport.send({ method: "POST", url: this.url(parent), body }, this.decode, findExisting);
  }

  /** Changes in place what Twilio changes in place; the other values are not sent. */
  update(ref: Ref<P>, values: ValuesOf<F>): Promise<RecordOf<F>> {
    const body = formBody(formOf(this.description, "update", values));
    return this.transport.send({ method: "POST", url: this.url(ref, ref.sid), body }, this.decode);
  }

  /** Deletes one. */
  remove(ref: Ref<P>): Promise<void> {
    return this.transport.send({ method: "DELETE", url: this.url(ref, ref.sid) }, () => undefined);
  }
}
