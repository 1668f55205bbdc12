import { invalid, refuse } from "../answers";
import { Multipart } from "../bodies";

const VISIBILITIES = ["public", "protected", "private"];
const FORBIDDEN_PATH_CHARS = /[#;,?:@+&$()'"\s]/;

/** What a valid Function or Asset Version upload holds. */
export interface UploadedVersion {
  /** With the leading slash Twilio adds when it is missing. */
  path: string;
  visibility: string;
  content: Buffer;
  /** The MIME type of the `Content` part. */
  contentType: string;
}

/** Checks the parts of an upload as Twilio does: `Path`, `Visibility`, then `Content`. */
export function uploadedVersion(upload: Multipart): UploadedVersion {
  const rawPath = upload.fields.Path;
  if (rawPath === undefined || rawPath === "") refuse(invalid("Missing required parameter Path in the post body"));
  const path = rawPath.startsWith("/") ? rawPath : `/${rawPath}`;
  if (path.length > 255 || FORBIDDEN_PATH_CHARS.test(rawPath))
    refuse(invalid(`Invalid Path: ${rawPath.slice(0, 300)}`));
  const visibility = upload.fields.Visibility;
  if (visibility === undefined) refuse(invalid("Missing required parameter Visibility in the post body"));
  if (!VISIBILITIES.includes(visibility)) {
    refuse(invalid(`Visibility must be one of public, protected, private; got ${visibility}`));
  }
  const file = upload.file;
  if (file === undefined || file.filename === undefined) {
    refuse(invalid("Missing required parameter Content in the post body"));
  }
  return { path, visibility, content: file.content, contentType: file.contentType };
}
