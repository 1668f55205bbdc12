import { Answer } from "./answers";
import { Multipart } from "./bodies";
import { BuildRunner } from "./build-runner";
import { Store } from "./store";

/** What a route works with. */
export interface RouteContext {
  store: Store;
  builds: BuildRunner;
  /** Origin of the API host: every `url` in an answer starts with it, those of uploads included. */
  apiBaseUrl: string;
  /** The request's URL. */
  url: URL;
  /** The path, which a 404 names. */
  path: string;
  /** The path's parameters, by the names of the route's pattern (`:service` → `service`). */
  params: Record<string, string>;
}

/**
 * One endpoint: a method and a path pattern whose `:name` segments are parameters. The router
 * reads the body a route declares before calling it, and drains any other.
 */
export type Route =
  | { method: "GET" | "DELETE"; path: string; handle: (ctx: RouteContext) => Answer }
  | { method: "POST"; path: string; body: "form"; handle: (ctx: RouteContext, form: URLSearchParams) => Answer }
  | { method: "POST"; path: string; body: "upload"; handle: (ctx: RouteContext, upload: Multipart) => Answer };

/** A route found for a request, with the values of its parameters. */
export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split("/")
    .map((segment) => {
      if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(segment.slice(1));
      return "([^/]+)";
    })
    .join("/");
  return { route, pattern: new RegExp(`^${source}$`), names };
}

// A malformed escape names nothing that exists: it is kept as it came, to be answered with a 404.
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Finds the route of a request in a table of routes. */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.routes = routes.map(compile);
  }

  /** The route of this method and path; `"wrong method"` when the path is known but not with it. */
  match(method: string, path: string): RouteMatch | "wrong method" | undefined {
    let known = false;
    for (const { route, pattern, names } of this.routes) {
      const found = pattern.exec(path);
      if (found === null) continue;
      known = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = decodeSegment(found[i + 1]);
      });
      return { route, params };
    }
    return known ? "wrong method" : undefined;
  }
}
