import * as pulumi from "@pulumi/pulumi";
import { getService, getServiceOutput } from "../../provider";
import { ServiceRecord } from "../emulator/records";
import { TwilioEmulator } from "../emulator/server";
import { isKnown, mockInputs, resolve, startProgram } from "./program-fixture";

const later = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

let emulator: TwilioEmulator;
let service: ServiceRecord;
/** Registrations that wait, by resource name, until their gate opens. */
const gates = new Map<string, Promise<void>>();

/** Runs what follows as a program (a preview when `preview` is set) whose resources are created once their gate, if any, opens. */
async function runAs(preview: boolean): Promise<void> {
  await pulumi.runtime.disconnect();
  gates.clear();
  await pulumi.runtime.setMocks(
    {
      newResource: async (args) => {
        await gates.get(args.name);
        // In a preview, a resource to create has no id yet.
        return { id: preview ? undefined : `${args.name}-id`, state: mockInputs(args) };
      },
      call: (args) => mockInputs(args),
    },
    "options",
    "dev",
    preview,
  );
}

/** A gate for the resource `name`, and the function that opens it. */
function gate(name: string): () => void {
  let open = (): void => undefined;
  gates.set(name, new Promise((resolve) => (open = resolve)));
  return open;
}

/** A custom resource of another package. */
class Thing extends pulumi.CustomResource {
  constructor(name: string, opts?: pulumi.CustomResourceOptions) {
    super("test:index:Thing", name, {}, opts);
  }
}
const thing = (name: string, opts?: pulumi.CustomResourceOptions): Thing => new Thing(name, opts);

/** A provider of another package (this one has none). */
class OtherProvider extends pulumi.ProviderResource {
  constructor(name: string) {
    super("twilio", name, {});
  }
}

beforeAll(async () => {
  emulator = await startProgram("options");
  service = emulator.createService("options");
});
afterAll(() => emulator.close());

describe("dependsOn of getServiceOutput", () => {
  beforeEach(() => runAs(false));

  /** Declares the request, checks it waits until `open` is called, then that it is sent. */
  async function expectToWaitFor(open: () => void, dependsOn: pulumi.InvokeOutputOptions["dependsOn"]): Promise<void> {
    const before = emulator.requests.length;
    const found = getServiceOutput({ sid: service.sid }, { dependsOn });
    await later(300);
    expect(emulator.requests.length).toBe(before);
    open();
    expect((await resolve(found)).uniqueName).toBe("options");
    expect(emulator.requests.length).toBe(before + 1);
  }

  it("waits until a custom resource is created", async () => {
    const open = gate("slow");
    await expectToWaitFor(open, thing("slow"));
  });

  it("waits until every custom resource of a component, its children's children too, is created", async () => {
    const open = gate("inner");
    const box = new pulumi.ComponentResource("test:index:Box", "box");
    thing("quick", { parent: box });
    const nested = new pulumi.ComponentResource("test:index:Box", "nested", {}, { parent: box });
    thing("inner", { parent: nested });
    await expectToWaitFor(open, box);
  });

  it("takes resources given as an Output of a list", async () => {
    const open = gate("listed");
    await expectToWaitFor(open, pulumi.output([thing("fast"), thing("listed")]));
  });

  it("refuses what is not a resource, without a request", async () => {
    const before = emulator.requests.length;
    // @ts-expect-error what a JavaScript program may pass
    const found = getServiceOutput({ sid: service.sid }, { dependsOn: ["not a resource"] });
    await expect(resolve(found)).rejects.toThrow("getService: opts.dependsOn holds a non-resource");
    expect(emulator.requests.length).toBe(before);
  });
});

describe("in a preview", () => {
  beforeAll(() => runAs(true));
  afterAll(() => runAs(false));

  it("is unknown, with no request, while a resource it depends on is yet to be created", async () => {
    const before = emulator.requests.length;
    const found = getServiceOutput({ sid: service.sid }, { dependsOn: thing("new") });
    expect(await isKnown(found)).toBe(false);
    expect(emulator.requests.length).toBe(before);
  });

  it("sends the request when what it needs is known, as Pulumi's invokes do", async () => {
    expect(await isKnown(getServiceOutput({ sid: service.sid }))).toBe(true);
    expect((await getService({ sid: service.sid })).uniqueName).toBe("options");
  });
});

describe("parent and provider", () => {
  beforeEach(() => runAs(false));

  it("takes a parent, which changes nothing: there is no provider to inherit", async () => {
    const parent = new pulumi.ComponentResource("test:index:Box", "parent");
    expect((await getService({ sid: service.sid }, { parent })).sid).toBe(service.sid);
    expect((await resolve(getServiceOutput({ sid: service.sid }, { parent }))).sid).toBe(service.sid);
  });

  it("refuses a provider, before any request, rather than ignore whose credentials it holds", async () => {
    const provider = new OtherProvider("other-account");
    const before = emulator.requests.length;
    const refusal = "getService runs in the program with the stack config's twilio:* credentials and takes no provider";
    await expect(getService({ sid: service.sid }, { provider })).rejects.toThrow(refusal);
    expect(() => getServiceOutput({ sid: service.sid }, { provider })).toThrow(refusal);
    expect(emulator.requests.length).toBe(before);
  });
});
