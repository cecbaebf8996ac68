/**
 * The local Action1: a stateful HTTP server on 127.0.0.1 that answers the part of Action1's REST
 * API 3.0 this project uses, in Action1's shapes (yes/no strings, Error objects with
 * user_message/developer_message, total_items sometimes a string), with per-test fault injection
 * and a record of every request and state change. Contract: docs/architecture.md.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  decodeIdpValue,
  IDP_TEMPLATE_ID,
  OIDC_PROVIDERS,
  PASSWORD_PROVIDER,
  SSO_PROVIDERS,
} from "../../infra/action1/idpSetting";
import type { Action1SettingScope } from "../../infra/action1/types";
import { type FaultAction, Faults } from "./faults";
import { defaultSeed, type Seed } from "./seed";
import { Action1State, type StoredUser, type TimelineEntry } from "./state";

export const API_PREFIX = "/api/3.0";

export interface RecordedRequest {
  seq: number;
  at: number;
  method: string;
  /** Path relative to `/api/3.0`, without the query string. */
  path: string;
  query: Record<string, string>;
  contentType: string;
  /** Parsed request body (JSON or form); fake data only. */
  body: unknown;
  /** HTTP status answered, or 0 when the connection was dropped. */
  status: number;
  /** Parsed answer body, undefined when dropped. */
  response: unknown;
  fault?: string;
}

export interface LocalAction1 {
  origin: string;
  apiBaseUrl: string;
  state: Action1State;
  faults: Faults;
  requests: RecordedRequest[];
  timeline: TimelineEntry[];
  /** Enabled Interactive Enterprise Admins now, or right after timeline change `atSeq`. */
  enabledInteractiveEnterpriseAdmins(atSeq?: number): number;
  /** The lowest such count since the server started (0 means someone was locked out). */
  minEnabledInteractiveEnterpriseAdmins(): number;
  close(): Promise<void>;
}

export interface LocalAction1Options {
  seed?: Seed;
  port?: number;
  tokenTtlSeconds?: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly userMessage: string,
    readonly developerMessage = userMessage,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(userMessage);
  }
}

interface Ctx {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingMessage["headers"];
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

export async function startLocalAction1(opts: LocalAction1Options = {}): Promise<LocalAction1> {
  const state = new Action1State(opts.seed ?? defaultSeed());
  const faults = new Faults();
  const requests: RecordedRequest[] = [];
  const ttl = opts.tokenTtlSeconds ?? 3600;
  const tokens = new Map<string, { expiresAt: number; refresh: boolean }>();
  faults.expireAllTokens = () => {
    for (const t of tokens.values()) t.expiresAt = 0;
  };
  let seq = 0;
  let pageCounter = 0;

  const issueToken = (): Answer => {
    const access = `fake-access-token-${randomUUID()}`;
    const refresh = `fake-refresh-token-${randomUUID()}`;
    tokens.set(access, { expiresAt: Date.now() + ttl * 1000, refresh: false });
    tokens.set(refresh, { expiresAt: Date.now() + 30 * 86_400_000, refresh: true });
    return {
      status: 200,
      body: { access_token: access, refresh_token: refresh, expires_in: ttl, token_type: "Bearer" },
    };
  };

  const authorize = (ctx: Ctx, expire: boolean): void => {
    const header = String(ctx.headers.authorization ?? "");
    const m = /^Bearer\s+(.+)$/i.exec(header);
    const t = m ? tokens.get(m[1] as string) : undefined;
    if (t && expire) t.expiresAt = 0;
    if (!t || t.refresh || t.expiresAt <= Date.now()) {
      throw new HttpError(
        401,
        "Please authenticate before using API",
        "Redirect the user to https://<app_domain>/login",
      );
    }
  };

  /** A ResultPage (or abridged page) of `all`, honouring from/limit and the paging quirks. */
  const page = (ctx: Ctx, all: unknown[], abridged: boolean): Answer => {
    const from = faults.quirks.ignoreFrom
      ? 0
      : Math.max(0, Number.parseInt(ctx.query.get("from") ?? "0", 10) || 0);
    let limit = Math.max(1, Number.parseInt(ctx.query.get("limit") ?? "50", 10) || 50);
    if (faults.quirks.maxLimit > 0) limit = Math.min(limit, faults.quirks.maxLimit);
    const items = all.slice(from, from + limit);
    const q = faults.quirks;
    pageCounter++;
    const total =
      q.totalItems === "string" || (q.totalItems === "alternate" && pageCounter % 2 === 0)
        ? String(all.length)
        : all.length;
    const body: Record<string, unknown> = abridged
      ? { from: String(from), limit: String(limit), items }
      : { id: "1", type: "ResultPage", self: link(ctx.path, from, limit), items, limit: limit };
    if (q.totalItems !== "omit") body.total_items = total;
    if (!abridged) {
      const more = from + items.length < all.length;
      if (q.nextPage === "repeat") body.next_page = link(ctx.path, 0, limit);
      else if (q.nextPage === "normal")
        body.next_page = more ? link(ctx.path, from + limit, limit) : "";
      body.prev_page = from > 0 ? link(ctx.path, Math.max(0, from - limit), limit) : "";
    }
    return { status: 200, body };
  };

  const route = (ctx: Ctx, expireToken: boolean): Answer => {
    const { method, path } = ctx;
    if (path === "/oauth2/token" && method === "POST") return token(ctx);
    authorize(ctx, expireToken);
    const params = (re: RegExp): string[] | undefined =>
      re
        .exec(path)
        ?.slice(1)
        .map((x) => decodeURIComponent(x));
    let m: string[] | undefined;
    if (path === "/me" && method === "GET") {
      return ok(userView(mustUser(state.apiCredential.userId)));
    }
    if (path === "/enterprise") {
      if (method === "GET") return ok(enterpriseView());
      if (method === "PATCH") {
        const b = obj(ctx.body);
        if (typeof b.name === "string") state.enterprise.name = b.name;
        if (typeof b.description === "string") state.enterprise.description = b.description;
        return ok(enterpriseView());
      }
    }
    if (path === "/users") {
      if (method === "GET") return listUsers(ctx);
      if (method === "POST") return ok(userView(createUser(obj(ctx.body))));
    }
    m = params(/^\/users\/([^/]+)$/);
    if (m) {
      const id = m[0] as string;
      if (method === "GET") return ok(userView(mustUser(id)));
      if (method === "PATCH") return ok(userView(patchUser(id, obj(ctx.body))));
      if (method === "DELETE") {
        mustUser(id);
        state.softDeleteUser(id);
        return success();
      }
    }
    m = params(/^\/users\/([^/]+)\/roles$/);
    if (m && method === "GET") {
      const id = mustUser(m[0] as string).id;
      const roles = [...state.roles.values()].filter((r) => state.members.get(r.id)?.has(id));
      return page(
        ctx,
        roles.map((r) => roleView(r.id, false)),
        false,
      );
    }
    if (path === "/roles" && method === "GET") {
      const withUsers = /^(\*|.*\busers\b.*)$/.test(ctx.query.get("fields") ?? "");
      const roles = [...state.roles.keys()].map((id) => roleView(id, withUsers));
      return page(ctx, filtered(ctx, roles), true);
    }
    m = params(/^\/roles\/([^/]+)$/);
    if (m && method === "GET") {
      return ok(roleView(mustRole(m[0] as string), true));
    }
    m = params(/^\/roles\/([^/]+)\/users$/);
    if (m && method === "GET") {
      const roleId = mustRole(m[0] as string);
      const users = [...(state.members.get(roleId) ?? [])].map((id) => userView(mustUser(id)));
      return page(ctx, filtered(ctx, users), true);
    }
    m = params(/^\/roles\/([^/]+)\/users\/([^/]+)$/);
    if (m) {
      const roleId = mustRole(m[0] as string);
      const userId = mustUser(m[1] as string).id;
      if (method === "POST") {
        state.assignRole(roleId, userId);
        return success();
      }
      if (method === "DELETE") {
        state.unassignRole(roleId, userId);
        return success();
      }
    }
    if (path === "/setting-templates/all" && method === "GET") {
      const category = ctx.query.get("category");
      const all = [...state.templates.values()]
        .filter((t) => !category || t.category === category)
        .map(templateView);
      return page(ctx, filtered(ctx, all), false);
    }
    m = params(/^\/setting-templates\/all\/([^/]+)$/);
    if (m && method === "GET") {
      const t = state.templates.get(m[0] as string);
      if (!t) throw notFound("setting template");
      return ok(templateView(t));
    }
    if (path === "/settings/all") {
      if (method === "GET") {
        const category = ctx.query.get("category");
        const all = [...state.settings.values()]
          .filter((s) => !category || state.templates.get(s.template_id)?.category === category)
          .map(settingView);
        return page(ctx, filtered(ctx, all), false);
      }
      if (method === "POST") return ok(settingView(createSetting(obj(ctx.body))));
    }
    m = params(/^\/settings\/all\/([^/]+)$/);
    if (m) {
      const id = m[0] as string;
      const s = state.settings.get(id);
      if (!s) throw notFound("setting");
      if (method === "GET") return ok(settingView(s));
      if (method === "PATCH") {
        const b = obj(ctx.body);
        const patch: { value?: string; scope?: Action1SettingScope[] } = {};
        if (b.value !== undefined) patch.value = checkSettingValue(s.template_id, b.value);
        if (b.scope !== undefined) patch.scope = checkScope(s.template_id, b.scope);
        return ok(settingView(state.updateSetting(id, patch)));
      }
      if (method === "DELETE") {
        state.deleteSetting(id);
        return success();
      }
    }
    throw new HttpError(404, "Not found", `No route for ${method} ${API_PREFIX}${path}`);
  };

  // ---------------------------------------------------------------- handlers

  function token(ctx: Ctx): Answer {
    const b = obj(ctx.body);
    if (b.grant_type === "refresh_token") {
      const t = typeof b.refresh_token === "string" ? tokens.get(b.refresh_token) : undefined;
      if (
        b.client_id !== state.apiCredential.clientId ||
        !t?.refresh ||
        t.expiresAt <= Date.now()
      ) {
        throw new HttpError(
          401,
          "Invalid refresh token",
          "The refresh token is invalid or expired",
        );
      }
      return issueToken();
    }
    if (typeof b.client_id !== "string" || typeof b.client_secret !== "string") {
      throw new HttpError(400, "client_id and client_secret are required", "Bad token request");
    }
    const cred = state.apiCredential;
    const apiUser = state.users.get(cred.userId);
    if (b.client_id !== cred.clientId || b.client_secret !== cred.clientSecret) {
      throw new HttpError(401, "Invalid client credentials", "Authentication failed");
    }
    if (apiUser?.enabled !== "yes") {
      throw new HttpError(401, "API credentials are disabled", "Authentication failed");
    }
    return issueToken();
  }

  function listUsers(ctx: Ctx): Answer {
    const type = ctx.query.get("user_type");
    if (type && type !== "API" && type !== "Interactive") {
      throw new HttpError(
        400,
        `Invalid user_type "${type}"`,
        "user_type must be API or Interactive",
      );
    }
    const all = [...state.users.values()]
      .filter((u) => u.enabled === "yes" && (!type || u.user_type === type))
      .map(userView);
    return page(ctx, filtered(ctx, all), false);
  }

  function createUser(b: Record<string, unknown>): StoredUser {
    const problems: string[] = [];
    const email = typeof b.email === "string" ? b.email.trim() : "";
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.push("email must be a valid address");
    const userType = b.user_type ?? "Interactive";
    if (userType !== "Interactive" && userType !== "API") {
      problems.push('user_type must be "Interactive" or "API"');
    }
    if (b.enabled !== undefined && b.enabled !== "yes" && b.enabled !== "no") {
      problems.push('enabled must be "yes" or "no"');
    }
    const idp = userType === "API" ? PASSWORD_PROVIDER : state.currentIdentityProvider();
    const needsPassword = idp === PASSWORD_PROVIDER;
    if (needsPassword) {
      for (const f of userType === "API" ? ["first_name"] : ["first_name", "last_name"]) {
        if (typeof b[f] !== "string" || b[f] === "") problems.push(`${f} is required`);
      }
      // PSAction1's rule (12+ chars, digit, lower, upper); the server's own rule is inferred.
      const pw = typeof b.password === "string" ? b.password : "";
      if (!(pw.length >= 12 && /\d/.test(pw) && /[a-z]/.test(pw) && /[A-Z]/.test(pw))) {
        problems.push(
          "password is required for Action1 (password) users: at least 12 characters with a " +
            "digit, a lower-case and an upper-case letter",
        );
      }
    }
    if (email && state.findUserByEmail(email)) problems.push(`a user with email ${email} exists`);
    if (problems.length > 0) throw new HttpError(400, problems.join("; "), "Invalid user payload");
    return state.createUser({
      email,
      first_name: str(b.first_name),
      last_name: str(b.last_name),
      phone: str(b.phone),
      timezone: str(b.timezone) || "UTC",
      session_timeout: typeof b.session_timeout === "number" ? b.session_timeout : 3600,
      user_type: userType as "Interactive" | "API",
      enabled: b.enabled === "no" ? "no" : "yes",
      identity_provider: idp,
      password: needsPassword ? String(b.password) : undefined,
      email_verified: "no",
    });
  }

  function patchUser(id: string, b: Record<string, unknown>): StoredUser {
    const user = mustUser(id);
    const problems: string[] = [];
    const patch: Partial<StoredUser> = {};
    for (const f of ["first_name", "last_name", "phone", "timezone"] as const) {
      if (b[f] !== undefined) {
        if (typeof b[f] !== "string") problems.push(`${f} must be a string`);
        else patch[f] = b[f] as string;
      }
    }
    if (b.email !== undefined) {
      const email = String(b.email).trim();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.push("email must be valid");
      const other = state.findUserByEmail(email);
      if (other && other.id !== id) problems.push(`a user with email ${email} exists`);
      patch.email = email;
    }
    if (b.session_timeout !== undefined) {
      if (typeof b.session_timeout !== "number") problems.push("session_timeout must be a number");
      else patch.session_timeout = b.session_timeout;
    }
    if (b.enabled !== undefined) {
      if (b.enabled !== "yes" && b.enabled !== "no") problems.push('enabled must be "yes" or "no"');
      else patch.enabled = b.enabled;
    }
    if (b.password !== undefined) {
      if (user.user_type === "Interactive" && user.identity_provider !== PASSWORD_PROVIDER) {
        problems.push("SSO users have no Action1 password");
      } else patch.password = String(b.password);
    }
    for (const f of ["user_type", "identity_provider"]) {
      if (b[f] !== undefined) problems.push(`${f} cannot be changed`);
    }
    if (problems.length > 0) throw new HttpError(400, problems.join("; "), "Invalid user payload");
    return state.updateUser(id, patch);
  }

  function createSetting(b: Record<string, unknown>) {
    const templateId = str(b.template_id);
    if (!state.templates.has(templateId)) {
      throw new HttpError(400, `Unknown setting template "${templateId}"`, "Invalid template_id");
    }
    if (b.value === undefined || b.scope === undefined) {
      throw new HttpError(400, "value and scope are required", "Invalid setting payload");
    }
    const value = checkSettingValue(templateId, b.value);
    const scope = checkScope(templateId, b.scope);
    // One enterprise identity provider: refusing a second one is this stand-in's choice.
    if (
      templateId === IDP_TEMPLATE_ID &&
      state.idpSetting() &&
      scope.some((s) => s.type === "Enterprise")
    ) {
      throw new HttpError(
        400,
        "A setting for this template already exists for the Enterprise scope",
        "Duplicate setting; PATCH the existing one",
      );
    }
    return state.createSetting(templateId, value, scope);
  }

  function checkSettingValue(templateId: string, raw: unknown): string {
    if (typeof raw !== "string") {
      throw new HttpError(400, "value must be a string", "Invalid setting value");
    }
    const t = state.templates.get(templateId);
    if (t?.value_pattern && !new RegExp(t.value_pattern).test(raw)) {
      throw new HttpError(400, `Invalid value: ${t.value_pattern_description}`, "Invalid value");
    }
    if (templateId === IDP_TEMPLATE_ID) {
      const d = decodeIdpValue(raw);
      const known = [PASSWORD_PROVIDER, ...SSO_PROVIDERS];
      if (!known.includes(d.provider)) {
        throw new HttpError(400, `Unknown identity provider; allowed: ${known.join(", ")}`);
      }
      if (OIDC_PROVIDERS.includes(d.provider)) {
        const missing = [
          !d.clientId && "Client ID",
          !d.clientSecret && "Client Secret",
          !(d.issuerUri && /^https:\/\//.test(d.issuerUri)) && "Issuer URI (https)",
        ].filter(Boolean);
        if (missing.length > 0) {
          throw new HttpError(400, `${d.provider} needs ${missing.join(", ")}`, "Invalid value");
        }
      }
    }
    return raw;
  }

  function checkScope(templateId: string, raw: unknown): Action1SettingScope[] {
    const t = state.templates.get(templateId);
    const ok =
      Array.isArray(raw) &&
      raw.length > 0 &&
      raw.every(
        (s) =>
          s &&
          typeof s === "object" &&
          typeof (s as Action1SettingScope).object === "string" &&
          (t?.available_scopes ?? ["Enterprise"]).includes((s as Action1SettingScope).type),
      );
    if (!ok) {
      throw new HttpError(
        400,
        `scope must be a non-empty list of {type, object}; types allowed: ${(
          t?.available_scopes ?? []
        ).join(", ")}`,
        "Invalid scope",
      );
    }
    return raw as Action1SettingScope[];
  }

  // ---------------------------------------------------------------- views

  function userView(u: StoredUser) {
    return {
      id: u.id,
      type: "User",
      self: `/API/users/${u.id}`,
      email: u.email,
      first_name: u.first_name ?? "",
      last_name: u.last_name ?? "",
      phone: u.phone,
      timezone: u.timezone,
      session_timeout: u.session_timeout,
      password: "",
      enabled: u.enabled,
      user_type: u.user_type,
      ...(u.user_type === "Interactive" ? { identity_provider: u.identity_provider } : {}),
      email_verified: u.email_verified,
      system_role: "User",
      roles: `/API/users/${u.id}/roles`,
      impersonating: "no",
    };
  }

  function roleView(id: string, withUsers: boolean) {
    const r = state.roles.get(id);
    if (!r) throw notFound("role");
    return {
      id: r.id,
      type: "Role",
      self: `/API/roles/${r.id}`,
      name: r.name,
      description: r.description ?? "",
      ...(r.object_types ? { object_types: r.object_types } : {}),
      ...(withUsers ? { users: state.members.get(r.id)?.size ?? 0 } : {}),
    };
  }

  function templateView(t: typeof state.templates extends Map<string, infer T> ? T : never) {
    return { type: "SettingTemplate", self: `/API/setting-templates/all/${t.id}`, ...t };
  }

  function settingView(s: ReturnType<typeof state.createSetting>) {
    let value = s.value;
    if (state.maskSecretsOnRead && s.template_id === IDP_TEMPLATE_ID && value.startsWith("{")) {
      const v = JSON.parse(value) as Record<string, unknown>;
      if (typeof v.client_secret === "string") v.client_secret = "********";
      value = JSON.stringify(v);
    }
    return { ...structuredClone(s), value };
  }

  function enterpriseView() {
    return {
      id: state.enterprise.id,
      type: "Enterprise",
      self: "/API/enterprise",
      name: state.enterprise.name,
      description: state.enterprise.description,
      verified: "yes",
    };
  }

  function mustUser(id: string): StoredUser {
    const u = state.users.get(id);
    if (!u) throw notFound("user");
    return u;
  }

  function mustRole(id: string): string {
    if (!state.roles.has(id)) throw notFound("role");
    return id;
  }

  // ---------------------------------------------------------------- HTTP plumbing

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const fullPath = url.pathname;
    const path = fullPath.startsWith(API_PREFIX) ? fullPath.slice(API_PREFIX.length) : fullPath;
    const raw = await readBody(req);
    const contentType = String(req.headers["content-type"] ?? "");
    const record: RecordedRequest = {
      seq: ++seq,
      at: Date.now(),
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      contentType,
      body: parseBody(raw, contentType),
      status: 0,
      response: undefined,
    };
    requests.push(record);
    const actions = faults.take(method, path);
    let expireToken = false;
    let dropAfter = false;
    for (const a of actions) {
      if (a.kind === "latency") await new Promise((r) => setTimeout(r, a.ms));
    }
    const main = actions.find((a) => a.kind !== "latency") as FaultAction | undefined;
    if (main) record.fault = main.kind === "status" ? `status ${main.status}` : main.kind;
    if (main?.kind === "drop") {
      req.socket.destroy();
      return;
    }
    if (main?.kind === "dropAfterApply") dropAfter = true;
    if (main?.kind === "expireToken") expireToken = true;
    let answer: Answer;
    if (main?.kind === "status") {
      answer = faultAnswer(main);
    } else if (!fullPath.startsWith(API_PREFIX)) {
      answer = errorAnswer(new HttpError(404, "Not found", `Use ${API_PREFIX}/...`));
    } else {
      try {
        answer = route(
          { method, path, query: url.searchParams, body: record.body, headers: req.headers },
          expireToken,
        );
      } catch (e) {
        answer = errorAnswer(
          e instanceof HttpError ? e : new HttpError(500, "Internal Server Error", String(e)),
        );
      }
    }
    if (dropAfter) {
      req.socket.destroy();
      return;
    }
    record.status = answer.status;
    record.response = answer.body;
    const text = JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": Buffer.byteLength(text),
      ...(answer.headers ?? {}),
    });
    res.end(text);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    apiBaseUrl: `${origin}${API_PREFIX}`,
    state,
    faults,
    requests,
    timeline: state.timeline,
    enabledInteractiveEnterpriseAdmins: (atSeq) =>
      state.enabledInteractiveEnterpriseAdminCount(atSeq),
    minEnabledInteractiveEnterpriseAdmins: () => state.minEnabledInteractiveEnterpriseAdmins(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ------------------------------------------------------------------ helpers

function faultAnswer(a: Extract<FaultAction, { kind: "status" }>): Answer {
  if (a.status === 429) {
    const body: Record<string, unknown> = {
      id: "0",
      type: "Error",
      status: 429,
      developer_message: "Too many requests",
      user_message: "Too many requests. Please retry later.",
    };
    const headers: Record<string, string> = {};
    if (a.retryAfterSeconds !== undefined) {
      headers["Retry-After"] = String(a.retryAfterSeconds);
      if (!a.retryAfterHeaderOnly) body.details = { retry_after: a.retryAfterSeconds };
    }
    return { status: 429, body, headers };
  }
  const msg = a.status >= 500 ? "Internal Server Error" : `Injected error ${a.status}`;
  return errorAnswer(new HttpError(a.status, msg, msg));
}

function errorAnswer(e: HttpError): Answer {
  return {
    status: e.status,
    body: {
      id: "0",
      type: "Error",
      status: e.status,
      developer_message: e.developerMessage,
      user_message: e.userMessage,
      ...e.extra,
    },
  };
}

function notFound(what: string): HttpError {
  return new HttpError(404, `The ${what} was not found`, `No such ${what}`);
}

function ok(body: unknown): Answer {
  return { status: 200, body };
}

function success(): Answer {
  return {
    status: 200,
    body: {
      id: "0",
      type: "Success",
      status: 200,
      developer_message: "Success",
      user_message: "Success",
    },
  };
}

/** `filter`: case-insensitive substring over any field, as Action1 documents. */
function filtered<T>(ctx: Ctx, items: T[]): T[] {
  const f = ctx.query.get("filter")?.toLowerCase();
  if (!f) return items;
  return items.filter((i) =>
    Object.values(i as Record<string, unknown>).some(
      (v) => typeof v === "string" && v.toLowerCase().includes(f),
    ),
  );
}

function link(path: string, from: number, limit: number): string {
  return `/API${path}?from=${from}&limit=${limit}`;
}

function obj(b: unknown): Record<string, unknown> {
  if (!b || typeof b !== "object" || Array.isArray(b)) {
    throw new HttpError(400, "A JSON object body is required", "Invalid request body");
  }
  return b as Record<string, unknown>;
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseBody(raw: string, contentType: string): unknown {
  if (raw === "") return undefined;
  if (contentType.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
