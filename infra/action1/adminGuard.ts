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
 * On its own this is read-then-act: writers go through `guardedAdminWrite`, which serializes
 * guard + write per enterprise and re-counts afterwards. Returns true when the user being removed
 * counted as an admin (so the write can lower the count).
 */
export async function guardLastAdmin(
  reader: AdminReader,
  removal: AdminRemoval,
  alsoRemoved: ReadonlySet<string> = new Set(),
): Promise<boolean> {
  const role = findEnterpriseAdminRole(await reader.listRoles());
  if (!role) {
    throw new Error(
      "cannot check the last-admin invariant: Action1 lists no Enterprise Admin role (neither id " +
        `"${ENTERPRISE_ADMIN_ID}" nor name "${ENTERPRISE_ADMIN_NAME}"); nothing was changed`,
    );
  }
  const members = await reader.listRoleMembers(role.id);
  assertNotLastAdmin(members, removal, alsoRemoved);
  return members.some((m) => m.id === removal.userId && countsAsAdmin(m));
}

// ------------------------------------------------------------------ serialized guarded writes

/** Tail of the promise chain per key (an Action1 API base URL = one enterprise). */
const adminLocks = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` alone among all `withAdminLock` calls with the same key in this process (a promise
 * chain per key: FIFO, one at a time). Pulumi runs independent resources of one dynamic provider
 * host in parallel; without this, two guarded writes could each pass the guard on the same read.
 * A failure of `fn` does not block the next caller.
 */
export function withAdminLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = adminLocks.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  adminLocks.set(key, tail);
  void tail.then(() => {
    if (adminLocks.get(key) === tail) adminLocks.delete(key);
  });
  return run;
}

export class AdminWriteUndoneError extends Error {
  constructor(removal: AdminRemoval, restored: boolean, restoreError?: unknown) {
    const what =
      removal.action === "delete"
        ? `deleting ${removal.email}`
        : removal.action === "disable"
          ? `disabling ${removal.email}`
          : `removing the Enterprise Admin role from ${removal.email}`;
    const outcome = restored
      ? `it was undone (${removal.email} is an enabled Enterprise Admin again)`
      : `undoing it FAILED (${restoreError instanceof Error ? restoreError.message : String(restoreError)}); ` +
        `restore ${removal.email} as an enabled Enterprise Admin in the Action1 console now`;
    super(
      `refused: ${what} left the enterprise with no enabled interactive Enterprise Admin ` +
        `(another change, e.g. in the Action1 console, removed an admin at the same time); ` +
        `${outcome}. Make sure another interactive user is an enabled Enterprise Admin, then retry.`,
    );
    this.name = "AdminWriteUndoneError";
  }
}

/** Enabled interactive members of the Enterprise Admin role, live. */
export async function countAdmins(reader: AdminReader): Promise<number> {
  const role = findEnterpriseAdminRole(await reader.listRoles());
  if (!role) return 0;
  return (await reader.listRoleMembers(role.id)).filter(countsAsAdmin).length;
}

export interface GuardedWrite<T> {
  /** Serialization key: the Action1 API base URL. */
  key: string;
  reader: AdminReader;
  removal: AdminRemoval;
  /** The write that may take `removal.userId` out of the admins. */
  write: () => Promise<T>;
  /** Puts the user back (re-enable / re-assign) when the re-count after `write` finds 0. */
  restore: () => Promise<unknown>;
}

/**
 * Guard, write and re-count as one step, serialized per enterprise (`withAdminLock`):
 * 1. `guardLastAdmin` (throws LastAdminError, nothing written);
 * 2. `write`;
 * 3. re-count the enabled interactive Enterprise Admins; if none is left (a change outside this
 *    process raced us), `restore` and throw AdminWriteUndoneError.
 *
 * Known shortcoming: the lock is per process. A change made elsewhere (console, another
 * `pulumi up`) between step 1 and 2 can still leave zero admins for the short time until step 3
 * restores the user (Action1 offers no conditional writes).
 */
export function guardedAdminWrite<T>(g: GuardedWrite<T>): Promise<T> {
  // One enterprise, however its base URL is spelled (case of the host, trailing slash).
  const key = g.key.trim().replace(/\/+$/, "").toLowerCase();
  return withAdminLock(key, async () => {
    const counted = await guardLastAdmin(g.reader, g.removal);
    const result = await g.write();
    if (!counted || (await countAdmins(g.reader)) > 0) return result;
    try {
      await g.restore();
    } catch (e) {
      throw new AdminWriteUndoneError(g.removal, false, e);
    }
    throw new AdminWriteUndoneError(g.removal, true);
  });
}
