import path from "path";
import { runProgram } from "./capture";
import { REPO } from "./fixture";
import { loadProject } from "./project";

const CONTENTS = loadProject(path.join(REPO, "test", "engine", "programs", "contents"));
const config = {
  [`${CONTENTS.name}:serviceSid`]: `ZS${"0".repeat(32)}`,
  [`${CONTENTS.name}:functionSid`]: `ZH${"0".repeat(32)}`,
  [`${CONTENTS.name}:file`]: path.join(REPO, "examples", "function-from-file", "hello.js"),
  [`${CONTENTS.name}:text`]: "exports.handler = () => {};",
};
const later = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("the test engine answering registrations in parallel", () => {
  it("answers them all at once, up to its limit", async () => {
    let active = 0;
    let most = 0;
    await runProgram({ project: CONTENTS, config, parallel: 2 }, async (resource) => {
      most = Math.max(most, ++active);
      await later(100);
      active--;
      return { id: `${resource.name}-id`, state: resource.inputs };
    });
    expect(most).toBe(2);
  });

  it("rejects with the first failure while others are still being answered, and stops the program", async () => {
    const answered: string[] = [];
    const run = runProgram({ project: CONTENTS, config, parallel: 10 }, async (resource) => {
      if (resource.name === "from-file") {
        await later(50);
        throw new Error("create failed");
      }
      await later(300);
      answered.push(resource.name);
      return { id: `${resource.name}-id`, state: resource.inputs };
    });
    await expect(run).rejects.toThrow("create failed");
    expect(answered.sort()).toEqual(["from-string", "from-string-asset"]);
  });
});
