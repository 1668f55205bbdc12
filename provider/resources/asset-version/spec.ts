import { versionSpec } from "../../pulumi/version-spec";

/** An Asset Version's inputs. */
export const ASSET_VERSION_SPEC = versionSpec("AssetVersion", "asset", { key: "assetSid", prefix: "ZH" });
