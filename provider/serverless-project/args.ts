import type * as pulumi from "@pulumi/pulumi";
import type { Visibility } from "../twilio/version-upload";

/** What a function's code or an asset's bytes may be given as. */
export type ServerlessContent = pulumi.Input<string | pulumi.asset.StringAsset | pulumi.asset.FileAsset>;

/** A function or an asset given in the program rather than found in the project folder. */
export interface ServerlessFile {
  /** The URL path, e.g. `/hello` (a leading slash is added if missing). */
  path: string;
  /** The bytes; a `FileAsset` path starts at the Pulumi program directory. */
  content: ServerlessContent;
  /** Who may reach it; `public` when left out, as for a Toolkit file without a marker. */
  visibility?: Visibility;
}

/** The Environment a {@link ServerlessProject} deploys to. */
export interface ServerlessEnvironmentArgs {
  /** Unique in the Service; `<suffix>-environment` (the Toolkit's name) or `production` when left out. */
  uniqueName?: pulumi.Input<string>;
  /** The domain suffix, e.g. `dev`; left out, the environment is served at the service's bare domain. */
  domainSuffix?: pulumi.Input<string>;
}

/** Inputs of a {@link ServerlessProject}. */
export interface ServerlessProjectArgs {
  /**
   * A Serverless Toolkit project folder, from the Pulumi program directory: functions from the
   * first of `functions/` or `src/`, assets from the first of `assets/` or `static/`, dependencies
   * and the default `uniqueName` from `package.json`. Its `.env` is not read (see `envFile`).
   */
  directory?: string;
  /** Functions to deploy besides (or instead of) the folder's. */
  functions?: ServerlessFile[];
  /** Assets to deploy besides (or instead of) the folder's. */
  assets?: ServerlessFile[];
  /** Deploy into this existing Service (`ZS…`) instead of creating one. */
  serviceSid?: pulumi.Input<string>;
  /** The unique name of the Service to create; `package.json`'s `name` when left out. */
  uniqueName?: pulumi.Input<string>;
  /** The created Service's display name; its unique name when left out. */
  friendlyName?: pulumi.Input<string>;
  /** Whether functions get the account SID and auth token in `context` (default `true`). */
  includeCredentials?: pulumi.Input<boolean>;
  /** Whether the Twilio Console may edit the created Service (default `false`). */
  uiEditable?: pulumi.Input<boolean>;
  /** The Environment; by default one without a domain suffix (the production domain). */
  environment?: ServerlessEnvironmentArgs;
  /** The Node.js runtime, e.g. `node22`; left out, Twilio keeps the service's last. */
  runtime?: pulumi.Input<string>;
  /** npm dependencies, name to version; used instead of `package.json`'s `dependencies` when given. */
  dependencies?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Environment Variables, key to value, stored as secrets; they win over `envFile`'s. */
  variables?: Record<string, pulumi.Input<string>>;
  /**
   * A dotenv file of Variables, from the Pulumi program directory (e.g. `app/.env`). As with the
   * Toolkit, empty values and `ACCOUNT_SID` / `AUTH_TOKEN` are left out. Never read unless named,
   * so that a deploy cannot ship local secrets by accident.
   */
  envFile?: string;
}
