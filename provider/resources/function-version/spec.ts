import { versionSpec } from "../../pulumi/version-spec";

/** A Function Version's inputs. */
export const FUNCTION_VERSION_SPEC = versionSpec("FunctionVersion", { key: "functionSid", prefix: "ZH" });
