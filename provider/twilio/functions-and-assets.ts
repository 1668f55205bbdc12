import { RecordOf } from "../model/field";
import { FunctionOrAssetFields } from "../model/function-or-asset";
import { Collection, Route, ServiceRef, servicePath } from "./collection";

/** A Function or an Asset: a named slot in a Service whose code or file comes in versions. */
export type FunctionOrAsset = RecordOf<FunctionOrAssetFields>;

/** Which of the two collections. */
export type FunctionOrAssetKind = "Function" | "Asset";

/** A Service's Functions, or its Assets: both share every endpoint and field. */
export function functionsOrAssets(kind: FunctionOrAssetKind): Route<ServiceRef> {
  const segment = kind === "Function" ? "Functions" : "Assets";
  return { path: (service) => `${servicePath(service)}/${segment}`, key: segment.toLowerCase() };
}

/** The Function or Asset endpoints: create, fetch, rename (the one change Twilio makes in place), remove, list. */
export type FunctionsOrAssetsApi = Collection<FunctionOrAssetFields, ServiceRef>;
