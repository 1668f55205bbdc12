import { ASSET_VERSIONS, FUNCTION_VERSIONS } from "../../provider/resources/versions/kinds";
import { decoderOf } from "../../provider/model/derive";
import { ASSET_VERSION } from "../../provider/model/versions";

const decodeAssetVersion = decoderOf(ASSET_VERSION);

describe("the name text content is uploaded under", () => {
  it("is the last segment of an asset's path, from which Twilio's MIME type follows", () => {
    expect(ASSET_VERSIONS.textFilename("/css/style.css")).toBe("style.css");
    expect(ASSET_VERSIONS.textFilename("/robots.txt")).toBe("robots.txt");
  });

  it("is still a name for an asset served at /, since a part without one is not a file", () => {
    expect(ASSET_VERSIONS.textFilename("/")).toBe("asset");
  });

  it("is function.js for a function, whatever its path", () => {
    expect(FUNCTION_VERSIONS.textFilename("/hello")).toBe("function.js");
  });
});

describe("the input holding the parent's SID", () => {
  test.each([FUNCTION_VERSIONS, ASSET_VERSIONS])("is a ZH SID input of its description", (kind) => {
    expect(
      kind.description.fields[kind.parentKey].input?.problem?.(kind.parentKey, `ZS${"a".repeat(32)}`, {
        programDir: ".",
      }),
    ).toMatch(/must be a Function or Asset SID/);
  });
});

describe("a version's visibility as Twilio answers it", () => {
  const answer = (visibility: unknown) => ({
    sid: `ZN${"1".repeat(32)}`,
    account_sid: `AC${"2".repeat(32)}`,
    service_sid: `ZS${"3".repeat(32)}`,
    asset_sid: `ZH${"4".repeat(32)}`,
    path: "/style.css",
    visibility,
    date_created: "2026-11-28T00:00:00Z",
    url: "https://serverless.twilio.com/v1/Services/ZS/Assets/ZH/Versions/ZN",
  });

  it("is one of the three this package knows", () => {
    expect(decodeAssetVersion(answer("private")).visibility).toBe("private");
  });

  it("is refused otherwise, since outputs promise one of them", () => {
    expect(() => decodeAssetVersion(answer("internal"))).toThrow('unexpected visibility from Twilio: "internal"');
  });
});
