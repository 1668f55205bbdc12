import path from "path";
import type { Visibility } from "../twilio/version-upload";

/** Where the Serverless Toolkit serves a file of a project, and to whom. */
export interface ToolkitRoute {
  /** The URL path, with its leading slash. */
  path: string;
  visibility: Visibility;
}

// The file-name markers the Toolkit reads; any other file is public.
const MARKED: readonly Visibility[] = ["protected", "private"];

/**
 * The URL path and visibility the Serverless Toolkit gives a file, from its path relative to the
 * functions or assets folder (either separator): `a b/x.protected.js` → `/a-b/x`, protected.
 * `dropExtension` is `.js` for functions, whose routes have none; assets keep their extension.
 * The marker is removed from the path, as `twilio-run` does: `logo.private.png` → private `/logo.png`.
 */
export function toolkitRoute(relative: string, dropExtension?: string): ToolkitRoute {
  const posix = relative.replace(/\\/g, "/");
  const dir = path.posix.dirname(posix);
  const ext = path.posix.extname(posix);
  let base = path.posix.basename(posix, ext);
  const visibility = MARKED.find((marker) => base.endsWith(`.${marker}`)) ?? "public";
  if (visibility !== "public") base = base.slice(0, -(visibility.length + 1));
  const route = `/${dir === "." ? "" : `${dir}/`}${base}${ext === dropExtension ? "" : ext}`;
  return { path: route.replace(/\s/g, "-"), visibility };
}
