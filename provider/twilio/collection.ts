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

/**
 * The endpoints of one kind of Twilio Serverless record, all alike: create under the parents `P`,
 * fetch, update and remove a record by `{ ...parents, sid }`, list under the parents. The request
 * fields and the decoding come from the kind's description.
 */
export class Collection<F extends Fields, P extends object> {
  private readonly decode: (json: unknown) => RecordOf<F>;

  constructor(
    protected readonly transport: Transport,
    protected readonly baseUrl: string,
    private readonly description: Description<F>,
    private readonly route: Route<P>,
  ) {
    this.decode = decoderOf(description);
  }

  /** The URL of the collection, or of one of its records. */
  protected url(parent: P, sid?: string): string {
    return `${this.baseUrl}${this.route.path(parent)}${sid === undefined ? "" : segment(sid)}`;
  }

  /**
   * Creates a record from `values`. `findExisting` looks for the record a lost attempt made,
   * before the request is sent again: what it finds is taken instead of making a second one.
   */
  create(parent: P, values: ValuesOf<F>, findExisting?: () => Promise<RecordOf<F> | undefined>): Promise<RecordOf<F>> {
    const body = formBody(formOf(this.description, "create", values));
    return this.transport.send({ method: "POST", url: this.url(parent), body }, this.decode, findExisting);
  }

  /** Fetches one; an unknown one fails with status 404. */
  fetch(ref: Ref<P>): Promise<RecordOf<F>> {
    return this.transport.send({ method: "GET", url: this.url(ref, ref.sid) }, this.decode);
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

  /** Lists the records under `parent`, following pages up to `options.limit`. */
  list(parent: P, options?: ListOptions): Promise<RecordOf<F>[]> {
    const list = { what: this.description.name, key: this.route.key, decode: this.decode };
    return listAll(this.transport, this.baseUrl, this.route.path(parent), list, options);
  }
}
