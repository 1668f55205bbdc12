import path from "path";
import type { Visibility } from "../twilio/visibility";

/** Where the Serverless Toolkit serves a file of a project, and to whom. */
export interface ToolkitRoute {
  /** The URL path, with its leading slash. */
  path: string;
  visibility: Visibility;
}

// The file-name markers the Toolkit reads; a file without one is public.
const MARKERS: readonly Visibility[] = ["protected", "private", "public"];

/**
 * The URL path and visibility the Serverless Toolkit gives a file, from its path relative to the
 * functions or assets folder (either separator): `a b/x.protected.js` → `/a-b/x`, protected.
 * `dropExtension` is `.js` for functions, whose routes have none; assets keep their extension.
 * The marker is removed from the path, as `twilio-run` does: `logo.private.png` → private
 * `/logo.png`, `hello.public.js` → public `/hello`. Only a marker just before the extension counts:
 * `twilio-run` also cuts `.public` out of the middle of a name (`my.publication.js` → `/myation`),
 * which this does not copy.
 */
export function toolkitRoute(relative: string, dropExtension?: string): ToolkitRoute {
  const posix = relative.replace(/\\/g, "/");
  const dir = path.posix.dirname(posix);
  const ext = path.posix.extname(posix);
  let base = path.posix.basename(posix, ext);
  const marker = MARKERS.find((candidate) => base.endsWith(`.${candidate}`));
  if (marker !== undefined) base = base.slice(0, -(marker.length + 1));
  const visibility = marker ?? "public";
  const route = `/${dir === "." ? "" : `${dir}/`}${base}${ext === dropExtension ? "" : ext}`;
  return { path: route.replace(/\s/g, "-"), visibility };
}
