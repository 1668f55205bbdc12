import { sha256 } from "../../pulumi/content";
import { LifecycleContext } from "../../pulumi/lifecycle";
import { VersionKind } from "../../pulumi/version-kind";
import { VersionLifecycle } from "../../pulumi/version-lifecycle";
import { FunctionVersion } from "../../twilio/function-versions";
import { FUNCTION_VERSION_SPEC } from "./spec";

/** Function Versions: uploaded as `function.js` when given as text, and readable back through `/Content`. */
export const FUNCTION_VERSION: VersionKind<FunctionVersion> = {
  spec: FUNCTION_VERSION_SPEC,
  parent: "Function",
  parentKey: "functionSid",
  textFilename: () => "function.js",
  versions: ({ functionVersions: api }, { serviceSid, parentSid }) => {
    const ref = { serviceSid, functionSid: parentSid };
    return {
      upload: (params) => api.create({ ...ref, ...params }),
      fetch: (sid) => api.fetch({ ...ref, sid }),
      newest: (limit) => api.list({ ...ref, limit }),
      storedHash: async (sid) => sha256((await api.fetchContent({ ...ref, sid })).content),
    };
  },
};

/** The FunctionVersion provider methods, as the engine calls them. */
export class FunctionVersionLifecycle extends VersionLifecycle<FunctionVersion> {
  constructor(context: LifecycleContext) {
    super(FUNCTION_VERSION, context);
  }
}
