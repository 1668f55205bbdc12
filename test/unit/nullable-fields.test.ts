/**
 * Twilio's spec marks nearly every field of every answer nullable. The decoders take `null` where
 * it can only mean "none" (a build's lists, an environment's or deployment's `build_sid`, an
 * environment's `domain_suffix`, the next page of a list), and refuse it with a shape error naming
 * the field where the field identifies the record or the product cannot do without it. Each
 * decoder is fed a record as Twilio answers it, with one field at a time set to `null`.
 */
import { decodeBuildStatus } from "../../provider/twilio/builds";
import { decodeFunctionVersionContent } from "../../provider/twilio/function-versions";
import { decoderOf } from "../../provider/model/derive";
import * as model from "../../provider/model";

const decodeService = decoderOf(model.SERVICE);
const decodeFunctionVersion = decoderOf(model.FUNCTION_VERSION);
const decodeAssetVersion = decoderOf(model.ASSET_VERSION);
const decodeBuild = decoderOf(model.BUILD);
const decodeEnvironment = decoderOf(model.ENVIRONMENT);
const decodeDeployment = decoderOf(model.DEPLOYMENT);
const decodeVariable = decoderOf(model.VARIABLE);
import { parsePage } from "../../provider/twilio/paging";

const hex = (digit: string): string => digit.repeat(32);
const ACCOUNT = `AC${hex("a")}`;
const SERVICE = `ZS${hex("b")}`;
const FUNCTION = `ZH${hex("c")}`;
const ASSET = `ZH${hex("d")}`;
const FUNCTION_VERSION = `ZN${hex("e")}`;
const ASSET_VERSION = `ZN${hex("f")}`;
const BUILD = `ZB${hex("1")}`;
const ENVIRONMENT = `ZE${hex("2")}`;
const DEPLOYMENT = `ZD${hex("3")}`;
const VARIABLE = `ZV${hex("4")}`;
const DATE = "2025-01-02T03:04:05Z";
const LATER = "2025-01-02T03:05:00Z";
const BASE = "https://serverless.twilio.com/v1";
const SERVICE_URL = `${BASE}/Services/${SERVICE}`;
const ENVIRONMENT_URL = `${SERVICE_URL}/Environments/${ENVIRONMENT}`;

/** One decoder and what it makes of each field of a record set to `null`. */
interface DecoderCase {
  /** How shape errors name the record (`unexpected <what> from Twilio`). */
  what: string;
  decode: (json: unknown) => unknown;
  /** A record as Twilio answers it, every field set. */
  record: Record<string, unknown>;
  /** Fields where `null` means none, with the camelCase key and value they decode to. */
  none: Record<string, { key: string; value: unknown }>;
  /** Fields the decoder reads and that may not be `null`. */
  refused: string[];
  /** Fields of the answer the decoder does not read. */
  unread: string[];
}

const CASES: Record<string, DecoderCase> = {
  Service: {
    what: "Service",
    decode: decodeService,
    record: {
      sid: SERVICE,
      account_sid: ACCOUNT,
      friendly_name: "My app",
      unique_name: "my-app",
      include_credentials: true,
      ui_editable: false,
      domain_base: "my-app-1234",
      date_created: DATE,
      date_updated: LATER,
      url: SERVICE_URL,
      links: { environments: `${SERVICE_URL}/Environments` },
    },
    none: {},
    refused: [
      "sid",
      "account_sid",
      "friendly_name",
      "unique_name",
      "include_credentials",
      "ui_editable",
      "domain_base",
      "date_created",
      "date_updated",
      "url",
    ],
    unread: ["links"],
  },
  Function: {
    what: "Function",
    decode: decoderOf(model.FUNCTION),
    record: {
      sid: FUNCTION,
      account_sid: ACCOUNT,
      service_sid: SERVICE,
      friendly_name: "hello",
      date_created: DATE,
      date_updated: LATER,
      url: `${SERVICE_URL}/Functions/${FUNCTION}`,
      links: { function_versions: `${SERVICE_URL}/Functions/${FUNCTION}/Versions` },
    },
    none: {},
    refused: ["sid", "account_sid", "service_sid", "friendly_name", "date_created", "date_updated", "url"],
    unread: ["links"],
  },
  Asset: {
    what: "Asset",
    decode: decoderOf(model.ASSET),
    record: {
      sid: ASSET,
      account_sid: ACCOUNT,
      service_sid: SERVICE,
      friendly_name: "style",
      date_created: DATE,
      date_updated: LATER,
      url: `${SERVICE_URL}/Assets/${ASSET}`,
      links: { asset_versions: `${SERVICE_URL}/Assets/${ASSET}/Versions` },
    },
    none: {},
    refused: ["sid", "account_sid", "service_sid", "friendly_name", "date_created", "date_updated", "url"],
    unread: ["links"],
  },
  "Function Version": {
    what: "FunctionVersion",
    decode: decodeFunctionVersion,
    record: {
      sid: FUNCTION_VERSION,
      account_sid: ACCOUNT,
      service_sid: SERVICE,
      function_sid: FUNCTION,
      path: "/hello",
      visibility: "public",
      date_created: DATE,
      url: `${SERVICE_URL}/Functions/${FUNCTION}/Versions/${FUNCTION_VERSION}`,
      links: { function_version_content: `${SERVICE_URL}/Functions/${FUNCTION}/Versions/${FUNCTION_VERSION}/Content` },
    },
    none: {},
    refused: ["sid", "account_sid", "service_sid", "function_sid", "path", "visibility", "date_created", "url"],
    unread: ["links"],
  },
  "Function Version Content": {
    what: "Function Version Content",
    decode: decodeFunctionVersionContent,
    record: {
      sid: FUNCTION_VERSION,
      account_sid: ACCOUNT,
      service_sid: SERVICE,
      function_sid: FUNCTION,
      content: "exports.handler = () => {};",
      url: `${SERVICE_URL}/Functions/${FUNCTION}/Versions/${FUNCTION_VERSION}/Content`,
    },
    none: {},
    refused: ["sid", "account_sid", "service_sid", "function_sid", "content", "url"],
    unread: [],
  },
  "Asset Version": {
    what: "AssetVersion",
    decode: decodeAssetVersion,
    record: {
      sid: ASSET_VERSION,
      account_sid: ACCOUNT,
      service_sid: SERVICE,
      asset_sid: ASSET,
      path: "/style.css",
      visibility: "protected",
      date_created: DATE,
      url: `${SERVICE_URL}/Assets/${ASSET}/Versions/${ASSET_VERSION}`,
    },
    none: {},
    refused: ["sid", "account_sid", "service_sid", "asset_sid", "path", "visibility", "date_created", "url"],
    unread: [],
  },
  Build: {
    what: "Build",
    decode: decodeBuild,
    record: {
      sid: BUILD,
      account_sid: ACCOUNT,
      service_sid: SERVICE,
      asset_versions: [
        {
          sid: ASSET_VERSION,
          account_sid: ACCOUNT,
          service_sid: SERVICE,
          asset_sid: ASSET,
          date_created: DATE,
          path: "/style.css",
          visibility: "protected",
        },
      ],
      function_versions: [
        {
          sid: FUNCTION_VERSION,
          account_sid: ACCOUNT,
          service_sid: SERVICE,
          function_sid: FUNCTION,
          date_created: DATE,
          path: "/hello",
          visibility: "public",
        },
      ],
      dependencies: [{ name: "twilio", version: "5.x" }],
      runtime: "node22",
      status: "completed",
      date_created: DATE,
      date_updated: LATER,
      url: `${SERVICE_URL}/Builds/${BUILD}`,
      links: { build_status: `${SERVICE_URL}/Builds/${BUILD}/Status` },
    },
    none: {
      asset_versions: { key: "assetVersions", value: [] },
      function_versions: { key: "functionVersions", value: [] },
      dependencies: { key: "twilioDependencies", value: [] },
    },
    refused: ["sid", "account_sid", "service_sid", "runtime", "status", "date_created", "date_updated", "url"],
    unread: ["links"],
  },
  "Build Status": {
    what: "Build Status",
    decode: decodeBuildStatus,
    record: {
      sid: BUILD,
      account_sid: ACCOUNT,
      service_sid: SERVICE,
      status: "building",
      url: `${SERVICE_URL}/Builds/${BUILD}/Status`,
    },
    none: {},
    refused: ["status"],
    // Polling reads the status alone: the SIDs are the ones asked for.
    unread: ["sid", "account_sid", "service_sid", "url"],
  },
  Environment: {
    what: "Environment",
    decode: decodeEnvironment,
    record: {
      sid: ENVIRONMENT,
      account_sid: ACCOUNT,
      service_sid: SERVICE,
      build_sid: BUILD,
      unique_name: "staging",
      domain_suffix: "stage",
      domain_name: "my-app-1234-stage.twil.io",
      date_created: DATE,
      date_updated: LATER,
      url: ENVIRONMENT_URL,
      links: { variables: `${ENVIRONMENT_URL}/Variables` },
    },
    none: {
      build_sid: { key: "buildSid", value: null },
      domain_suffix: { key: "domainSuffix", value: null },
    },
    refused: ["sid", "account_sid", "service_sid", "unique_name", "domain_name", "date_created", "date_updated", "url"],
    unread: ["links"],
  },
  Deployment: {
    what: "Deployment",
    decode: decodeDeployment,
    record: {
      sid: DEPLOYMENT,
      account_sid: ACCOUNT,
      service_sid: SERVICE,
      environment_sid: ENVIRONMENT,
      build_sid: BUILD,
      date_created: DATE,
      date_updated: LATER,
      url: `${ENVIRONMENT_URL}/Deployments/${DEPLOYMENT}`,
    },
    none: { build_sid: { key: "buildSid", value: null } },
    refused: ["sid", "account_sid", "service_sid", "environment_sid", "date_created", "date_updated", "url"],
    unread: [],
  },
  Variable: {
    what: "Variable",
    decode: decodeVariable,
    record: {
      sid: VARIABLE,
      account_sid: ACCOUNT,
      service_sid: SERVICE,
      environment_sid: ENVIRONMENT,
      key: "GREETING",
      value: "hello",
      date_created: DATE,
      date_updated: LATER,
      url: `${ENVIRONMENT_URL}/Variables/${VARIABLE}`,
    },
    none: {},
    refused: [
      "sid",
      "account_sid",
      "service_sid",
      "environment_sid",
      "key",
      "value",
      "date_created",
      "date_updated",
      "url",
    ],
    unread: [],
  },
};

const withNull = (record: Record<string, unknown>, ...fields: string[]): Record<string, unknown> => ({
  ...record,
  ...Object.fromEntries(fields.map((field) => [field, null])),
});

/** The decoded value as a plain object, to compare field by field. */
function decodedObject(decoded: unknown): Record<string, unknown> {
  if (typeof decoded !== "object" || decoded === null) throw new Error(`decoded to ${String(decoded)}`);
  return { ...decoded };
}

const NAMES = Object.keys(CASES);
const NONE = NAMES.flatMap((name) => Object.keys(CASES[name].none).map((field) => [name, field] as const));
const REFUSED = NAMES.flatMap((name) => CASES[name].refused.map((field) => [name, field] as const));
const UNREAD = NAMES.flatMap((name) => CASES[name].unread.map((field) => [name, field] as const));

describe("decoders given null fields", () => {
  it.each(NAMES)("%s: every field of Twilio's answer is classified once", (name) => {
    const { record, none, refused, unread } = CASES[name];
    const classified = [...Object.keys(none), ...refused, ...unread];
    expect([...classified].sort()).toEqual(Object.keys(record).sort());
    expect(new Set(classified).size).toBe(classified.length);
  });

  it.each(NAMES)("%s: decodes the complete record", (name) => {
    const { decode, record } = CASES[name];
    expect(() => decode(record)).not.toThrow();
  });

  it.each(NONE)("%s: %s null means none", (name, field) => {
    const { decode, record, none } = CASES[name];
    const complete = decodedObject(decode(record));

    const decoded = decodedObject(decode(withNull(record, field)));

    const { key, value } = none[field];
    expect(decoded[key]).toEqual(value);
    // Nothing else changes.
    expect({ ...decoded, [key]: complete[key] }).toEqual(complete);
  });

  it.each(NAMES.filter((name) => Object.keys(CASES[name].none).length > 1))(
    "%s: all its none-fields null at once decode too",
    (name) => {
      const { decode, record, none } = CASES[name];
      const decoded = decodedObject(decode(withNull(record, ...Object.keys(none))));
      for (const { key, value } of Object.values(none)) expect(decoded[key]).toEqual(value);
    },
  );

  it.each(REFUSED)("%s: %s null is refused with a shape error naming it", (name, field) => {
    const { what, decode, record } = CASES[name];
    expect(() => decode(withNull(record, field))).toThrow(
      new RegExp(`^unexpected ${what} from Twilio: field "${field}" is null, not an? (string|boolean)$`),
    );
  });

  it.each(UNREAD)("%s: %s is not read, null or not", (name, field) => {
    const { decode, record } = CASES[name];
    expect(decode(withNull(record, field))).toEqual(decode(record));
  });

  it("a build with no version of one kind and no dependencies, written as null, is an ordinary build", () => {
    const build = decodeBuild(withNull(CASES.Build.record, "asset_versions", "dependencies"));
    expect(build).toMatchObject({
      sid: BUILD,
      functionVersions: [FUNCTION_VERSION],
      assetVersions: [],
      twilioDependencies: [],
      status: "completed",
    });
  });

  it("a build list that is missing, not null, is still refused", () => {
    const record = { ...CASES.Build.record };
    delete record.dependencies;
    expect(() => decodeBuild(record)).toThrow(/field "dependencies" is missing, not an array/);
  });
});

describe("a page of a list given null fields", () => {
  const page = (meta: Record<string, unknown>, items: unknown = [CASES.Variable.record]): unknown => ({
    variables: items,
    meta: {
      first_page_url: `${ENVIRONMENT_URL}/Variables?PageSize=1&Page=0`,
      key: "variables",
      next_page_url: `${ENVIRONMENT_URL}/Variables?PageSize=1&Page=1&PageToken=PT1`,
      page: 0,
      page_size: 1,
      previous_page_url: null,
      url: `${ENVIRONMENT_URL}/Variables?PageSize=1&Page=0`,
      ...meta,
    },
  });
  const read = (json: unknown) => parsePage(json, "Variable", "variables", decodeVariable);

  it("reads the items and the next page's link", () => {
    const { items, next } = read(page({}));
    expect(items.map((v) => v.sid)).toEqual([VARIABLE]);
    expect(next).toBe(`${ENVIRONMENT_URL}/Variables?PageSize=1&Page=1&PageToken=PT1`);
  });

  it("takes a null next_page_url as the last page", () => {
    expect(read(page({ next_page_url: null })).next).toBeUndefined();
  });

  it("takes a null meta.key as the documented name of the array", () => {
    expect(read(page({ key: null })).items).toHaveLength(1);
  });

  it("ignores the links it does not follow, null or not", () => {
    expect(read(page({ first_page_url: null, previous_page_url: null, url: null })).items).toHaveLength(1);
  });

  it("refuses null items: the list itself is not nullable in the spec", () => {
    expect(() => read(page({}, null))).toThrow(
      /^unexpected Variable page from Twilio: field "variables" is null, not an array$/,
    );
  });

  it("refuses a null meta", () => {
    expect(() => read({ variables: [], meta: null })).toThrow(/Variable page field "meta".*got null/);
  });

  it("refuses an item with a null SID, naming it", () => {
    expect(() => read(page({}, [withNull(CASES.Variable.record, "sid")]))).toThrow(
      /^unexpected Variable from Twilio: field "sid" is null, not a string$/,
    );
  });
});
