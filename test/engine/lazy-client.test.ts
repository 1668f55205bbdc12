import { execFile } from "child_process";
import path from "path";
import { promisify } from "util";
import { REPO } from "./fixture";

// A program under mocks, in a process of its own so that nothing else has loaded a module: it
// imports the built package, declares resources, and reports the HTTP and multipart modules loaded before
// and after a data helper is called.
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const http = () => Object.keys(require.cache)
  .filter((file) => /[\\\\/]node_modules[\\\\/](axios|form-data)[\\\\/]/.test(file))
  .map((file) => file.match(/[\\\\/]node_modules[\\\\/](axios|form-data)[\\\\/]/)[1]);
pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name + "-id", state: a.inputs }), call: (a) => a.inputs }, "p", "dev", false);
const pkg = require(${JSON.stringify(path.join(REPO, "dist", "provider", "index.js"))});
const app = new pkg.ServerlessProject("app", {
  uniqueName: "shop",
  functions: [{ path: "/hi", content: "exports.handler = () => {};" }],
  assets: [{ path: "/a.txt", content: "a" }],
  variables: { A: "1" },
});
new pkg.FunctionVersion("v", { serviceSid: "ZS" + "0".repeat(32), functionSid: "ZH" + "0".repeat(32), path: "/v", content: "x" });
app.deploymentSid.apply(async () => {
  const declared = [...new Set(http())];
  // No credentials are configured: the call fails, after loading the client.
  await pkg.getService({ uniqueName: "shop" }).catch(() => undefined);
  console.log(JSON.stringify({ declared, called: [...new Set(http())] }));
});
`;

describe("the HTTP client", () => {
  it("is not loaded by a program that declares resources, only once a data helper is called", async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TWILIO_")));
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", PROGRAM], { cwd: REPO, env });
    const loaded: unknown = JSON.parse(stdout);
    expect(loaded).toEqual({ declared: [], called: expect.arrayContaining(["axios", "form-data"]) });
  });
});
