import { TwilioClient } from "../twilio/client";
import { isNotFound } from "../twilio/errors";
import { CreatedButUnread } from "./create-once";
import { IncompleteCreateError, LifecycleContext, ResourceLifecycle } from "./lifecycle";
import { connect } from "./session";
import { CheckFailure, SpecDiff, checkInputs, diffInputs } from "./spec";
import { PropertyBag } from "../model/wire";
import { Description, Fields, RecordOf } from "../model/field";

/**
 * How one kind of Twilio resource is created, read, changed and deleted; what it is made of comes
 * from its description, and its outputs are Twilio's record of it over the inputs as given.
 */
export interface RemoteResource<F extends Fields, T extends { sid: string } = RecordOf<F> & { sid: string }> {
  description: Description<F>;
  /** Creates it from checked inputs; throws {@link CreatedButUnfinished} for one Twilio made but that is not ready. */
  create(client: TwilioClient, inputs: PropertyBag, context: LifecycleContext): Promise<T>;
  /** Fetches it; `olds` are its outputs, which hold the SIDs of its parents. */
  fetch(client: TwilioClient, id: string, olds: PropertyBag): Promise<T>;
  /** Applies changed inputs in place; left out where every change is a replacement. */
  update?(
    client: TwilioClient,
    id: string,
    olds: PropertyBag,
    news: PropertyBag,
    context: LifecycleContext,
  ): Promise<T>;
  /** Deletes it; left out where Twilio has no delete (the resource is then only forgotten). */
  remove?(client: TwilioClient, id: string, olds: PropertyBag): Promise<void>;
}

/**
 * A create that made the resource in Twilio but could not finish (a build still building when the
 * wait ran out): the resource is kept in the stack with what Twilio last said of it.
 */
export class CreatedButUnfinished<T> extends Error {
  constructor(
    message: string,
    /** What Twilio last answered about it. */
    readonly remote: T,
  ) {
    super(message);
    this.name = "CreatedButUnfinished";
  }
}

/**
 * The provider methods of a resource described by a {@link RemoteResource}: check and diff from
 * its spec, outputs holding every input as given (a dynamic provider's diff sees old outputs,
 * not old inputs) overlaid with what Twilio answered, and Twilio's own 404 (20404) meaning gone
 * on refresh and done on delete.
 */
export class RemoteLifecycle<F extends Fields, T extends { sid: string }> implements ResourceLifecycle {
  constructor(
    private readonly resource: RemoteResource<F, T>,
    private readonly context: LifecycleContext,
  ) {}

  private client(): TwilioClient {
    return connect(this.context.config());
  }

  check(news: PropertyBag): { inputs: PropertyBag; failures: CheckFailure[] } {
    return checkInputs(this.resource.description, news, { programDir: this.context.programDir() });
  }

  diff(olds: PropertyBag, news: PropertyBag): SpecDiff {
    return diffInputs(this.resource.description, olds, news, { programDir: this.context.programDir() });
  }

  /** Every input as given (`null` when left out), then Twilio's fields when they are known. */
  private outputs(inputs: PropertyBag, remote: T | undefined): object {
    const given: PropertyBag = {};
    for (const [key, field] of Object.entries(this.resource.description.fields)) {
      if (field.input !== undefined) given[key] = inputs[key] ?? null;
    }
    return remote === undefined ? given : { ...given, ...remote };
  }

  async create(inputs: PropertyBag): Promise<{ id: string; outs: object }> {
    try {
      const remote = await this.resource.create(this.client(), inputs, this.context);
      return { id: remote.sid, outs: this.outputs(inputs, remote) };
    } catch (err) {
      if (err instanceof CreatedButUnread) {
        const given = this.outputs(inputs, undefined);
        throw new IncompleteCreateError(err.message, err.sid, {
          __provider: inputs.__provider,
          ...given,
          sid: err.sid,
        });
      }
      if (!(err instanceof CreatedButUnfinished)) throw err;
      // Only this resource's own create throws it, with what Twilio answered for this kind.
      const remote = err.remote as T;
      // The server adds the serialized provider to the outputs of a success only; refresh needs it.
      const properties = { __provider: inputs.__provider, ...this.outputs(inputs, remote) };
      throw new IncompleteCreateError(err.message, remote.sid, properties);
    }
  }

  async read(id: string, props: PropertyBag): Promise<{ id?: string; props?: object }> {
    try {
      const remote = await this.resource.fetch(this.client(), id, props);
      return { id: remote.sid, props: this.outputs(props, remote) };
    } catch (err) {
      if (isNotFound(err)) return {};
      throw err;
    }
  }

  async update(id: string, olds: PropertyBag, news: PropertyBag): Promise<{ outs: object }> {
    if (this.resource.update === undefined) {
      throw new Error(`${this.resource.description.name} ${id} cannot change in place`);
    }
    const remote = await this.resource.update(this.client(), id, olds, news, this.context);
    return { outs: this.outputs(news, remote) };
  }

  async delete(id: string, props: PropertyBag): Promise<void> {
    if (this.resource.remove === undefined) return;
    try {
      await this.resource.remove(this.client(), id, props);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
