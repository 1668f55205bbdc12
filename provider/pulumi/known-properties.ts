/**
 * Every property name of `T`, each once, in the order messages list them. A record rather than an
 * array so that the compiler refuses a list that misses one of `T`'s names or holds one it lacks.
 */
export type PropertyNames<T> = { readonly [K in keyof T]-?: true };

/** The names of a {@link PropertyNames} record, in its order. */
export function namesOf<T>(names: PropertyNames<T>): string[] {
  return Object.keys(names);
}

/**
 * Edit distance between two names, ignoring case, with a swap of two neighbours counted as one
 * edit (the commonest slip: `visiblity`).
 */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const rows: number[][] = [];
  for (let i = 0; i <= x.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= y.length; j++) {
      if (i === 0) {
        rows[i].push(j);
        continue;
      }
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        best = Math.min(best, rows[i - 2][j - 2] + 1);
      rows[i].push(best);
    }
  }
  return rows[x.length][y.length];
}

/**
 * The known name `name` most likely stands for: the nearest by edit distance, when at most two
 * edits in five separate them (a slip, not another word), the first listed on a tie.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let closest: string | undefined;
  let best = Math.floor(name.length * 0.4) + 1;
  for (const candidate of known) {
    const d = distance(name, candidate);
    if (d < best) {
      closest = candidate;
      best = d;
    }
  }
  return closest;
}

/** `unknown property "visiblity" (did you mean "visibility"?)`, the suggestion only when one is close. */
export function unknownPropertyReason(name: string, known: readonly string[]): string {
  const closest = closestName(name, known);
  return `unknown property "${name}"${closest === undefined ? "" : ` (did you mean "${closest}"?)`}`;
}

/**
 * Why an object of inputs is refused: each of its own properties that is not among `known` (a
 * JavaScript program, or a spread object, passes any), with the list of those it takes; or
 * `undefined`. A property given as `undefined` counts too: its name is still a slip.
 */
export function unknownPropertiesProblem(given: object, known: readonly string[]): string | undefined {
  const unknown = Object.keys(given).filter((key) => !known.includes(key));
  if (unknown.length === 0) return undefined;
  return `${unknown.map((key) => unknownPropertyReason(key, known)).join(", ")}; it takes ${known.join(", ")}`;
}

/**
 * Returns `args` when it holds only the properties `names` lists, and otherwise throws, naming
 * `where` (`FunctionVersion "hello"`), each unknown property with the one it probably meant, and
 * every property it takes. Resource classes pass their inputs through this before declaring
 * anything: Pulumi would otherwise drop a misspelt property silently, and deploy what it left out.
 */
export function knownProperties<T extends object>(where: string, args: T, names: PropertyNames<T>): T {
  return onlyKnownProperties(where, args, namesOf(names));
}

/** {@link knownProperties} with the names as a list. */
export function onlyKnownProperties<T extends object>(where: string, args: T, names: readonly string[]): T {
  const problem = unknownPropertiesProblem(args, names);
  if (problem !== undefined) throw new Error(`${where}: ${problem}`);
  return args;
}
