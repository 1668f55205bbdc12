import { Route, ServiceRef, servicePath } from "./collection";
import { JsonReader } from "./shape";
import { RecordOf } from "../model/field";
import { FUNCTION_VERSION } from "../model/versions";
import { Transport } from "./transport";
import { UploadParams, Versions } from "./version-upload";

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

/** What one upload of a Function Version sends. */
export type CreateFunctionVersionParams = UploadParams<FunctionRef, FunctionVersion>;

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
export class FunctionVersionsApi extends Versions<typeof FUNCTION_VERSION.fields, FunctionRef> {
  constructor(transport: Transport, apiBaseUrl: string, uploadBaseUrl: string) {
    const javascript = (): string => "application/javascript";
    super(transport, apiBaseUrl, uploadBaseUrl, FUNCTION_VERSION, FUNCTION_VERSIONS_ROUTE, javascript);
  }

  /** Fetches the source code of one version. */
  fetchContent(ref: FunctionVersionRef): Promise<FunctionVersionContent> {
    const url = `${this.url(ref, ref.sid)}/Content`;
    return this.transport.send({ method: "GET", url }, decodeFunctionVersionContent);
  }
}
