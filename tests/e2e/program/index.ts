/**
 * The e2e test program: the project's Action1 resources with literal inputs, driven by the real
 * Pulumi CLI from tests/e2e/lifecycle.test.ts against the local Action1.
 *
 * Stack config (set by the test):
 * - `action1-okta-sso:action1ApiBaseUrl`: the local Action1's API base URL (random port).
 * - `action1-okta-sso:action1ClientId` / `action1ClientSecret` (secrets): read by the dynamic
 *   providers' `configure`, never inputs.
 * - `action1-okta-sso:e2eViolate` (optional, true): declare a state that breaks the policy
 *   keep-enterprise-admin (only one Enterprise Admin), for the policy step.
 */
import * as pulumi from "@pulumi/pulumi";
import { Action1RoleAssignment } from "../../../infra/dynamic/roleAssignment";
import { Action1User } from "../../../infra/dynamic/user";

const config = new pulumi.Config();
const apiBaseUrl = config.require("action1ApiBaseUrl");
const violate = config.getBoolean("e2eViolate") ?? false;

/** The break-glass account: the enterprise's existing password admin, adopted (never created). */
const breakGlass = new Action1User(
  "break-glass",
  {
    apiBaseUrl,
    email: "initial-admin@example.invalid",
    signIn: "password",
    enabled: true,
  },
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
  {
    apiBaseUrl,
    email: "second-admin@example.invalid",
    signIn: "password",
    enabled: true,
  },
  { retainOnDelete: true },
);
if (!violate) {
  new Action1RoleAssignment("second-admin-enterprise-admin", {
    apiBaseUrl,
    userId: second.userId,
    email: "second-admin@example.invalid",
    role: "Enterprise Admin",
  });
}

export const breakGlassUserId = breakGlass.userId;
export const secondAdminUserId = second.userId;
