import { parseContent, prepareUpload } from "../../pulumi/content";
import { IncompleteCreateError, LifecycleContext, ResourceLifecycle } from "../../pulumi/lifecycle";
import { connect } from "../../pulumi/session";
import { CheckFailure, SpecDiff, checkInputs, diffInputs } from "../../pulumi/spec";
import { findUploadedVersion, recoverUpload } from "../../pulumi/upload-recovery";
import { storedString } from "../../pulumi/stored";
import { PropertyBag } from "../../pulumi/wire";
import { TwilioApiError, isNotFound, mayHaveBeenProcessed } from "../../twilio/errors";
import { FunctionVersion } from "../../twilio/function-versions";
import { Visibility, isVisibility } from "../../twilio/version-upload";
import { FunctionVersionOutputs, OUTPUT_KEYS, toOutputs } from "./outputs";
import { FUNCTION_VERSION_SPEC } from "./spec";

/** The FunctionVersion provider methods, as the engine calls them. */
export class FunctionVersionLifecycle implements ResourceLifecycle {
  private deleteExplained = false;

  constructor(private readonly context: LifecycleContext) {}

  private log(message: string): void {
    this.context.log(message);
  }

  check(news: PropertyBag): { inputs: PropertyBag; failures: CheckFailure[] } {
    return checkInputs(FUNCTION_VERSION_SPEC, news, { programDir: this.context.programDir() });
  }

  /** Names each changed property as a replacement: versions are immutable. */
  diff(olds: PropertyBag, news: PropertyBag): SpecDiff {
    return diffInputs(FUNCTION_VERSION_SPEC, olds, news, { programDir: this.context.programDir() });
  }

  /** Uploads a new version. */
  async create(inputs: PropertyBag): Promise<{ id: string; outs: FunctionVersionOutputs }> {
    const { inputs: checked, failures } = this.check(inputs);
    if (failures.length > 0) throw new Error(failures.map((f) => f.reason).join("; "));
    const content = parseContent(checked.content);
    if (typeof content === "string") throw new Error(content);
    const prepared = prepareUpload(content, this.context.programDir());
    const api = connect(this.context.config()).functionVersions;
    const params = {
      serviceSid: String(checked.serviceSid),
      functionSid: String(checked.functionSid),
      path: String(checked.path),
      visibility: toVisibility(checked.visibility),
    };
    const startedAt = Date.now();
    const uploaded = () => ({ ...params, contentHash: prepared.digest(), startedAt });
    const foundAfter = (answer: "lost" | "unreadable"): void =>
      this.log(`Twilio's answer to the upload of ${params.path} was ${answer}; found the version it created.`);
    const findExisting = async (): Promise<FunctionVersion | undefined> => {
      const found = await findUploadedVersion(api, uploaded());
      if (found !== undefined) foundAfter("lost");
      return found;
    };
    let version: FunctionVersion;
    try {
      version = await api.create({ ...params, content: prepared.upload, findExisting });
    } catch (err) {
      const recovered = await recoverUpload(api, err, uploaded()).catch(() => undefined);
      if (recovered === undefined) throw createFailure(err, uploaded(), inputs.__provider);
      foundAfter(err instanceof TwilioApiError && err.status !== undefined && err.status < 300 ? "unreadable" : "lost");
      version = recovered;
    }
    // Twilio stored this upload, so its whole body, and with it the whole file, was sent and hashed.
    const digest = prepared.digest();
    if (digest === undefined) throw new Error(`content of ${params.path} was uploaded but not hashed`);
    return { id: version.sid, outs: toOutputs(version, digest) };
  }

  /** Refreshes outputs; a purged version comes back without an id, which drops it from state. */
  async read(id: string, props: PropertyBag): Promise<{ id?: string; props?: FunctionVersionOutputs }> {
    const contentHash = storedString(props, "contentHash", "FunctionVersion");
    try {
      const version = await connect(this.context.config()).functionVersions.fetch({
        serviceSid: storedString(props, "serviceSid", "FunctionVersion"),
        functionSid: storedString(props, "functionSid", "FunctionVersion"),
        sid: id,
      });
      return { id: version.sid, props: toOutputs(version, contentHash) };
    } catch (err) {
      if (isNotFound(err)) return {};
      throw err;
    }
  }

  /**
   * Never needed for a real change (all are replacements); keeps every output if the engine asks
   * anyway, and completes the outputs of a version kept after an incomplete create.
   */
  async update(id: string, olds: PropertyBag): Promise<{ outs: PropertyBag }> {
    if (OUTPUT_KEYS.every((key) => typeof olds[key] === "string" && olds[key] !== "")) {
      const outs: PropertyBag = {};
      for (const key of OUTPUT_KEYS) outs[key] = olds[key];
      return { outs };
    }
    const { props } = await this.read(id, olds);
    if (props === undefined) throw new Error(`version ${id} no longer exists in Twilio; run "pulumi refresh"`);
    return { outs: { ...props } };
  }

  /** Twilio has no delete for versions: only state changes, and the reason is said once per run. */
  async delete(): Promise<void> {
    if (this.deleteExplained) return;
    this.deleteExplained = true;
    this.log(
      "Twilio has no API to delete a Function Version: it is removed from the stack only; " +
        "Twilio purges versions that no Build uses on its own.",
    );
  }
}

function createFailure(
  err: unknown,
  upload: { serviceSid: string; functionSid: string; path: string; visibility: string; contentHash?: string },
  provider: unknown,
): unknown {
  const explained = explainCreateFailure(err, upload);
  if (!(err instanceof TwilioApiError) || err.createdSid === undefined || upload.contentHash === undefined) {
    return explained;
  }
  const message = `${err.message} It is kept in the stack; run "pulumi refresh" to read the rest of its outputs.`;
  const { serviceSid, functionSid, path, visibility, contentHash } = upload;
  // The server adds the serialized provider to the outputs of a success only; refresh needs it.
  return new IncompleteCreateError(message, err.createdSid, {
    __provider: provider,
    sid: err.createdSid,
    serviceSid,
    functionSid,
    path,
    visibility,
    contentHash,
  });
}

// The bare API error is about an HTTP request; these say what it means for the resource.
function explainCreateFailure(err: unknown, params: { serviceSid: string; functionSid: string }): unknown {
  if (!(err instanceof TwilioApiError)) return err;
  if (err.status === 404) {
    return new Error(
      `${err.message} Check that Function ${params.functionSid} exists in Service ${params.serviceSid} ` +
        "(an Asset SID also starts with ZH, but versions of Assets cannot be uploaded here).",
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

// Checked inputs hold a valid visibility; this only tells the compiler so.
function toVisibility(value: unknown): Visibility {
  if (isVisibility(value)) return value;
  throw new Error(`visibility ${JSON.stringify(value)} passed check but is not one Twilio accepts`);
}
