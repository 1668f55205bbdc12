import { FRIENDLY_NAME, SERVICE_UNIQUE_NAME } from "../twilio/limits";
import { describe } from "./field";
import { CREATED, IDENTITY, UPDATED_AND_URL, flag, output, text } from "./build-fields";

/** What a Service is made of, and the rules its inputs follow. */
export const SERVICE = describe({
  name: "Service",
  fields: {
    ...IDENTITY,
    /** Unique in the account, 1 to 50 letters, digits and dashes; it starts the domain names. Changing it replaces the Service. */
    uniqueName: text("unique_name", SERVICE_UNIQUE_NAME),
    /** Display name, at most 255 characters; `uniqueName` when left out. */
    friendlyName: text("friendly_name", { ...FRIENDLY_NAME, updatable: true, default: (news) => news.uniqueName }),
    /** Whether functions get the account SID and auth token in their `context` (default `true`). */
    includeCredentials: flag("include_credentials", { updatable: true, default: true }),
    /** Whether the Twilio Console may edit the Service (default `false`). */
    uiEditable: flag("ui_editable", { updatable: true, default: false }),
    /** The start of its environments' domain names (`<unique name>-1234`). */
    domainBase: output("domain_base"),
    ...CREATED,
    ...UPDATED_AND_URL,
  },
});
