import Busboy from "busboy";
import http from "http";

/** Reads and drops whatever remains of a request body. */
export function drain(req: http.IncomingMessage): Promise<void> {
  // A request whose client has gone (a timeout during a delay fault) never ends nor closes again.
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      resolve();
    };
    req.on("end", done);
    req.on("error", done);
    req.on("close", done);
    req.resume();
  });
}

/** The media type every form body must be labelled with. */
export const FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";

/**
 * True when a `Content-Type` header labels a URL-encoded form. Media types are case-insensitive and
 * parameters (a `charset`, as browsers' `fetch` and axios add) do not change what the body is.
 */
export function isFormContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  return contentType.split(";")[0].trim().toLowerCase() === FORM_MEDIA_TYPE;
}

/** The whole request body as UTF-8 text. */
export async function readText(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  // Node types a stream's chunks `any`: Buffers, or strings once an encoding is set.
  for await (const chunk of req as AsyncIterable<Buffer | string>) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The parts of a version upload: text fields, and the `Content` file part if there was one. */
export interface Multipart {
  /** Only the fields the client sent: any name may be missing. */
  fields: Partial<Record<string, string>>;
  file?: { filename?: string; contentType: string; content: Buffer };
}

/** Parses a multipart body; a file part above `maxBytes` makes it "too large". */
export function parseMultipart(
  req: http.IncomingMessage,
  maxBytes: number,
): Promise<Multipart | "too large" | "malformed"> {
  return new Promise((resolve) => {
    let busboy: Busboy.Busboy;
    try {
      // Busboy flags a file that reaches `fileSize`; only files above `maxBytes` are too large.
      busboy = Busboy({ headers: req.headers, limits: { fileSize: maxBytes + 1 } });
    } catch {
      void drain(req).then(() => {
        resolve("malformed");
      });
      return;
    }
    const fields: Partial<Record<string, string>> = {};
    let file: Multipart["file"];
    let tooLarge = false;
    busboy.on("field", (name, value) => {
      fields[name] = value;
    });
    busboy.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
      });
      stream.on("limit", () => {
        tooLarge = true;
      });
      stream.on("end", () => {
        if (name === "Content") {
          file = { filename: info.filename, contentType: info.mimeType, content: Buffer.concat(chunks) };
        }
      });
    });
    busboy.on("close", () => {
      resolve(tooLarge ? "too large" : { fields, file });
    });
    busboy.on("error", () => {
      // drain() never rejects: every way the request can end resolves it.
      void drain(req).then(() => {
        resolve("malformed");
      });
    });
    // A request aborted before its end (the client gave up) would leave busboy waiting forever.
    const aborted = (): void => {
      if (!req.readableEnded) resolve("malformed");
    };
    if (req.destroyed) aborted();
    else req.once("close", aborted);
    req.pipe(busboy);
  });
}
