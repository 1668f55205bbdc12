import crypto from "crypto";

/** A Serverless Service held by the emulator. */
export interface ServiceRecord {
  sid: string;
  uniqueName: string;
  friendlyName: string;
  dateCreated: string;
}

/** A Function held by the emulator. */
export interface FunctionRecord {
  sid: string;
  serviceSid: string;
  friendlyName: string;
  dateCreated: string;
}

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

/** A fresh SID: two letters and 32 lowercase hex digits, as Twilio issues them. */
export function newSid(prefix: string): string {
  return prefix + crypto.randomBytes(16).toString("hex");
}

/** The emulator's in-memory account. */
export class Store {
  readonly services = new Map<string, ServiceRecord>();
  readonly functions = new Map<string, FunctionRecord>();
  /** In creation order; listings reverse it (newest first, as Twilio answers). */
  readonly versions: VersionRecord[] = [];

  constructor(readonly accountSid: string) {}

  addService(uniqueName: string, friendlyName: string): ServiceRecord {
    const service = { sid: newSid("ZS"), uniqueName, friendlyName, dateCreated: now() };
    this.services.set(service.sid, service);
    return service;
  }

  /** Twilio accepts a Service's unique name wherever its SID goes. */
  findService(sidOrName: string): ServiceRecord | undefined {
    return this.services.get(sidOrName) ?? [...this.services.values()].find((s) => s.uniqueName === sidOrName);
  }

  addFunction(serviceSid: string, friendlyName: string): FunctionRecord {
    const fn = { sid: newSid("ZH"), serviceSid, friendlyName, dateCreated: now() };
    this.functions.set(fn.sid, fn);
    return fn;
  }

  findFunction(serviceSid: string, functionSid: string): FunctionRecord | undefined {
    const fn = this.functions.get(functionSid);
    return fn && fn.serviceSid === serviceSid ? fn : undefined;
  }

  addVersion(version: Omit<VersionRecord, "sid" | "dateCreated">): VersionRecord {
    const record = { ...version, sid: newSid("ZN"), dateCreated: now() };
    this.versions.push(record);
    return record;
  }

  findVersion(functionSid: string, sid: string): VersionRecord | undefined {
    return this.versions.find((v) => v.sid === sid && v.functionSid === functionSid);
  }

  /** Removes a version, as Twilio's retention does for versions no Build uses. */
  purgeVersion(sid: string): boolean {
    const index = this.versions.findIndex((v) => v.sid === sid);
    if (index < 0) return false;
    this.versions.splice(index, 1);
    return true;
  }
}

// Twilio's JSON dates carry no fractional seconds.
function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}
