// A Function Version upload as a user writes it from the usual axios + form-data snippet: no
// retries, no checks, no hashing. It is the benchmark's hand-written baseline, serialized by value
// into `__provider` like any local provider, and must stay as plain as such a provider would be.
import * as pulumi from "@pulumi/pulumi";
import axios from "axios";
// Not `FormData`: the closure serializer never captures a Node global's name, and Node's own
// FormData would be used at run time.
import formData from "form-data";
import fs from "fs";
import path from "path";

/** The resource's inputs as the dynamic-provider plugin hands them to `create`. */
export interface HandWrittenInputs {
  serviceSid: string;
  functionSid: string;
  path: string;
  visibility: string;
  /** A FileAsset arrives as `{hash, path}`, a StringAsset as `{hash, text}`. */
  content: { path?: string; text?: string };
}

/** Uploads one version per create, with credentials and the upload host from the environment. */
export const handWrittenProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: HandWrittenInputs): Promise<pulumi.dynamic.CreateResult> {
    // No default host: the benchmark sets the emulator's, and nothing else may be reached.
    const base = process.env.TWILIO_SERVERLESS_UPLOAD_BASE_URL;
    if (base === undefined) throw new Error("TWILIO_SERVERLESS_UPLOAD_BASE_URL is not set");
    const url = `${base}/v1/Services/${inputs.serviceSid}/Functions/${inputs.functionSid}/Versions`;
    const form = new formData();
    form.append("Path", inputs.path);
    form.append("Visibility", inputs.visibility);
    const { text, path: file } = inputs.content;
    form.append("Content", text ?? fs.createReadStream(String(file)), {
      filename: file === undefined ? "function.js" : path.basename(file),
      contentType: "application/javascript",
    });
    const { data } = await axios.post<{ sid: string; path: string; visibility: string }>(url, form, {
      headers: form.getHeaders(),
      auth: { username: String(process.env.TWILIO_API_KEY), password: String(process.env.TWILIO_API_SECRET) },
    });
    return { id: data.sid, outs: { sid: data.sid, path: data.path, visibility: data.visibility } };
  },
};
