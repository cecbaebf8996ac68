import { notFound } from "../errors";
import { ok, type Route } from "../router";
import type { Json, OktaState } from "../state";

/**
 * The org's public documents (no token): `/.well-known/okta-organization` (Classic `v1` or
 * Identity Engine `idx`) and the OAuth/OIDC metadata of the org server and of each custom server.
 */
export function authorizationServerMetadata(state: OktaState, serverId?: string): Json {
  const org = state.publicOrgUrl();
  const issuer = serverId ? `${org}/oauth2/${serverId}` : org;
  const base = serverId ? `${issuer}/v1` : `${org}/oauth2/v1`;
  return {
    issuer,
    authorization_endpoint: `${base}/authorize`,
    token_endpoint: `${base}/token`,
    userinfo_endpoint: `${base}/userinfo`,
    registration_endpoint: `${org}/oauth2/v1/clients`,
    jwks_uri: `${base}/keys`,
    response_types_supported: [
      "code",
      "id_token",
      "code id_token",
      "code token",
      "id_token token",
      "code id_token token",
    ],
    response_modes_supported: ["query", "fragment", "form_post", "okta_post_message"],
    grant_types_supported: [
      "authorization_code",
      "implicit",
      "refresh_token",
      "password",
      "client_credentials",
      "urn:ietf:params:oauth:grant-type:device_code",
    ],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    scopes_supported: ["openid", "email", "profile", "address", "phone", "offline_access"],
    token_endpoint_auth_methods_supported: [
      "client_secret_basic",
      "client_secret_post",
      "client_secret_jwt",
      "private_key_jwt",
      "none",
    ],
    claims_supported: [
      "iss",
      "ver",
      "sub",
      "aud",
      "iat",
      "exp",
      "jti",
      "auth_time",
      "amr",
      "idp",
      "nonce",
      "name",
      "email",
      "email_verified",
      "preferred_username",
    ],
    code_challenge_methods_supported: ["S256"],
    introspection_endpoint: `${base}/introspect`,
    revocation_endpoint: `${base}/revoke`,
    end_session_endpoint: `${base}/logout`,
    request_parameter_supported: true,
    request_object_signing_alg_values_supported: [
      "HS256",
      "HS384",
      "HS512",
      "RS256",
      "RS384",
      "RS512",
    ],
    device_authorization_endpoint: `${base}/device/authorize`,
  };
}

const customServer = (kind: string): Route => ({
  method: "GET",
  pattern: `/oauth2/:asId/.well-known/${kind}`,
  auth: false,
  handler: (ctx) => {
    const id = ctx.params.asId ?? "";
    if (!ctx.state.authServers.has(id)) throw notFound(id, "AuthorizationServer");
    return ok(authorizationServerMetadata(ctx.state, id));
  },
});

export const wellKnownRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/.well-known/okta-organization",
    auth: false,
    handler: (ctx) =>
      ok({
        id: ctx.state.org.id,
        pipeline: ctx.state.org.pipeline,
        _links: { organization: { href: ctx.state.publicOrgUrl() } },
        settings: {
          analyticsCollectionEnabled: false,
          bugReportingEnabled: false,
          omEnabled: false,
        },
      }),
  },
  {
    method: "GET",
    pattern: "/.well-known/oauth-authorization-server",
    auth: false,
    handler: (ctx) => ok(authorizationServerMetadata(ctx.state)),
  },
  {
    method: "GET",
    pattern: "/.well-known/openid-configuration",
    auth: false,
    handler: (ctx) => ok(authorizationServerMetadata(ctx.state)),
  },
  customServer("oauth-authorization-server"),
  customServer("openid-configuration"),
];
