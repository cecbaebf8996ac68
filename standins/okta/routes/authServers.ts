import { notFound, OktaApiError, validationFailed } from "../errors";
import { type Ctx, noContent, objectBody, ok, paginate, type Route } from "../router";
import type { AuthServerRecord, Json, OktaState, PolicyRecord } from "../state";

/**
 * Custom authorization servers with their access policies and rules, and the org-level
 * policies list (`/api/v1/policies?type=ACCESS_POLICY`) the plugin reads for app sign-on.
 */
const asObject = (v: unknown): Json =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {};
const asStrings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined;

function requireServer(state: OktaState, id: string): AuthServerRecord {
  const server = state.authServers.get(id);
  if (!server) throw notFound(id, "AuthorizationServer");
  return server;
}

function requirePolicy(server: AuthServerRecord, id: string): PolicyRecord {
  const policy = server.policies.get(id);
  if (!policy) throw notFound(id, "Policy");
  return policy;
}

export function serverJson(state: OktaState, record: AuthServerRecord): Json {
  const id = String(record.server.id);
  const base = `/api/v1/authorizationServers/${id}`;
  return {
    ...record.server,
    issuer: `${state.publicOrgUrl()}/oauth2/${id}`,
    _links: {
      self: state.link(base),
      claims: state.link(`${base}/claims`),
      policies: state.link(`${base}/policies`),
      scopes: state.link(`${base}/scopes`),
      keys: state.link(`${base}/credentials/keys`),
      metadata: [
        state.link(`/oauth2/${id}/.well-known/openid-configuration`),
        state.link(`/oauth2/${id}/.well-known/oauth-authorization-server`),
      ],
      deactivate: state.link(`${base}/lifecycle/deactivate`),
    },
  };
}

function policyJson(state: OktaState, serverId: string, record: PolicyRecord): Json {
  const id = String(record.policy.id);
  const base = `/api/v1/authorizationServers/${serverId}/policies/${id}`;
  return {
    ...record.policy,
    _links: {
      self: state.link(base),
      rules: state.link(`${base}/rules`),
      [record.policy.status === "ACTIVE" ? "deactivate" : "activate"]: state.link(
        `${base}/lifecycle/${record.policy.status === "ACTIVE" ? "deactivate" : "activate"}`,
      ),
    },
  };
}

function ruleJson(state: OktaState, serverId: string, policyId: string, rule: Json): Json {
  const base = `/api/v1/authorizationServers/${serverId}/policies/${policyId}/rules/${String(rule.id)}`;
  return { ...rule, _links: { self: state.link(base) } };
}

function policyFrom(state: OktaState, body: Json, previous?: Json): Json {
  const problems: string[] = [];
  if (body.type !== "OAUTH_AUTHORIZATION_POLICY") {
    problems.push(`type: must be OAUTH_AUTHORIZATION_POLICY, not '${String(body.type)}'.`);
  }
  if (typeof body.name !== "string" || body.name.trim() === "") {
    problems.push("name: The field cannot be left blank.");
  }
  const include = asStrings(asObject(asObject(body.conditions).clients).include);
  if (!include || include.length === 0) {
    problems.push("conditions.clients.include: The field cannot be left blank.");
  }
  if (problems.length > 0) throw validationFailed("policy", problems);
  const at = state.now();
  return {
    id: previous?.id ?? state.idFor("policy"),
    type: "OAUTH_AUTHORIZATION_POLICY",
    name: body.name,
    description: body.description ?? "",
    status: previous?.status ?? body.status ?? "ACTIVE",
    priority: typeof body.priority === "number" ? body.priority : 1,
    system: false,
    created: previous?.created ?? at,
    lastUpdated: at,
    conditions: { clients: { include } },
  };
}

function ruleFrom(state: OktaState, body: Json, previous?: Json): Json {
  const problems: string[] = [];
  if (typeof body.name !== "string" || body.name.trim() === "") {
    problems.push("name: The field cannot be left blank.");
  }
  const conditions = asObject(body.conditions);
  const grants = asStrings(asObject(conditions.grantTypes).include);
  if (!grants || grants.length === 0) {
    problems.push("conditions.grantTypes.include: The field cannot be left blank.");
  }
  const scopes = asStrings(asObject(conditions.scopes).include);
  if (!scopes || scopes.length === 0) {
    problems.push("conditions.scopes.include: The field cannot be left blank.");
  }
  const people = asObject(conditions.people);
  const users = asObject(people.users);
  const groups = asObject(people.groups);
  const userIds = asStrings(users.include) ?? [];
  const groupIds = asStrings(groups.include) ?? [];
  if (userIds.length === 0 && groupIds.length === 0) {
    problems.push("conditions.people: include at least one user or group (or EVERYONE).");
  }
  if (problems.length > 0) throw validationFailed("rule", problems);
  const token = asObject(asObject(body.actions).token);
  const at = state.now();
  return {
    id: previous?.id ?? state.idFor("rule"),
    name: body.name,
    status: previous?.status ?? body.status ?? "ACTIVE",
    priority: typeof body.priority === "number" ? body.priority : 1,
    system: false,
    type: "RESOURCE_ACCESS",
    created: previous?.created ?? at,
    lastUpdated: at,
    conditions: {
      people: {
        users: { include: userIds, exclude: asStrings(users.exclude) ?? [] },
        groups: { include: groupIds, exclude: asStrings(groups.exclude) ?? [] },
      },
      grantTypes: { include: grants },
      scopes: { include: scopes },
    },
    actions: {
      token: {
        accessTokenLifetimeMinutes: token.accessTokenLifetimeMinutes ?? 60,
        refreshTokenLifetimeMinutes: token.refreshTokenLifetimeMinutes ?? 0,
        refreshTokenWindowMinutes: token.refreshTokenWindowMinutes ?? 10080,
        ...(token.inlineHook === undefined ? {} : { inlineHook: token.inlineHook }),
      },
    },
  };
}

const p = (ctx: Ctx, name: string) => ctx.params[name] ?? "";
const BASE = "/api/v1/authorizationServers/:asId";

export const authServerRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/api/v1/authorizationServers",
    handler: (ctx) => {
      const q = ctx.query.get("q")?.toLowerCase();
      const servers = [...ctx.state.authServers.values()]
        .filter((s) => !q || String(s.server.name).toLowerCase().startsWith(q))
        .map((s) => serverJson(ctx.state, s));
      return paginate(ctx, servers, (s) => String(s.id));
    },
  },
  {
    method: "GET",
    pattern: BASE,
    handler: (ctx) => ok(serverJson(ctx.state, requireServer(ctx.state, p(ctx, "asId")))),
  },
  {
    method: "GET",
    pattern: `${BASE}/scopes`,
    handler: (ctx) => {
      requireServer(ctx.state, p(ctx, "asId"));
      return ok(
        ["openid", "profile", "email", "address", "phone", "offline_access", "device_sso"].map(
          (name) => ({
            id: `scp-${name}`,
            name,
            system: true,
            consent: "IMPLICIT",
            default: false,
          }),
        ),
      );
    },
  },
  {
    method: "GET",
    pattern: `${BASE}/policies`,
    handler: (ctx) => {
      const server = requireServer(ctx.state, p(ctx, "asId"));
      return ok([...server.policies.values()].map((r) => policyJson(ctx.state, p(ctx, "asId"), r)));
    },
  },
  {
    method: "POST",
    pattern: `${BASE}/policies`,
    handler: (ctx) => {
      const server = requireServer(ctx.state, p(ctx, "asId"));
      const policy = policyFrom(ctx.state, objectBody(ctx, "policy"));
      const record = { policy, rules: new Map<string, Json>() };
      server.policies.set(String(policy.id), record);
      return ok(policyJson(ctx.state, p(ctx, "asId"), record), 201);
    },
  },
  {
    method: "GET",
    pattern: `${BASE}/policies/:policyId`,
    handler: (ctx) => {
      const server = requireServer(ctx.state, p(ctx, "asId"));
      return ok(policyJson(ctx.state, p(ctx, "asId"), requirePolicy(server, p(ctx, "policyId"))));
    },
  },
  {
    method: "PUT",
    pattern: `${BASE}/policies/:policyId`,
    handler: (ctx) => {
      const server = requireServer(ctx.state, p(ctx, "asId"));
      const record = requirePolicy(server, p(ctx, "policyId"));
      record.policy = policyFrom(ctx.state, objectBody(ctx, "policy"), record.policy);
      return ok(policyJson(ctx.state, p(ctx, "asId"), record));
    },
  },
  {
    method: "DELETE",
    pattern: `${BASE}/policies/:policyId`,
    handler: (ctx) => {
      const server = requireServer(ctx.state, p(ctx, "asId"));
      requirePolicy(server, p(ctx, "policyId"));
      server.policies.delete(p(ctx, "policyId"));
      return noContent();
    },
  },
  ...(["activate", "deactivate"] as const).map(
    (action): Route => ({
      method: "POST",
      pattern: `${BASE}/policies/:policyId/lifecycle/${action}`,
      handler: (ctx) => {
        const server = requireServer(ctx.state, p(ctx, "asId"));
        const record = requirePolicy(server, p(ctx, "policyId"));
        record.policy.status = action === "activate" ? "ACTIVE" : "INACTIVE";
        return noContent();
      },
    }),
  ),
  {
    method: "GET",
    pattern: `${BASE}/policies/:policyId/rules`,
    handler: (ctx) => {
      const server = requireServer(ctx.state, p(ctx, "asId"));
      const record = requirePolicy(server, p(ctx, "policyId"));
      return ok(
        [...record.rules.values()].map((r) =>
          ruleJson(ctx.state, p(ctx, "asId"), p(ctx, "policyId"), r),
        ),
      );
    },
  },
  {
    method: "POST",
    pattern: `${BASE}/policies/:policyId/rules`,
    handler: (ctx) => {
      const server = requireServer(ctx.state, p(ctx, "asId"));
      const record = requirePolicy(server, p(ctx, "policyId"));
      const rule = ruleFrom(ctx.state, objectBody(ctx, "rule"));
      record.rules.set(String(rule.id), rule);
      return ok(ruleJson(ctx.state, p(ctx, "asId"), p(ctx, "policyId"), rule), 201);
    },
  },
  ...(["GET", "PUT", "DELETE"] as const).map(
    (method): Route => ({
      method,
      pattern: `${BASE}/policies/:policyId/rules/:ruleId`,
      handler: (ctx) => {
        const server = requireServer(ctx.state, p(ctx, "asId"));
        const record = requirePolicy(server, p(ctx, "policyId"));
        const ruleId = p(ctx, "ruleId");
        const rule = record.rules.get(ruleId);
        if (!rule) throw notFound(ruleId, "PolicyRule");
        if (method === "DELETE") {
          record.rules.delete(ruleId);
          return noContent();
        }
        let current = rule;
        if (method === "PUT") {
          current = ruleFrom(ctx.state, objectBody(ctx, "rule"), rule);
          record.rules.set(ruleId, current);
        }
        return ok(ruleJson(ctx.state, p(ctx, "asId"), p(ctx, "policyId"), current));
      },
    }),
  ),
  ...(["activate", "deactivate"] as const).map(
    (action): Route => ({
      method: "POST",
      pattern: `${BASE}/policies/:policyId/rules/:ruleId/lifecycle/${action}`,
      handler: (ctx) => {
        const server = requireServer(ctx.state, p(ctx, "asId"));
        const rule = requirePolicy(server, p(ctx, "policyId")).rules.get(p(ctx, "ruleId"));
        if (!rule) throw notFound(p(ctx, "ruleId"), "PolicyRule");
        rule.status = action === "activate" ? "ACTIVE" : "INACTIVE";
        return noContent();
      },
    }),
  ),
  {
    method: "GET",
    pattern: "/api/v1/policies",
    handler: (ctx) => {
      const type = ctx.query.get("type");
      if (!type) {
        throw new OktaApiError(400, "E0000001", "Api validation failed: type", [
          "type: The query parameter 'type' is required.",
        ]);
      }
      return ok(ctx.state.orgPolicies.filter((policy) => policy.type === type));
    },
  },
  {
    method: "GET",
    pattern: "/api/v1/policies/:policyId",
    handler: (ctx) => {
      const policy = ctx.state.orgPolicies.find((x) => x.id === p(ctx, "policyId"));
      if (!policy) throw notFound(p(ctx, "policyId"), "Policy");
      return ok(policy);
    },
  },
];
