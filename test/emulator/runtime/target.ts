/**
 * Which requests of the API host the runtime serves, and what they ask for: one whose `Host` is an
 * Environment's domain name, as on Twilio, or, for curl and browsers that cannot set `Host`, one
 * under `/_runtime/<domain name>/`. Every other request is the API's.
 */

/** The prefix of runtime requests that name their domain in the path. */
export const RUNTIME_PREFIX = "/_runtime/";

/** A domain name and the path asked for under it. */
export interface RuntimeTarget {
  /** As the request spelled it, in lower case; the runtime looks it up. */
  domainName: string;
  /** The path as sent (percent-encoded), which a request signature covers. */
  rawPath: string;
  /** The path decoded, which Function and Asset paths are compared with. */
  path: string;
}

/** The domain name a `Host` header names: in lower case, without its port. */
export function hostDomain(host: string | undefined): string | undefined {
  if (host === undefined || host === "") return undefined;
  return host.replace(/:\d*$/, "").toLowerCase();
}

// A malformed escape names no Function or Asset: it is kept as it came, and finds nothing.
function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}

/**
 * The runtime target of a request, or undefined for a request of the API. `isDomain` tells whether
 * an Environment is served at a domain name: a `Host` no Environment has stays the API's, as
 * before the runtime existed; under `/_runtime/`, any domain is the runtime's (an unknown one
 * answers 404).
 */
export function runtimeTarget(
  host: string | undefined,
  pathname: string,
  isDomain: (domainName: string) => boolean,
): RuntimeTarget | undefined {
  const domainName = hostDomain(host);
  if (domainName !== undefined && isDomain(domainName)) {
    return { domainName, rawPath: pathname, path: decodePath(pathname) };
  }
  if (!pathname.startsWith(RUNTIME_PREFIX)) return undefined;
  const rest = pathname.slice(RUNTIME_PREFIX.length);
  const slash = rest.indexOf("/");
  const rawPath = slash < 0 ? "/" : rest.slice(slash);
  const named = decodePath(slash < 0 ? rest : rest.slice(0, slash)).toLowerCase();
  return { domainName: named, rawPath, path: decodePath(rawPath) };
}
