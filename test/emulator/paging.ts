import { Answer, invalid, ok, refuse } from "./answers";
import { RouteContext } from "./router";

/** Twilio's bounds on `PageSize` (the spec's `minimum` and `maximum`) and its default. */
const MIN_PAGE_SIZE = 1;
const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 50;

/**
 * A query parameter that must be a whole number of at least `min` and at most `max`; `fallback`
 * when absent. Anything else answers 400 with code 20001, Twilio's invalid parameter (the wording
 * is a choice: Twilio's own is unverified), rather than being clamped: a client sending a page size
 * Twilio refuses must fail here too.
 */
function integerParameter(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const text = query.get(name);
  if (text === null) return fallback;
  // Digits only: a sign, a fraction, an exponent or blanks are not the integer the spec declares.
  const value = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) {
    const bound = max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`;
    refuse(invalid(`${name} must be an integer ${bound}, got ${JSON.stringify(text)}`));
  }
  return value;
}

/**
 * A page of a Twilio list, read with `PageSize` (1 to 1000, default 50) and `Page` (0 or more):
 * the items under `key`, and `meta` with absolute links that carry an opaque `PageToken`, as
 * Twilio's do.
 */
export function listPage(ctx: RouteContext, key: string, items: readonly unknown[]): Answer {
  const query = ctx.url.searchParams;
  const pageSize = integerParameter(query, "PageSize", DEFAULT_PAGE_SIZE, MIN_PAGE_SIZE, MAX_PAGE_SIZE);
  const page = integerParameter(query, "Page", 0, 0, Infinity);
  const base = `${ctx.apiBaseUrl}${ctx.url.pathname}`;
  const link = (n: number): string => `${base}?PageSize=${pageSize}&Page=${n}${n > 0 ? `&PageToken=PT${n}` : ""}`;
  const hasNext = (page + 1) * pageSize < items.length;
  return ok({
    [key]: items.slice(page * pageSize, (page + 1) * pageSize),
    meta: {
      first_page_url: link(0),
      key,
      next_page_url: hasNext ? link(page + 1) : null,
      page,
      page_size: pageSize,
      previous_page_url: page > 0 ? link(page - 1) : null,
      url: link(page),
    },
  });
}
