import * as pulumi from "@pulumi/pulumi";
import { TwilioEmulator } from "../emulator/server";

/**
 * What an Output resolves to, or its failure. Output's own promise() is internal to the SDK but is
 * what a program's failure comes from; reading it lets a test see a rejection that `apply` would
 * only report as unhandled. The Output's `isKnown` and `isSecret` fail with the same error, which
 * the test sees here once.
 */
export async function resolve<T>(output: pulumi.Output<T>): Promise<T> {
  for (const sibling of [Reflect.get(output, "isKnown"), Reflect.get(output, "isSecret")]) {
    if (sibling instanceof Promise) sibling.catch(() => undefined);
  }
  const promise: unknown = Reflect.get(output, "promise");
  if (typeof promise !== "function") throw new Error("this SDK's Output has no promise()");
  const value: T = await promise.call(output);
  return value;
}

/**
 * Starts an emulator and runs the test file's program under the SDK's mocks (not a preview, so
 * Outputs resolve), with stack config pointing the program helpers at the emulator.
 */
export async function startProgram(project: string): Promise<TwilioEmulator> {
  // Only the stack config may reach the helpers here, never a developer's own TWILIO_* variables.
  process.env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TWILIO_")));
  const emulator = await TwilioEmulator.start();
  pulumi.runtime.setMocks(
    { newResource: (args) => ({ id: args.name, state: args.inputs }), call: (args) => args.inputs },
    project,
    "dev",
    false,
  );
  pulumi.runtime.setConfig("twilio:apiKey", emulator.credentials.apiKey);
  pulumi.runtime.setConfig("twilio:apiSecret", emulator.credentials.apiSecret);
  pulumi.runtime.setConfig("twilio:serverlessBaseUrl", emulator.apiBaseUrl);
  pulumi.runtime.setConfig("twilio:serverlessUploadBaseUrl", emulator.uploadBaseUrl);
  return emulator;
}

/** Whether an Output is secret (read as {@link resolve} reads its value). */
export async function isSecret(output: pulumi.Output<unknown>): Promise<boolean> {
  const secret: unknown = Reflect.get(output, "isSecret");
  if (!(secret instanceof Promise)) throw new Error("this SDK's Output has no isSecret promise");
  return Boolean(await secret);
}

/** Whether an Output is known (unknown in a preview where what it comes from is yet to be created). */
export async function isKnown(output: pulumi.Output<unknown>): Promise<boolean> {
  const known: unknown = Reflect.get(output, "isKnown");
  if (!(known instanceof Promise)) throw new Error("this SDK's Output has no isKnown promise");
  return Boolean(await known);
}
