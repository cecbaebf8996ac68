/** Adapts the project's Action1 client to what the migration needs (`MigrationAction1`). */
import type { AdminCandidate } from "../../infra/action1/adminGuard";
import type { Action1Client } from "../../infra/action1/client";
import { isNotFound } from "../../infra/action1/errors";
import { IDP_SETTING_CATEGORY, IDP_TEMPLATE_ID, providerOf } from "../../infra/action1/idpSetting";
import type { Action1User } from "../../infra/action1/types";
import type { MigrationAction1 } from "./ports";
import type { LiveUser } from "./types";

const toLive = (u: Action1User): Omit<LiveUser, "roleIds"> => ({
  id: u.id,
  email: u.email,
  userType: u.user_type ?? "Interactive",
  enabled: u.enabled === "yes",
  identityProvider: u.identity_provider ?? "Action1",
  firstName: u.first_name || undefined,
  lastName: u.last_name || undefined,
});

export function action1ForMigration(client: Action1Client): MigrationAction1 {
  return {
    /**
     * One page walk over users plus one per role (`GET /roles/{id}/users`) instead of one call
     * per user: 5,000 users with a handful of roles cost ~30 calls, not 5,000.
     */
    async listUsers() {
      const users = await client.listUsers();
      const roleIds = new Map<string, string[]>(users.map((u) => [u.id, []]));
      for (const role of await client.listRoles()) {
        for (const member of await client.listRoleUsers(role.id)) {
          roleIds.get(member.id)?.push(role.id);
        }
      }
      return users.map((u) => ({ ...toLive(u), roleIds: roleIds.get(u.id) ?? [] }));
    },
    async getUser(id) {
      try {
        return toLive(await client.getUser(id));
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    async findUsersByEmail(email) {
      const wanted = email.trim().toLowerCase();
      const found = await client.listUsers({ filter: email.trim() });
      return found.filter((u) => u.email.toLowerCase() === wanted).map(toLive);
    },
    async getUserRoleIds(userId) {
      return (await client.listUserRoles(userId)).map((r) => r.id);
    },
    async listRoles() {
      return (await client.listRoles()).map((r) => ({ id: r.id, name: r.name }));
    },
    async listRoleMembers(roleId): Promise<AdminCandidate[]> {
      return (await client.listRoleUsers(roleId)).map(toLive);
    },
    assignRole: (roleId, userId) => client.assignRole(roleId, userId),
    unassignRole: async (roleId, userId) => {
      try {
        await client.unassignRole(roleId, userId);
      } catch (err) {
        // A repeated call after a dropped connection: the role is already gone.
        if (!isNotFound(err)) throw err;
        const still = await client.listUserRoles(userId);
        if (still.some((r) => r.id === roleId)) throw err;
      }
    },
    async deleteUser(userId) {
      await client.deleteUser(userId);
    },
    async patchUser(userId, patch) {
      await client.updateUser(userId, {
        ...(patch.email !== undefined ? { email: patch.email } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled ? "yes" : "no" } : {}),
      });
    },
    async inviteSsoUser(user) {
      const created = await client.createUser({
        email: user.email,
        ...(user.firstName ? { first_name: user.firstName } : {}),
        ...(user.lastName ? { last_name: user.lastName } : {}),
      });
      return created.id;
    },
    async identityProvider() {
      const settings = await client.listSettings({ category: IDP_SETTING_CATEGORY });
      const setting = settings.find((s) => s.template_id === IDP_TEMPLATE_ID);
      return setting ? providerOf(setting.value) : undefined;
    },
  };
}
