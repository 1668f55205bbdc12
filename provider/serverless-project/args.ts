import type * as pulumi from "@pulumi/pulumi";
import type { PropertyNames } from "../pulumi/known-properties";
import type { Visibility } from "../twilio/visibility";

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

/** The properties a {@link ServerlessFile} takes. */
export const SERVERLESS_FILE_INPUTS: PropertyNames<ServerlessFile> = { path: true, content: true, visibility: true };

/** The Environment a {@link ServerlessProject} deploys to. */
export interface ServerlessEnvironmentArgs {
  /** Unique in the Service; `<suffix>-environment` (the Toolkit's name) or `production` when left out. */
  uniqueName?: pulumi.Input<string>;
  /** The domain suffix, e.g. `dev`; left out, the environment is served at the service's bare domain. */
  domainSuffix?: pulumi.Input<string>;
}

/** The properties {@link ServerlessEnvironmentArgs} takes. */
export const SERVERLESS_ENVIRONMENT_INPUTS: PropertyNames<ServerlessEnvironmentArgs> = {
  uniqueName: true,
  domainSuffix: true,
};

/** Inputs of a {@link ServerlessProject} whichever Service it deploys into. */
export interface ServerlessProjectCommonArgs {
  /**
   * A Serverless Toolkit project folder, from the Pulumi program directory: functions from the
   * first of `functions/` or `src/`, assets from the first of `assets/` or `static/` (unless
   * `functionsFolder` or `assetsFolder` names another), dependencies and the default `uniqueName`
   * from `package.json`. Its `.env` is not read (see `envFile`). Left out, each with a log line:
   * `.env` and `.env.*` files, version control folders (`.git/`, `.svn/`, `.hg/`, `.bzr/`),
   * `node_modules/`, `.DS_Store`, `Thumbs.db`, `desktop.ini`, editor files (`*.swp`, `*.swo`,
   * `*~`, `.#*`, `#*#`), FIFOs and sockets; every other file is deployed, hidden ones such as
   * `.well-known/assetlinks.json` included, as by `twilio-run`. A symbolic link counts as what it
   * points to, and one that points nowhere or into a loop is refused.
   */
  directory?: string;
  /**
   * The functions folder, from `directory`, as `twilio-run deploy --functions-folder` takes it:
   * `dist/functions` for a TypeScript project compiled by `tsc`. Read instead of `functions/` or
   * `src/`; the assets folder is still found by its default names unless `assetsFolder` is given.
   * Refused when it is not a folder, where `twilio-run` deploys no functions without a word.
   */
  functionsFolder?: string;
  /**
   * The assets folder, from `directory`, as `twilio-run deploy --assets-folder` takes it:
   * `dist/assets` for a TypeScript project. Read instead of `assets/` or `static/`; the functions
   * folder is still found by its default names unless `functionsFolder` is given. Refused when it
   * is not a folder.
   */
  assetsFolder?: string;
  /** Functions to deploy besides (or instead of) the folder's. */
  functions?: ServerlessFile[];
  /** Assets to deploy besides (or instead of) the folder's. */
  assets?: ServerlessFile[];
  /** The Environment; by default one without a domain suffix (the production domain). */
  environment?: ServerlessEnvironmentArgs;
  /**
   * The Node.js runtime Twilio offers (`node20`, `node22`, `node24`); left out, Twilio keeps the
   * service's last. Any other is refused when the program runs, but a newer Node.js line is sent
   * with a warning, as by a Build.
   */
  runtime?: pulumi.Input<string>;
  /** npm dependencies, name to version; used instead of `package.json`'s `dependencies` when given. */
  dependencies?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Environment Variables, key to value, stored as secrets; they win over `envFile`'s. An empty
   * value leaves the key out (Twilio refuses one), with a log line; `ACCOUNT_SID` and `AUTH_TOKEN`
   * are refused: functions read the account's own from `context` when `includeCredentials` is on.
   */
  variables?: Record<string, pulumi.Input<string>>;
  /**
   * A dotenv file of Variables, from the Pulumi program directory (e.g. `app/.env`). As with the
   * Toolkit, empty values and `ACCOUNT_SID` / `AUTH_TOKEN` are left out, each with a log line.
   * Never read unless named, so that a deploy cannot ship local secrets by accident.
   */
  envFile?: string;
}

/** A {@link ServerlessProject} that creates its Service: the Service's unique name and settings. */
export interface NewServiceArgs {
  /** Left out: the project creates its Service (see {@link ExistingServiceArgs} for the other way). */
  serviceSid?: never;
  /**
   * The unique name of the Service to create. Left out, `<package.json name>-<stack>` (e.g.
   * `my-app-dev`), so that stacks of one program never claim the same name: a stack name's
   * characters other than letters, digits and dashes become dashes, and a name that had to change
   * or be shortened to Twilio's 50 characters ends with a short hash of the full one.
   */
  uniqueName?: pulumi.Input<string>;
  /** The created Service's display name; its unique name when left out. */
  friendlyName?: pulumi.Input<string>;
  /** Whether functions get the account SID and auth token in `context` (default `true`). */
  includeCredentials?: pulumi.Input<boolean>;
  /** Whether the Twilio Console may edit the created Service (default `false`). */
  uiEditable?: pulumi.Input<boolean>;
}

/**
 * A {@link ServerlessProject} that deploys into an existing Service. The Service's name and
 * settings are its own, so the properties that set up a created Service are refused with it.
 */
export interface ExistingServiceArgs {
  /** Deploy into this existing Service (`ZS…`) instead of creating one. */
  serviceSid: pulumi.Input<string>;
  /** Only for a Service the project creates. */
  uniqueName?: never;
  /** Only for a Service the project creates. */
  friendlyName?: never;
  /** Only for a Service the project creates. */
  includeCredentials?: never;
  /** Only for a Service the project creates. */
  uiEditable?: never;
}

/**
 * Inputs of a {@link ServerlessProject}: the project, and either `serviceSid` (an existing Service)
 * or the unique name and settings of the Service to create, never both (JavaScript programs, which
 * the type does not stop, get an error at construction).
 */
export type ServerlessProjectArgs = ServerlessProjectCommonArgs & (NewServiceArgs | ExistingServiceArgs);

/** The properties {@link ServerlessProjectArgs} takes. */
export const SERVERLESS_PROJECT_INPUTS: PropertyNames<ServerlessProjectArgs> = {
  directory: true,
  functionsFolder: true,
  assetsFolder: true,
  functions: true,
  assets: true,
  serviceSid: true,
  uniqueName: true,
  friendlyName: true,
  includeCredentials: true,
  uiEditable: true,
  environment: true,
  runtime: true,
  dependencies: true,
  variables: true,
  envFile: true,
};
