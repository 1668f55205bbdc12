import { Answer, ok } from "./answers";
import { RouteContext } from "./router";

/**
 * A page of a Twilio list, read with `PageSize` (1 to 1000, default 50) and `Page`: the items
 * under `key`, and `meta` with absolute links that carry an opaque `PageToken`, as Twilio's do.
 */
export function listPage(ctx: RouteContext, key: string, items: readonly unknown[]): Answer {
  const query = ctx.url.searchParams;
  const pageSize = Math.min(1000, Math.max(1, Number(query.get("PageSize") ?? 50) || 50));
  const page = Math.max(0, Number(query.get("Page") ?? 0) || 0);
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
