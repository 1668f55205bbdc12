import { versionSpec } from "../../pulumi/version-spec";

/** A Function Version's inputs. */
export const FUNCTION_VERSION_SPEC = versionSpec("FunctionVersion", "function", { key: "functionSid", prefix: "ZH" });
