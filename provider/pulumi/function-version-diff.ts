import { contentHash, parseContent } from "./content";
import { DEFAULT_VISIBILITY, normalizePath } from "./function-version-inputs";
import { PropertyBag, isUnknown } from "./wire";

/** What the engine needs from a diff: whether anything changed and which properties force a replacement. */
export interface FunctionVersionDiff {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

const sameSid = (a: unknown, b: unknown): boolean =>
  typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();

/**
 * Compares old outputs with new inputs. Versions are immutable, so every change is a replacement,
 * named property by property; content is compared by sha256, never by text, and `__provider` is
 * ignored so that upgrading this package never replaces anything.
 */
export function diffFunctionVersion(olds: PropertyBag, news: PropertyBag, programDir: string): FunctionVersionDiff {
  const replaces: string[] = [];
  const changed = (key: string, same: (oldValue: unknown, newValue: unknown) => boolean): void => {
    if (isUnknown(news[key]) || !same(olds[key], news[key])) replaces.push(key);
  };
  changed("serviceSid", sameSid);
  changed("functionSid", sameSid);
  changed("path", (o, n) => typeof n === "string" && o === normalizePath(n));
  changed("visibility", (o, n) => o === (n ?? DEFAULT_VISIBILITY));
  const content = parseContent(news.content);
  const newHash = typeof content === "string" ? undefined : contentHash(content, programDir);
  if (newHash === undefined || newHash !== olds.contentHash) replaces.push("content");
  // The new version is uploaded before the old one leaves state: delete is a no-op anyway.
  return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
}
