import crypto from "crypto";
import fs from "fs";
import path from "path";
import { ASSET_SIG, PropertyBag, SIG_KEY, isBag } from "../../provider/pulumi/wire";
import { CheckAnswer, ProviderProcess, initFailure } from "./provider-process";

/** A resource as a program declares it (see capture-program.js): assets described, not yet hashed. */
export interface ProgramResource {
  type: string;
  name: string;
  inputs: PropertyBag;
}

/** One resource in the simulated stack state. */
export interface StateEntry {
  urn: string;
  type: string;
  name: string;
  id: string;
  /** Checked inputs, `__provider` included. */
  inputs: PropertyBag;
  /** Outputs as the provider returned them, `__provider` included. */
  outputs: PropertyBag;
}

/** What a step did, as `pulumi preview` / `pulumi up` list them. */
export interface Step {
  op: "create" | "same" | "update" | "replace" | "delete" | "refresh" | "gone";
  urn: string;
  name: string;
  type: string;
  /** For replacements: the properties the provider says force it. */
  replaces?: string[];
}

/** Check answered with failures: the engine prints them and stops. */
export class CheckFailedError extends Error {
  constructor(
    readonly urn: string,
    readonly failures: CheckAnswer["failures"],
  ) {
    super(`${urn}: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
  }
}

/** The engine's wire form of an asset described by a program. */
export function assetToWire(value: unknown, programDir: string, elide: boolean): unknown {
  if (!isBag(value) || (value.asset !== "file" && value.asset !== "string")) return value;
  const bytes =
    value.asset === "file" ? fs.readFileSync(path.resolve(programDir, String(value.path))) : String(value.text);
  const hash = crypto.createHash("sha256").update(bytes).digest("hex");
  if (elide) return { [SIG_KEY]: ASSET_SIG, hash };
  return value.asset === "file"
    ? { [SIG_KEY]: ASSET_SIG, hash, path: value.path }
    : { [SIG_KEY]: ASSET_SIG, hash, text: value.text };
}

function wire(bag: PropertyBag, programDir: string, elide: boolean): PropertyBag {
  const out: PropertyBag = {};
  for (const [key, value] of Object.entries(bag)) out[key] = assetToWire(value, programDir, elide);
  return out;
}

// Stored inputs keep asset contents; the engine sends diff and read only the hash.
function elideAssets(bag: PropertyBag): PropertyBag {
  const out: PropertyBag = {};
  for (const [key, value] of Object.entries(bag)) {
    out[key] = isBag(value) && value[SIG_KEY] === ASSET_SIG ? { [SIG_KEY]: ASSET_SIG, hash: value.hash } : value;
  }
  return out;
}

/**
 * The engine's side of the resource protocol for one stack, simplified to what a flat program of
 * dynamic resources needs: check, diff, then create, update or create-then-delete for replacements;
 * read for refresh; delete for destroy.
 */
export class Engine {
  state: StateEntry[] = [];

  constructor(
    private readonly provider: ProviderProcess,
    private readonly project: string,
    private readonly stack: string,
    private readonly programDir: string,
  ) {}

  /** The URN the engine gives a resource. */
  urn(resource: { type: string; name: string }): string {
    return `urn:pulumi:${this.stack}::${this.project}::${resource.type}::${resource.name}`;
  }

  /** `pulumi preview`: checks and diffs, changes nothing. */
  preview(program: ProgramResource[]): Promise<Step[]> {
    return this.run(program, false);
  }

  /** `pulumi up`. */
  up(program: ProgramResource[]): Promise<Step[]> {
    return this.run(program, true);
  }

  /** `pulumi refresh`. */
  async refresh(): Promise<Step[]> {
    const steps: Step[] = [];
    for (const entry of [...this.state]) {
      const answer = await this.provider.read(entry.urn, entry.id, entry.outputs, elideAssets(entry.inputs));
      if (answer.id === "") {
        this.state = this.state.filter((e) => e !== entry);
        steps.push({ op: "gone", urn: entry.urn, name: entry.name, type: entry.type });
      } else {
        entry.outputs = answer.props;
        steps.push({ op: "refresh", urn: entry.urn, name: entry.name, type: entry.type });
      }
    }
    return steps;
  }

  /** `pulumi destroy`. */
  async destroy(): Promise<Step[]> {
    const steps: Step[] = [];
    for (const entry of [...this.state].reverse()) {
      await this.provider.delete(entry.urn, entry.id, entry.outputs);
      this.state = this.state.filter((e) => e !== entry);
      steps.push({ op: "delete", urn: entry.urn, name: entry.name, type: entry.type });
    }
    return steps;
  }

  private async run(program: ProgramResource[], apply: boolean): Promise<Step[]> {
    const steps: Step[] = [];
    const replaced: StateEntry[] = [];
    const seen = new Set<string>();
    for (const resource of program) {
      const urn = this.urn(resource);
      seen.add(urn);
      const old = this.state.find((e) => e.urn === urn);
      const news = wire(resource.inputs, this.programDir, false);
      const checked = await this.provider.check(urn, old?.inputs ?? {}, news);
      if (checked.failures.length > 0) throw new CheckFailedError(urn, checked.failures);
      const base = { urn, name: resource.name, type: resource.type };
      if (!old) {
        steps.push({ op: "create", ...base });
        if (apply) {
          const created = await this.provider.create(urn, checked.inputs).catch((err: unknown) => {
            // A resource created but not initialised is kept, with what the provider knew of it.
            const failure = initFailure(err);
            if (failure)
              this.state.push({ ...base, id: failure.id, inputs: checked.inputs, outputs: failure.properties });
            throw err;
          });
          this.state.push({ ...base, id: created.id, inputs: checked.inputs, outputs: created.outs });
        }
        continue;
      }
      const diff = await this.provider.diff(urn, old.id, old.outputs, elideAssets(checked.inputs));
      if (diff.changes === "none") {
        steps.push({ op: "same", ...base });
        if (apply) old.inputs = checked.inputs;
      } else if (diff.replaces.length > 0) {
        steps.push({ op: "replace", ...base, replaces: diff.replaces });
        if (apply) {
          const created = await this.provider.create(urn, checked.inputs);
          replaced.push(old);
          const entry = { ...base, id: created.id, inputs: checked.inputs, outputs: created.outs };
          this.state[this.state.indexOf(old)] = entry;
        }
      } else {
        steps.push({ op: "update", ...base });
        if (apply) {
          old.outputs = await this.provider.update(urn, old.id, old.outputs, checked.inputs);
          old.inputs = checked.inputs;
        }
      }
    }
    for (const entry of this.state.filter((e) => !seen.has(e.urn))) {
      steps.push({ op: "delete", urn: entry.urn, name: entry.name, type: entry.type });
      if (apply) replaced.push(entry);
    }
    if (apply) {
      // Replaced and removed resources are deleted last, after their replacements exist.
      for (const entry of replaced) await this.provider.delete(entry.urn, entry.id, entry.outputs);
      this.state = this.state.filter((e) => seen.has(e.urn));
    }
    return steps;
  }
}
