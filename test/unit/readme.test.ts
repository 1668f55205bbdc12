import fs from "fs";
import path from "path";

describe("the README", () => {
  it("is read in five minutes: at most 300 lines, with methods and results in bench/README.md", () => {
    const lines = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8").split("\n");
    // A file that ends in a newline has an empty last element.
    expect(lines.length - 1).toBeLessThanOrEqual(300);
  });
});
