/**
 * What the migration needs from Action1 and Okta. The CLI adapts the project's clients
 * (`infra/action1/client.ts`, `infra/oktaApi/`) to these; tests use the same adapters against the
 * local stand-ins.
 */
import type { AdminReader, RoleRef } from "../../infra/action1/adminGuard";
import type { LiveUser } from "./types";

export interface MigrationAction1 extends AdminReader {
  /** Every enabled user (all pages), each with its role ids. */
  listUsers(): Promise<LiveUser[]>;
  /** The user by id (also disabled/soft-deleted ones), without roles; undefined when absent. */
  getUser(id: string): Promise<Omit<LiveUser, "roleIds"> | undefined>;
  /** Enabled users whose email equals `email` case-insensitively. */
  findUsersByEmail(email: string): Promise<Omit<LiveUser, "roleIds">[]>;
  getUserRoleIds(userId: string): Promise<string[]>;
  listRoles(): Promise<RoleRef[]>;
  assignRole(roleId: string, userId: string): Promise<void>;
  unassignRole(roleId: string, userId: string): Promise<void>;
  deleteUser(userId: string): Promise<void>;
  patchUser(userId: string, patch: { email?: string; enabled?: boolean }): Promise<void>;
  /** `POST /users` without a password: an SSO user under the enterprise's identity provider. */
  inviteSsoUser(user: { email: string; firstName?: string; lastName?: string }): Promise<string>;
  /** The enterprise's identity provider (e.g. `Okta`), or undefined when none is set. */
  identityProvider(): Promise<string | undefined>;
}

export type OktaAccess = { ok: true; oktaUserId: string } | { ok: false; reason: string };

export interface MigrationOkta {
  /** Whether `email` is an ACTIVE Okta user assigned to the Action1 app (directly or by group). */
  checkAccess(email: string): Promise<OktaAccess>;
}
