/** The value the engine sends, whatever the declared type, for an input unknown during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Key of the signature that marks special values (assets, archives) on the wire. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** Signature of an asset. */
export const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
/** Signature of an archive. */
export const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

import type { PropertyBag } from "./field";

export type { PropertyBag };

/** True for the preview placeholder of a value not known yet. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** True for a non-null, non-array object. */
export function isBag(value: unknown): value is PropertyBag {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const isMissing = (value: unknown): boolean => value === undefined || value === null;

/** Equality of JSON values, with `undefined` and `null` alike and object keys in any order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (isMissing(a) || isMissing(b)) return isMissing(a) && isMissing(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (isBag(a) && isBag(b)) {
    const left = Object.entries(a).filter(([, v]) => !isMissing(v));
    const right = new Map(Object.entries(b).filter(([, v]) => !isMissing(v)));
    return left.length === right.size && left.every(([k, v]) => right.has(k) && sameJson(v, right.get(k)));
  }
  return a === b;
}
