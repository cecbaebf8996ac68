import { diffInputs, type Props, type ResourceImpl } from "../host";
import { type OktaClient, OktaHttpError } from "./client";

/**
 * The resources and functions of the substitute Okta plugin, written from the calls the real
 * plugin makes (shared/docs/okta-plugin-build.md §5, TF v6.12 code) and limited to what the
 * project's program uses: okta.app.OAuth (OIDC web apps), okta.app.GroupAssignment,
 * okta.auth.ServerPolicy, okta.auth.ServerPolicyRule, okta.group.getGroup, okta.auth.getServer.
 * An input it does not handle is refused in Check (named), never silently dropped.
 */
type J = Record<string, unknown>;
const obj = (v: unknown): J => (v !== null && typeof v === "object" ? (v as J) : {});
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function onlyKnown(news: Props, known: string[], type: string) {
  return Object.keys(news)
    .filter((k) => !known.includes(k) && !k.startsWith("__"))
    .map((k) => ({
      property: k,
      reason: `${type}: input "${k}" is not supported by the substitute Okta plugin (supported: ${known.join(", ")})`,
    }));
}

// ---------------------------------------------------------------- okta.app.OAuth
const OAUTH_INPUTS = [
  "label",
  "type",
  "status",
  "grantTypes",
  "responseTypes",
  "redirectUris",
  "postLogoutRedirectUris",
  "pkceRequired",
  "tokenEndpointAuthMethod",
  "clientBasicSecret",
  "omitSecret",
  "consentMethod",
  "issuerMode",
  "refreshTokenRotation",
  "refreshTokenLeeway",
  "hideWeb",
  "hideIos",
  "implicitAssignment",
  "wildcardRedirect",
  "loginMode",
  "autoKeyRotation",
  "clientId",
  "authenticationPolicy",
  "skipAuthenticationPolicy",
];

/** The provider's own checks (TF `validateGrantTypes`), made in Create and Update only. */
function providerChecks(inputs: Props): void {
  const type = String(inputs.type ?? "");
  const grants = strings(inputs.grantTypes);
  if ((type === "web" || type === "native") && !grants.includes("authorization_code")) {
    throw new Error(
      `failed conditional validation for field "grant_types" of type "${type}", it can contain ` +
        `implicit, authorization_code, refresh_token, client_credentials and must contain ` +
        `authorization_code, received ${grants.join(", ")}`,
    );
  }
  if (type === "service" && !grants.includes("client_credentials")) {
    throw new Error(
      `failed conditional validation for field "grant_types" of type "service", it must ` +
        `contain client_credentials, received ${grants.join(", ")}`,
    );
  }
}

function appBody(inputs: Props, withSecret: boolean): J {
  const type = String(inputs.type ?? "web");
  const grants = strings(inputs.grantTypes);
  const method = String(inputs.tokenEndpointAuthMethod ?? "client_secret_basic");
  const oauthClient: J = {
    autoKeyRotation: inputs.autoKeyRotation ?? true,
    token_endpoint_auth_method: method,
    // buildAppOAuthV6: an absent pkceRequired sends true only for `none` (or native/browser).
    pkce_required: inputs.pkceRequired ?? (method === "none" || type !== "web"),
  };
  if (typeof inputs.clientId === "string") oauthClient.client_id = inputs.clientId;
  if (withSecret && typeof inputs.clientBasicSecret === "string") {
    oauthClient.client_secret = inputs.clientBasicSecret;
  }
  const settings: J = {
    application_type: type,
    grant_types: grants,
    response_types: strings(inputs.responseTypes ?? ["code"]),
    redirect_uris: strings(inputs.redirectUris),
    post_logout_redirect_uris: strings(inputs.postLogoutRedirectUris),
    consent_method: inputs.consentMethod ?? "TRUSTED",
    issuer_mode: inputs.issuerMode ?? "ORG_URL",
    wildcard_redirect: inputs.wildcardRedirect ?? "DISABLED",
    idp_initiated_login: { mode: inputs.loginMode ?? "DISABLED", default_scope: [] },
  };
  if (grants.includes("refresh_token")) {
    settings.refresh_token = {
      rotation_type: inputs.refreshTokenRotation ?? "STATIC",
      leeway: inputs.refreshTokenLeeway ?? 0,
    };
  }
  return {
    name: "oidc_client",
    label: inputs.label,
    signOnMode: "OPENID_CONNECT",
    visibility: {
      autoSubmitToolbar: false,
      hide: { iOS: inputs.hideIos ?? false, web: inputs.hideWeb ?? false },
    },
    credentials: { oauthClient },
    settings: { implicitAssignment: inputs.implicitAssignment ?? false, oauthClient: settings },
  };
}

/** Okta's app JSON → the resource's outputs; secrets and input-only flags come from `keep`. */
function appOutputs(app: J, keep: Props): Props {
  const creds = obj(obj(app.credentials).oauthClient);
  const settings = obj(app.settings);
  const client = obj(settings.oauthClient);
  const hide = obj(obj(app.visibility).hide);
  const refresh = obj(client.refresh_token);
  const accessPolicy = String(obj(obj(app._links).accessPolicy).href ?? "");
  const outs: Props = {
    ...keep,
    name: app.name,
    signOnMode: app.signOnMode,
    label: app.label,
    type: client.application_type,
    status: app.status,
    clientId: creds.client_id,
    grantTypes: client.grant_types,
    responseTypes: client.response_types,
    redirectUris: client.redirect_uris,
    postLogoutRedirectUris: client.post_logout_redirect_uris,
    pkceRequired: creds.pkce_required,
    tokenEndpointAuthMethod: creds.token_endpoint_auth_method,
    autoKeyRotation: creds.autoKeyRotation,
    consentMethod: client.consent_method,
    issuerMode: client.issuer_mode,
    wildcardRedirect: client.wildcard_redirect,
    loginMode: obj(client.idp_initiated_login).mode ?? "DISABLED",
    hideWeb: hide.web,
    hideIos: hide.iOS,
    implicitAssignment: settings.implicitAssignment ?? false,
  };
  if (refresh.rotation_type !== undefined) outs.refreshTokenRotation = refresh.rotation_type;
  if (accessPolicy) outs.authenticationPolicy = accessPolicy.split("/").pop();
  return outs;
}

function keptFields(inputs: Props, secret: string | undefined): Props {
  const keep: Props = { omitSecret: inputs.omitSecret ?? false };
  if (inputs.clientBasicSecret !== undefined) keep.clientBasicSecret = inputs.clientBasicSecret;
  if (inputs.skipAuthenticationPolicy !== undefined) {
    keep.skipAuthenticationPolicy = inputs.skipAuthenticationPolicy;
  }
  if (secret !== undefined && inputs.omitSecret !== true) keep.clientSecret = secret;
  return keep;
}

async function assignAccessPolicy(okta: OktaClient, appId: string, inputs: Props): Promise<void> {
  if (inputs.skipAuthenticationPolicy === true || inputs.type === "service") return;
  let policyId = typeof inputs.authenticationPolicy === "string" ? inputs.authenticationPolicy : "";
  if (!policyId) {
    const org = await okta.call("GET", "/.well-known/okta-organization");
    if (org.pipeline !== "idx") return; // Classic orgs have no app access policies
    const policies = await okta.call<J[]>("GET", "/api/v1/policies?type=ACCESS_POLICY");
    const system = policies.filter((p) => p.system === true);
    if (system.length !== 1) {
      throw new Error(
        `expected exactly one system ACCESS_POLICY, found ${system.length}; set authenticationPolicy`,
      );
    }
    policyId = String(system[0]?.id);
  }
  await okta.call("PUT", `/api/v1/apps/${appId}/policies/${policyId}`);
}

async function readApp(okta: OktaClient, id: string, keep: Props): Promise<Props> {
  const app = await okta.call("GET", `/api/v1/apps/${id}`);
  await okta.raw("GET", `/api/v1/internal/apps/${id}/settings/oauth/idToken`); // failures ignored
  return appOutputs(app, keep);
}

export function oauthResource(okta: () => OktaClient): ResourceImpl {
  return {
    check(news) {
      const failures = onlyKnown(news, OAUTH_INPUTS, "okta.app.OAuth");
      if (typeof news.label !== "string" || news.label === "") {
        failures.push({ property: "label", reason: "okta.app.OAuth: label is required" });
      }
      if (news.type === undefined) {
        failures.push({ property: "type", reason: "okta.app.OAuth: type is required" });
      }
      return { inputs: news, failures };
    },
    diff(oldInputs, news) {
      return diffInputs(oldInputs, news, OAUTH_INPUTS, ["type"]);
    },
    async create(inputs) {
      providerChecks(inputs);
      const client = okta();
      const activate = inputs.status === "INACTIVE" ? "false" : "true";
      const app = await client.call(
        "POST",
        `/api/v1/apps?activate=${activate}`,
        appBody(inputs, true),
      );
      const id = String(app.id);
      const secret = obj(obj(app.credentials).oauthClient).client_secret;
      await client.call("POST", `/api/v1/internal/apps/${id}/settings/oauth/idToken`, {
        claims: [],
        issuerMode: inputs.issuerMode ?? "ORG_URL",
      });
      await assignAccessPolicy(client, id, inputs);
      const keep = keptFields(inputs, typeof secret === "string" ? secret : undefined);
      return { id, outs: await readApp(client, id, keep) };
    },
    async read(id, state, inputs) {
      const keep = keptFields({ ...inputs, ...pick(state, ["omitSecret"]) }, undefined);
      if (typeof state.clientSecret === "string") keep.clientSecret = state.clientSecret;
      if (state.clientBasicSecret !== undefined) keep.clientBasicSecret = state.clientBasicSecret;
      // The real plugin treats a 404 on the app read as an error, not as a deletion.
      return { id, outs: await readApp(okta(), id, keep) };
    },
    async update(id, olds, news, oldInputs) {
      providerChecks(news);
      const client = okta();
      if (news.status !== oldInputs.status && news.status !== undefined) {
        const action = news.status === "INACTIVE" ? "deactivate" : "activate";
        await client.call("POST", `/api/v1/apps/${id}/lifecycle/${action}`);
      }
      let secret = typeof olds.clientSecret === "string" ? olds.clientSecret : undefined;
      const others = OAUTH_INPUTS.filter((k) => k !== "status");
      if (diffInputs(oldInputs, news, others).changes) {
        const app = await client.call("PUT", `/api/v1/apps/${id}`, appBody(news, true));
        const returned = obj(obj(app.credentials).oauthClient).client_secret;
        if (typeof returned === "string") secret = returned;
        await assignAccessPolicy(client, id, news);
      }
      return readApp(client, id, keptFields(news, secret));
    },
    async delete(id, state) {
      const client = okta();
      if (state.status === "ACTIVE") {
        await client.call("POST", `/api/v1/apps/${id}/lifecycle/deactivate`);
      }
      await client.call("DELETE", `/api/v1/apps/${id}`);
    },
  };
}

function pick(from: Props, keys: string[]): Props {
  return Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]]));
}

// ---------------------------------------------------------------- okta.app.GroupAssignment
const ASSIGNMENT_INPUTS = ["appId", "groupId", "priority", "profile", "retainAssignment"];

function assignmentOutputs(inputs: Props, answer: J): Props {
  return {
    appId: inputs.appId,
    groupId: answer.id,
    priority: answer.priority,
    profile: JSON.stringify(answer.profile ?? {}),
    retainAssignment: inputs.retainAssignment ?? false,
  };
}

export function groupAssignmentResource(okta: () => OktaClient): ResourceImpl {
  const put = async (inputs: Props) => {
    const body: J = { profile: JSON.parse(String(inputs.profile ?? "{}")) };
    if (typeof inputs.priority === "number") body.priority = inputs.priority;
    const answer = await okta().call(
      "PUT",
      `/api/v1/apps/${String(inputs.appId)}/groups/${String(inputs.groupId)}`,
      body,
    );
    if (!answer.id) throw new Error("okta.app.GroupAssignment: Okta answered without an id");
    return answer;
  };
  return {
    check: (news) => ({
      inputs: news,
      failures: onlyKnown(news, ASSIGNMENT_INPUTS, "okta.app.GroupAssignment"),
    }),
    diff: (oldInputs, news) => diffInputs(oldInputs, news, ASSIGNMENT_INPUTS, ["appId", "groupId"]),
    async create(inputs) {
      const answer = await put(inputs);
      return { id: String(answer.id), outs: assignmentOutputs(inputs, answer) };
    },
    async read(id, state, inputs) {
      const res = await okta().raw("GET", `/api/v1/apps/${String(state.appId)}/groups/${id}`);
      if (res.status === 404) return undefined;
      if (res.status >= 400) {
        throw new OktaHttpError(
          res.status,
          "GET",
          `/api/v1/apps/${String(state.appId)}/groups/${id}`,
          res.body,
        );
      }
      return { id, outs: assignmentOutputs({ ...state, ...inputs }, obj(res.body)) };
    },
    async update(_id, _olds, news) {
      return assignmentOutputs(news, await put(news));
    },
    async delete(id, state) {
      if (state.retainAssignment === true) return;
      await okta().call("DELETE", `/api/v1/apps/${String(state.appId)}/groups/${id}`);
    },
  };
}

// ---------------------------------------------------------------- okta.auth.ServerPolicy
const POLICY_INPUTS = [
  "authServerId",
  "clientWhitelists",
  "description",
  "name",
  "priority",
  "status",
];

function policyOutputs(authServerId: unknown, p: J): Props {
  return {
    authServerId,
    name: p.name,
    description: p.description,
    priority: p.priority,
    status: p.status,
    type: p.type,
    clientWhitelists: strings(obj(obj(obj(p.conditions).clients)).include),
  };
}

async function setStatus(okta: OktaClient, path: string, wanted: unknown, current: unknown) {
  if (wanted === undefined || wanted === current) return;
  await okta.call("POST", `${path}/lifecycle/${wanted === "INACTIVE" ? "deactivate" : "activate"}`);
}

export function serverPolicyResource(okta: () => OktaClient): ResourceImpl {
  const base = (i: Props) => `/api/v1/authorizationServers/${String(i.authServerId)}/policies`;
  const body = (i: Props): J => ({
    type: "OAUTH_AUTHORIZATION_POLICY",
    name: i.name,
    description: i.description,
    status: i.status ?? "ACTIVE",
    priority: i.priority,
    conditions: { clients: { include: strings(i.clientWhitelists) } },
  });
  return {
    check: (news) => ({
      inputs: news,
      failures: onlyKnown(news, POLICY_INPUTS, "okta.auth.ServerPolicy"),
    }),
    diff: (oldInputs, news) => diffInputs(oldInputs, news, POLICY_INPUTS, ["authServerId"]),
    async create(inputs) {
      if (inputs.status === "INACTIVE") {
        throw new Error("okta.auth.ServerPolicy: a policy cannot be created INACTIVE");
      }
      const p = await okta().call("POST", base(inputs), body(inputs));
      return { id: String(p.id), outs: policyOutputs(inputs.authServerId, p) };
    },
    async read(id, state) {
      const res = await okta().raw("GET", `${base(state)}/${id}`);
      if (res.status === 404) return undefined;
      if (res.status >= 400)
        throw new OktaHttpError(res.status, "GET", `${base(state)}/${id}`, res.body);
      const p = obj(res.body);
      if (!obj(obj(p.conditions).clients).include) {
        throw new Error("okta.auth.ServerPolicy: Okta's answer lacks conditions.clients.include");
      }
      return { id, outs: policyOutputs(state.authServerId, p) };
    },
    async update(id, olds, news) {
      const client = okta();
      const p = await client.call("PUT", `${base(news)}/${id}`, body(news));
      await setStatus(client, `${base(news)}/${id}`, news.status, olds.status);
      return policyOutputs(news.authServerId, { ...p, status: news.status ?? p.status });
    },
    async delete(id, state) {
      await okta().call("DELETE", `${base(state)}/${id}`);
    },
  };
}

// ---------------------------------------------------------------- okta.auth.ServerPolicyRule
const RULE_INPUTS = [
  "authServerId",
  "policyId",
  "name",
  "priority",
  "status",
  "type",
  "grantTypeWhitelists",
  "scopeWhitelists",
  "groupWhitelists",
  "groupBlacklists",
  "userWhitelists",
  "userBlacklists",
  "accessTokenLifetimeMinutes",
  "refreshTokenLifetimeMinutes",
  "refreshTokenWindowMinutes",
];

function ruleOutputs(i: Props, r: J): Props {
  const c = obj(r.conditions);
  const people = obj(c.people);
  const users = obj(people.users);
  const groups = obj(people.groups);
  const token = obj(obj(r.actions).token);
  if (!people.users || !c.grantTypes || !c.scopes || !obj(r.actions).token) {
    throw new Error(
      "okta.auth.ServerPolicyRule: Okta's answer lacks conditions.people.users, grantTypes, " +
        "scopes or actions.token",
    );
  }
  return {
    authServerId: i.authServerId,
    policyId: i.policyId,
    name: r.name,
    priority: r.priority,
    status: r.status,
    type: r.type,
    system: r.system ?? false,
    grantTypeWhitelists: strings(obj(c.grantTypes).include),
    scopeWhitelists: strings(obj(c.scopes).include),
    groupWhitelists: strings(groups.include),
    groupBlacklists: strings(groups.exclude),
    userWhitelists: strings(users.include),
    userBlacklists: strings(users.exclude),
    accessTokenLifetimeMinutes: token.accessTokenLifetimeMinutes,
    refreshTokenLifetimeMinutes: token.refreshTokenLifetimeMinutes,
    refreshTokenWindowMinutes: token.refreshTokenWindowMinutes,
  };
}

export function serverPolicyRuleResource(okta: () => OktaClient): ResourceImpl {
  const base = (i: Props) =>
    `/api/v1/authorizationServers/${String(i.authServerId)}/policies/${String(i.policyId)}/rules`;
  const body = (i: Props): J => ({
    name: i.name,
    priority: i.priority,
    status: i.status ?? "ACTIVE",
    type: i.type ?? "RESOURCE_ACCESS",
    conditions: {
      people: {
        users: { include: strings(i.userWhitelists), exclude: strings(i.userBlacklists) },
        groups: { include: strings(i.groupWhitelists), exclude: strings(i.groupBlacklists) },
      },
      grantTypes: { include: strings(i.grantTypeWhitelists) },
      scopes: { include: strings(i.scopeWhitelists) },
    },
    actions: {
      token: {
        accessTokenLifetimeMinutes: i.accessTokenLifetimeMinutes ?? 60,
        refreshTokenLifetimeMinutes: i.refreshTokenLifetimeMinutes ?? 0,
        refreshTokenWindowMinutes: i.refreshTokenWindowMinutes ?? 10080,
      },
    },
  });
  return {
    check: (news) => ({
      inputs: news,
      failures: onlyKnown(news, RULE_INPUTS, "okta.auth.ServerPolicyRule"),
    }),
    diff: (oldInputs, news) =>
      diffInputs(oldInputs, news, RULE_INPUTS, ["authServerId", "policyId"]),
    async create(inputs) {
      const r = await okta().call("POST", base(inputs), body(inputs));
      return { id: String(r.id), outs: ruleOutputs(inputs, r) };
    },
    async read(id, state) {
      const res = await okta().raw("GET", `${base(state)}/${id}`);
      if (res.status === 404) return undefined;
      if (res.status >= 400)
        throw new OktaHttpError(res.status, "GET", `${base(state)}/${id}`, res.body);
      return { id, outs: ruleOutputs(state, obj(res.body)) };
    },
    async update(id, olds, news) {
      const client = okta();
      const r = await client.call("PUT", `${base(news)}/${id}`, body(news));
      await setStatus(client, `${base(news)}/${id}`, news.status, olds.status);
      return ruleOutputs(news, { ...r, status: news.status ?? r.status });
    },
    async delete(id, state) {
      await okta().call("DELETE", `${base(state)}/${id}`);
    },
  };
}

// ---------------------------------------------------------------- functions
export async function getGroup(okta: OktaClient, args: Props): Promise<Props> {
  let group: J;
  if (typeof args.id === "string" && args.id !== "") {
    group = await okta.call("GET", `/api/v1/groups/${args.id}`);
  } else {
    const name = String(args.name ?? "");
    if (!name) throw new Error("okta.group.getGroup: give name or id");
    let query = `/api/v1/groups?q=${encodeURIComponent(name)}`;
    if (typeof args.type === "string") {
      query += `&filter=${encodeURIComponent(`type eq "${args.type}"`)}`;
    }
    const found = await okta.call<J[]>("GET", query);
    const exact = found.find((g) => obj(g.profile).name === name);
    if (exact) group = exact;
    else if (found.length === 1 && found[0]) group = found[0];
    else if (found.length === 0) throw new Error(`group with name "${name}" does not exist`);
    else {
      throw new Error(
        `group starting with name "${name}" matches ${found.length} groups, select group by ID or use another name`,
      );
    }
  }
  let users: string[] = [];
  if (args.includeUsers === true) {
    const members = await okta.call<J[]>("GET", `/api/v1/groups/${String(group.id)}/users`);
    users = members.map((u) => String(u.id));
  }
  const profile = obj(group.profile);
  return {
    id: group.id,
    name: profile.name,
    description: profile.description ?? "",
    type: group.type,
    users,
    ...(args.includeUsers === undefined ? {} : { includeUsers: args.includeUsers }),
  };
}

export async function getServer(okta: OktaClient, args: Props): Promise<Props> {
  const name = String(args.name ?? "");
  const list = await okta.call<J[]>(
    "GET",
    `/api/v1/authorizationServers?limit=200&q=${encodeURIComponent(name)}`,
  );
  const server = list.find((s) => s.name === name);
  if (!server) throw new Error(`authorization server with name "${name}" does not exist`);
  const signing = obj(obj(server.credentials).signing);
  return {
    id: server.id,
    name: server.name,
    description: server.description ?? "",
    audiences: strings(server.audiences),
    issuer: server.issuer,
    issuerMode: server.issuerMode,
    status: server.status,
    kid: signing.kid ?? "",
    credentialsRotationMode: signing.rotationMode ?? "",
    credentialsLastRotated: signing.lastRotated ?? "",
    credentialsNextRotation: signing.nextRotation ?? "",
  };
}
