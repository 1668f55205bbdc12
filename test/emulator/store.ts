import crypto from "crypto";
import {
  AssetRecord,
  AssetVersionRecord,
  BuildRecord,
  DeploymentRecord,
  EnvironmentRecord,
  FunctionOrAssetRecord,
  FunctionRecord,
  ServiceRecord,
  VariableRecord,
  VersionRecord,
} from "./records";

export type {
  AssetRecord,
  AssetVersionRecord,
  BuildRecord,
  BuildStatus,
  DependencyRecord,
  DeploymentRecord,
  EnvironmentRecord,
  FunctionOrAssetRecord,
  FunctionRecord,
  ServiceRecord,
  VariableRecord,
  VersionRecord,
} from "./records";

/** A fresh SID: two letters and 32 lowercase hex digits, as Twilio issues them. */
export function newSid(prefix: string): string {
  return prefix + crypto.randomBytes(16).toString("hex");
}

/** The current time as Twilio writes dates: ISO 8601 in UTC without fractional seconds. */
export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The domain name an Environment is served at: `<domain base>.twil.io`, or
 * `<domain base>-<suffix>.twil.io` with a domain suffix.
 */
export function domainName(domainBase: string, domainSuffix: string | null): string {
  return `${domainBase}${domainSuffix === null ? "" : `-${domainSuffix}`}.twil.io`;
}

type InService = { serviceSid: string };

const within = <T extends InService>(record: T | undefined, serviceSid: string): T | undefined =>
  record !== undefined && record.serviceSid === serviceSid ? record : undefined;

function removeWhere<T>(map: Map<string, T>, doomed: (record: T) => boolean): void {
  for (const [sid, record] of map) if (doomed(record)) map.delete(sid);
}

function spliceWhere<T>(list: T[], doomed: (record: T) => boolean): void {
  const kept = list.filter((record) => !doomed(record));
  list.splice(0, list.length, ...kept);
}

/**
 * The emulator's in-memory account. Maps keep creation order; the version lists are in creation
 * order too, and listings reverse them (newest first, as Twilio answers).
 */
export class Store {
  readonly services = new Map<string, ServiceRecord>();
  readonly functions = new Map<string, FunctionRecord>();
  readonly assets = new Map<string, AssetRecord>();
  /** Function Versions. */
  readonly versions: VersionRecord[] = [];
  readonly assetVersions: AssetVersionRecord[] = [];
  readonly builds = new Map<string, BuildRecord>();
  readonly environments = new Map<string, EnvironmentRecord>();
  readonly deployments = new Map<string, DeploymentRecord>();
  readonly variables = new Map<string, VariableRecord>();

  constructor(readonly accountSid: string) {}

  addService(
    uniqueName: string,
    friendlyName: string,
    settings: { includeCredentials?: boolean; uiEditable?: boolean } = {},
  ): ServiceRecord {
    const date = now();
    const service = {
      sid: newSid("ZS"),
      uniqueName,
      friendlyName,
      includeCredentials: settings.includeCredentials ?? true,
      uiEditable: settings.uiEditable ?? false,
      domainBase: `${uniqueName}-${crypto.randomInt(1000, 10000)}`,
      dateCreated: date,
      dateUpdated: date,
    };
    this.services.set(service.sid, service);
    return service;
  }

  /** Twilio accepts a Service's unique name wherever its SID goes. */
  findService(sidOrName: string): ServiceRecord | undefined {
    return this.services.get(sidOrName) ?? [...this.services.values()].find((s) => s.uniqueName === sidOrName);
  }

  /** Removes a Service with everything in it. */
  deleteService(sid: string): void {
    const doomed = (record: InService): boolean => record.serviceSid === sid;
    this.services.delete(sid);
    removeWhere(this.functions, doomed);
    removeWhere(this.assets, doomed);
    spliceWhere(this.versions, doomed);
    spliceWhere(this.assetVersions, doomed);
    removeWhere(this.builds, doomed);
    removeWhere(this.environments, doomed);
    removeWhere(this.deployments, doomed);
    removeWhere(this.variables, doomed);
  }

  addFunction(serviceSid: string, friendlyName: string): FunctionRecord {
    return this.addFunctionOrAsset(this.functions, serviceSid, friendlyName);
  }

  addAsset(serviceSid: string, friendlyName: string): AssetRecord {
    return this.addFunctionOrAsset(this.assets, serviceSid, friendlyName);
  }

  private addFunctionOrAsset(
    map: Map<string, FunctionOrAssetRecord>,
    serviceSid: string,
    friendlyName: string,
  ): FunctionOrAssetRecord {
    const date = now();
    const record = { sid: newSid("ZH"), serviceSid, friendlyName, dateCreated: date, dateUpdated: date };
    map.set(record.sid, record);
    return record;
  }

  findFunction(serviceSid: string, functionSid: string): FunctionRecord | undefined {
    return within(this.functions.get(functionSid), serviceSid);
  }

  findAsset(serviceSid: string, assetSid: string): AssetRecord | undefined {
    return within(this.assets.get(assetSid), serviceSid);
  }

  /** Removes a Function with its versions (builds keep their own copies). */
  deleteFunction(sid: string): void {
    this.functions.delete(sid);
    spliceWhere(this.versions, (v) => v.functionSid === sid);
  }

  /** Removes an Asset with its versions. */
  deleteAsset(sid: string): void {
    this.assets.delete(sid);
    spliceWhere(this.assetVersions, (v) => v.assetSid === sid);
  }

  addVersion(version: Omit<VersionRecord, "sid" | "dateCreated">): VersionRecord {
    const record = { ...version, sid: newSid("ZN"), dateCreated: now() };
    this.versions.push(record);
    return record;
  }

  findVersion(functionSid: string, sid: string): VersionRecord | undefined {
    return this.versions.find((v) => v.sid === sid && v.functionSid === functionSid);
  }

  addAssetVersion(version: Omit<AssetVersionRecord, "sid" | "dateCreated">): AssetVersionRecord {
    const record = { ...version, sid: newSid("ZN"), dateCreated: now() };
    this.assetVersions.push(record);
    return record;
  }

  findAssetVersion(assetSid: string, sid: string): AssetVersionRecord | undefined {
    return this.assetVersions.find((v) => v.sid === sid && v.assetSid === assetSid);
  }

  /** Removes a Function or Asset Version, as Twilio's retention does for versions no Build uses. */
  purgeVersion(sid: string): boolean {
    const before = this.versions.length + this.assetVersions.length;
    spliceWhere(this.versions, (v) => v.sid === sid);
    spliceWhere(this.assetVersions, (v) => v.sid === sid);
    return this.versions.length + this.assetVersions.length < before;
  }

  /** Adds a Build in the `building` state. */
  addBuild(build: Omit<BuildRecord, "sid" | "status" | "dateCreated" | "dateUpdated">): BuildRecord {
    const date = now();
    const record: BuildRecord = {
      ...build,
      sid: newSid("ZB"),
      status: "building",
      dateCreated: date,
      dateUpdated: date,
    };
    this.builds.set(record.sid, record);
    return record;
  }

  findBuild(serviceSid: string, sid: string): BuildRecord | undefined {
    return within(this.builds.get(sid), serviceSid);
  }

  /** The Service's newest completed build, whose runtime a build that names none inherits. */
  lastCompletedBuild(serviceSid: string): BuildRecord | undefined {
    return [...this.builds.values()].reverse().find((b) => b.serviceSid === serviceSid && b.status === "completed");
  }

  /** The Environments a build is live in. */
  environmentsServing(buildSid: string): EnvironmentRecord[] {
    return [...this.environments.values()].filter((e) => e.buildSid === buildSid);
  }

  /** The builds live in an Environment of the Service. */
  liveBuilds(serviceSid: string): BuildRecord[] {
    const live = new Set(
      [...this.environments.values()].filter((e) => e.serviceSid === serviceSid).map((e) => e.buildSid),
    );
    return [...this.builds.values()].filter((b) => live.has(b.sid));
  }

  addEnvironment(serviceSid: string, uniqueName: string, domainSuffix: string | null): EnvironmentRecord {
    const date = now();
    const record = {
      sid: newSid("ZE"),
      serviceSid,
      uniqueName,
      domainSuffix,
      buildSid: null,
      dateCreated: date,
      dateUpdated: date,
    };
    this.environments.set(record.sid, record);
    return record;
  }

  findEnvironment(serviceSid: string, sid: string): EnvironmentRecord | undefined {
    return within(this.environments.get(sid), serviceSid);
  }

  /** The domain name an Environment is served at; undefined when its Service is gone. */
  domainNameOf(environment: EnvironmentRecord): string | undefined {
    const service = this.services.get(environment.serviceSid);
    return service && domainName(service.domainBase, environment.domainSuffix);
  }

  /** The Environment served at a domain name (compared without regard to case), if any. */
  findEnvironmentByDomain(name: string): EnvironmentRecord | undefined {
    const wanted = name.toLowerCase();
    return [...this.environments.values()].find((e) => this.domainNameOf(e)?.toLowerCase() === wanted);
  }

  /** Removes an Environment with its deployments and variables; its build stops being live. */
  deleteEnvironment(sid: string): void {
    this.environments.delete(sid);
    removeWhere(this.deployments, (d) => d.environmentSid === sid);
    removeWhere(this.variables, (v) => v.environmentSid === sid);
  }

  /** Adds a Deployment, which makes its build (or none) the Environment's live one. */
  addDeployment(environment: EnvironmentRecord, buildSid: string | null): DeploymentRecord {
    const date = now();
    const record = {
      sid: newSid("ZD"),
      serviceSid: environment.serviceSid,
      environmentSid: environment.sid,
      buildSid,
      dateCreated: date,
      dateUpdated: date,
    };
    this.deployments.set(record.sid, record);
    environment.buildSid = buildSid;
    environment.dateUpdated = date;
    return record;
  }

  findDeployment(environmentSid: string, sid: string): DeploymentRecord | undefined {
    const deployment = this.deployments.get(sid);
    return deployment?.environmentSid === environmentSid ? deployment : undefined;
  }

  addVariable(environment: EnvironmentRecord, key: string, value: string): VariableRecord {
    const date = now();
    const record = {
      sid: newSid("ZV"),
      serviceSid: environment.serviceSid,
      environmentSid: environment.sid,
      key,
      value,
      dateCreated: date,
      dateUpdated: date,
    };
    this.variables.set(record.sid, record);
    return record;
  }

  /** An Environment's Variables as key → value, what its Functions find in their context. */
  variablesOf(environmentSid: string): Record<string, string> {
    const values: Record<string, string> = {};
    for (const v of this.variables.values()) if (v.environmentSid === environmentSid) values[v.key] = v.value;
    return values;
  }

  findVariable(environmentSid: string, sid: string): VariableRecord | undefined {
    const variable = this.variables.get(sid);
    return variable?.environmentSid === environmentSid ? variable : undefined;
  }
}
