import { validationFailed } from "./errors";
import type { Json, OktaState } from "./state";

/** A tiny path router for the local Okta, plus Okta-style cursor paging. */
export interface Ctx {
  method: string;
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  state: OktaState;
  /** The id of the user that owns the SSWS token. */
  callerId: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: Ctx) => Reply;

export interface Route {
  method: string;
  pattern: string;
  handler: Handler;
  /** Default true: needs a valid SSWS token. */
  auth?: boolean;
}

export interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

export function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern
    .split("/")
    .map((part) => {
      if (part.startsWith(":")) {
        names.push(part.slice(1));
        return "([^/]+)";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { ...route, regex: new RegExp(`^${source}/?$`), names };
}

export const ok = (body: unknown, status = 200, headers?: Record<string, string>): Reply => ({
  status,
  body,
  headers,
});

export const noContent = (): Reply => ({ status: 204 });

/** The JSON object body of a request, or a 400 naming what was wrong. */
export function objectBody(ctx: Ctx, what: string): Json {
  if (ctx.body === null || typeof ctx.body !== "object" || Array.isArray(ctx.body)) {
    throw validationFailed(what, [
      `The request body must be a JSON object describing the ${what}.`,
    ]);
  }
  return ctx.body as Json;
}

/**
 * Okta's cursor paging: `limit` (default and maximum 200) and `after` (the id of the last item
 * of the previous page); a `Link: <…>; rel="next"` header when more remain.
 */
export function paginate<T>(ctx: Ctx, items: T[], idOf: (item: T) => string): Reply {
  const rawLimit = Number(ctx.query.get("limit") ?? "200");
  const limit =
    Number.isFinite(rawLimit) && rawLimit > 0 ? Math.min(Math.floor(rawLimit), 200) : 200;
  const after = ctx.query.get("after");
  let start = 0;
  if (after) {
    const index = items.findIndex((item) => idOf(item) === after);
    start = index >= 0 ? index + 1 : items.length;
  }
  const page = items.slice(start, start + limit);
  const self = new URL(ctx.url.pathname + ctx.url.search, ctx.state.origin);
  const links = [`<${self.toString()}>; rel="self"`];
  const last = page[page.length - 1];
  if (start + limit < items.length && last !== undefined) {
    const next = new URL(self.toString());
    next.searchParams.set("after", idOf(last));
    next.searchParams.set("limit", String(limit));
    links.push(`<${next.toString()}>; rel="next"`);
  }
  return { status: 200, body: page, headers: { Link: links.join(", ") } };
}
