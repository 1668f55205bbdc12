import { formBody } from "./form";
import { ListOptions, listAll } from "./paging";
import { JsonReader } from "./shape";
import { Transport } from "./transport";

/** A Function or an Asset: a named slot in a Service whose code or file comes in versions. */
export interface FunctionOrAsset {
  /** Its SID (`ZH…`, for Functions and Assets alike). */
  sid: string;
  /** The account that owns it (`AC…`). */
  accountSid: string;
  /** Its Service (`ZS…`). */
  serviceSid: string;
  /** Its display name. */
  friendlyName: string;
  /** When Twilio created it, ISO 8601 in UTC. */
  dateCreated: string;
  /** When it last changed. */
  dateUpdated: string;
  /** Its API resource URL. */
  url: string;
}

/** Which of the two collections. */
export type FunctionOrAssetKind = "Function" | "Asset";

const COLLECTIONS = {
  Function: { segment: "Functions", key: "functions" },
  Asset: { segment: "Assets", key: "assets" },
} as const;

/**
 * Functions and Assets share every endpoint and field; the one mapping from Twilio's answer. Every
 * field is nullable in the spec, but each is set on a real Function or Asset (`FriendlyName` is
 * required to create one): `null` anywhere is refused as a broken answer.
 */
export function functionOrAssetDecoder(kind: FunctionOrAssetKind): (json: unknown) => FunctionOrAsset {
  return (json) => {
    const r = new JsonReader(json, kind);
    return {
      sid: r.string("sid"),
      accountSid: r.string("account_sid"),
      serviceSid: r.string("service_sid"),
      friendlyName: r.string("friendly_name"),
      dateCreated: r.string("date_created"),
      dateUpdated: r.string("date_updated"),
      url: r.string("url"),
    };
  };
}

/** The Function or the Asset endpoints of Services. */
export class FunctionsOrAssetsApi {
  private readonly decode: (json: unknown) => FunctionOrAsset;

  constructor(
    private readonly transport: Transport,
    private readonly baseUrl: string,
    private readonly kind: FunctionOrAssetKind,
  ) {
    this.decode = functionOrAssetDecoder(kind);
  }

  private path(serviceSid: string, sid?: string): string {
    const collection = `/v1/Services/${encodeURIComponent(serviceSid)}/${COLLECTIONS[this.kind].segment}`;
    return sid === undefined ? collection : `${collection}/${encodeURIComponent(sid)}`;
  }

  /** Creates one in a Service. */
  create(
    serviceSid: string,
    friendlyName: string,
    findExisting?: () => Promise<FunctionOrAsset | undefined>,
  ): Promise<FunctionOrAsset> {
    const body = formBody({ FriendlyName: friendlyName });
    const url = `${this.baseUrl}${this.path(serviceSid)}`;
    return this.transport.send({ method: "POST", url, body }, this.decode, findExisting);
  }

  /** Fetches one. */
  fetch(serviceSid: string, sid: string): Promise<FunctionOrAsset> {
    return this.transport.send({ method: "GET", url: `${this.baseUrl}${this.path(serviceSid, sid)}` }, this.decode);
  }

  /** Renames one, the only change Twilio makes in place. */
  update(serviceSid: string, sid: string, friendlyName: string): Promise<FunctionOrAsset> {
    const url = `${this.baseUrl}${this.path(serviceSid, sid)}`;
    return this.transport.send({ method: "POST", url, body: formBody({ FriendlyName: friendlyName }) }, this.decode);
  }

  /** Deletes one; Twilio refuses while one of its versions is live. */
  remove(serviceSid: string, sid: string): Promise<void> {
    const url = `${this.baseUrl}${this.path(serviceSid, sid)}`;
    return this.transport.send({ method: "DELETE", url }, () => undefined);
  }

  /** Lists a Service's Functions, or its Assets. */
  list(serviceSid: string, options?: ListOptions): Promise<FunctionOrAsset[]> {
    const list = { what: this.kind, key: COLLECTIONS[this.kind].key, decode: this.decode };
    return listAll(this.transport, this.baseUrl, this.path(serviceSid), list, options);
  }
}
