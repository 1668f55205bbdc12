/** The user and password of an HTTP Basic `Authorization` header, or `undefined` if it is not one. */
export function decodeBasic(authorization: string | undefined): { user: string; password: string } | undefined {
  if (authorization === undefined || !authorization.startsWith("Basic ")) return undefined;
  const decoded = Buffer.from(authorization.slice("Basic ".length), "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  if (separator < 0) return undefined;
  return { user: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}
