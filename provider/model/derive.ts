import type { FormValue } from "../twilio/form";
import { JsonReader } from "../twilio/shape";
import { Description, Fields, PropertyBag, RecordOf, ValuesOf } from "./field";

/**
 * The one mapping from Twilio's snake_case answer to the camelCase record, each field read by its
 * description with its shape checked, so a broken answer fails naming the field. Twilio's spec
 * marks nearly every field nullable, but most are set on every real record (names are required at
 * creation, booleans have defaults, SIDs and dates always exist): `null` reads as "none" only where
 * the description says a field has one (`nullableOutput`, `nullableText`, a list read as empty),
 * and anywhere else it is refused as a broken answer.
 */
export function decoderOf<F extends Fields>(description: Description<F>): (json: unknown) => RecordOf<F> {
  const readers = Object.entries(description.fields).flatMap(([name, field]) =>
    field.decode === undefined ? [] : [[name, field.decode] as const],
  );
  return (json) => {
    const answer = new JsonReader(json, description.name);
    const record: PropertyBag = {};
    for (const [name, decode] of readers) record[name] = decode(answer);
    // Every field of the record type was read just above by its own checked decoder.
    return record as RecordOf<F>;
  };
}

const isFormValue = (value: unknown): value is FormValue =>
  value === undefined ||
  typeof value === "string" ||
  typeof value === "boolean" ||
  (Array.isArray(value) && value.every((item) => typeof item === "string"));

/**
 * The inputs of `values` that Twilio takes, as its form fields: on `create` every one it receives,
 * on `update` only those it changes in place. A value a form cannot hold is a bug, refused.
 */
export function formOf<F extends Fields>(
  description: Description<F>,
  request: "create" | "update",
  values: ValuesOf<F>,
): Record<string, FormValue> {
  const form: Record<string, FormValue> = {};
  const given: PropertyBag = values;
  for (const [name, field] of Object.entries(description.fields)) {
    const input = field.input;
    if (input?.param === undefined || (request === "update" && input.onChange !== "update")) continue;
    const raw = given[name] ?? undefined;
    const value = input.encode === undefined || raw === undefined ? raw : input.encode(raw);
    if (!isFormValue(value)) throw new Error(`${description.name} ${name}: ${typeof value} cannot be sent to Twilio`);
    form[input.param] = value;
  }
  return form;
}

/**
 * The checked inputs a create or an update sends, from the engine's property bag: only the
 * description's inputs, `null` read as left out.
 */
export function valuesOf<F extends Fields>(description: Description<F>, inputs: PropertyBag): ValuesOf<F> {
  const values: PropertyBag = {};
  for (const [name, field] of Object.entries(description.fields)) {
    if (field.input !== undefined && inputs[name] !== undefined && inputs[name] !== null) values[name] = inputs[name];
  }
  // Every value has passed its input's check; formOf checks again what it sends.
  return values as ValuesOf<F>;
}
