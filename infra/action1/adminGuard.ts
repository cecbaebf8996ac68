/**
 * The last-admin invariant: the live enterprise must always keep at least one enabled interactive
 * Enterprise Admin. Shared by the dynamic providers (user, role assignment) and the migration.
 *
 * The pure functions here decide; `guardLastAdmin` fetches the live members of the Enterprise
 * Admin role through a small reader interface so that any Action1 client can feed it.
 */

/** A role as Action1 lists it (`GET /roles`). */
export interface RoleRef {
  id: string;
  name: string;
}

/** The fields of an Action1 user the invariant needs. */
export interface AdminCandidate {
  id: string;
  email: string;
  enabled: boolean;
  userType: string;
  /** `Action1` for password users; `Okta`, `Entra ID`, … for SSO users. */
  identityProvider?: string;
}

export type RemovalAction = "delete" | "disable" | "revoke";

/** One change that would take a user out of the set of enabled Enterprise Admins. */
export interface AdminRemoval {
  userId: string;
  email: string;
  action: RemovalAction;
}

export const ENTERPRISE_ADMIN_ID = "enterprise_admin";
export const ENTERPRISE_ADMIN_NAME = "Enterprise Admin";

/** Enterprise Admin by id `enterprise_admin`, else by name (case-insensitive); undefined if none. */
export function findEnterpriseAdminRole<R extends RoleRef>(roles: readonly R[]): R | undefined {
  return (
    roles.find((r) => r.id === ENTERPRISE_ADMIN_ID) ??
    roles.find((r) => r.name.trim().toLowerCase() === ENTERPRISE_ADMIN_NAME.toLowerCase())
  );
}

/** True when the member counts towards the invariant: enabled and interactive (not API). */
export function countsAsAdmin(member: AdminCandidate): boolean {
  return member.enabled && member.userType === "Interactive";
}

/** The admins that still count once every removal in `removedIds` has happened. */
export function remainingAdmins(
  members: readonly AdminCandidate[],
  removedIds: ReadonlySet<string>,
): AdminCandidate[] {
  return members.filter((m) => countsAsAdmin(m) && !removedIds.has(m.id));
}

export class LastAdminError extends Error {
  readonly lastAdmin: string;
  constructor(removal: AdminRemoval, lastAdmin: string, alsoRemoved: readonly string[] = []) {
    const what =
      removal.action === "delete"
        ? `deleting ${removal.email}`
        : removal.action === "disable"
          ? `disabling ${removal.email}`
          : `removing the Enterprise Admin role from ${removal.email}`;
    const others = alsoRemoved.length > 0 ? ` (together with ${alsoRemoved.join(", ")})` : "";
    super(
      `refused: ${what}${others} would leave the enterprise with no enabled interactive ` +
        `Enterprise Admin; ${lastAdmin} would be the last one. To proceed, first make another ` +
        "interactive user an enabled Enterprise Admin (keep a break-glass password admin), " +
        "then retry.",
    );
    this.name = "LastAdminError";
    this.lastAdmin = lastAdmin;
  }
}

/**
 * Throws LastAdminError when applying `removal` (plus `alsoRemoved`, user ids already leaving,
 * e.g. other users being migrated) leaves no counting admin. A removal of a user that does not
 * count (disabled, API, not a member) never throws.
 */
export function assertNotLastAdmin(
  members: readonly AdminCandidate[],
  removal: AdminRemoval,
  alsoRemoved: ReadonlySet<string> = new Set(),
): void {
  const target = members.find((m) => m.id === removal.userId);
  if (!target || !countsAsAdmin(target)) return;
  const removed = new Set(alsoRemoved);
  removed.add(removal.userId);
  if (remainingAdmins(members, removed).length > 0) return;
  const names = members
    .filter((m) => countsAsAdmin(m) && alsoRemoved.has(m.id))
    .map((m) => m.email);
  throw new LastAdminError(removal, target.email, names);
}

/** An Action1 API user object (`enabled`/`user_type` as Action1 spells them) as a candidate. */
export function toAdminCandidate(u: {
  id: string;
  email: string;
  enabled: string;
  user_type?: string;
  identity_provider?: string;
}): AdminCandidate {
  return {
    id: u.id,
    email: u.email,
    enabled: u.enabled === "yes",
    userType: u.user_type ?? "Interactive",
    identityProvider: u.identity_provider,
  };
}

/** What `guardLastAdmin` needs from an Action1 client. */
export interface AdminReader {
  listRoles(): Promise<RoleRef[]>;
  /** Every member of the role, all pages, with the fields above. */
  listRoleMembers(roleId: string): Promise<AdminCandidate[]>;
}

/**
 * Live check: reads the Enterprise Admin role's members and applies `assertNotLastAdmin`.
 *
 * Known shortcoming: read-then-act. An admin removed in the console between this read and the
 * caller's write is not seen (Action1 offers no conditional writes).
 */
export async function guardLastAdmin(
  reader: AdminReader,
  removal: AdminRemoval,
  alsoRemoved: ReadonlySet<string> = new Set(),
): Promise<void> {
  const role = findEnterpriseAdminRole(await reader.listRoles());
  if (!role) {
    throw new Error(
      "cannot check the last-admin invariant: Action1 lists no Enterprise Admin role (neither id " +
        `"${ENTERPRISE_ADMIN_ID}" nor name "${ENTERPRISE_ADMIN_NAME}"); nothing was changed`,
    );
  }
  assertNotLastAdmin(await reader.listRoleMembers(role.id), removal, alsoRemoved);
}
