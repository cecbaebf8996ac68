/**
 * Implementation of the `pulumi-nodejs:dynamic/action1:RoleAssignment` provider (loaded at run
 * time by `infra/dynamic/roleAssignment.ts`). One resource = one user holding one role. The role
 * is resolved at run time: Enterprise Admin by id `enterprise_admin`, else by name; custom roles
 * by name (or id). Removing Enterprise Admin is refused when it would leave no enabled
 * interactive Enterprise Admin (guard, revoke and re-count serialized per enterprise:
 * `guardedAdminWrite`). During preview `userId` may be Pulumi's unknown placeholder: not a change
 * (a replaced user replaces its assignments through the dependency at `up`).
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { findEnterpriseAdminRole, guardedAdminWrite } from "../action1/adminGuard";
import { isNotFound } from "../action1/errors";
import { adminReader, clientFor, configureCredentials } from "./action1Runtime";
import { isUnknown } from "./unknown";

export interface RoleAssignmentInputs {
  apiBaseUrl: string;
  userId: string;
  email: string;
  role: string;
}

export interface RoleAssignmentOutputs extends RoleAssignmentInputs {
  roleId: string;
  roleName: string;
}

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const EA_ALIASES = new Set(["enterprise_admin", "enterprise admin"]);

/** True when `role` (as written) names the role already held (`roleId`/`roleName`). */
function sameRole(role: string, olds: RoleAssignmentOutputs): boolean {
  const r = role.trim().toLowerCase();
  const ids = [olds.roleId, olds.roleName].map((x) => (x ?? "").toLowerCase());
  if (ids.includes(r)) return true;
  return EA_ALIASES.has(r) && ids.some((x) => EA_ALIASES.has(x));
}

export const roleAssignmentProvider: Required<
  dynamic.ResourceProvider<RoleAssignmentInputs, RoleAssignmentOutputs>
> = {
  async configure(req) {
    configureCredentials(req);
  },

  async check(_olds, news) {
    const failures: dynamic.CheckFailure[] = [];
    const n = news as Partial<Record<keyof RoleAssignmentInputs, unknown>>;
    for (const f of ["apiBaseUrl", "userId", "email", "role"] as const) {
      if (isUnknown(n[f])) continue; // known at `up`
      if (n[f] !== undefined && (typeof n[f] !== "string" || (n[f] as string).trim() === "")) {
        failures.push({ property: f, reason: `${f} must be a non-empty string` });
      } else if (n[f] === undefined) {
        failures.push({ property: f, reason: `${f} is required` });
      }
    }
    return failures.length > 0 ? { inputs: news, failures } : { inputs: news };
  },

  async diff(_id, olds, news) {
    const replaces: string[] = [];
    if (olds.apiBaseUrl !== news.apiBaseUrl) replaces.push("apiBaseUrl");
    if (!isUnknown(news.userId) && olds.userId !== news.userId) replaces.push("userId");
    if (!sameEmail(olds.email, news.email)) replaces.push("email");
    // "Enterprise Admin" -> "enterprise_admin" is the same role: no revoke/grant round trip.
    if (!sameRole(news.role, olds)) replaces.push("role");
    const changes = replaces.length > 0 || olds.role !== news.role || olds.email !== news.email;
    return { changes, replaces, stables: replaces.length === 0 ? ["roleId", "roleName"] : [] };
  },

  async create(inputs) {
    const client = clientFor(inputs.apiBaseUrl);
    const role = await resolve(inputs);
    const user = await client.getUser(inputs.userId);
    if (!sameEmail(user.email, inputs.email)) {
      throw new Error(
        `role ${role.name}: user ${inputs.userId} has email ${user.email}, not ${inputs.email}; ` +
          "the assignment's email must be the user's",
      );
    }
    const held = await client.listUserRoles(inputs.userId);
    if (!held.some((r) => r.id === role.id)) await client.assignRole(role.id, inputs.userId);
    return {
      id: `${role.id}/${inputs.userId}`,
      outs: { ...inputs, roleId: role.id, roleName: role.name },
    };
  },

  async read(id, props?) {
    if (!props) throw new Error("reading a role assignment needs its previous state");
    const client = clientFor(props.apiBaseUrl);
    try {
      const user = await client.getUser(props.userId);
      if (user.enabled !== "yes" && !sameEmail(user.email, props.email)) return {};
      const held = await client.listUserRoles(props.userId);
      if (!held.some((r) => r.id === props.roleId)) return {};
    } catch (err) {
      if (isNotFound(err)) return {};
      throw err;
    }
    const { roleId: _r, roleName: _n, ...inputs } = props;
    return { id, props, inputs: inputs as RoleAssignmentOutputs };
  },

  async update(_id, _olds, news) {
    // Only cosmetic changes reach here (the role written another way, the email's case).
    const role = await resolve(news);
    return { outs: { ...news, roleId: role.id, roleName: role.name } };
  },

  async delete(_id, props) {
    const client = clientFor(props.apiBaseUrl);
    const roles = await client.listRoles();
    const revoke = async () => {
      try {
        await client.unassignRole(props.roleId, props.userId);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    };
    if (findEnterpriseAdminRole(roles)?.id !== props.roleId) return revoke();
    await guardedAdminWrite({
      key: props.apiBaseUrl,
      reader: adminReader(client),
      removal: { userId: props.userId, email: props.email, action: "revoke" },
      write: revoke,
      restore: () => client.assignRole(props.roleId, props.userId),
    });
  },
};

async function resolve(inputs: RoleAssignmentInputs) {
  const client = clientFor(inputs.apiBaseUrl);
  const key = inputs.role.trim();
  if (EA_ALIASES.has(key.toLowerCase())) {
    const ea = findEnterpriseAdminRole(await client.listRoles({ fields: "*" }));
    if (ea) return ea;
  }
  return client.resolveRole(key);
}
