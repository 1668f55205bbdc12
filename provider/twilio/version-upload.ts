import FormData from "form-data";
import { Readable } from "stream";
import { RequestBody } from "./http/types";

/** Who may reach a function or an asset. */
export type Visibility = "public" | "protected" | "private";

/** The visibilities Twilio accepts, in the order messages list them. */
export const VISIBILITIES: readonly Visibility[] = ["public", "protected", "private"];

/** True for one of {@link VISIBILITIES}. */
export function isVisibility(value: unknown): value is Visibility {
  return VISIBILITIES.some((v) => v === value);
}

/** The bytes of an upload, opened anew for every attempt. */
export interface UploadContent {
  /** Exact byte length (multipart parts need it up front to send a Content-Length). */
  size: number;
  /** A buffer, or a fresh stream of exactly `size` bytes. */
  open: () => Buffer | Readable;
  /** The file name sent in the `Content` part. */
  filename: string;
}

/** What the upload host takes for a Function Version or an Asset Version. */
export interface VersionUpload {
  /** The URL path; Twilio adds a missing leading slash. */
  path: string;
  visibility: Visibility;
  content: UploadContent;
  /** The MIME type of the `Content` part. */
  contentType: string;
}

/**
 * The multipart body of a version upload (`Path`, `Visibility`, `Content`), built anew for each
 * attempt so that a retry sends the whole content again, with the error of a content stream that
 * fails on the way kept apart from a network failure.
 */
export function versionUploadBody(upload: VersionUpload): () => RequestBody {
  return () => {
    const source = upload.content.open();
    let sourceError: Error | undefined;
    if (source instanceof Readable) source.once("error", (err) => (sourceError = err));
    const form = new FormData();
    form.append("Path", upload.path);
    form.append("Visibility", upload.visibility);
    form.append("Content", source, {
      filename: upload.content.filename,
      contentType: upload.contentType,
      knownLength: upload.content.size,
    });
    return {
      data: form,
      headers: { ...form.getHeaders(), "Content-Length": form.getLengthSync() },
      dispose: () => {
        if (source instanceof Readable) source.destroy();
      },
      sourceError: () => sourceError,
    };
  };
}
