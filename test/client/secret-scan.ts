/**
 * Finds credentials in whatever a user may get to see of a value: every way it renders, and every
 * string and byte buffer reachable from it, hidden properties and the cause chain included.
 */
import util from "util";

/** A run of this many characters of a secret counts as a leak, so that a secret cut short is found too. */
export const FRAGMENT_LENGTH = 12;

/** Basic credentials as the client sends them. */
export interface BasicCredentials {
  username: string;
  password: string;
}

/**
 * The forms a password travels in: alone (also within the decoded `user:password`) and as the
 * Basic value.
 */
export function passwordForms({ username, password }: BasicCredentials): string[] {
  return [password, Buffer.from(`${username}:${password}`).toString("base64")];
}

// Every run of FRAGMENT_LENGTH characters of each secret, or the secret itself when it is shorter.
function needlesOf(secrets: readonly string[]): string[] {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (secret.length <= FRAGMENT_LENGTH) needles.add(secret);
    for (let i = 0; i + FRAGMENT_LENGTH <= secret.length; i++) needles.add(secret.slice(i, i + FRAGMENT_LENGTH));
  }
  return [...needles];
}

function renderJson(value: unknown): string {
  try {
    // Undefined, functions and symbols serialize to undefined, which the declared type leaves out.
    const text: unknown = JSON.stringify(value);
    return typeof text === "string" ? text : "";
  } catch {
    // A circular value cannot be serialized, so nothing of it is shown this way.
    return "";
  }
}

/**
 * Where any of `secrets` (or a run of {@link FRAGMENT_LENGTH} characters of one) shows up in
 * `value`: `util.inspect` with hidden properties at any depth, `JSON.stringify`, `String`, and each
 * string, property name and byte buffer reachable through own properties, enumerable or not.
 * Empty when there is none.
 */
export function leaksIn(value: unknown, secrets: readonly string[]): string[] {
  const needles = needlesOf(secrets);
  const found: string[] = [];
  const check = (where: string, text: string): void => {
    const needle = needles.find((n) => text.includes(n));
    if (needle !== undefined) found.push(`${where} holds ${JSON.stringify(needle)}`);
  };
  check(
    "util.inspect",
    util.inspect(value, { depth: Infinity, showHidden: true, maxArrayLength: Infinity, maxStringLength: Infinity }),
  );
  check("JSON.stringify", renderJson(value));
  check("String()", String(value));

  const seen = new Set<object>();
  const walk = (item: unknown, path: string): void => {
    if (typeof item === "string") {
      check(path, item);
      return;
    }
    if (typeof item !== "object" || item === null || seen.has(item)) return;
    seen.add(item);
    if (ArrayBuffer.isView(item)) {
      check(`${path} (bytes)`, Buffer.from(item.buffer, item.byteOffset, item.byteLength).toString("latin1"));
      return;
    }
    // Not `instanceof`: collections made by Node core come from another realm under jest.
    if (util.types.isMap(item) || util.types.isSet(item)) {
      [...item.entries()].forEach((entry, i) => {
        walk(entry, `${path}[${i}]`);
      });
    }
    for (const key of Reflect.ownKeys(item)) {
      const name = String(key);
      check(`${path} property name`, name);
      const descriptor = Object.getOwnPropertyDescriptor(item, key);
      // Getters are not called, since on sockets and streams they have effects.
      if (descriptor !== undefined && "value" in descriptor) walk(descriptor.value, `${path}.${name}`);
    }
  };
  walk(value, "value");
  return found;
}
