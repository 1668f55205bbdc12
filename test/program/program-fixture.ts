import * as pulumi from "@pulumi/pulumi";
import { PropertyBag, isBag } from "../../provider/model/wire";
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
  if (!hasPromise(output)) throw new Error("this SDK's Output has no promise()");
  return await output.promise();
}

/** The SDK-internal method of an Output that {@link resolve} reads. */
interface OutputPromise<T> {
  promise(): Promise<T>;
}

function hasPromise<T>(output: pulumi.Output<T>): output is pulumi.Output<T> & OutputPromise<T> {
  return typeof Reflect.get(output, "promise") === "function";
}

/**
 * The inputs a mock is given. The SDK types them `any`; they are the resource's or the call's
 * deserialized arguments, always an object.
 */
export function mockInputs(args: { inputs: unknown }): PropertyBag {
  const { inputs } = args;
  if (!isBag(inputs)) throw new Error(`the mock was given inputs that are not an object: ${String(inputs)}`);
  return inputs;
}

/**
 * Starts an emulator and runs the test file's program under the SDK's mocks (not a preview, so
 * Outputs resolve), with stack config pointing the program helpers at the emulator.
 */
export async function startProgram(project: string): Promise<TwilioEmulator> {
  // Only the stack config may reach the helpers here, never a developer's own TWILIO_* variables.
  process.env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TWILIO_")));
  const emulator = await TwilioEmulator.start();
  await pulumi.runtime.setMocks(
    { newResource: (args) => ({ id: args.name, state: mockInputs(args) }), call: (args) => mockInputs(args) },
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
