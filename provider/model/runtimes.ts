/**
 * The runtimes Twilio offers a Build, oldest first. Twilio's OpenAPI enum still lists node8 to
 * node22, but node8 to node16 were retired long ago and node18 on 2025-11-10: Twilio refuses them
 * with 82007 "Unsupported Runtime". node24 is offered since 2026-07-08, though not in the enum.
 */
export const TWILIO_RUNTIMES: readonly string[] = ["node20", "node22", "node24"];

// Twilio's runtime names; only Node.js's even (long-term support) lines have ever been offered.
const NODE_RUNTIME = /^node(\d+)$/;
// Twilio adds a Node.js line about a year after its release: the next three even lines are those
// it may offer while this release of the package is in use; anything beyond is a typo (`node99`).
const NEWER_LINES_ACCEPTED = 3;

const offered = (): string => TWILIO_RUNTIMES.join(", ");

function majorOf(runtime: string): number | undefined {
  const match = NODE_RUNTIME.exec(runtime);
  return match === null ? undefined : Number(match[1]);
}

const highestKnown = (): number => Math.max(...TWILIO_RUNTIMES.map((r) => majorOf(r) ?? 0));

/**
 * Whether `runtime` is a Node.js line newer than any listed in {@link TWILIO_RUNTIMES} that Twilio
 * may offer by now: accepted, with {@link newerRuntimeWarning}, rather than refused.
 */
function isNewerRuntime(runtime: string): boolean {
  const major = majorOf(runtime);
  const highest = highestKnown();
  return major !== undefined && major % 2 === 0 && major > highest && major <= highest + 2 * NEWER_LINES_ACCEPTED;
}

/**
 * Why Twilio would refuse `runtime` (with 82007, at the build, after every upload), or
 * `undefined`: one it offers, or a newer Node.js line it may offer by now.
 */
export function runtimeProblem(runtime: unknown): string | undefined {
  if (typeof runtime !== "string") {
    return `runtime must be a Twilio runtime such as "node22", got ${JSON.stringify(runtime)}`;
  }
  if (TWILIO_RUNTIMES.includes(runtime) || isNewerRuntime(runtime)) return undefined;
  const major = majorOf(runtime);
  const why =
    major === undefined
      ? "is not a Twilio runtime"
      : major < highestKnown()
        ? "is not offered by Twilio (retired, or never offered)"
        : "is not a Node.js line Twilio offers";
  return `runtime ${JSON.stringify(runtime)} ${why}; Twilio offers ${offered()}`;
}

/**
 * For a runtime newer than this package knows (`node26`) that Twilio may offer by now: the warning
 * to show, since Twilio refuses it at the build, after every upload, if it does not offer it yet.
 */
export function newerRuntimeWarning(runtime: unknown): string | undefined {
  if (typeof runtime !== "string" || !isNewerRuntime(runtime)) return undefined;
  return (
    `runtime "${runtime}" is newer than those this package knows Twilio offers (${offered()}); it is sent ` +
    'as it is, and Twilio refuses the build (82007 "Unsupported Runtime"), after the uploads, if it does not offer it.'
  );
}
