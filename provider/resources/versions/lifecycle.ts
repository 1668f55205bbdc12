import { parseContent, prepareUpload } from "../../model/content";
import { VersionRecord } from "../../model/versions";
import { PropertyBag } from "../../model/wire";
import { claims } from "../../pulumi/create-once";
import { IncompleteCreateError, LifecycleContext, ResourceLifecycle } from "../../pulumi/lifecycle";
import { connect } from "../../pulumi/session";
import { CheckFailure, SpecDiff, checkInputs, diffInputs } from "../../pulumi/spec";
import { storedString } from "../../pulumi/stored";
import { TwilioApiError, isNotFound, mayHaveBeenProcessed } from "../../twilio/errors";
import { Visibility, isVisibility } from "../../twilio/visibility";
import { ParentVersions, VersionKind, VersionParent } from "./kinds";
import { UploadedVersion, findUploadedVersion, recoverUpload } from "./upload-recovery";

/** The outputs a version keeps in state, all always defined: Twilio's fields and the content hash. */
type VersionOutputs<V extends VersionRecord> = V & { contentHash: string };

type ParentKind = VersionKind<VersionRecord>["parent"];

const WITH_ARTICLE: Record<ParentKind, string> = { Function: "a Function", Asset: "an Asset" };
// Functions and Assets share the ZH prefix, so a SID of the other kind passes check and only
// Twilio's 404 at upload tells it apart.
const OTHER: Record<ParentKind, ParentKind> = { Function: "Asset", Asset: "Function" };

/**
 * The provider methods of a version resource, as the engine calls them: one implementation of
 * content, streaming, hashing, retries and duplicate recovery for Function and Asset Versions,
 * which differ only by their {@link VersionKind}.
 */
export class VersionLifecycle<V extends VersionRecord> implements ResourceLifecycle {
  private deleteExplained = false;

  constructor(
    private readonly kind: VersionKind<V>,
    private readonly context: LifecycleContext,
  ) {}

  check(news: PropertyBag): { inputs: PropertyBag; failures: CheckFailure[] } {
    return checkInputs(this.kind.description, news, { programDir: this.context.programDir() });
  }

  /** Names each changed property as a replacement: versions are immutable. */
  diff(olds: PropertyBag, news: PropertyBag): SpecDiff {
    return diffInputs(this.kind.description, olds, news, { programDir: this.context.programDir() });
  }

  private versions(parent: VersionParent): ParentVersions<V> {
    return this.kind.versions(connect(this.context.config()), parent);
  }

  /** Uploads a new version. */
  async create(inputs: PropertyBag): Promise<{ id: string; outs: VersionOutputs<V> }> {
    const { inputs: checked, failures } = this.check(inputs);
    if (failures.length > 0) throw new Error(failures.map((f) => f.reason).join("; "));
    const content = parseContent(checked.content);
    if (typeof content === "string") throw new Error(content);
    const path = String(checked.path);
    const prepared = prepareUpload(content, this.context.programDir(), this.kind.textFilename(path));
    const parent = { serviceSid: String(checked.serviceSid), parentSid: String(checked[this.kind.parentKey]) };
    const versions = this.versions(parent);
    const params = { path, visibility: toVisibility(checked.visibility) };
    const startedAt = Date.now();
    const uploaded = (): UploadedVersion => ({ ...params, contentHash: prepared.digest(), startedAt });
    const foundAfter = (answer: "lost" | "unreadable"): void => {
      this.context.log(`Twilio's answer to the upload of ${path} was ${answer}; found the version it created.`);
    };
    const findExisting = async (): Promise<V | undefined> => {
      const found = await findUploadedVersion(versions, uploaded());
      if (found !== undefined) foundAfter("lost");
      return found;
    };
    let version: V;
    try {
      version = await versions.upload({ ...params, content: prepared.upload, findExisting });
    } catch (err) {
      const recovered = await recoverUpload(versions, err, uploaded()).catch(() => undefined);
      if (recovered === undefined) throw this.createFailure(err, parent, uploaded(), inputs.__provider);
      foundAfter(err instanceof TwilioApiError && err.status !== undefined && err.status < 300 ? "unreadable" : "lost");
      version = recovered;
    }
    // Twilio stored this upload, so its whole body, and with it the whole file, was sent and hashed.
    const digest = prepared.digest();
    if (digest === undefined) throw new Error(`content of ${path} was uploaded but not hashed`);
    // Made by this process: no build made before this run holds it.
    claims.claim(version.sid, true);
    return { id: version.sid, outs: { ...version, contentHash: digest } };
  }

  /** Refreshes outputs; a purged version comes back without an id, which drops it from state. */
  async read(id: string, props: PropertyBag): Promise<{ id?: string; props?: VersionOutputs<V> }> {
    const { name } = this.kind.description;
    const contentHash = storedString(props, "contentHash", name);
    const parent = {
      serviceSid: storedString(props, "serviceSid", name),
      parentSid: storedString(props, this.kind.parentKey, name),
    };
    try {
      const version = await this.versions(parent).fetch(id);
      return { id: version.sid, props: { ...version, contentHash } };
    } catch (err) {
      if (isNotFound(err)) return {};
      throw err;
    }
  }

  /**
   * Never needed for a real change (all are replacements); keeps every output if the engine asks
   * anyway, and completes the outputs of a version kept after an incomplete create.
   */
  async update(id: string, olds: PropertyBag): Promise<{ outs: object }> {
    // What Twilio answers and the hash the provider sets; never the content, which would put every byte in state.
    const keys = Object.entries(this.kind.description.fields)
      .filter(([, field]) => field.decode !== undefined || field.input === undefined)
      .map(([key]) => key);
    if (keys.every((key) => typeof olds[key] === "string" && olds[key] !== "")) {
      const outs: PropertyBag = {};
      for (const key of keys) outs[key] = olds[key];
      return { outs };
    }
    const { props } = await this.read(id, olds);
    if (props === undefined) throw new Error(`version ${id} no longer exists in Twilio; run "pulumi refresh"`);
    return { outs: props };
  }

  /** Twilio has no delete for versions: only state changes, and the reason is said once per run. */
  delete(): Promise<void> {
    if (this.deleteExplained) return Promise.resolve();
    this.deleteExplained = true;
    this.context.log(
      `Twilio has no API to delete ${WITH_ARTICLE[this.kind.parent]} Version: it is removed from the stack only; ` +
        "Twilio purges versions that no Build uses on its own.",
    );
    return Promise.resolve();
  }

  private createFailure(err: unknown, parent: VersionParent, upload: UploadedVersion, provider: unknown): unknown {
    const explained = this.explainCreateFailure(err, parent);
    if (!(err instanceof TwilioApiError) || err.createdSid === undefined || upload.contentHash === undefined) {
      return explained;
    }
    const message = `${err.message} It is kept in the stack; run "pulumi refresh" to read the rest of its outputs.`;
    const { path, visibility, contentHash } = upload;
    // The server adds the serialized provider to the outputs of a success only; refresh needs it.
    return new IncompleteCreateError(message, err.createdSid, {
      __provider: provider,
      sid: err.createdSid,
      serviceSid: parent.serviceSid,
      [this.kind.parentKey]: parent.parentSid,
      path,
      visibility,
      contentHash,
    });
  }

  // The bare API error is about an HTTP request; these say what it means for the resource.
  private explainCreateFailure(err: unknown, parent: VersionParent): unknown {
    if (!(err instanceof TwilioApiError)) return err;
    if (err.status === 404) {
      const other = OTHER[this.kind.parent];
      return new Error(
        `${err.message} Check that ${this.kind.parent} ${parent.parentSid} exists in Service ${parent.serviceSid} ` +
          `(${WITH_ARTICLE[other]} SID also starts with ZH, but versions of ${other}s cannot be uploaded here).`,
      );
    }
    if (mayHaveBeenProcessed(err) && err.createdSid === undefined) {
      return new Error(
        `${err.message} The upload may have created a version this stack does not record; ` +
          "Twilio purges versions no Build uses on its own.",
      );
    }
    return err;
  }
}

// Checked inputs hold a valid visibility; this only tells the compiler so.
function toVisibility(value: unknown): Visibility {
  if (isVisibility(value)) return value;
  throw new Error(`visibility ${JSON.stringify(value)} passed check but is not one Twilio accepts`);
}
