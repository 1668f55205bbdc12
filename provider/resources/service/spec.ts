import { ResourceSpec } from "../../pulumi/spec";
import { booleanProblem, textProblem } from "../../pulumi/text-inputs";

/** Twilio's rule for a Service's unique name, which also starts its domain names. */
export const UNIQUE_NAME = { max: 50, test: /^[A-Za-z0-9-]+$/, says: "may hold only letters, digits and dashes" };

/** A Service's inputs: the unique name is fixed at creation, the rest changes in place. */
export const SERVICE_SPEC: ResourceSpec = {
  name: "Service",
  inputs: {
    uniqueName: {
      onChange: "replace",
      problem: (value) =>
        textProblem("uniqueName", value, { max: UNIQUE_NAME.max, required: true, pattern: UNIQUE_NAME }),
    },
    friendlyName: {
      onChange: "update",
      problem: (value) => textProblem("friendlyName", value, { max: 255, required: true }),
      default: (news) => news.uniqueName,
    },
    includeCredentials: {
      onChange: "update",
      problem: (value) => booleanProblem("includeCredentials", value),
      default: () => true,
    },
    uiEditable: {
      onChange: "update",
      problem: (value) => booleanProblem("uiEditable", value),
      default: () => false,
    },
  },
};
