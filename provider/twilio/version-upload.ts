import FormData from "form-data";
import { Readable } from "stream";
import { Description, Fields, RecordOf } from "../model/field";
import { Records, Route } from "./collection";
import { RequestBody } from "./http/types";
import { Transport } from "./transport";
import type { Visibility } from "./visibility";

export { VISIBILITIES, isVisibility } from "./visibility";
export type { Visibility } from "./visibility";

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

/** What one upload of a version under the parents `P` sends. */
export type UploadParams<P, V> = P & {
  /** The URL path; Twilio adds a missing leading slash. */
  path: string;
  /** Who may reach it. */
  visibility: Visibility;
  /** The bytes. */
  content: UploadContent;
  /**
   * Looks for the version an earlier attempt of this upload created, before the upload is sent
   * again after an answer that leaves that open (a 5xx, a timeout, a lost connection). A version
   * it returns is taken as this upload's, so a lost answer does not leave a duplicate behind.
   */
  findExisting?: () => Promise<V | undefined>;
};

/**
 * The versions of a Function or an Asset: uploaded to the upload host as multipart, then fetched
 * and listed like any record (Twilio has no update or delete for them).
 */
export class Versions<F extends Fields, P extends object> extends Records<F, P> {
  constructor(
    transport: Transport,
    apiBaseUrl: string,
    private readonly uploadBaseUrl: string,
    description: Description<F>,
    private readonly versionsRoute: Route<P>,
    /** The MIME type of the `Content` part, from its file name. */
    private readonly contentType: (filename: string) => string,
  ) {
    super(transport, apiBaseUrl, description, versionsRoute);
  }

  /** Uploads a new version to the upload host. */
  upload(params: UploadParams<P, RecordOf<F>>): Promise<RecordOf<F>> {
    const body = versionUploadBody({ ...params, contentType: this.contentType(params.content.filename) });
    const url = `${this.uploadBaseUrl}${this.versionsRoute.path(params)}`;
    return this.transport.send({ method: "POST", url, body }, this.decode, params.findExisting);
  }
}
