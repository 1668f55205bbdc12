import { ProgramResource } from "./engine";
import { Stack } from "./fixture";

/**
 * A program of one FunctionVersion with string content of its own at `/<name>`, for tests that
 * hand the engine declared resources instead of running the example program each time.
 */
export function singleVersion(
  stack: Stack,
  provider: unknown,
  name: string,
): { program: ProgramResource[]; text: string } {
  const text = `exports.handler = (c, e, cb) => cb(null, ${JSON.stringify(name)}); // ${"x".repeat(2000)}`;
  const inputs = {
    __provider: provider,
    serviceSid: stack.serviceSid,
    functionSid: stack.functionSid,
    path: `/${name}`,
    content: { asset: "string", text },
  };
  return { program: [{ type: "pulumi-nodejs:dynamic/twilio:FunctionVersion", name, inputs }], text };
}
