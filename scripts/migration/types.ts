/** Shapes shared by the migration planner, journal, executor and report. */
import type { RoleRef } from "../../infra/action1/adminGuard";

/** The steps of Action1's procedure for moving a password user to SSO, in order. */
export const STEPS = [
  "record-roles",
  "revoke-roles",
  "retire-old",
  "invite",
  "restore-roles",
  "verify",
] as const;
export type StepName = (typeof STEPS)[number];

/** Steps of the rollback path (users not yet re-invited). */
export const ROLLBACK_STEPS = ["unretire", "reassign-old"] as const;
export type RollbackStep = (typeof ROLLBACK_STEPS)[number];
export type AnyStep = StepName | RollbackStep;

/** How the old password account is taken out of the way (the guide allows either). */
export type OldAccountMode = "rename" | "delete";

/** An Action1 user as the migration sees it (from `GET /users` plus `GET /users/{id}/roles`). */
export interface LiveUser {
  id: string;
  email: string;
  userType: string;
  enabled: boolean;
  identityProvider: string;
  firstName?: string;
  lastName?: string;
  roleIds: string[];
}

/** What the journal keeps about a user before anything is changed: enough to restore them. */
export interface UserSnapshot {
  oldUserId: string;
  email: string;
  firstName?: string;
  lastName?: string;
  roles: RoleRef[];
}

export type Selection = { kind: "all"; except: string[] } | { kind: "emails"; emails: string[] };
