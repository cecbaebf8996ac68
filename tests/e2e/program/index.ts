/**
 * The e2e test program: the project's Action1 resources with literal inputs, driven by the real
 * Pulumi CLI from tests/e2e/lifecycle.test.ts against the local Action1. It declares no Okta
 * resources (the Okta side has its own e2e tests), so the policies that join Action1's identity
 * provider to this stack's Okta app are disabled for it (tests/e2e/policy-config.json).
 *
 * Stack config (set by the test):
 * - `action1-okta-sso:action1ApiBaseUrl`: the local Action1's API base URL (random port).
 * - `action1-okta-sso:action1ClientId` / `action1ClientSecret` (secrets): read by the dynamic
 *   providers' `configure`, never inputs.
 * - `action1-okta-sso:oktaClientSecret` (secret): the Okta app's client secret; the test rotates it.
 * - `action1-okta-sso:e2eViolate` (optional, true): declare a state that breaks the policy
 *   keep-enterprise-admin (only one Enterprise Admin), for the policy step.
 */
import * as pulumi from "@pulumi/pulumi";
import { Action1IdentityProvider } from "../../../infra/dynamic/identityProvider";
import { Action1RoleAssignment } from "../../../infra/dynamic/roleAssignment";
import { Action1User } from "../../../infra/dynamic/user";

const config = new pulumi.Config();
const apiBaseUrl = config.require("action1ApiBaseUrl");
const violate = config.getBoolean("e2eViolate") ?? false;

/** Okta as the enterprise's identity provider. */
const idp = new Action1IdentityProvider("okta-sso", {
  apiBaseUrl,
  provider: "Okta",
  clientId: "0oae2efakeclientid0001",
  clientSecret: config.requireSecret("oktaClientSecret"),
  issuerUri: "https://e2e-org.okta.invalid",
  scope: "Enterprise",
});

/** The break-glass account: the enterprise's existing password admin, adopted (never created). */
const breakGlass = new Action1User(
  "break-glass",
  { apiBaseUrl, email: "initial-admin@example.invalid", signIn: "password", enabled: true },
  { retainOnDelete: true },
);
new Action1RoleAssignment("break-glass-enterprise-admin", {
  apiBaseUrl,
  userId: breakGlass.userId,
  email: "initial-admin@example.invalid",
  role: "Enterprise Admin",
});

/** A second password admin the test seeds into the local Action1, adopted the same way. */
const second = new Action1User(
  "second-admin",
  { apiBaseUrl, email: "second-admin@example.invalid", signIn: "password", enabled: true },
  { retainOnDelete: true },
);

/** An admin who signs in through Okta: invited once Okta is the identity provider. */
const oktaAdmin = new Action1User(
  "okta-admin",
  { apiBaseUrl, email: "okta-admin@example.invalid", signIn: "okta", enabled: true },
  { dependsOn: [idp] },
);

if (!violate) {
  new Action1RoleAssignment("second-admin-enterprise-admin", {
    apiBaseUrl,
    userId: second.userId,
    email: "second-admin@example.invalid",
    role: "Enterprise Admin",
  });
  new Action1RoleAssignment("okta-admin-enterprise-admin", {
    apiBaseUrl,
    userId: oktaAdmin.userId,
    email: "okta-admin@example.invalid",
    role: "Enterprise Admin",
  });
}

export const identityProviderSettingId = idp.settingId;
export const breakGlassUserId = breakGlass.userId;
export const oktaAdminUserId = oktaAdmin.userId;
