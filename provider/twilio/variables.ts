import { EnvironmentRef } from "./deployments";
import { formBody } from "./form";
import { ListOptions, listAll } from "./paging";
import { RecordOf } from "../model/field";
import { decoderOf, formOf } from "../model/derive";
import { VARIABLE } from "../model/variable";
import { Transport } from "./transport";

/** An Environment Variable. Twilio returns its value in plain text. */
export type Variable = RecordOf<typeof VARIABLE.fields>;

/**
 * The one mapping from Twilio's snake_case answer, its shape checked. Every field is nullable in the
 * spec, but `Key` and `Value` are required to create a variable and the rest is always set:
 * `null` anywhere is refused (an empty value is `""`, not `null`).
 */
export const decodeVariable = decoderOf(VARIABLE);

const path = (ref: EnvironmentRef, sid?: string): string =>
  `/v1/Services/${encodeURIComponent(ref.serviceSid)}/Environments/${encodeURIComponent(ref.environmentSid)}/Variables` +
  (sid === undefined ? "" : `/${encodeURIComponent(sid)}`);

/** The Variable endpoints. */
export class VariablesApi {
  constructor(
    private readonly transport: Transport,
    private readonly baseUrl: string,
  ) {}

  /** Creates a Variable. */
  create(
    ref: EnvironmentRef,
    params: { key: string; value: string },
    findExisting?: () => Promise<Variable | undefined>,
  ): Promise<Variable> {
    const body = formBody(formOf(VARIABLE, "create", params));
    return this.transport.send(
      { method: "POST", url: `${this.baseUrl}${path(ref)}`, body },
      decodeVariable,
      findExisting,
    );
  }

  /** Fetches one by SID. */
  fetch(ref: EnvironmentRef, sid: string): Promise<Variable> {
    return this.transport.send({ method: "GET", url: `${this.baseUrl}${path(ref, sid)}` }, decodeVariable);
  }

  /** Changes its key or value in place; functions see the change without a new deployment. */
  update(ref: EnvironmentRef, sid: string, params: { key?: string; value?: string }): Promise<Variable> {
    const body = formBody(formOf(VARIABLE, "update", params));
    return this.transport.send({ method: "POST", url: `${this.baseUrl}${path(ref, sid)}`, body }, decodeVariable);
  }

  /** Deletes one. */
  remove(ref: EnvironmentRef, sid: string): Promise<void> {
    return this.transport.send({ method: "DELETE", url: `${this.baseUrl}${path(ref, sid)}` }, () => undefined);
  }

  /** Lists an Environment's Variables. */
  list(ref: EnvironmentRef, options?: ListOptions): Promise<Variable[]> {
    const list = { what: "Variable", key: "variables", decode: decodeVariable };
    return listAll(this.transport, this.baseUrl, path(ref), list, options);
  }
}
