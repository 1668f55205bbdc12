import FormData from "form-data";
import { Readable } from "stream";
import { JsonReader } from "./shape";
import { Transport } from "./transport";

/** The visibilities Twilio accepts for a function. */
const VISIBILITIES = ["public", "protected", "private"] as const;

/** Who may call a function. */
export type Visibility = (typeof VISIBILITIES)[number];

/** True for one of {@link VISIBILITIES}. */
export function isVisibility(value: unknown): value is Visibility {
  return VISIBILITIES.some((v) => v === value);
}

/** A Function Version as Twilio returns it (snake_case wire form). */
interface FunctionVersionResource {
  sid: string;
  account_sid: string;
  service_sid: string;
  function_sid: string;
  path: string;
  visibility: string;
  date_created: string;
  url: string;
}

/** A Function Version in this package's camelCase form. */
export interface FunctionVersion {
  /** The version SID (`ZN…`). */
  sid: string;
  /** The account that owns it (`AC…`). */
  accountSid: string;
  /** Its Service (`ZS…`). */
  serviceSid: string;
  /** Its Function (`ZH…`). */
  functionSid: string;
  /** The URL path it serves, with a leading slash. */
  path: string;
  /** `public`, `protected` or `private`. */
  visibility: string;
  /** When Twilio created it, ISO 8601 in UTC. */
  dateCreated: string;
  /** Its API resource URL. */
  url: string;
}

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

/** The source code of an upload, opened anew for every attempt. */
export interface UploadContent {
  /** Exact byte length (multipart parts need it up front to send a Content-Length). */
  size: number;
  /** A buffer, or a fresh stream of exactly `size` bytes. */
  open: () => Buffer | Readable;
  /** The file name sent in the `Content` part. */
  filename: string;
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
export interface ListFunctionVersionsParams extends FunctionRef {
  /** Versions per page, 1 to 1000. */
  pageSize?: number;
  /** Stop after this many versions. */
  limit?: number;
}

/** Checks the shape of a Function Version answer. */
function parseFunctionVersion(json: unknown): FunctionVersionResource {
  const r = new JsonReader(json, "Function Version");
  return {
    sid: r.string("sid"),
    account_sid: r.string("account_sid"),
    service_sid: r.string("service_sid"),
    function_sid: r.string("function_sid"),
    path: r.string("path"),
    visibility: r.string("visibility"),
    date_created: r.string("date_created"),
    url: r.string("url"),
  };
}

/** The one mapping from the wire form to the camelCase form. */
function toFunctionVersion(wire: FunctionVersionResource): FunctionVersion {
  return {
    sid: wire.sid,
    accountSid: wire.account_sid,
    serviceSid: wire.service_sid,
    functionSid: wire.function_sid,
    path: wire.path,
    visibility: wire.visibility,
    dateCreated: wire.date_created,
    url: wire.url,
  };
}

function decodeFunctionVersion(json: unknown): FunctionVersion {
  return toFunctionVersion(parseFunctionVersion(json));
}

interface Page {
  items: FunctionVersion[];
  next?: string;
}

function parsePage(json: unknown): Page {
  const page = new JsonReader(json, "Function Version page");
  const meta = page.object("meta");
  // Twilio names the array in meta.key; the documented name is the fallback.
  const key = meta.optionalString("key") ?? "function_versions";
  return { items: page.array(key).map(decodeFunctionVersion), next: meta.optionalString("next_page_url") };
}

function rebase(link: string, baseUrl: string): string {
  const parsed = new URL(link, baseUrl);
  return `${baseUrl}${parsed.pathname}${parsed.search}`;
}

function parseContent(json: unknown): FunctionVersionContent {
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
    const { content } = params;
    return this.transport.send(
      {
        method: "POST",
        url: `${this.uploadBaseUrl}${versionsPath(params)}`,
        body: () => {
          const source = content.open();
          let sourceError: Error | undefined;
          if (source instanceof Readable) source.once("error", (err) => (sourceError = err));
          const form = new FormData();
          form.append("Path", params.path);
          form.append("Visibility", params.visibility);
          form.append("Content", source, {
            filename: content.filename,
            contentType: "application/javascript",
            knownLength: content.size,
          });
          return {
            data: form,
            headers: { ...form.getHeaders(), "Content-Length": form.getLengthSync() },
            dispose: () => {
              if (source instanceof Readable) source.destroy();
            },
            sourceError: () => sourceError,
          };
        },
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
    return this.transport.send({ method: "GET", url: `${this.apiBaseUrl}${versionPath(ref)}/Content` }, parseContent);
  }

  /** Lists versions newest first, following Twilio's `next_page_url` until done or `limit` is reached. */
  async list(params: ListFunctionVersionsParams): Promise<FunctionVersion[]> {
    const limit = params.limit ?? Infinity;
    const pageSize = params.pageSize ?? Math.min(50, Number.isFinite(limit) ? Math.max(1, limit) : 50);
    const out: FunctionVersion[] = [];
    let url: string | undefined = `${this.apiBaseUrl}${versionsPath(params)}?PageSize=${pageSize}`;
    while (url !== undefined && out.length < limit) {
      const page: Page = await this.transport.send({ method: "GET", url }, parsePage);
      for (const item of page.items) {
        if (out.length >= limit) break;
        out.push(item);
      }
      // Only the path and query of Twilio's absolute link are kept, so that credentials go to the
      // configured host (a region, an edge, a local emulator) and nowhere else.
      url = page.next === undefined ? undefined : rebase(page.next, this.apiBaseUrl);
    }
    return out;
  }
}

function versionsPath(ref: FunctionRef): string {
  return `/v1/Services/${encodeURIComponent(ref.serviceSid)}/Functions/${encodeURIComponent(ref.functionSid)}/Versions`;
}

function versionPath(ref: FunctionVersionRef): string {
  return `${versionsPath(ref)}/${encodeURIComponent(ref.sid)}`;
}
