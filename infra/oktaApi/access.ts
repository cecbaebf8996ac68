/**
 * Okta side of access: can a user sign in to the Action1 app? Used by the migration (per user:
 * exists, ACTIVE, assigned directly or through a group) and by the program or a script for the
 * users a stack invites (member of a group assigned to the app).
 */
import type { OktaClient } from "./client";

export type AccessResult = { ok: true; oktaUserId: string } | { ok: false; reason: string };

/** Exists and ACTIVE in Okta and assigned to the app (directly or through a group). */
export async function checkAppAccess(
  okta: OktaClient,
  appId: string,
  email: string,
): Promise<AccessResult> {
  const user = await okta.findUserByEmail(email);
  if (!user) return { ok: false, reason: `${email} does not exist in Okta; create it there first` };
  if (user.status !== "ACTIVE") {
    return {
      ok: false,
      reason: `${email} is ${user.status} in Okta (must be ACTIVE to sign in); activate it first`,
    };
  }
  const assignment = await okta.getAppUser(appId, user.id);
  if (!assignment) {
    return {
      ok: false,
      reason:
        `${email} is not assigned to the Okta app ${appId}; assign the user, or add it to a ` +
        "group assigned to the app",
    };
  }
  return { ok: true, oktaUserId: user.id };
}

export interface AccessProblem {
  readonly email: string;
  readonly message: string;
  /** True when the user can sign in, but only through a direct assignment the stack ignores. */
  readonly canSignIn: boolean;
}

/**
 * For each email, whether it is an ACTIVE Okta user in at least one group assigned to the app.
 * Returns one entry per user that cannot sign in, or can only through a direct assignment
 * (empty when all are fine); `message` starts with the email.
 */
export async function checkGroupAccess(
  okta: OktaClient,
  appId: string,
  emails: readonly string[],
): Promise<AccessProblem[]> {
  const appGroups = new Set((await okta.listAppGroups(appId)).map((g) => g.id));
  const problems: AccessProblem[] = [];
  const deny = (email: string, why: string, canSignIn = false) =>
    problems.push({ email, message: `${email}: ${why}`, canSignIn });
  for (const email of emails) {
    const user = await okta.findUserByEmail(email);
    if (!user) {
      deny(email, "no such Okta user; create it in Okta first");
      continue;
    }
    if (user.status !== "ACTIVE") {
      deny(email, `Okta status is ${user.status}; it must be ACTIVE to sign in`);
      continue;
    }
    const groups = await okta.listUserGroups(user.id);
    if (!groups.some((g) => appGroups.has(g.id))) {
      const names = groups.map((g) => g.profile.name).join(", ") || "none";
      if (await okta.getAppUser(appId, user.id)) {
        deny(
          email,
          `is assigned to the Action1 app directly, not through a group (its groups: ${names}); ` +
            "it can sign in, but the stack does not manage that: add it to one of the stack's " +
            "`groups`",
          true,
        );
      } else {
        deny(
          email,
          `is in no group assigned to the Action1 app (its groups: ${names}); add it to one of ` +
            "the stack's `groups`",
        );
      }
    }
  }
  return problems;
}
