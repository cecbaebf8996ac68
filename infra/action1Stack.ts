/**
 * The Action1 half of a region stack: after the Okta app exists, switch Action1's enterprise
 * identity provider to it, then declare the Action1 users the stack manages and their roles.
 *
 * Order matters in Action1: a user's identity provider is fixed when the user is created, so
 * Okta users are invited only after the identity-provider setting points at Okta (they depend on
 * it). Break-glass password accounts already exist and are adopted, so they do not wait.
 *
 * What locks people out is protected (`protect`: an update that would delete it fails, and the
 * policy pack can see it) and kept on `pulumi destroy` (`retainOnDelete`, once unprotected): the
 * Okta app (set in `index.ts`), the identity-provider setting, and every break-glass password
 * account (its roles are kept too).
 */
import * as pulumi from "@pulumi/pulumi";
import { ENTERPRISE_ADMIN_ID, ENTERPRISE_ADMIN_NAME } from "./action1/adminGuard";
import { emailKey, roleKey, type UserSpec } from "./config/users";
import { Action1IdentityProvider } from "./dynamic/identityProvider";
import { Action1RoleAssignment } from "./dynamic/roleAssignment";
import { Action1User } from "./dynamic/user";
import type { OktaStack } from "./stack";

export interface ManagedUser {
  readonly spec: UserSpec;
  readonly user: Action1User;
  readonly roles: readonly Action1RoleAssignment[];
}

export interface Action1Stack {
  readonly identityProvider: Action1IdentityProvider;
  readonly users: readonly ManagedUser[];
}

/** True for the break-glass account: signs in with a password and is an Enterprise Admin. */
export function isBreakGlassAdmin(spec: UserSpec): boolean {
  return (
    spec.signIn === "password" &&
    spec.roles.some((r) => {
      const key = r.trim().toLowerCase();
      return key === ENTERPRISE_ADMIN_ID || key === ENTERPRISE_ADMIN_NAME.toLowerCase();
    })
  );
}

export function defineAction1(okta: OktaStack): Action1Stack {
  const { config } = okta;
  const apiBaseUrl = config.action1ApiBaseUrl;

  const identityProvider = new Action1IdentityProvider(
    "action1-identity-provider",
    {
      apiBaseUrl,
      provider: "Okta",
      clientId: okta.clientId,
      clientSecret: okta.clientSecret,
      issuerUri: okta.issuerUri,
      scope: "Enterprise",
      deleteProtection: config.idpDeleteProtection,
    },
    {
      // Post-deploy: only once the app and every group assignment exist can anyone sign in.
      dependsOn: [okta.app, ...okta.groupAssignments],
      protect: true,
      retainOnDelete: true,
    },
  );

  const users = config.users.map((spec): ManagedUser => {
    // Names are the canonical email and role (config rejects two spellings of one of either),
    // so rewriting "Enterprise Admin" as "enterprise_admin" renames nothing and revokes nothing.
    const name = `action1-user-${emailKey(spec.email)}`;
    const user = new Action1User(
      name,
      { apiBaseUrl, email: spec.email, signIn: spec.signIn, enabled: spec.enabled },
      spec.signIn === "okta"
        ? { dependsOn: [identityProvider] }
        : { protect: isBreakGlassAdmin(spec), retainOnDelete: isBreakGlassAdmin(spec) },
    );
    // A break-glass account keeps its roles too: destroying the stack must not demote it.
    const keep = isBreakGlassAdmin(spec);
    const roles = spec.roles.map(
      (role) =>
        new Action1RoleAssignment(
          `${name}-role-${roleKey(role)}`,
          { apiBaseUrl, userId: user.userId, email: spec.email, role },
          { retainOnDelete: keep },
        ),
    );
    return { spec, user, roles };
  });

  return { identityProvider, users };
}

/** Stack outputs of the Action1 half (no secrets). */
export function action1Outputs(action1: Action1Stack) {
  return {
    identityProviderSettingId: action1.identityProvider.settingId,
    managedUsers: pulumi.all(
      action1.users.map((u) =>
        pulumi.all([u.user.userId, u.user.identityProvider]).apply(([id, idp]) => ({
          email: u.spec.email,
          signIn: u.spec.signIn,
          roles: [...u.spec.roles],
          enabled: u.spec.enabled,
          userId: id,
          identityProvider: idp,
        })),
      ),
    ),
  };
}
