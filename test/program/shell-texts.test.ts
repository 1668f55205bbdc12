import * as pulumi from "@pulumi/pulumi";
import * as pkg from "../../provider";
import { resources } from "../../provider/runtime";
import { ResourceKind, ResourceShell } from "../../provider/shell";
import { mockInputs } from "./program-fixture";

/** A class of the package: every one takes a name and its arguments. */
type ResourceClass = new (name: string, args: object) => pulumi.CustomResource;

/** `pulumi.dynamic.Resource`, which its types declare abstract, as a program would subclass it. */
class SdkResource extends pulumi.dynamic.Resource {}

// Run from its TypeScript source, the package has no build output to read the texts from: each
// class serializes its shell as `pulumi.dynamic.Resource` does (test/engine/shell-texts.test.ts
// checks the built texts against the SDK).
describe("a resource class run from source", () => {
  const registered = new Map<string, { type: string; provider: unknown }>();

  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          const inputs = mockInputs(args);
          registered.set(args.name, { type: args.type, provider: inputs.__provider });
          return { id: `${args.name}-id`, state: inputs };
        },
        call: (args) => mockInputs(args),
      },
      "shells",
      "dev",
      false,
    );
  });

  it("registers the type and __provider text that pulumi.dynamic.Resource gives its kind's shell", async () => {
    const exported: [string, unknown][] = Object.entries(pkg);
    const classes = exported.filter(
      (entry): entry is [string, ResourceClass] =>
        typeof entry[1] === "function" && entry[1].prototype instanceof pulumi.CustomResource,
    );
    const declared = classes.map(([name, Class]) => new Class(`class-${name}`, {}));
    const kinds = Object.keys(resources).filter((key): key is ResourceKind => key in resources);
    const sdk = kinds.map((kind) => new SdkResource(new ResourceShell(kind), `sdk-${kind}`, {}, {}, "twilio", kind));
    // A URN resolves once the mocks have answered its registration.
    await new Promise<void>((resolve) =>
      pulumi.all([...declared, ...sdk].map((r) => r.urn)).apply(() => {
        resolve();
      }),
    );

    expect(classes.length).toBeGreaterThanOrEqual(kinds.length);
    for (const [name] of classes) {
      const made = registered.get(`class-${name}`);
      const kind = made?.type.slice("pulumi-nodejs:dynamic/twilio:".length) ?? "";
      expect({ name, ...made }).toEqual({ name, ...registered.get(`sdk-${kind}`) });
      expect(made?.provider).toContain(`__provider.kind = "${kind}";`);
    }
  });
});
