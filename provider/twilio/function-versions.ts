import { Records, Route, ServiceRef, servicePath } from "./collection";
import { JsonReader } from "./shape";
import { RecordOf } from "../model/field";
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
export interface FunctionRef extends ServiceRef {
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

/** A Function's versions. */
export const FUNCTION_VERSIONS_ROUTE: Route<FunctionRef> = {
  path: (ref) => `${servicePath(ref)}/Functions/${encodeURIComponent(ref.functionSid)}/Versions`,
  key: "function_versions",
};

/** The Function Version endpoints: upload, fetch, content and list. */
export class FunctionVersionsApi extends Records<typeof FUNCTION_VERSION.fields, FunctionRef> {
  constructor(
    transport: Transport,
    apiBaseUrl: string,
    private readonly uploadBaseUrl: string,
  ) {
    super(transport, apiBaseUrl, FUNCTION_VERSION, FUNCTION_VERSIONS_ROUTE);
  }

  /** Uploads a new version to the upload host. */
  upload(params: CreateFunctionVersionParams): Promise<FunctionVersion> {
    const body = versionUploadBody({ ...params, contentType: "application/javascript" });
    const url = `${this.uploadBaseUrl}${FUNCTION_VERSIONS_ROUTE.path(params)}`;
    return this.transport.send({ method: "POST", url, body }, this.decode, params.findExisting);
  }

  /** Fetches the source code of one version. */
  fetchContent(ref: FunctionVersionRef): Promise<FunctionVersionContent> {
    const url = `${this.url(ref, ref.sid)}/Content`;
    return this.transport.send({ method: "GET", url }, decodeFunctionVersionContent);
  }
}
