/**
 * A compliant baseline stack (region na) as the policies see it: every policy passes it, and each
 * test changes one field. All values are obviously fake.
 */
import type { PolicyProviderResource } from "@pulumi/policy";
import { type ResourceSpec, urnOf } from "./helpers";

export const T = {
  user: "pulumi-nodejs:dynamic/action1:User",
  role: "pulumi-nodejs:dynamic/action1:RoleAssignment",
  idp: "pulumi-nodejs:dynamic/action1:IdentityProvider",
  app: "okta:app/oAuth:OAuth",
  group: "okta:app/groupAssignment:GroupAssignment",
  server: "okta:auth/server:Server",
} as const;

export const NA_REDIRECT = "https://app.action1.com/sso/login";
export const EU_REDIRECT = "https://app.eu.action1.com/sso/login";
export const API_BASE = "https://app.action1.com/api/3.0";
export const CLIENT_ID = "0oa-fake-client-id";

export const OKTA_PROVIDER: PolicyProviderResource = {
  type: "pulumi:providers:okta",
  name: "default",
  urn: urnOf("pulumi:providers:okta", "default"),
  props: { orgName: "dev-000000", baseUrl: "okta.com", apiToken: "fake-token-not-real" },
};

export function user(
  name: string,
  email: string,
  over: Record<string, unknown> = {},
  protect = false,
): ResourceSpec {
  return {
    type: T.user,
    name,
    props: {
      apiBaseUrl: API_BASE,
      email,
      signIn: "okta",
      userType: "Interactive",
      enabled: true,
      ...over,
    },
    opts: { protect },
  };
}

export function role(name: string, email: string, roleName = "Enterprise Admin"): ResourceSpec {
  return {
    type: T.role,
    name,
    props: { apiBaseUrl: API_BASE, userId: `user-${name}`, email, role: roleName },
  };
}

/** The baseline: an Okta app with one group, the IdP wired to it, two Enterprise Admins. */
export function baseline(): ResourceSpec[] {
  return [
    {
      type: T.app,
      name: "action1-app",
      provider: OKTA_PROVIDER,
      opts: { protect: true },
      props: {
        id: CLIENT_ID,
        label: "Action1",
        type: "web",
        grantTypes: ["authorization_code", "refresh_token"],
        responseTypes: ["code"],
        pkceRequired: true,
        tokenEndpointAuthMethod: "client_secret_basic",
        redirectUris: [NA_REDIRECT],
        implicitAssignment: false,
        clientId: CLIENT_ID,
        clientBasicSecret: "fake-secret-not-real",
      },
    },
    {
      type: T.group,
      name: "action1-app-group-admins",
      provider: OKTA_PROVIDER,
      props: { appId: CLIENT_ID, groupId: "00g-fake-admins" },
      dependsOn: { appId: ["action1-app"] },
    },
    {
      type: T.idp,
      name: "action1-idp",
      opts: { protect: true, additionalSecretOutputs: ["clientSecret"] },
      props: {
        apiBaseUrl: API_BASE,
        provider: "Okta",
        clientId: CLIENT_ID,
        clientSecret: "fake-secret-not-real",
        issuerUri: "https://dev-000000.okta.com",
        scope: "Enterprise",
        deleteProtection: "refuse-if-locks-out",
      },
      dependsOn: { clientId: ["action1-app"], clientSecret: ["action1-app"] },
    },
    user("breakglass", "breakglass@example.invalid", { signIn: "password" }, true),
    role("breakglass-enterprise-admin", "breakglass@example.invalid"),
    user("okta-admin", "okta.admin@example.invalid"),
    role("okta-admin-enterprise-admin", "okta.admin@example.invalid", "enterprise_admin"),
  ];
}

export function find(specs: readonly ResourceSpec[], name: string): ResourceSpec {
  const s = specs.find((x) => x.name === name);
  if (!s) {
    throw new Error(`fixture has no resource "${name}"`);
  }
  return s;
}

/** A copy of the specs with `patch` merged into the named resource's props. */
export function withProps(
  specs: readonly ResourceSpec[],
  name: string,
  patch: Record<string, unknown>,
): ResourceSpec[] {
  find(specs, name);
  return specs.map((s) => (s.name === name ? { ...s, props: { ...s.props, ...patch } } : s));
}

/** A copy of the specs with the named resource's spec fields replaced. */
export function withSpec(
  specs: readonly ResourceSpec[],
  name: string,
  patch: Partial<ResourceSpec>,
): ResourceSpec[] {
  find(specs, name);
  return specs.map((s) => (s.name === name ? { ...s, ...patch } : s));
}

export function without(specs: readonly ResourceSpec[], ...names: string[]): ResourceSpec[] {
  for (const n of names) {
    find(specs, n);
  }
  return specs.filter((s) => !names.includes(s.name));
}
