import { ListOptions, listAll } from "./paging";
import { JsonReader } from "./shape";
import { RecordOf } from "../model/field";
import { decoderOf } from "../model/derive";
import { FUNCTION_VERSION } from "../model/versions";
import { Transport } from "./transport";
import { UploadContent, Visibility, versionUploadBody } from "./version-upload";

export type { UploadContent, Visibility } from "./version-upload";
export { isVisibility } from "./version-upload";

/** A Function Version in this package's camelCase form. */
export type FunctionVersion = RecordOf<typeof FUNCTION_VERSION.fields>;

/** The `/Content` answer in camelCase form. */
export interface FunctionVersionContent {
  /** The version SID (`ZN…`). */
  sid: string;
  /** The account that owns it (`AC…`). */
  accountSid: string;
  /** Its Service (`ZS…`). */
  serviceSid: string;
  /** Its Function (`ZH…`). */
  functionSid: string;
  /** The source code, as uploaded. */
  content: string;
  /** The API resource URL of the content. */
  url: string;
}

/** Addresses a function. */
export interface FunctionRef {
  /** The Service SID (`ZS…`). */
  serviceSid: string;
  /** The Function SID (`ZH…`). */
  functionSid: string;
}

/** Addresses one version. */
export interface FunctionVersionRef extends FunctionRef {
  /** The version SID (`ZN…`). */
  sid: string;
}

/** Parameters of an upload. */
export interface CreateFunctionVersionParams extends FunctionRef {
  /** The URL path; Twilio adds a missing leading slash. */
  path: string;
  /** Who may call it. */
  visibility: Visibility;
  /** The source code. */
  content: UploadContent;
  /**
   * Looks for the version an earlier attempt of this upload created, before the upload is sent
   * again after an answer that leaves that open (a 5xx, a timeout, a lost connection). A version
   * it returns is taken as this upload's, so a lost answer does not leave a duplicate behind.
   */
  findExisting?: () => Promise<FunctionVersion | undefined>;
}

/** Parameters of a listing. */
export interface ListFunctionVersionsParams extends FunctionRef, ListOptions {}

/**
 * The one mapping from Twilio's answer, its shape checked. Every field is nullable in the spec, but
 * each is set on a real version, and the path and visibility are what a lost upload is recognised
 * by: `null` anywhere is refused as a broken answer.
 */
export const decodeFunctionVersion = decoderOf(FUNCTION_VERSION);

/** The `/Content` answer, its shape checked; without its `content` a stored upload cannot be recognised. */
export function decodeFunctionVersionContent(json: unknown): FunctionVersionContent {
  const r = new JsonReader(json, "Function Version Content");
  return {
    sid: r.string("sid"),
    accountSid: r.string("account_sid"),
    serviceSid: r.string("service_sid"),
    functionSid: r.string("function_sid"),
    content: r.string("content"),
    url: r.string("url"),
  };
}

/** The Function Version endpoints: upload, fetch, content and list. */
export class FunctionVersionsApi {
  constructor(
    private readonly transport: Transport,
    private readonly apiBaseUrl: string,
    private readonly uploadBaseUrl: string,
  ) {}

  /** Uploads a new version to the upload host. */
  async create(params: CreateFunctionVersionParams): Promise<FunctionVersion> {
    return this.transport.send(
      {
        method: "POST",
        url: `${this.uploadBaseUrl}${versionsPath(params)}`,
        body: versionUploadBody({ ...params, contentType: "application/javascript" }),
      },
      decodeFunctionVersion,
      params.findExisting,
    );
  }

  /** Fetches one version; a purged or unknown one fails with status 404. */
  async fetch(ref: FunctionVersionRef): Promise<FunctionVersion> {
    return this.transport.send({ method: "GET", url: `${this.apiBaseUrl}${versionPath(ref)}` }, decodeFunctionVersion);
  }

  /** Fetches the source code of one version. */
  async fetchContent(ref: FunctionVersionRef): Promise<FunctionVersionContent> {
    return this.transport.send(
      { method: "GET", url: `${this.apiBaseUrl}${versionPath(ref)}/Content` },
      decodeFunctionVersionContent,
    );
  }

  /** Lists versions newest first, following Twilio's `next_page_url` until done or `limit` is reached. */
  async list(params: ListFunctionVersionsParams): Promise<FunctionVersion[]> {
    return listAll(
      this.transport,
      this.apiBaseUrl,
      versionsPath(params),
      { what: "Function Version", key: "function_versions", decode: decodeFunctionVersion },
      params,
    );
  }
}

function versionsPath(ref: FunctionRef): string {
  return `/v1/Services/${encodeURIComponent(ref.serviceSid)}/Functions/${encodeURIComponent(ref.functionSid)}/Versions`;
}

function versionPath(ref: FunctionVersionRef): string {
  return `${versionsPath(ref)}/${encodeURIComponent(ref.sid)}`;
}
