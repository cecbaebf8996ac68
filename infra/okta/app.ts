import * as okta from "@pulumi/okta";
import type * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config";

/** Scopes the app's users sign in with (and `offline_access` when refresh tokens are on). */
export function signInScopes(config: StackConfig): string[] {
  const scopes = ["openid", "profile", "email"];
  if (config.app.grantTypes.includes("refresh_token")) scopes.push("offline_access");
  return scopes;
}

/**
 * The Okta OIDC web app Action1 signs in with. Every setting the provider would otherwise
 * default (or later flip, like `pkceRequired`) is set explicitly, so there is no drift.
 */
export function defineOidcApp(
  name: string,
  config: StackConfig,
  clientSecret: pulumi.Input<string>,
  opts?: pulumi.CustomResourceOptions,
): okta.app.OAuth {
  const app = config.app;
  return new okta.app.OAuth(
    name,
    {
      label: app.label,
      type: "web",
      status: "ACTIVE",
      grantTypes: [...app.grantTypes],
      responseTypes: ["code"],
      redirectUris: [...app.redirectUris],
      pkceRequired: true,
      tokenEndpointAuthMethod: app.tokenEndpointAuthMethod,
      clientBasicSecret: clientSecret,
      omitSecret: false,
      consentMethod: app.consentMethod,
      issuerMode: app.issuerMode,
      refreshTokenRotation: app.refreshTokenRotation,
      hideWeb: app.hideAppTile,
      hideIos: app.hideAppTile,
      implicitAssignment: app.implicitAssignment,
      wildcardRedirect: "DISABLED",
      loginMode: "DISABLED",
    },
    { ...opts, additionalSecretOutputs: ["clientSecret", "clientBasicSecret"] },
  );
}
