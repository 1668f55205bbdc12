/** A Serverless Service held by the emulator. */
export interface ServiceRecord {
  sid: string;
  uniqueName: string;
  friendlyName: string;
  includeCredentials: boolean;
  uiEditable: boolean;
  /** `<unique name>-<four digits>`, the start of its environments' domain names. */
  domainBase: string;
  dateCreated: string;
  dateUpdated: string;
}

/** A Function or an Asset: Twilio gives both the same fields (and the same `ZH` prefix). */
export interface FunctionOrAssetRecord {
  sid: string;
  serviceSid: string;
  friendlyName: string;
  dateCreated: string;
  dateUpdated: string;
}

/** A Function held by the emulator. */
export type FunctionRecord = FunctionOrAssetRecord;

/** An Asset held by the emulator. */
export type AssetRecord = FunctionOrAssetRecord;

/** A Function Version held by the emulator, with its bytes. */
export interface VersionRecord {
  sid: string;
  serviceSid: string;
  functionSid: string;
  path: string;
  visibility: string;
  dateCreated: string;
  content: Buffer;
}

/** An Asset Version held by the emulator, with its bytes and the MIME type its upload declared. */
export interface AssetVersionRecord {
  sid: string;
  serviceSid: string;
  assetSid: string;
  path: string;
  visibility: string;
  dateCreated: string;
  content: Buffer;
  contentType: string;
}

/** An npm dependency of a build. */
export interface DependencyRecord {
  name: string;
  version: string;
}

/** Where a build stands. */
export type BuildStatus = "building" | "completed" | "failed";

/** A Build held by the emulator. Its versions are kept whole, so a build outlives their purge. */
export interface BuildRecord {
  sid: string;
  serviceSid: string;
  functionVersions: VersionRecord[];
  assetVersions: AssetVersionRecord[];
  /** The request's dependencies followed by the defaults it did not name. */
  dependencies: DependencyRecord[];
  runtime: string;
  status: BuildStatus;
  dateCreated: string;
  dateUpdated: string;
  /** When it completed or failed (`Date.now()`), for measuring how soon a client notices. */
  finishedAt?: number;
}

/** An Environment held by the emulator. */
export interface EnvironmentRecord {
  sid: string;
  serviceSid: string;
  uniqueName: string;
  domainSuffix: string | null;
  /** Its live build: that of its latest deployment, `null` before the first or after an undeploy. */
  buildSid: string | null;
  dateCreated: string;
  dateUpdated: string;
}

/** A Deployment held by the emulator. */
export interface DeploymentRecord {
  sid: string;
  serviceSid: string;
  environmentSid: string;
  buildSid: string | null;
  dateCreated: string;
  dateUpdated: string;
}

/** A Variable held by the emulator. */
export interface VariableRecord {
  sid: string;
  serviceSid: string;
  environmentSid: string;
  key: string;
  value: string;
  dateCreated: string;
  dateUpdated: string;
}
