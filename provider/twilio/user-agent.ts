import fs from "fs";
import path from "path";

const PACKAGE_NAME = "pulumi-twilio-serverless";

/** `pulumi-twilio-serverless/<version> node/<version> (<platform> <arch>)`, so Twilio support can tell callers apart. */
export function userAgent(): string {
  return `${PACKAGE_NAME}/${packageVersion()} node/${process.version} (${process.platform} ${process.arch})`;
}

// The compiled file sits two folders deeper than the source one, so the manifest is found by walking up.
function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "package.json");
    if (fs.existsSync(candidate)) {
      const manifest: unknown = JSON.parse(fs.readFileSync(candidate, "utf8"));
      if (typeof manifest === "object" && manifest !== null && "name" in manifest && manifest.name === PACKAGE_NAME) {
        return "version" in manifest && typeof manifest.version === "string" ? manifest.version : "unknown";
      }
    }
    if (path.dirname(dir) === dir) return "unknown";
  }
}
