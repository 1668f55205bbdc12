import fs from "fs";
import path from "path";
import { isBag } from "../../provider/model/wire";
import { StackSnapshot, StateEntry } from "./engine";

function entryOf(value: unknown, at: string): StateEntry {
  if (
    !isBag(value) ||
    typeof value.urn !== "string" ||
    typeof value.type !== "string" ||
    typeof value.name !== "string" ||
    typeof value.id !== "string" ||
    !isBag(value.inputs) ||
    !isBag(value.outputs) ||
    (value.component !== undefined && typeof value.component !== "boolean")
  ) {
    throw new Error(`${at} is not a resource of the stack state`);
  }
  const entry: StateEntry = {
    urn: value.urn,
    type: value.type,
    name: value.name,
    id: value.id,
    inputs: value.inputs,
    outputs: value.outputs,
  };
  if (value.component !== undefined) entry.component = value.component;
  return entry;
}

/** Reads a stack written by {@link writeStackFile}; a file that does not exist is a new, empty stack. */
export function readStackFile(file: string): StackSnapshot {
  if (!fs.existsSync(file)) return { state: [], pendingCreates: [], outputs: {} };
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (
    !isBag(parsed) ||
    !Array.isArray(parsed.state) ||
    !Array.isArray(parsed.pendingCreates) ||
    !isBag(parsed.outputs)
  ) {
    throw new Error(`${file} holds no stack (state, pendingCreates, outputs)`);
  }
  const pendingCreates = parsed.pendingCreates.map((urn: unknown, i) => {
    if (typeof urn !== "string") throw new Error(`${file}: pendingCreates[${i}] is not a URN`);
    return urn;
  });
  return {
    state: parsed.state.map((entry: unknown, i) => entryOf(entry, `${file}: state[${i}]`)),
    pendingCreates,
    outputs: parsed.outputs,
  };
}

/**
 * Writes a stack as a backend keeps it between commands: whole, then renamed over the old file, so
 * that a command killed meanwhile leaves the last complete checkpoint.
 */
export function writeStackFile(file: string, snapshot: StackSnapshot): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, JSON.stringify(snapshot));
  fs.renameSync(partial, file);
}
