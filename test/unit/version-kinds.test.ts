import { ASSET_VERSION } from "../../provider/resources/asset-version/lifecycle";
import { FUNCTION_VERSION } from "../../provider/resources/function-version/lifecycle";

describe("the name text content is uploaded under", () => {
  it("is the last segment of an asset's path, from which Twilio's MIME type follows", () => {
    expect(ASSET_VERSION.textFilename("/css/style.css")).toBe("style.css");
    expect(ASSET_VERSION.textFilename("/robots.txt")).toBe("robots.txt");
  });

  it("is still a name for an asset served at /, since a part without one is not a file", () => {
    expect(ASSET_VERSION.textFilename("/")).toBe("asset");
  });

  it("is function.js for a function, whatever its path", () => {
    expect(FUNCTION_VERSION.textFilename("/hello")).toBe("function.js");
  });
});

describe("the input holding the parent's SID", () => {
  it("is the one each spec checks", () => {
    expect(Object.keys(FUNCTION_VERSION.spec.inputs)).toContain(FUNCTION_VERSION.parentKey);
    expect(Object.keys(ASSET_VERSION.spec.inputs)).toContain(ASSET_VERSION.parentKey);
  });
});
