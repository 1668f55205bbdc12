import {
  CREATED,
  IDENTITY,
  decoded,
  exclusiveService,
  nullableOutput,
  nullableText,
  output,
  sid,
  text,
} from "./build-fields";
import { ENVIRONMENT_DOMAIN_SUFFIX, ENVIRONMENT_UNIQUE_NAME } from "../twilio/limits";
import { describe } from "./field";

const isSame = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null);

/** What an Environment is made of, and the rules its inputs follow. */
export const ENVIRONMENT = describe({
  name: "Environment",
  fields: {
    ...IDENTITY,
    /** The Service SID (`ZS…`). */
    serviceSid: sid("service_sid", "ZS"),
    /** The build it serves, `null` before the first deployment; refreshed by `pulumi refresh`. */
    buildSid: nullableOutput("build_sid"),
    /** Unique in the Service, 1 to 100 characters. */
    uniqueName: text("unique_name", ENVIRONMENT_UNIQUE_NAME),
    /** Unique in the Service, at most 16 letters, digits and dashes; left out, the domain has no suffix. */
    domainSuffix: nullableText("domain_suffix", ENVIRONMENT_DOMAIN_SUFFIX),
    /** True when nothing but this stack deploys into the Service: an interrupted create's leftover with exactly the identity asked for is then taken as this stack's (see "Interrupted deploys" in the README). */
    exclusiveService: exclusiveService(),
    /** Its domain name, e.g. `my-service-1234-dev.twil.io`. */
    domainName: output("domain_name"),
    /** `https://` and its domain name: where its functions and assets are served. */
    url: decoded((answer) => `https://${answer.string("domain_name")}`),
    /** Its API URL (Twilio's `url`). */
    apiUrl: output("url"),
    ...CREATED,
    /** When it last changed (ISO 8601 in UTC). */
    dateUpdated: output("date_updated"),
  },
  // Both names are unique in the Service: a new Environment in the same Service that keeps
  // either one can exist only once the old one is gone.
  deleteBeforeReplace: (olds, news, replaces) =>
    !replaces.includes("serviceSid") &&
    (olds.uniqueName === news.uniqueName || isSame(olds.domainSuffix, news.domainSuffix)),
});
