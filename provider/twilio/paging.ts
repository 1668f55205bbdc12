import { PAGE_SIZE } from "./limits";
import { JsonReader } from "./shape";
import { Transport } from "./transport";

/** How much of a list to read. */
export interface ListOptions {
  /** Items per request, within {@link PAGE_SIZE} (Twilio's default is 50). */
  pageSize?: number;
  /** Stop after this many items. */
  limit?: number;
}

/** One page of a list: its items, and the link to the next page when there is one. */
export interface Page<T> {
  items: T[];
  next?: string;
}

/**
 * Reads one page of a list. The items array is required (the spec does not mark it nullable);
 * `meta.next_page_url` is nullable, and `null` means this is the last page. A `meta.key` that is
 * missing or `null` falls back to the documented name of the array.
 */
export function parsePage<T>(json: unknown, what: string, key: string, decode: (json: unknown) => T): Page<T> {
  const page = new JsonReader(json, `${what} page`);
  const meta = page.object("meta");
  // Twilio names the array in meta.key; the documented name is the fallback.
  const items = page.array(meta.optionalString("key") ?? key).map(decode);
  return { items, next: meta.optionalString("next_page_url") };
}

// Only the path and query of Twilio's absolute link are kept, so that credentials go to the
// configured host (a region, an edge, a local emulator) and nowhere else.
function rebase(link: string, baseUrl: string): string {
  const parsed = new URL(link, baseUrl);
  return `${baseUrl}${parsed.pathname}${parsed.search}`;
}

/**
 * Reads a Twilio list at `baseUrl` + `path`, following `next_page_url` until done or `limit`.
 * `key` is the documented name of the array (`services`, `function_versions`, ...).
 */
export async function listAll<T>(
  transport: Transport,
  baseUrl: string,
  path: string,
  list: { what: string; key: string; decode: (json: unknown) => T },
  options: ListOptions = {},
): Promise<T[]> {
  const limit = options.limit ?? Infinity;
  const pageSize =
    options.pageSize ??
    Math.min(PAGE_SIZE.default, Number.isFinite(limit) ? Math.max(PAGE_SIZE.min, limit) : PAGE_SIZE.default);
  const out: T[] = [];
  let url: string | undefined = `${baseUrl}${path}?PageSize=${pageSize}`;
  while (url !== undefined && out.length < limit) {
    const page: Page<T> = await transport.send({ method: "GET", url }, (json) =>
      parsePage(json, list.what, list.key, list.decode),
    );
    out.push(...page.items.slice(0, limit - out.length));
    url = page.next === undefined ? undefined : rebase(page.next, baseUrl);
  }
  return out;
}
