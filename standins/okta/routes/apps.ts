import { notFound, OktaApiError, validationFailed } from "../errors";
import { parseFilter } from "../filter";
import { type Ctx, noContent, objectBody, ok, paginate, type Route } from "../router";
import type { AppRecord, Json, OktaState } from "../state";
import { requireApp } from "./common";

/**
 * The Apps API for OIDC apps (`signOnMode: OPENID_CONNECT`): create, list, read, replace,
 * lifecycle, delete, the access-policy link, the logo upload and the internal idToken settings
 * the Okta provider plugin calls. Other sign-on modes are refused: this stand-in serves only
 * what the project creates.
 */
const GRANT_TYPES = new Set([
  "authorization_code",
  "implicit",
  "password",
  "refresh_token",
  "client_credentials",
  "urn:ietf:params:oauth:grant-type:saml2-bearer",
  "urn:ietf:params:oauth:grant-type:token-exchange",
  "urn:ietf:params:oauth:grant-type:device_code",
  "interaction_code",
  "urn:okta:params:oauth:grant-type:otp",
  "urn:okta:params:oauth:grant-type:oob",
  "http://auth0.com/oauth/grant-type/mfa-oob",
  "http://auth0.com/oauth/grant-type/mfa-otp",
  "urn:openid:params:grant-type:ciba",
]);
const APP_TYPES = new Set(["web", "native", "browser", "service"]);
const AUTH_METHODS = new Set([
  "client_secret_basic",
  "client_secret_post",
  "client_secret_jwt",
  "private_key_jwt",
  "none",
]);
const RESPONSE_TYPES = new Set(["code", "token", "id_token"]);

const asObject = (v: unknown): Json =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {};
const asStrings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined;

/**
 * Okta's own checks of an OIDC app; every problem becomes one entry of `errorCauses`. Known
 * shortcoming: the texts follow Okta's published messages where known (the web-app grant-type
 * rule); the others are approximations of Okta's wording.
 */
export function oidcAppProblems(state: OktaState, body: Json): string[] {
  const problems: string[] = [];
  if (body.signOnMode !== "OPENID_CONNECT") {
    problems.push(
      `signOnMode: '${String(body.signOnMode)}' is not served by the local Okta; ` +
        "only OPENID_CONNECT apps are.",
    );
  }
  if (body.name !== undefined && body.name !== "oidc_client") {
    problems.push(
      `name: must be 'oidc_client' for an OPENID_CONNECT app, not '${String(body.name)}'.`,
    );
  }
  if (typeof body.label !== "string" || body.label.trim() === "") {
    problems.push("label: The field cannot be left blank.");
  }
  const client = asObject(asObject(body.settings).oauthClient);
  const creds = asObject(asObject(body.credentials).oauthClient);
  const appType = client.application_type ?? "web";
  if (typeof appType !== "string" || !APP_TYPES.has(appType)) {
    problems.push(
      `application_type: '${String(appType)}' is not one of web, native, browser, service.`,
    );
  }
  const grants = asStrings(client.grant_types);
  if (!grants || grants.length === 0) {
    problems.push("grant_types: The field cannot be left blank.");
  } else {
    for (const g of grants) {
      if (!GRANT_TYPES.has(g)) problems.push(`grant_types: '${g}' is not a supported grant type.`);
    }
    if (appType === "web" && !grants.includes("authorization_code")) {
      problems.push(
        "'grant_types' must contain 'authorization_code' when 'application_type' is 'web'.",
      );
    }
    if (
      grants.includes("refresh_token") &&
      !grants.some((g) => g !== "refresh_token" && g !== "client_credentials")
    ) {
      problems.push(
        "grant_types: 'refresh_token' needs 'authorization_code' (or another user grant).",
      );
    }
  }
  const responses = asStrings(client.response_types) ?? ["code"];
  for (const r of responses) {
    if (!RESPONSE_TYPES.has(r))
      problems.push(`response_types: '${r}' is not one of code, token, id_token.`);
  }
  if (grants?.includes("implicit") && !responses.some((r) => r === "token" || r === "id_token")) {
    problems.push("response_types: 'implicit' needs 'token' or 'id_token'.");
  }
  const method = creds.token_endpoint_auth_method ?? "client_secret_basic";
  if (typeof method !== "string" || !AUTH_METHODS.has(method)) {
    problems.push(`token_endpoint_auth_method: '${String(method)}' is not a supported value.`);
  } else if (method === "none" && appType === "web") {
    problems.push(
      "token_endpoint_auth_method: 'none' is not allowed when 'application_type' is 'web'; " +
        "use client_secret_basic, client_secret_post, client_secret_jwt or private_key_jwt.",
    );
  }
  if (method === "none" && creds.pkce_required === false) {
    problems.push("pkce_required: must be true when 'token_endpoint_auth_method' is 'none'.");
  }
  const needsRedirect = grants?.some((g) => g === "authorization_code" || g === "implicit");
  const redirects = asStrings(client.redirect_uris) ?? [];
  if (needsRedirect && appType !== "service" && redirects.length === 0) {
    problems.push("redirect_uris: The field cannot be left blank.");
  }
  for (const uri of redirects) {
    try {
      new URL(uri);
    } catch {
      problems.push(`redirect_uris: '${uri}' is not a valid URI.`);
    }
  }
  if (client.issuer_mode === "CUSTOM_URL" && !state.org.customDomain) {
    problems.push(
      "issuer_mode: 'CUSTOM_URL' needs a verified custom domain; the org has none (use ORG_URL).",
    );
  }
  return problems;
}

function normalized(state: OktaState, body: Json, id: string, previous?: Json): Json {
  const at = state.now();
  const settings = asObject(body.settings);
  const client = asObject(settings.oauthClient);
  const creds = asObject(asObject(body.credentials).oauthClient);
  const appType = String(client.application_type ?? "web");
  const method = String(creds.token_endpoint_auth_method ?? "client_secret_basic");
  const visibility = asObject(body.visibility);
  const hide = asObject(visibility.hide);
  const previousClient = asObject(asObject(previous?.credentials).oauthClient);
  return {
    id,
    name: "oidc_client",
    label: body.label,
    status: previous?.status ?? "ACTIVE",
    created: previous?.created ?? at,
    lastUpdated: at,
    signOnMode: "OPENID_CONNECT",
    accessibility: { selfService: false, ...asObject(body.accessibility) },
    visibility: {
      autoLaunch: false,
      autoSubmitToolbar: false,
      ...visibility,
      hide: { iOS: hide.iOS ?? false, web: hide.web ?? false },
    },
    features: [],
    credentials: {
      userNameTemplate: asObject(body.credentials).userNameTemplate ?? {
        template: ["$", "{source.login}"].join(""),
        type: "BUILT_IN",
      },
      signing: { kid: `fake-kid-${id}` },
      oauthClient: {
        autoKeyRotation: creds.autoKeyRotation ?? true,
        client_id: previousClient.client_id ?? creds.client_id ?? id,
        token_endpoint_auth_method: method,
        pkce_required: creds.pkce_required ?? appType !== "web",
      },
    },
    settings: {
      app: asObject(settings.app),
      implicitAssignment: settings.implicitAssignment ?? false,
      notifications: { vpn: { network: { connection: "DISABLED" } } },
      ...(settings.notes === undefined ? {} : { notes: settings.notes }),
      oauthClient: {
        ...client,
        redirect_uris: asStrings(client.redirect_uris) ?? [],
        post_logout_redirect_uris: asStrings(client.post_logout_redirect_uris) ?? [],
        response_types: asStrings(client.response_types) ?? ["code"],
        grant_types: asStrings(client.grant_types) ?? [],
        application_type: appType,
        consent_method: client.consent_method ?? "TRUSTED",
        issuer_mode: client.issuer_mode ?? "ORG_URL",
        wildcard_redirect: client.wildcard_redirect ?? "DISABLED",
      },
    },
  };
}

/** The app as Okta sends it; the secret only on create and update answers. */
export function appJson(state: OktaState, record: AppRecord, withSecret: boolean): Json {
  const app = record.app;
  const id = String(app.id);
  const creds = asObject(app.credentials);
  const oauthClient = { ...asObject(creds.oauthClient) };
  const method = oauthClient.token_endpoint_auth_method;
  if (withSecret && method !== "none" && method !== "private_key_jwt") {
    oauthClient.client_secret = record.clientSecret;
  }
  const links: Json = {
    appLinks: [
      {
        name: "oidc_client_link",
        href: `${state.origin}/home/oidc_client/${id}/aln1`,
        type: "text/html",
      },
    ],
    groups: state.link(`/api/v1/apps/${id}/groups`),
    logo: [
      { name: "medium", href: `${state.origin}/assets/img/logos/default.png`, type: "image/png" },
    ],
    users: state.link(`/api/v1/apps/${id}/users`),
    uploadLogo: state.link(`/api/v1/apps/${id}/logo`),
    policies: state.link(`/api/v1/apps/${id}/policies`),
  };
  if (app.status === "ACTIVE")
    links.deactivate = state.link(`/api/v1/apps/${id}/lifecycle/deactivate`);
  else links.activate = state.link(`/api/v1/apps/${id}/lifecycle/activate`);
  if (record.accessPolicyId)
    links.accessPolicy = state.link(`/api/v1/policies/${record.accessPolicyId}`);
  return { ...app, credentials: { ...creds, oauthClient }, _links: links };
}

function secretFrom(body: Json): string | undefined {
  const given = asObject(asObject(body.credentials).oauthClient).client_secret;
  if (given === undefined) return undefined;
  if (typeof given !== "string" || given.length < 14) {
    throw validationFailed("client_secret", [
      "client_secret: must be a string of at least 14 characters.",
    ]);
  }
  return given;
}

function createApp(ctx: Ctx) {
  const { state } = ctx;
  const body = objectBody(ctx, "app");
  const problems = oidcAppProblems(state, body);
  if (problems.length > 0) throw validationFailed("oauthClient", problems);
  const id = state.idFor("app");
  const wanted = asObject(asObject(body.credentials).oauthClient).client_id;
  if (typeof wanted === "string") {
    for (const other of state.apps.values()) {
      if (asObject(asObject(other.app.credentials).oauthClient).client_id === wanted) {
        throw validationFailed("client_id", [`client_id: '${wanted}' is already in use.`]);
      }
    }
  }
  const app = normalized(state, body, id);
  app.status = ctx.query.get("activate") === "false" ? "INACTIVE" : "ACTIVE";
  const record: AppRecord = {
    app,
    clientSecret: secretFrom(body) ?? state.newSecret(),
    users: new Map(),
    groups: new Map(),
    accessPolicyId: undefined,
    idTokenSettings: undefined,
  };
  state.apps.set(id, record);
  return ok(appJson(state, record, true));
}

function replaceApp(ctx: Ctx) {
  const { state } = ctx;
  const record = requireApp(state, ctx.params.appId ?? "");
  const body = objectBody(ctx, "app");
  const problems = oidcAppProblems(state, body);
  if (problems.length > 0) throw validationFailed("oauthClient", problems);
  if (record.groups.size > 0 && asObject(body.settings).implicitAssignment === true) {
    throw validationFailed("implicitAssignment", [
      "implicitAssignment: cannot be turned on while groups are assigned to the app.",
    ]);
  }
  record.app = normalized(state, body, String(record.app.id), record.app);
  const secret = secretFrom(body);
  if (secret !== undefined) record.clientSecret = secret;
  return ok(appJson(state, record, true));
}

function listApps(ctx: Ctx) {
  const { state, query } = ctx;
  let apps = [...state.apps.values()].map((r) => appJson(state, r, false));
  const q = query.get("q")?.toLowerCase();
  if (q) {
    apps = apps.filter(
      (a) => String(a.label).toLowerCase().startsWith(q) || String(a.name).startsWith(q),
    );
  }
  const filter = query.get("filter");
  if (filter) {
    const predicate = parseFilter(filter);
    apps = apps.filter((a) => predicate(a));
  }
  return paginate(ctx, apps, (a) => String(a.id));
}

function lifecycle(status: "ACTIVE" | "INACTIVE") {
  return (ctx: Ctx) => {
    const record = requireApp(ctx.state, ctx.params.appId ?? "");
    record.app.status = status;
    record.app.lastUpdated = ctx.state.now();
    return ok({});
  };
}

function deleteApp(ctx: Ctx) {
  const { state } = ctx;
  const record = requireApp(state, ctx.params.appId ?? "");
  if (record.app.status === "ACTIVE") {
    throw new OktaApiError(403, "E0000056", "Delete application forbidden.", [
      "The application must be deactivated before it can be deleted.",
    ]);
  }
  state.apps.delete(String(record.app.id));
  return noContent();
}

function assignAccessPolicy(ctx: Ctx) {
  const { state } = ctx;
  const record = requireApp(state, ctx.params.appId ?? "");
  const policyId = ctx.params.policyId ?? "";
  const policy = state.orgPolicies.find((p) => p.id === policyId);
  if (policy?.type !== "ACCESS_POLICY") throw notFound(policyId, "Policy");
  record.accessPolicyId = policyId;
  return noContent();
}

function idTokenSettings(ctx: Ctx) {
  const record = requireApp(ctx.state, ctx.params.appId ?? "");
  if (ctx.method === "POST") record.idTokenSettings = objectBody(ctx, "idToken settings");
  return ok(record.idTokenSettings ?? { claims: [] });
}

export const appRoutes: Route[] = [
  { method: "GET", pattern: "/api/v1/apps", handler: listApps },
  { method: "POST", pattern: "/api/v1/apps", handler: createApp },
  {
    method: "GET",
    pattern: "/api/v1/apps/:appId",
    handler: (ctx) => ok(appJson(ctx.state, requireApp(ctx.state, ctx.params.appId ?? ""), false)),
  },
  { method: "PUT", pattern: "/api/v1/apps/:appId", handler: replaceApp },
  { method: "DELETE", pattern: "/api/v1/apps/:appId", handler: deleteApp },
  {
    method: "POST",
    pattern: "/api/v1/apps/:appId/lifecycle/activate",
    handler: lifecycle("ACTIVE"),
  },
  {
    method: "POST",
    pattern: "/api/v1/apps/:appId/lifecycle/deactivate",
    handler: lifecycle("INACTIVE"),
  },
  {
    method: "POST",
    pattern: "/api/v1/apps/:appId/logo",
    handler: (ctx) => {
      requireApp(ctx.state, ctx.params.appId ?? "");
      return { status: 201 };
    },
  },
  { method: "PUT", pattern: "/api/v1/apps/:appId/policies/:policyId", handler: assignAccessPolicy },
  {
    method: "GET",
    pattern: "/api/v1/internal/apps/:appId/settings/oauth/idToken",
    handler: idTokenSettings,
  },
  {
    method: "POST",
    pattern: "/api/v1/internal/apps/:appId/settings/oauth/idToken",
    handler: idTokenSettings,
  },
];
