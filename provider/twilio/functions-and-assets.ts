import { formBody } from "./form";
import { ListOptions, listAll } from "./paging";
import { RecordOf } from "../model/field";
import { decoderOf, formOf } from "../model/derive";
import { ASSET, FUNCTION, FunctionOrAssetFields } from "../model/function-or-asset";
import { Transport } from "./transport";

/** A Function or an Asset: a named slot in a Service whose code or file comes in versions. */
export type FunctionOrAsset = RecordOf<FunctionOrAssetFields>;

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
export const functionOrAssetDecoder = (kind: FunctionOrAssetKind): ((json: unknown) => FunctionOrAsset) =>
  decoderOf(kind === "Function" ? FUNCTION : ASSET);

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
    const body = formBody(formOf(FUNCTION, "create", { friendlyName }));
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
    return this.transport.send({ method: "POST", url, body: formBody(formOf(FUNCTION, "update", { friendlyName })) }, this.decode);
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
