import { Build } from "../../twilio/builds";

/** What a build's duration depends on: what Twilio installs, and on which runtime. */
type Recipe = Pick<Build, "runtime" | "twilioDependencies">;

const recipeKey = (build: Recipe): string =>
  [build.runtime, ...build.twilioDependencies.map((d) => `${d.name}@${d.version}`).sort()].join("\n");

/** A past build whose duration differs from the median by more than this is left out, as a one-off. */
const OUTLIER_MS = 2_000;

/**
 * How long a new build of `build`'s recipe is expected to take, in real ms, from `recent` builds
 * of the same Service: the completed ones with the same runtime and the same dependencies (npm's
 * install is most of a build), `undefined` when there are none.
 *
 * A build's duration is `date_updated − date_created`, which Twilio writes in whole seconds,
 * truncated: each one is off by less than a second either way. Where builds take about the same
 * time, the truncation falls anywhere within the second, so the mean of several is close to the
 * true duration (a build of 2.4 s reads as 2 s three times in five and 3 s twice). Durations more
 * than two seconds from the median are left out.
 */
export function expectedBuildMs(build: Recipe, recent: readonly Build[]): number | undefined {
  const key = recipeKey(build);
  const durations = recent
    .filter((b) => b.status === "completed" && recipeKey(b) === key)
    .map((b) => Date.parse(b.dateUpdated) - Date.parse(b.dateCreated))
    // An unreadable date gives NaN, which fails too.
    .filter((ms) => ms >= 0)
    .sort((a, b) => a - b);
  if (durations.length === 0) return undefined;
  const median = durations[Math.floor(durations.length / 2)];
  const usual = durations.filter((ms) => Math.abs(ms - median) <= OUTLIER_MS);
  return usual.reduce((sum, ms) => sum + ms, 0) / usual.length;
}
