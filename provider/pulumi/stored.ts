import { PropertyBag } from "../model/wire";

/**
 * A string output read back from stored state (a parent's SID, a hash), failing clearly when the
 * state predates it or is damaged.
 */
export function storedString(props: PropertyBag, key: string, resource: string): string {
  const value = props[key];
  if (typeof value !== "string" || value === "") {
    throw new Error(
      `the stored state of this ${resource} has no "${key}"; replace it with "pulumi up --replace <urn>"`,
    );
  }
  return value;
}
