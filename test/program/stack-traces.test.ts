import * as pulumi from "@pulumi/pulumi";
import { FunctionFile } from "../../provider";
import { mockInputs, resolve } from "./program-fixture";

const ZS = `ZS${"0".repeat(32)}`;

/** What `construct` returns, and the stack frames formatted while it ran, by anyone. */
function framesFormatted<T>(construct: () => T): [number, T] {
  const previous = Object.getOwnPropertyDescriptor(Error, "prepareStackTrace");
  let frames = 0;
  Error.prepareStackTrace = (error: Error, callSites) => {
    frames += callSites.length;
    return error.message;
  };
  try {
    const value = construct();
    return [frames, value];
  } finally {
    if (previous === undefined) Reflect.deleteProperty(Error, "prepareStackTrace");
    else Object.defineProperty(Error, "prepareStackTrace", previous);
  }
}

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    { newResource: (args) => ({ id: `${args.name}-id`, state: mockInputs(args) }), call: (args) => mockInputs(args) },
    "stack-traces",
    "dev",
    false,
  );
});

describe("declaring a resource", () => {
  const args = { serviceSid: ZS, path: "/hello", content: "exports.handler = () => undefined;" };

  it("formats no stack trace per output promise, only the one that finds its source position", async () => {
    // Each output property makes four promises; the SDK's own source position takes one trace.
    const [one, declared] = framesFormatted(() => new FunctionFile("one", args));
    const [deepest] = framesFormatted(() => new Error().stack);
    expect(one).toBeLessThanOrEqual(deepest * 2);
    expect(await resolve(declared.path)).toBe("/hello");
  });

  it("leaves the stack trace limit as it was, also when the SDK refuses the options", async () => {
    const limit = Error.stackTraceLimit;
    const two = new FunctionFile("two", args);
    expect(Error.stackTraceLimit).toBe(limit);
    // The SDK refuses `providers` on a custom resource inside its constructor.
    const providers = { providers: [] } as pulumi.CustomResourceOptions;
    expect(() => new FunctionFile("three", args, providers)).toThrow("providers");
    expect(Error.stackTraceLimit).toBe(limit);
    expect(await resolve(two.path)).toBe("/hello");
  });
});
