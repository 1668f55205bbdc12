import { parseEnvFile } from "../../provider/serverless-project/env-file";
import { toolkitRoute } from "../../provider/serverless-project/toolkit-paths";

describe("toolkitRoute: where twilio-run serves a file", () => {
  test.each([
    ["hello.js", ".js", "/hello", "public"],
    ["admin.protected.js", ".js", "/admin", "protected"],
    ["internal.private.js", ".js", "/internal", "private"],
    ["sms/reply.js", ".js", "/sms/reply", "public"],
    ["sms\\reply.protected.js", ".js", "/sms/reply", "protected"],
    ["my folder/deep thing.js", ".js", "/my-folder/deep-thing", "public"],
    ["logo.private.png", undefined, "/logo.png", "private"],
    ["css/site.protected.css", undefined, "/css/site.css", "protected"],
    ["script.js", undefined, "/script.js", "public"],
    ["index.html", undefined, "/index.html", "public"],
    ["notes.private", undefined, "/notes.private", "public"],
    ["archive.tar.gz", undefined, "/archive.tar.gz", "public"],
  ])("%s (dropping %s) → %s", (file, drop, expectedPath, visibility) => {
    expect(toolkitRoute(file, drop)).toEqual({ path: expectedPath, visibility });
  });
});

describe("parseEnvFile", () => {
  const parse = (text: string): Record<string, string> => parseEnvFile(text, ".env");

  it("reads KEY=value lines, comments, export and blank lines", () => {
    expect(parse("# comment\n\nA=1\nexport B = two words \nC=x # trailing\nD=\nE=a#b\n")).toEqual({
      A: "1",
      B: "two words",
      C: "x",
      D: "",
      E: "a#b",
    });
  });

  it("reads quoted values, double quotes with escapes, over several lines", () => {
    expect(parse('A="line\\none"\nB=\'no \\n escape\'\nC=`tick`\nD="first\nsecond"\nE=" spaced " # c\r\n')).toEqual({
      A: "line\none",
      B: "no \\n escape",
      C: "tick",
      D: "first\nsecond",
      E: " spaced ",
    });
  });

  it("refuses what is not KEY=value, naming the line", () => {
    expect(() => parse("A=1\nnot a variable")).toThrow('.env:2: expected KEY=value, got "not a variable"');
    expect(() => parse('A="open')).toThrow('.env:1: the value of A opens a " quote that is never closed');
    expect(() => parse('A="x" y')).toThrow('.env:1: unexpected "y" after the quoted value of A');
  });
});
