// Preloaded (`node --require`) into every plugin process the tests start: the provider's build
// waits there run on a clock ten times faster than real time, so that a test does not sleep through
// Twilio's poll schedule (status reads 250 ms and 750 ms in, then every second, or every 250 ms
// around a predicted end), while the schedule, the build timeout and the progress messages keep
// their proportions to the emulator's real build durations. Its speed is given too: a build's
// expected duration comes from Twilio's dates, which the emulator writes in real time. See
// TEST_CLOCK_KEY in provider/resources/build/polling.ts.
"use strict";

/** How many times faster than real time a build wait runs. */
const SPEED = 10;
const started = Date.now();

globalThis[Symbol.for("pulumi-twilio-serverless.test.buildWaitClock")] = {
  now: () => started + (Date.now() - started) * SPEED,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / SPEED)),
  speed: SPEED,
};
