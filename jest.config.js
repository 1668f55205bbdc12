// Two projects: `quick` needs no process but jest's own (unit, client and program tests, run by
// `npm run test:quick` in the edit loop); `engine` starts the emulator's runtime, plugin and program
// processes. `npm test` runs both.
//
// ts-jest only transpiles (tsconfig.json sets isolatedModules): `npm run typecheck` checks types.
const shared = {
  testEnvironment: "node",
  // Keeps V8's code for what jest compiles, for the next test file (see the file).
  runtime: "<rootDir>/test/jest-runtime.js",
  // The parts of @pulumi/pulumi no test file of this package uses unless it says so, loaded on first
  // use rather than in every test file that loads the SDK (see test/lazy/lazy-module.js).
  moduleNameMapper: {
    "^\\.\\./\\.\\./typescript-shim$": "<rootDir>/test/lazy/typescript-shim.js",
    "^@npmcli/arborist$": "<rootDir>/test/lazy/arborist.js",
    "^\\./automation$": "<rootDir>/test/lazy/automation.js",
  },
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
};

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default is one worker fewer than the cores: one on a two-core machine, which then sits
  // idle while an engine test waits for its plugin, program or emulator. Engine tests spend much
  // of their time waiting on other processes, so a worker per core keeps both busy.
  maxWorkers: "100%",
  testTimeout: 60000,
  projects: [
    {
      ...shared,
      displayName: "quick",
      roots: ["<rootDir>/test/unit", "<rootDir>/test/client", "<rootDir>/test/program"],
    },
    {
      ...shared,
      displayName: "engine",
      roots: ["<rootDir>/test/engine", "<rootDir>/test/emulator"],
    },
  ],
};
