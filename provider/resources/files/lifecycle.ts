import { ASSET_FILE, FUNCTION_FILE, FileFields } from "../../model/files";
import { Description } from "../../model/field";
import { VersionRecord } from "../../model/versions";
import { PropertyBag, isBag } from "../../model/wire";
import { messageOf } from "../../pulumi/error-message";
import { IncompleteCreateError, LifecycleContext, ResourceLifecycle } from "../../pulumi/lifecycle";
import { RemoteLifecycle } from "../../pulumi/remote-lifecycle";
import { CheckFailure, SpecDiff, changedInputs, checkInputs, diffInputs } from "../../pulumi/spec";
import { functionOrAsset } from "../function-or-asset/lifecycle";
import { VersionLifecycle } from "../versions/lifecycle";
import { ASSET_VERSIONS, FUNCTION_VERSIONS, VersionKind } from "../versions/kinds";

/** What sets a FunctionFile apart from an AssetFile; everything else is shared by {@link FileLifecycle}. */
export interface FileKind {
  /** Its fields; `description.name` is the resource type (`FunctionFile`). */
  description: Description<FileFields>;
  /** The Function or Asset, as its own resource kind makes it. */
  parent: "Function" | "Asset";
  /** Its versions, as their own resource kind uploads them. */
  versions: VersionKind<VersionRecord>;
}

/** Functions: a Function and the version of its code. */
export const FUNCTION_FILES: FileKind = { description: FUNCTION_FILE, parent: "Function", versions: FUNCTION_VERSIONS };

/** Assets: an Asset and the version of its bytes. */
export const ASSET_FILES: FileKind = { description: ASSET_FILE, parent: "Asset", versions: ASSET_VERSIONS };

/** The inputs the Function or Asset itself is made of. */
const SLOT_INPUTS = ["serviceSid", "friendlyName", "exclusiveService"];
/** The inputs a version is made of: a change to one of them uploads a new version. */
const VERSION_INPUTS = ["path", "visibility", "content"];
/** What the outputs keep of the Function or Asset. */
const SLOT_OUTPUTS = ["sid", "accountSid", "dateCreated", "dateUpdated", "url"];

/** What the outputs keep of the current version; all `null` while no version was uploaded. */
interface CurrentVersion {
  versionSid: string | null;
  path: string | null;
  visibility: string | null;
  contentHash: string | null;
}

const NO_VERSION: CurrentVersion = { versionSid: null, path: null, visibility: null, contentHash: null };

const pick = (bag: PropertyBag, keys: readonly string[]): PropertyBag =>
  Object.fromEntries(keys.filter((key) => key in bag).map((key) => [key, bag[key]]));

const stringOrNull = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/** The current version as outputs hold it (a version's own outputs, or a file's). */
function currentVersion(bag: PropertyBag, sidKey: "sid" | "versionSid"): CurrentVersion {
  const versionSid = stringOrNull(bag[sidKey]);
  const contentHash = stringOrNull(bag.contentHash);
  // Without its SID and hash, nothing is known to hold the bytes: the next change check uploads them.
  if (versionSid === null || contentHash === null) return NO_VERSION;
  return { versionSid, path: stringOrNull(bag.path), visibility: stringOrNull(bag.visibility), contentHash };
}

/**
 * A file of a Serverless project as one resource: its Function (or Asset) and the version of its
 * bytes that a Build deploys. Created, it makes the Function and uploads the version; new bytes, a
 * new path or visibility upload a new version of the same Function; deleted, it deletes the
 * Function, which Twilio refuses while a live build serves it (so a removed file is deleted once
 * the build without it is live, as Pulumi deletes last). The Function and the upload are made
 * exactly as their own resource kinds make them, lost answers and interrupted deploys included.
 */
export class FileLifecycle implements ResourceLifecycle {
  private readonly slot: ResourceLifecycle;
  private readonly version: ResourceLifecycle;

  constructor(
    private readonly kind: FileKind,
    private readonly context: LifecycleContext,
  ) {
    this.slot = new RemoteLifecycle(functionOrAsset(kind.parent), context);
    this.version = new VersionLifecycle(kind.versions, context);
  }

  check(news: PropertyBag): { inputs: PropertyBag; failures: CheckFailure[] } {
    return checkInputs(this.kind.description, news, { programDir: this.context.programDir() });
  }

  diff(olds: PropertyBag, news: PropertyBag): SpecDiff {
    return diffInputs(this.kind.description, olds, news, { programDir: this.context.programDir() });
  }

  async create(inputs: PropertyBag): Promise<{ id: string; outs: object }> {
    let slot: { id: string; outs: object };
    try {
      slot = await this.slot.create(this.slotInputs(inputs));
    } catch (err) {
      // Made but unread: kept with what is known, and the next up uploads its version.
      if (err instanceof IncompleteCreateError) {
        throw new IncompleteCreateError(err.message, err.id, this.kept(inputs, err.properties, NO_VERSION));
      }
      throw err;
    }
    const slotOuts = isBag(slot.outs) ? slot.outs : {};
    try {
      const version = await this.upload(inputs, slot.id);
      return { id: slot.id, outs: this.outputs(inputs, slotOuts, version) };
    } catch (err) {
      const known = err instanceof IncompleteCreateError ? currentVersion(err.properties, "sid") : NO_VERSION;
      const message =
        `${this.kind.parent} ${slot.id} was created, but ${String(inputs.path)} was not uploaded: ${messageOf(err)} ` +
        `It is kept in the stack, and the next "pulumi up" uploads it.`;
      throw new IncompleteCreateError(message, slot.id, this.kept(inputs, slotOuts, known));
    }
  }

  async read(id: string, props: PropertyBag): Promise<{ id?: string; props?: object }> {
    const slot = await this.slot.read(id, this.slotInputs(props));
    if (slot.id === undefined || !isBag(slot.props)) return {};
    let version = currentVersion(props, "versionSid");
    if (version.versionSid !== null) {
      const stored = { ...this.versionInputs(props, id), contentHash: version.contentHash };
      const read = await this.version.read(version.versionSid, stored);
      // A version Twilio purged (no build used it) is uploaded again by the next up.
      version = isBag(read.props) ? currentVersion(read.props, "sid") : NO_VERSION;
    }
    return { id: slot.id, props: this.outputs(props, slot.props, version) };
  }

  async update(id: string, olds: PropertyBag, news: PropertyBag): Promise<{ outs: object }> {
    const { updates } = changedInputs(this.kind.description, olds, news, { programDir: this.context.programDir() });
    let slot: PropertyBag = olds;
    if (updates.includes("friendlyName")) {
      const updated = await this.slot.update(id, this.slotInputs(olds), this.slotInputs(news));
      slot = isBag(updated.outs) ? updated.outs : {};
    } else if (typeof olds.dateCreated !== "string") {
      // Kept after a create whose answer was unread: read what it lacks.
      const read = await this.slot.read(id, this.slotInputs(olds));
      if (!isBag(read.props))
        throw new Error(`${this.kind.parent} ${id} no longer exists in Twilio; run "pulumi refresh"`);
      slot = read.props;
    }
    let version = currentVersion(olds, "versionSid");
    if (version.versionSid === null || updates.some((key) => VERSION_INPUTS.includes(key))) {
      version = await this.upload(news, id);
    }
    return { outs: this.outputs(news, slot, version) };
  }

  delete(id: string, props: PropertyBag): Promise<void> {
    return this.slot.delete(id, this.slotInputs(props));
  }

  private async upload(inputs: PropertyBag, parentSid: string): Promise<CurrentVersion> {
    const created = await this.version.create(this.versionInputs(inputs, parentSid));
    return currentVersion({ ...created.outs }, "sid");
  }

  /** What the Function or Asset is made of, with the serialized provider a kept create needs. */
  private slotInputs(bag: PropertyBag): PropertyBag {
    return { __provider: bag.__provider, ...pick(bag, SLOT_INPUTS) };
  }

  private versionInputs(bag: PropertyBag, parentSid: string): PropertyBag {
    return {
      __provider: bag.__provider,
      serviceSid: bag.serviceSid,
      [this.kind.versions.parentKey]: parentSid,
      ...pick(bag, VERSION_INPUTS),
    };
  }

  /**
   * The inputs of the Function or Asset as given (`null` when left out), its record, and the
   * current version. The content is compared by its hash and never kept.
   */
  private outputs(inputs: PropertyBag, slot: PropertyBag, version: CurrentVersion): PropertyBag {
    const given: PropertyBag = {};
    for (const key of SLOT_INPUTS) given[key] = inputs[key] ?? null;
    return { ...given, ...pick(slot, SLOT_OUTPUTS), ...version };
  }

  // The server adds the serialized provider to the outputs of a success only; refresh needs it.
  private kept(inputs: PropertyBag, slot: PropertyBag, version: CurrentVersion): PropertyBag {
    return { __provider: inputs.__provider, ...this.outputs(inputs, slot, version) };
  }
}
