import crypto from "crypto";
import fs from "fs";
import path from "path";
import { ASSET_SIG, PropertyBag, SIG_KEY, isBag } from "../../provider/model/wire";
import { ProgramMarks, ProgramResource, Registered, runProgram } from "./capture";
import { PulumiProject } from "./project";
// Types only: the gRPC client loads with the plugin, not with the engine, as a CLI that starts the
// program first and a provider plugin only for a resource that needs one.
import type { CheckAnswer, ProviderProcess } from "./provider-process";

/**
 * What a deployment runs: resources already declared (each step sees the same inputs whatever
 * the others answer), or the project's program run with this stack config (namespaced keys), which
 * sees each resource's state as the engine answers it, so outputs flow into later inputs.
 */
export type Program = ProgramResource[] | ProgramConfig;
export type { ProgramResource };

/** A program run with its stack config, and how its process is run (see `ProgramRun`). */
export interface ProgramConfig {
  config: Record<string, string>;
  /** Whether the program process runs with the tests' helpers (default true; see `ProgramRun`). */
  compileCache?: boolean;
  /** Receives the program process's timestamps. */
  onMarks?: (marks: ProgramMarks) => void;
}

/**
 * Starts and configures the plugin. Given to the engine instead of a started plugin, it is called
 * when the first resource that needs the provider is registered, as the engine loads a provider
 * plugin only then: a deploy's timing includes the plugin's start where a user's does.
 */
export type PluginStart = () => Promise<ProviderProcess>;

/** What a backend keeps of a stack between commands: its resources, pending creates and outputs. */
export interface StackSnapshot {
  state: StateEntry[];
  pendingCreates: string[];
  outputs: PropertyBag;
}

/** `pulumi up`'s default `--parallel`: 2147483647, which its help calls unbounded. */
export const UNBOUNDED = 2_147_483_647;

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
  /** A component resource: no provider, nothing to check, create, read or delete. */
  component?: boolean;
}

/** What a step did, as `pulumi preview` / `pulumi up` list them. */
export interface Step {
  op: "create" | "same" | "update" | "replace" | "delete" | "refresh" | "gone";
  urn: string;
  name: string;
  type: string;
  /** For replacements: the properties the provider says force it. */
  replaces?: string[];
  /**
   * For updates: the inputs whose value differs from the stack's (assets by hash, `__provider`
   * left out), which the CLI shows as `[diff: ~content]` when a provider gives no detailed diff.
   */
  updates?: string[];
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

/** The inputs that differ between two checked input bags, as the CLI compares them for display. */
function changedInputs(olds: PropertyBag, news: PropertyBag): string[] {
  const before = elideAssets(olds);
  const after = elideAssets(news);
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => key !== "__provider" && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

/**
 * The engine's side of the resource protocol for one stack, simplified to what a program of
 * dynamic resources needs: check, diff, then create, update or create-then-delete for replacements,
 * registrations answered as they arrive, up to `parallel` at once; read for refresh; delete for destroy. What it answers a program is
 * what the real engine answers: old outputs for an unchanged resource, the provider's outputs
 * after a create or update, and in a preview the checked inputs (the dynamic-provider plugin has
 * no preview of its own), so that outputs not among them are unknown to the program.
 */
export class Engine {
  state: StateEntry[] = [];
  /**
   * Creates under way when the deploy was killed, as the engine's checkpoint keeps them: the
   * engine cannot know whether they happened, so `up` refuses to go on until `refresh` clears
   * them (a dynamic resource cannot be imported), and the next `up` creates them again.
   */
  pendingCreates: string[] = [];
  /** The stack's outputs after the last `up` of a program: its exports. */
  outputs: PropertyBag = {};

  /** The plugin once a {@link PluginStart} was called for it. */
  private starting: Promise<ProviderProcess> | undefined;

  constructor(
    private provider: ProviderProcess | PluginStart,
    private readonly project: PulumiProject,
    private readonly stack: string,
    /** Registrations answered at once, as `pulumi up --parallel`; unbounded by default, as Pulumi's. */
    private readonly parallel = UNBOUNDED,
  ) {}

  /** The URN the engine gives a resource. */
  urn(resource: { type: string; name: string }): string {
    return `urn:pulumi:${this.stack}::${this.project.name}::${resource.type}::${resource.name}`;
  }

  /** The next command runs against a new plugin process, as each `pulumi` command starts its own. */
  usePlugin(provider: ProviderProcess | PluginStart): void {
    this.provider = provider;
    this.starting = undefined;
  }

  /** The stack as a backend stores it after a command. */
  snapshot(): StackSnapshot {
    return { state: this.state, pendingCreates: this.pendingCreates, outputs: this.outputs };
  }

  /** Takes up a stack a backend stored, as the next `pulumi` command does. */
  restore(snapshot: StackSnapshot): void {
    this.state = snapshot.state;
    this.pendingCreates = snapshot.pendingCreates;
    this.outputs = snapshot.outputs;
  }

  /** The plugin, started now if it was given as a {@link PluginStart}. */
  private plugin(): Promise<ProviderProcess> {
    const provider = this.provider;
    if (typeof provider !== "function") return Promise.resolve(provider);
    this.starting ??= provider();
    return this.starting;
  }

  /** `pulumi preview`: checks and diffs, changes nothing. */
  preview(program: Program): Promise<Step[]> {
    return this.run(program, false);
  }

  /** `pulumi up`. */
  up(program: Program): Promise<Step[]> {
    return this.run(program, true);
  }

  /** `pulumi refresh`. */
  async refresh(): Promise<Step[]> {
    const steps: Step[] = [];
    this.pendingCreates = [];
    for (const entry of this.state.filter((e) => !e.component)) {
      const answer = await (await this.plugin()).read(entry.urn, entry.id, entry.outputs, elideAssets(entry.inputs));
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
    this.outputs = {};
    for (const entry of [...this.state].reverse()) {
      if (!entry.component) await (await this.plugin()).delete(entry.urn, entry.id, entry.outputs);
      this.state = this.state.filter((e) => e !== entry);
      steps.push({ op: "delete", urn: entry.urn, name: entry.name, type: entry.type });
    }
    return steps;
  }

  /**
   * The stack's entry of a resource held under one of its aliases (a former type or name), which
   * from then on is the resource's: an up moves the state to the new URN, and nothing is created
   * or deleted for it (a preview only counts the former URN as seen).
   */
  private aliased(resource: ProgramResource, urn: string, apply: boolean, seen: Set<string>): StateEntry | undefined {
    for (const alias of resource.aliases ?? []) {
      const former = this.urn({ type: alias.type ?? resource.type, name: alias.name ?? resource.name });
      const entry = this.state.find((e) => e.urn === former);
      if (entry === undefined) continue;
      if (apply) Object.assign(entry, { urn, type: resource.type, name: resource.name });
      else seen.add(former);
      return entry;
    }
    return undefined;
  }

  private async run(program: Program, apply: boolean): Promise<Step[]> {
    if (apply && this.pendingCreates.length > 0) {
      throw new Error(
        `the current deployment has ${this.pendingCreates.length} resource(s) with pending operations ` +
          `(${this.pendingCreates.join(", ")}): run "pulumi refresh" to clear them`,
      );
    }
    const before = [...this.state];
    const steps: Step[] = [];
    const replaced: StateEntry[] = [];
    const seen = new Set<string>();
    const register = async (resource: ProgramResource): Promise<Registered> => {
      const urn = this.urn(resource);
      seen.add(urn);
      const old = this.state.find((e) => e.urn === urn) ?? this.aliased(resource, urn, apply, seen);
      const base = { urn, name: resource.name, type: resource.type };
      if (resource.custom === false) {
        // The engine records a component and its outputs; no provider sees it.
        steps.push({ op: old ? "same" : "create", ...base });
        if (apply && !old) this.state.push({ ...base, id: "", inputs: {}, outputs: {}, component: true });
        return { id: "", state: {} };
      }
      const provider = await this.plugin();
      const news = wire(resource.inputs, this.project.programDir, false);
      const checked = await provider.check(urn, old?.inputs ?? {}, news);
      if (checked.failures.length > 0) throw new CheckFailedError(urn, checked.failures);
      if (!old) {
        steps.push({ op: "create", ...base });
        if (!apply) return { id: "", state: checked.inputs };
        this.pendingCreates.push(urn);
        const created = await provider.create(urn, checked.inputs).catch((err: unknown) => {
          // A killed deploy's checkpoint still holds the create as pending; any other failure is final.
          if (!provider.exited) this.pendingCreates = this.pendingCreates.filter((u) => u !== urn);
          // A resource created but not initialised is kept, with what the provider knew of it.
          const failure = provider.initFailure(err);
          if (failure)
            this.state.push({ ...base, id: failure.id, inputs: checked.inputs, outputs: failure.properties });
          throw err;
        });
        this.pendingCreates = this.pendingCreates.filter((u) => u !== urn);
        this.state.push({ ...base, id: created.id, inputs: checked.inputs, outputs: created.outs });
        return { id: created.id, state: created.outs };
      }
      const diff = await provider.diff(urn, old.id, old.outputs, elideAssets(checked.inputs));
      if (diff.changes === "none") {
        steps.push({ op: "same", ...base });
        if (apply) old.inputs = checked.inputs;
        return { id: old.id, state: old.outputs };
      }
      if (diff.replaces.length > 0) {
        steps.push({ op: "replace", ...base, replaces: diff.replaces });
        if (!apply) return { id: "", state: checked.inputs };
        // What must not exist twice (a unique name) goes first; anything else once its
        // replacement exists, at the end of the run.
        if (diff.deleteBeforeReplace) await provider.delete(old.urn, old.id, old.outputs);
        else replaced.push(old);
        const created = await provider.create(urn, checked.inputs);
        const entry = { ...base, id: created.id, inputs: checked.inputs, outputs: created.outs };
        this.state[this.state.indexOf(old)] = entry;
        return { id: created.id, state: created.outs };
      }
      steps.push({ op: "update", ...base, updates: changedInputs(old.inputs, checked.inputs) });
      if (!apply) return { id: old.id, state: checked.inputs };
      old.outputs = await provider.update(urn, old.id, old.outputs, checked.inputs);
      old.inputs = checked.inputs;
      return { id: old.id, state: old.outputs };
    };
    if (Array.isArray(program)) {
      for (const resource of program) await register(resource);
    } else {
      const run = {
        project: this.project,
        stack: this.stack,
        config: program.config,
        compileCache: program.compileCache,
        onMarks: program.onMarks,
        preview: !apply,
        parallel: this.parallel,
      };
      const outputs = await runProgram(run, register);
      if (apply) this.outputs = outputs ?? {};
    }
    for (const entry of this.state.filter((e) => !seen.has(e.urn))) {
      steps.push({ op: "delete", urn: entry.urn, name: entry.name, type: entry.type });
      if (apply) replaced.push(entry);
    }
    if (apply) {
      // Replaced and removed resources are deleted last, after their replacements exist, those
      // created last first: what depends on a resource goes before it.
      const order = (entry: StateEntry): number => before.indexOf(entry);
      for (const entry of replaced.sort((a, b) => order(b) - order(a))) {
        if (!entry.component) await (await this.plugin()).delete(entry.urn, entry.id, entry.outputs);
      }
      // Like the engine's new snapshot: resources in the order this run registered them, which
      // puts every resource after those whose outputs it took, so destroy can go in reverse.
      const registered = [...seen];
      this.state = this.state
        .filter((e) => seen.has(e.urn))
        .sort((a, b) => registered.indexOf(a.urn) - registered.indexOf(b.urn));
    }
    return steps;
  }
}
