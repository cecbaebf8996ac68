/**
 * A small Okta Management API client for the project's scripts: users, groups and app
 * assignments. SSWS API token; Link-header paging; retries with cockatiel:
 * - 429: waits until `X-Rate-Limit-Reset` (epoch seconds) plus a small margin, up to
 *   `maxRetryWaitMs` (a longer wait fails at once with a message saying so);
 * - 5xx, timeouts and network errors: exponential backoff (GETs only; the client sends no other
 *   method that is unsafe to repeat, and POST/DELETE are not retried on ambiguous failures).
 * The token never appears in an error or a log line.
 *
 * | method | HTTP |
 * |---|---|
 * | `getUser(idOrLogin)` | GET /api/v1/users/{id} (undefined on 404) |
 * | `findUserByEmail(email)` | GET /api/v1/users?search=profile.email eq "…" |
 * | `listUserGroups(userId)` | GET /api/v1/users/{id}/groups |
 * | `getAppUser(appId, userId)` | GET /api/v1/apps/{appId}/users/{userId} (undefined on 404) |
 * | `listAppUsers(appId)` | GET /api/v1/apps/{appId}/users (paged) |
 * | `listAppGroups(appId)` | GET /api/v1/apps/{appId}/groups (paged) |
 * | `assignUserToApp(appId, userId)` | POST /api/v1/apps/{appId}/users |
 * | `unassignUserFromApp(appId, userId)` | DELETE /api/v1/apps/{appId}/users/{userId} |
 */
import {
  ExponentialBackoff,
  handleWhen,
  type IBackoff,
  type IBackoffFactory,
  retry,
} from "cockatiel";
import { isOktaNotFound, OktaClientError } from "./errors";

export interface OktaUser {
  id: string;
  status: string;
  profile: { login: string; email?: string; firstName?: string; lastName?: string };
}

export interface OktaGroup {
  id: string;
  profile: { name: string; description?: string };
}

export interface OktaAppUser {
  id: string;
  scope: "USER" | "GROUP" | string;
  status?: string;
}

export interface OktaAppGroup {
  id: string;
  priority?: number;
}

export interface OktaClientOptions {
  /** `https://<org>.okta.com`, or the local Okta's origin in tests. */
  orgUrl: string;
  apiToken: string;
  maxAttempts?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Longest wait for a 429 window to reset before giving up (default 60 s). */
  maxRetryWaitMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  onRetry?: (line: string) => void;
}

const RETRYABLE = new Set([500, 502, 503, 504]);

export class OktaClient {
  readonly orgUrl: string;
  private readonly token: string;
  private readonly opts: Required<Omit<OktaClientOptions, "orgUrl" | "apiToken" | "onRetry">> & {
    onRetry?: (line: string) => void;
  };

  constructor(options: OktaClientOptions) {
    const missing = (["orgUrl", "apiToken"] as const).filter((k) => !options[k]);
    if (missing.length > 0) {
      throw new Error(
        `Okta client: missing ${missing.join(", ")}. Give the Okta org URL (okta:orgName/baseUrl ` +
          "or --okta-url) and an API token (okta:apiToken or the OKTA_API_TOKEN environment " +
          "variable).",
      );
    }
    this.orgUrl = options.orgUrl.replace(/\/+$/, "");
    this.token = options.apiToken;
    this.opts = {
      maxAttempts: options.maxAttempts ?? 5,
      initialDelayMs: options.initialDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 20_000,
      maxRetryWaitMs: options.maxRetryWaitMs ?? 60_000,
      timeoutMs: options.timeoutMs ?? 30_000,
      fetch: options.fetch ?? fetch,
      now: options.now ?? Date.now,
      onRetry: options.onRetry,
    };
  }

  async getUser(idOrLogin: string): Promise<OktaUser | undefined> {
    return this.orUndefined(() => this.get<OktaUser>(`/api/v1/users/${enc(idOrLogin)}`));
  }

  /** The user whose login or primary email equals `email` (case-insensitive), or undefined. */
  async findUserByEmail(email: string): Promise<OktaUser | undefined> {
    const wanted = email.trim().toLowerCase();
    const direct = await this.getUser(wanted);
    if (direct && direct.status !== "DEPROVISIONED") return direct;
    const found = await this.list<OktaUser>("/api/v1/users", {
      search: `profile.email eq "${wanted.replace(/"/g, '\\"')}"`,
    });
    return (
      found.find(
        (u) => u.status !== "DEPROVISIONED" && u.profile.email?.toLowerCase() === wanted,
      ) ?? direct
    );
  }

  listUserGroups(userId: string): Promise<OktaGroup[]> {
    return this.list(`/api/v1/users/${enc(userId)}/groups`);
  }

  getAppUser(appId: string, userId: string): Promise<OktaAppUser | undefined> {
    return this.orUndefined(() =>
      this.get<OktaAppUser>(`/api/v1/apps/${enc(appId)}/users/${enc(userId)}`),
    );
  }

  listAppUsers(appId: string): Promise<OktaAppUser[]> {
    return this.list(`/api/v1/apps/${enc(appId)}/users`);
  }

  listAppGroups(appId: string): Promise<OktaAppGroup[]> {
    return this.list(`/api/v1/apps/${enc(appId)}/groups`);
  }

  assignUserToApp(appId: string, userId: string): Promise<OktaAppUser> {
    return this.send<OktaAppUser>("POST", `/api/v1/apps/${enc(appId)}/users`, { id: userId });
  }

  async unassignUserFromApp(appId: string, userId: string): Promise<void> {
    await this.send("DELETE", `/api/v1/apps/${enc(appId)}/users/${enc(userId)}`);
  }

  // ------------------------------------------------------------------ internals

  private async orUndefined<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (e) {
      if (isOktaNotFound(e)) return undefined;
      throw e;
    }
  }

  private async get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    const url = new URL(this.orgUrl + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return (await this.send<T>("GET", url.toString())) as T;
  }

  /** Every item of a list, following `Link: <…>; rel="next"` (same origin only). */
  private async list<T>(path: string, query: Record<string, string> = {}): Promise<T[]> {
    const url = new URL(this.orgUrl + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    url.searchParams.set("limit", "200");
    const items: T[] = [];
    let next: string | undefined = url.toString();
    const seen = new Set<string>();
    while (next) {
      if (seen.has(next)) break;
      seen.add(next);
      const { body, link } = await this.call<T[]>("GET", next);
      items.push(...(Array.isArray(body) ? body : []));
      next = nextLink(link, this.orgUrl);
    }
    return items;
  }

  private async send<T>(method: string, pathOrUrl: string, body?: unknown): Promise<T> {
    return (await this.call<T>(method, pathOrUrl, body)).body;
  }

  private async call<T>(
    method: string,
    pathOrUrl: string,
    body?: unknown,
  ): Promise<{ body: T; link: string | null }> {
    const url = new URL(pathOrUrl.startsWith("http") ? pathOrUrl : this.orgUrl + pathOrUrl);
    const path = url.pathname;
    let attempts = 0;
    const policy = retry(
      handleWhen((e) => this.retryable(e, method)),
      {
        maxAttempts: this.opts.maxAttempts - 1,
        backoff: new ResetHintBackoff(
          new ExponentialBackoff({
            initialDelay: this.opts.initialDelayMs,
            maxDelay: this.opts.maxDelayMs,
          }),
        ),
      },
    );
    const listener = policy.onRetry((ev) => {
      const why = "error" in ev && ev.error instanceof OktaClientError ? ev.error.kind : "error";
      this.opts.onRetry?.(`Okta ${method} ${path}: ${why}; retry ${ev.attempt} in ${ev.delay} ms`);
    });
    try {
      return await policy.execute(() => {
        attempts++;
        return this.attempt<T>(method, url, path, body);
      });
    } catch (e) {
      if (e instanceof OktaClientError && attempts > 1) {
        throw new OktaClientError({ ...e.details, attempts });
      }
      throw e;
    } finally {
      listener.dispose();
    }
  }

  private retryable(e: Error, method: string): boolean {
    if (!(e instanceof OktaClientError)) return false;
    if (e.kind === "rate-limited") {
      return e.retryAfterMs === undefined || e.retryAfterMs <= this.opts.maxRetryWaitMs;
    }
    if (method !== "GET") return false;
    if (e.kind === "network" || e.kind === "timeout") return true;
    return e.status !== undefined && RETRYABLE.has(e.status);
  }

  private async attempt<T>(
    method: string,
    url: URL,
    path: string,
    body: unknown,
  ): Promise<{ body: T; link: string | null }> {
    const headers: Record<string, string> = {
      Accept: "application/json",
      Authorization: `SSWS ${this.token}`,
    };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const timeout = AbortSignal.timeout(this.opts.timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await this.opts.fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: timeout,
      });
      text = await res.text();
    } catch (e) {
      if (timeout.aborted) throw new OktaClientError({ kind: "timeout", method, path });
      throw new OktaClientError({ kind: "network", method, path, errorSummary: networkCode(e) });
    }
    let json: unknown;
    try {
      json = text.trim() ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (res.ok) return { body: json as T, link: res.headers.get("link") };
    const err = (json ?? {}) as { errorCode?: unknown; errorSummary?: unknown };
    const scrub = (v: unknown) =>
      typeof v === "string" ? v.split(this.token).join("***") : undefined;
    if (res.status === 429) {
      const reset = Number(res.headers.get("x-rate-limit-reset"));
      const retryAfterMs =
        Number.isFinite(reset) && reset > 0
          ? Math.max(0, reset * 1000 - this.opts.now()) + 250
          : undefined;
      throw new OktaClientError({
        kind: "rate-limited",
        method,
        path,
        status: 429,
        errorCode: scrub(err.errorCode),
        retryAfterMs,
      });
    }
    throw new OktaClientError({
      kind: "http",
      method,
      path,
      status: res.status,
      errorCode: scrub(err.errorCode),
      errorSummary: scrub(err.errorSummary),
    });
  }
}

/** A backoff that waits for Okta's rate-limit window to reset when the error says when. */
class ResetHintBackoff implements IBackoffFactory<unknown> {
  constructor(private readonly fallback: IBackoffFactory<unknown>) {}
  next(context: unknown): IBackoff<unknown> {
    return hinted(this.fallback.next(context), context);
  }
}

function hinted(fallback: IBackoff<unknown>, context: unknown): IBackoff<unknown> {
  const result = (context as { result?: { error?: unknown } }).result;
  const err = result?.error;
  const hint = err instanceof OktaClientError ? err.retryAfterMs : undefined;
  return { duration: hint ?? fallback.duration, next: (ctx) => hinted(fallback.next(ctx), ctx) };
}

function nextLink(link: string | null, orgUrl: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(",")) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part.trim());
    if (m?.[1]) {
      const next = new URL(m[1], orgUrl);
      // Never follow a link to another host with our token.
      return next.origin === new URL(orgUrl).origin ? next.toString() : undefined;
    }
  }
  return undefined;
}

function networkCode(e: unknown): string {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string") return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return "fetch failed";
}

const enc = encodeURIComponent;
