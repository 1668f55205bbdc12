import * as pulumi from "@pulumi/pulumi";

// Jest maps the SDK's TypeScript, Arborist and Automation API modules to ones that load on first
// use (jest.config.js, test/lazy/): the SDK must work through them as it does without.
describe("the SDK in jest, with its unused parts loaded on first use", () => {
  it("serializes a closure (TypeScript)", async () => {
    const greeting = "hello";
    const serialized = await pulumi.runtime.serializeFunction(() => greeting.toUpperCase());
    expect(serialized.text).toContain("greeting.toUpperCase()");
    expect(serialized.text).toContain('"hello"');
  });

  it("computes code paths (Arborist)", async () => {
    const paths = await pulumi.runtime.computeCodePaths();
    // The repository's dependencies and theirs, as Arborist reads them from its lockfile.
    expect([...paths.keys()]).toEqual(expect.arrayContaining(["node_modules/axios", "node_modules/form-data"]));
  });

  it("gives the Automation API", () => {
    expect(typeof pulumi.automation.LocalWorkspace.create).toBe("function");
    expect(pulumi.automation.ConcurrentUpdateError.prototype).toBeInstanceOf(Error);
  });
});
