import { Environment } from "../../twilio/environments";

/** An Environment as this package shows it: Twilio's fields, with `url` where it serves. */
export interface EnvironmentOutputs extends Omit<Environment, "url"> {
  /** `https://` and its domain name: where its functions and assets are served. */
  url: string;
  /** Its API resource URL (Twilio's `url`). */
  apiUrl: string;
}

/** Twilio's `url` is the API's; the `url` users want is the site's. */
export const environmentOutputs = ({ url, ...environment }: Environment): EnvironmentOutputs => ({
  ...environment,
  url: `https://${environment.domainName}`,
  apiUrl: url,
});
