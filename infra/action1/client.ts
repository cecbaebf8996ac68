/**
 * Action1 REST API 3.0 client (Node's fetch, cockatiel for retries and backoff).
 *
 * Stable public surface (other parts build on these names; change them only together with
 * docs/architecture.md):
 *
 * | method | HTTP | notes |
 * |---|---|---|
 * | `me()` | GET /me | the API credential itself |
 * | `enterprise()` | GET /enterprise | |
 * | `listUsers({ userType?, filter? })` | GET /users (paged) | enabled users only |
 * | `getUser(id)` | GET /users/{id} | also finds disabled / soft-deleted users |
 * | `findUserByEmail(email)` | GET /users?filter= (paged) | exact, any case; enabled only |
 * | `createUser(body)` | POST /users | look-up-then-decide on an ambiguous failure |
 * | `updateUser(id, patch)` | PATCH /users/{id} | send only changed fields |
 * | `deleteUser(id)` | DELETE /users/{id} | Action1 soft-deletes |
 * | `listRoles({ fields? })` | GET /roles (paged) | |
 * | `resolveRole(idOrName)` | GET /roles?fields=* | id first, then name (case-insensitive) |
 * | `listRoleUsers(roleId)` | GET /roles/{id}/users (paged) | |
 * | `listUserRoles(userId)` | GET /users/{id}/roles (paged) | |
 * | `assignRole(roleId, userId)` | POST /roles/{id}/users/{uid} | look-up-then-decide |
 * | `unassignRole(roleId, userId)` | DELETE /roles/{id}/users/{uid} | |
 * | `listSettingTemplates({ category? })` | GET /setting-templates/all (paged) | |
 * | `getSettingTemplate(id)` | GET /setting-templates/all/{id} | |
 * | `listSettings({ category? })` | GET /settings/all (paged) | |
 * | `getSetting(id)` | GET /settings/all/{id} | |
 * | `createSetting(body, { sensitive? })` | POST /settings/all | look-up-then-decide by template |
 * | `patchSetting(id, patch, { sensitive? })` | PATCH /settings/all/{id} | |
 * | `deleteSetting(id)` | DELETE /settings/all/{id} | |
 * | `request(method, path, opts)` / `listAll(path, query)` | any | low level |
 *
 * Behaviour:
 * - Token from `POST /oauth2/token` (JSON body), cached, renewed before expiry (2 minutes early,
 *   or half the lifetime for short-lived tokens); on a 401 the client re-authenticates once and
 *   repeats the call.
 * - 429: waits `details.retry_after` (or the `Retry-After` header) seconds; without either,
 *   exponential backoff with decorrelated jitter, capped (`maxDelayMs`). If Action1 asks for a
 *   wait longer than `maxRetryAfterMs`, the client gives up at once and says so.
 * - Network errors, timeouts and 5xx are retried for GET/PATCH/DELETE (and the token call). A
 *   POST is repeated only when the request cannot have reached Action1 (connection refused) or was
 *   refused unprocessed (401, 429); otherwise the create helpers look the object up first and
 *   only send again when it does not exist.
 * - Paging uses `from`/`limit` until `from >= total_items` (a string or a number) or an empty
 *   page; `next_page` is never followed.
 * - Every attempt has a timeout (AbortSignal). Errors are `Action1ApiError`. Tokens, the API
 *   client ID and secret, request bodies and any string passed as `sensitive` never reach an error or a log line.
 */
import {
  ExponentialBackoff,
  handleWhen,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
  retry,
} from "cockatiel";
import { Action1ApiError, redact } from "./errors";
import type {
  Action1Enterprise,
  Action1Page,
  Action1Role,
  Action1Setting,
  Action1SettingCreate,
  Action1SettingPatch,
  Action1SettingTemplate,
  Action1Success,
  Action1User,
  Action1UserCreate,
  Action1UserPatch,
  SettingCategory,
} from "./types";

/** Where log lines go. Lines carry method, path, status and timing; never bodies or secrets. */
export interface Action1Logger {
  debug(message: string): void;
  warn(message: string): void;
}

export const silentLogger: Action1Logger = { debug: () => {}, warn: () => {} };

export interface Action1ClientOptions {
  /** Regional REST base URL, e.g. `https://app.eu.action1.com/api/3.0` (no trailing slash). */
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Per-attempt timeout. Default 30 000 ms. */
  timeoutMs?: number;
  /** Retries after the first attempt (429, network, 5xx). Default 4. */
  maxRetries?: number;
  /** First backoff delay without a server hint. Default 2 000 ms (Action1's guidance). */
  initialDelayMs?: number;
  /** Backoff cap. Default 30 000 ms. */
  maxDelayMs?: number;
  /** Longest server-requested wait the client accepts. Default 120 000 ms. */
  maxRetryAfterMs?: number;
  /** Page size for `from`/`limit` paging. Default 200. */
  pageSize?: number;
  /** Renew the token this long before it expires. Default 120 000 ms. */
  tokenRenewMarginMs?: number;
  logger?: Action1Logger;
  fetch?: typeof fetch;
  /** Clock, for tests. */
  now?: () => number;
}

export type RetryMode = "idempotent" | "post";

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Default: "idempotent" for GET/PATCH/DELETE, "post" for POST. */
  retry?: RetryMode;
  /** Extra strings to keep out of error messages (e.g. a secret inside the body). */
  sensitive?: readonly (string | undefined)[];
  signal?: AbortSignal;
  /** Send the bearer token. Default true. */
  auth?: boolean;
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
const TOKEN_PATH = "/oauth2/token";
const ROLE_ALIASES: Record<string, string> = {
  enterprise_admin: "enterprise admin",
  "enterprise admin": "enterprise_admin",
};

export class Action1Client {
  readonly apiBaseUrl: string;
  private readonly clientId: string;
  private readonly clientSecret: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRetryAfterMs: number;
  readonly pageSize: number;
  private readonly renewMarginMs: number;
  private readonly logger: Action1Logger;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private token?: { value: string; refresh?: string; expiresAt: number; renewAt: number };
  private tokenInFlight?: Promise<string>;

  constructor(opts: Action1ClientOptions) {
    const missing = (["apiBaseUrl", "clientId", "clientSecret"] as const).filter((k) => !opts[k]);
    if (missing.length > 0) {
      throw new Error(
        `Action1 client: missing ${missing.join(", ")}. Set the stack config ` +
          "action1-okta-sso:action1ClientId / action1ClientSecret (secrets) or the environment " +
          "variables ACTION1_CLIENT_ID / ACTION1_CLIENT_SECRET, and a region or action1ApiBaseUrl.",
      );
    }
    this.apiBaseUrl = opts.apiBaseUrl.replace(/\/+$/, "");
    this.clientId = opts.clientId;
    this.clientSecret = opts.clientSecret;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.maxRetries = opts.maxRetries ?? 4;
    this.initialDelayMs = opts.initialDelayMs ?? 2_000;
    this.maxDelayMs = opts.maxDelayMs ?? 30_000;
    this.maxRetryAfterMs = opts.maxRetryAfterMs ?? 120_000;
    this.pageSize = opts.pageSize ?? 200;
    this.renewMarginMs = opts.tokenRenewMarginMs ?? 120_000;
    this.logger = opts.logger ?? silentLogger;
    this.fetchFn = opts.fetch ?? fetch;
    this.now = opts.now ?? Date.now;
  }

  // ---------------------------------------------------------------- users, enterprise

  me(): Promise<Action1User> {
    return this.request("GET", "/me");
  }

  enterprise(): Promise<Action1Enterprise> {
    return this.request("GET", "/enterprise");
  }

  listUsers(
    opts: { userType?: "Interactive" | "API"; filter?: string } = {},
  ): Promise<Action1User[]> {
    return this.listAll("/users", { user_type: opts.userType, filter: opts.filter });
  }

  getUser(id: string): Promise<Action1User> {
    return this.request("GET", `/users/${enc(id)}`);
  }

  /** The enabled user with this email (case-insensitive), or undefined. */
  async findUserByEmail(email: string): Promise<Action1User | undefined> {
    const wanted = email.trim().toLowerCase();
    const users = await this.listAll<Action1User>("/users", { filter: email.trim() });
    return users.find((u) => (u.email ?? "").toLowerCase() === wanted);
  }

  /**
   * Creates a user. On an ambiguous failure (timeout, dropped connection, 5xx) the POST may or
   * may not have taken effect, so the client looks the email up: if the user exists it is
   * returned, otherwise the POST is sent again (at most `maxRetries` times).
   */
  createUser(body: Action1UserCreate, opts: { signal?: AbortSignal } = {}): Promise<Action1User> {
    return this.postThenLookUp(
      () =>
        this.request<Action1User>("POST", "/users", {
          body,
          sensitive: [body.password],
          signal: opts.signal,
        }),
      () => this.findUserByEmail(body.email),
      `user ${body.email}`,
    );
  }

  updateUser(id: string, patch: Action1UserPatch): Promise<Action1User> {
    return this.request("PATCH", `/users/${enc(id)}`, {
      body: patch,
      sensitive: [patch.password],
    });
  }

  deleteUser(id: string): Promise<Action1Success> {
    return this.request("DELETE", `/users/${enc(id)}`);
  }

  // ---------------------------------------------------------------- roles

  listRoles(opts: { fields?: string } = {}): Promise<Action1Role[]> {
    return this.listAll("/roles", { fields: opts.fields });
  }

  /**
   * Finds a role by id, then by name (case-insensitive); `enterprise_admin` and
   * `Enterprise Admin` are aliases of each other (Action1 renamed built-ins over time).
   */
  async resolveRole(idOrName: string): Promise<Action1Role> {
    const roles = await this.listRoles({ fields: "*" });
    const key = idOrName.trim();
    const lower = key.toLowerCase();
    const alias = ROLE_ALIASES[lower];
    const found =
      roles.find((r) => r.id === key) ??
      roles.find((r) => (r.name ?? "").toLowerCase() === lower) ??
      (alias
        ? roles.find((r) => r.id === alias || (r.name ?? "").toLowerCase() === alias)
        : undefined);
    if (found) return found;
    const available = roles.map((r) => `"${r.name}" (${r.id})`).join(", ");
    throw new Action1ApiError({
      kind: "not-found",
      method: "GET",
      path: "/roles",
      userMessage: `no role has the id or name "${key}"`,
      hint: `Roles in this enterprise: ${available || "none"}.`,
    });
  }

  listRoleUsers(roleId: string): Promise<Action1User[]> {
    return this.listAll(`/roles/${enc(roleId)}/users`);
  }

  listUserRoles(userId: string): Promise<Action1Role[]> {
    return this.listAll(`/users/${enc(userId)}/roles`);
  }

  /** Grants a role. On an ambiguous failure it checks the user's roles before sending again. */
  async assignRole(roleId: string, userId: string): Promise<void> {
    await this.postThenLookUp(
      () => this.request<Action1Success>("POST", `/roles/${enc(roleId)}/users/${enc(userId)}`),
      async () => {
        const roles = await this.listUserRoles(userId);
        return roles.some((r) => r.id === roleId) ? roles : undefined;
      },
      `role ${roleId} for user ${userId}`,
    );
  }

  async unassignRole(roleId: string, userId: string): Promise<void> {
    await this.request("DELETE", `/roles/${enc(roleId)}/users/${enc(userId)}`);
  }

  // ---------------------------------------------------------------- advanced settings

  listSettingTemplates(
    opts: { category?: SettingCategory } = {},
  ): Promise<Action1SettingTemplate[]> {
    return this.listAll("/setting-templates/all", { category: opts.category });
  }

  getSettingTemplate(id: string): Promise<Action1SettingTemplate> {
    return this.request("GET", `/setting-templates/all/${enc(id)}`);
  }

  listSettings(opts: { category?: SettingCategory } = {}): Promise<Action1Setting[]> {
    return this.listAll("/settings/all", { category: opts.category });
  }

  getSetting(id: string): Promise<Action1Setting> {
    return this.request("GET", `/settings/all/${enc(id)}`);
  }

  /**
   * Creates a setting. On an ambiguous failure it lists the settings and returns an existing
   * one of the same template (Enterprise scope) instead of posting a duplicate.
   */
  createSetting(
    body: Action1SettingCreate,
    opts: { sensitive?: readonly (string | undefined)[] } = {},
  ): Promise<Action1Setting> {
    return this.postThenLookUp(
      () =>
        this.request<Action1Setting>("POST", "/settings/all", {
          body,
          sensitive: opts.sensitive,
        }),
      async () => (await this.listSettings()).find((s) => s.template_id === body.template_id),
      `setting ${body.template_id}`,
    );
  }

  patchSetting(
    id: string,
    patch: Action1SettingPatch,
    opts: { sensitive?: readonly (string | undefined)[] } = {},
  ): Promise<Action1Setting> {
    return this.request("PATCH", `/settings/all/${enc(id)}`, {
      body: patch,
      sensitive: opts.sensitive,
    });
  }

  deleteSetting(id: string): Promise<Action1Success> {
    return this.request("DELETE", `/settings/all/${enc(id)}`);
  }

  // ---------------------------------------------------------------- low level

  /** Every item of a paged list, by `from`/`limit` offsets; `next_page` is ignored. */
  async listAll<T>(
    path: string,
    query: Record<string, string | number | undefined> = {},
  ): Promise<T[]> {
    const items: T[] = [];
    const seenPages = new Set<string>();
    let from = 0;
    for (;;) {
      const page = await this.request<Action1Page<T>>("GET", path, {
        query: { ...query, from, limit: this.pageSize },
      });
      const pageItems = Array.isArray(page?.items) ? page.items : [];
      if (pageItems.length === 0) break;
      // A server that ignores `from` would send the same page forever.
      const fingerprint = JSON.stringify(pageItems.map((i) => (i as { id?: unknown }).id ?? i));
      if (seenPages.has(fingerprint) && pageItems.some((i) => (i as { id?: unknown }).id)) {
        throw new Action1ApiError({
          kind: "protocol",
          method: "GET",
          path,
          developerMessage: `the page at from=${from} repeats an earlier page (paging loop)`,
        });
      }
      seenPages.add(fingerprint);
      items.push(...pageItems);
      from += pageItems.length;
      const total = toCount(page.total_items);
      if (total !== undefined && from >= total) break;
    }
    return items;
  }

  /** One API call with token handling, retries, timeout and error mapping. */
  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const mode: RetryMode = opts.retry ?? (method === "POST" ? "post" : "idempotent");
    const auth = opts.auth ?? true;
    const sensitive = opts.sensitive ?? [];
    let attempts = 0;
    let reauthenticated = false;
    const policy = retry(
      // A failed token call was already retried by its own request(): do not multiply.
      handleWhen(
        (e) =>
          !(path !== TOKEN_PATH && e instanceof Action1ApiError && e.path === TOKEN_PATH) &&
          this.shouldRetry(e, mode, opts.signal),
      ),
      {
        maxAttempts: this.maxRetries,
        backoff: new ServerHintBackoff(
          new ExponentialBackoff({
            initialDelay: this.initialDelayMs,
            maxDelay: this.maxDelayMs,
          }),
        ),
      },
    );
    const onRetry = policy.onRetry((ev) => {
      const why = "error" in ev ? describe(ev.error) : "unexpected result";
      this.logger.warn(
        `Action1 ${method} ${path}: ${why}; retry ${ev.attempt} in ${Math.round(ev.delay)} ms`,
      );
    });
    try {
      return await policy.execute(async () => {
        attempts++;
        const token = auth ? await this.accessToken() : undefined;
        try {
          return await this.attempt<T>(method, path, opts, token, sensitive);
        } catch (e) {
          if (
            auth &&
            !reauthenticated &&
            e instanceof Action1ApiError &&
            e.kind === "http" &&
            e.status === 401
          ) {
            reauthenticated = true;
            this.logger.warn(`Action1 ${method} ${path}: 401, re-authenticating once`);
            if (this.token?.value === token) this.token = undefined;
            attempts++;
            return await this.attempt<T>(method, path, opts, await this.accessToken(), sensitive);
          }
          throw e;
        }
      });
    } catch (e) {
      if (e instanceof Action1ApiError) {
        throw attempts > 1 ? e.withAttempts(attempts) : e;
      }
      throw e;
    } finally {
      onRetry.dispose();
    }
  }

  // ---------------------------------------------------------------- internals

  private shouldRetry(e: Error, mode: RetryMode, signal?: AbortSignal): boolean {
    if (signal?.aborted || !(e instanceof Action1ApiError)) return false;
    if (e.kind === "rate-limited") {
      return e.retryAfterMs === undefined || e.retryAfterMs <= this.maxRetryAfterMs;
    }
    // Connection refused: the request never left, so even a POST may be sent again.
    if (e.kind === "network" && e.developerMessage === "ECONNREFUSED") return true;
    if (mode === "post") return false;
    if (e.kind === "network" || e.kind === "timeout") return true;
    return e.kind === "http" && e.status !== undefined && RETRYABLE_STATUS.has(e.status);
  }

  private async accessToken(): Promise<string> {
    const t = this.token;
    if (t && this.now() < t.renewAt) return t.value;
    if (!this.tokenInFlight) {
      this.tokenInFlight = this.fetchToken().finally(() => {
        this.tokenInFlight = undefined;
      });
    }
    return this.tokenInFlight;
  }

  private async fetchToken(): Promise<string> {
    let answer: { access_token?: string; refresh_token?: string; expires_in?: number | string };
    try {
      answer = await this.request("POST", TOKEN_PATH, {
        body: { client_id: this.clientId, client_secret: this.clientSecret },
        auth: false,
        // Asking for a token changes nothing on Action1's side: safe to repeat.
        retry: "idempotent",
      });
    } catch (e) {
      if (e instanceof Action1ApiError && e.kind === "http" && [400, 401].includes(e.status ?? 0)) {
        throw new Action1ApiError({
          ...e.details(),
          kind: "auth",
          hint:
            "Check action1-okta-sso:action1ClientId / action1ClientSecret (or " +
            "ACTION1_CLIENT_ID / ACTION1_CLIENT_SECRET) and that the API base URL is the " +
            "region where the credential was created.",
        });
      }
      throw e;
    }
    if (!answer?.access_token) {
      throw new Action1ApiError({
        kind: "protocol",
        method: "POST",
        path: TOKEN_PATH,
        developerMessage: "the token answer has no access_token",
      });
    }
    const lifetimeMs = Math.max(1, Number(answer.expires_in ?? 3600)) * 1000;
    const issued = this.now();
    this.token = {
      value: answer.access_token,
      refresh: answer.refresh_token,
      expiresAt: issued + lifetimeMs,
      renewAt: issued + lifetimeMs - Math.min(this.renewMarginMs, lifetimeMs / 2),
    };
    this.logger.debug(`Action1 token obtained, valid ${Math.round(lifetimeMs / 1000)} s`);
    return answer.access_token;
  }

  private async attempt<T>(
    method: string,
    path: string,
    opts: RequestOptions,
    token: string | undefined,
    sensitive: readonly (string | undefined)[],
  ): Promise<T> {
    const url = new URL(this.apiBaseUrl + path);
    for (const [k, v] of Object.entries(opts.query ?? {})) {
      if (v !== undefined && v !== "") url.searchParams.set(k, String(v));
    }
    const headers: Record<string, string> = { Accept: "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (opts.body !== undefined) headers["Content-Type"] = "application/json";
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
    // The client ID is declared secret in stack config: keep it out of errors too.
    const secrets = [
      this.clientId,
      this.clientSecret,
      this.token?.value,
      this.token?.refresh,
      token,
      ...sensitive,
    ];
    const started = this.now();
    const fail = (
      d: Omit<ConstructorParameters<typeof Action1ApiError>[0], "method" | "path">,
    ): Action1ApiError =>
      new Action1ApiError({
        ...d,
        method,
        path,
        userMessage: d.userMessage && redact(d.userMessage, secrets),
        developerMessage: d.developerMessage && redact(d.developerMessage, secrets),
      });
    let res: Response;
    let text: string;
    try {
      res = await this.fetchFn(url, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal,
      });
      text = await res.text();
    } catch (e) {
      const ms = this.now() - started;
      if (timeout.aborted) {
        this.logger.debug(`Action1 ${method} ${path} -> timeout after ${ms} ms`);
        return Promise.reject(fail({ kind: "timeout" }));
      }
      const code = networkCode(e);
      this.logger.debug(`Action1 ${method} ${path} -> network error ${code} after ${ms} ms`);
      return Promise.reject(fail({ kind: "network", developerMessage: code }));
    }
    this.logger.debug(`Action1 ${method} ${path} -> ${res.status} in ${this.now() - started} ms`);
    let json: unknown;
    if (text.trim() !== "") {
      try {
        json = JSON.parse(text);
      } catch {
        if (res.ok) {
          throw fail({
            kind: "protocol",
            status: res.status,
            developerMessage: "the answer is not JSON",
          });
        }
      }
    }
    if (res.ok) return json as T;
    const body = (json ?? {}) as {
      user_message?: unknown;
      developer_message?: unknown;
      details?: { retry_after?: unknown };
    };
    const userMessage = typeof body.user_message === "string" ? body.user_message : undefined;
    const developerMessage =
      typeof body.developer_message === "string" ? body.developer_message : undefined;
    if (res.status === 429) {
      const retryAfterMs =
        seconds(body.details?.retry_after) ?? retryAfterHeader(res.headers.get("retry-after"));
      const tooLong = retryAfterMs !== undefined && retryAfterMs > this.maxRetryAfterMs;
      throw fail({
        kind: "rate-limited",
        status: 429,
        userMessage,
        developerMessage,
        retryAfterMs,
        hint: tooLong
          ? `Action1 asked to wait ${Math.ceil(retryAfterMs / 1000)} s, longer than the ` +
            `${Math.round(this.maxRetryAfterMs / 1000)} s this client waits; try again later.`
          : undefined,
      });
    }
    throw fail({
      kind: "http",
      status: res.status,
      userMessage: userMessage ?? (text && !json ? "non-JSON error answer" : undefined),
      developerMessage,
    });
  }

  /**
   * Look-up-then-decide for POSTs that are not safe to repeat blindly: on an ambiguous failure
   * (the request may have been applied) look the object up; return it when it exists, otherwise
   * send the POST again, at most `maxRetries` times.
   */
  private async postThenLookUp<T, L>(
    post: () => Promise<T>,
    lookUp: () => Promise<L | undefined>,
    what: string,
  ): Promise<T | L> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await post();
      } catch (e) {
        if (!isAmbiguous(e) || attempt >= this.maxRetries) throw e;
        this.logger.warn(`Action1 create ${what}: ${describe(e)}; looking it up before retrying`);
        const existing = await lookUp();
        if (existing !== undefined) {
          this.logger.warn(`Action1 create ${what}: it exists after all; not posting again`);
          return existing;
        }
        const delay = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** attempt);
        await sleep(delay / 2 + Math.random() * (delay / 2));
      }
    }
  }
}

/** A backoff that takes the server's wait (429 retry_after / Retry-After) when there is one. */
class ServerHintBackoff implements IBackoffFactory<IRetryBackoffContext<unknown>> {
  constructor(private readonly fallback: IBackoffFactory<unknown>) {}

  next(context: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> {
    return hinted(this.fallback.next(context), context);
  }
}

function hinted(
  fallback: IBackoff<unknown>,
  context: IRetryBackoffContext<unknown>,
): IBackoff<IRetryBackoffContext<unknown>> {
  const err = "error" in context.result ? context.result.error : undefined;
  const hint = err instanceof Action1ApiError ? err.retryAfterMs : undefined;
  return {
    duration: hint ?? fallback.duration,
    next: (ctx) => hinted(fallback.next(ctx), ctx),
  };
}

function isAmbiguous(e: unknown): boolean {
  if (!(e instanceof Action1ApiError)) return false;
  if (e.kind === "timeout") return true;
  if (e.kind === "network") return e.developerMessage !== "ECONNREFUSED";
  return e.kind === "http" && e.status !== undefined && RETRYABLE_STATUS.has(e.status);
}

function describe(e: unknown): string {
  if (e instanceof Action1ApiError) {
    return e.status !== undefined ? `HTTP ${e.status}` : e.kind;
  }
  return "error";
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

function toCount(v: unknown): number | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function seconds(v: unknown): number | undefined {
  const n = toCount(v);
  return n !== undefined && n >= 0 ? Math.round(n * 1000) : undefined;
}

function retryAfterHeader(v: string | null): number | undefined {
  if (!v) return undefined;
  const s = seconds(v.trim());
  if (s !== undefined) return s;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
