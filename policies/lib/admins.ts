/**
 * Who counts as an Enterprise Admin in the declared end state. Users and role assignments are
 * joined by email, case-insensitively: the email is a literal at preview time while `userId` may
 * still be unknown (docs/architecture.md).
 *
 * An admin counts when an Action1 user declared in this stack is interactive (`userType`
 * "Interactive"), `enabled: true`, and holds the Enterprise Admin role (`enterprise_admin` or
 * "Enterprise Admin", any case). API credentials and other roles never count.
 */
import type { PolicyResource } from "@pulumi/policy";
import { isKnown, read, readString, UNKNOWN } from "./known";
import { describe, TOKENS } from "./tokens";

/** Role values that mean Enterprise Admin: Action1's role id and its display name. */
const ENTERPRISE_ADMIN_ROLES: readonly string[] = ["enterprise_admin", "enterprise admin"];

export function isEnterpriseAdminRole(role: string): boolean {
  return ENTERPRISE_ADMIN_ROLES.includes(role.trim().toLowerCase());
}

export interface CountedAdmin {
  readonly resource: PolicyResource;
  /** As declared (original case). */
  readonly email: string;
  readonly signIn: string | undefined;
}

export interface NotCounted {
  readonly resource: PolicyResource;
  readonly email: string;
  /** Why it does not count, e.g. `is disabled`. */
  readonly why: string;
}

export interface AdminCensus {
  /** Enabled interactive Enterprise Admins, one per email. */
  readonly admins: readonly CountedAdmin[];
  /** Admins among them that do not sign in through Okta (`signIn` "password"). */
  readonly breakGlass: readonly CountedAdmin[];
  /** Users or assignments that look like admins but do not count, with the reason. */
  readonly notCounted: readonly NotCounted[];
  /**
   * True when a value that could change the census is unknown during preview. Unknowns can only
   * add admins that are not yet visible, so a shortfall is then not a certain violation.
   */
  readonly incomplete: boolean;
}

interface RoleHolder {
  readonly resource: PolicyResource;
  readonly email: string;
  readonly roles: string[];
  enterpriseAdmin: boolean;
}

/** Counts the Enterprise Admins that `resources` (a stack's declared end state) keep. */
export function adminCensus(resources: readonly PolicyResource[]): AdminCensus {
  let incomplete = false;
  const holders = new Map<string, RoleHolder>();
  for (const r of resources.filter((x) => x.type === TOKENS.action1RoleAssignment)) {
    const email = readString(() => r.props.email);
    const role = readString(() => r.props.role);
    if (email === UNKNOWN || role === UNKNOWN) {
      incomplete = true;
      continue;
    }
    if (email === undefined || role === undefined) {
      continue;
    }
    const key = email.toLowerCase();
    const holder = holders.get(key) ?? { resource: r, email, roles: [], enterpriseAdmin: false };
    holder.roles.push(role);
    holder.enterpriseAdmin ||= isEnterpriseAdminRole(role);
    holders.set(key, holder);
  }

  const admins = new Map<string, CountedAdmin>();
  const notCounted: NotCounted[] = [];
  const declared = new Set<string>();
  for (const r of resources.filter((x) => x.type === TOKENS.action1User)) {
    const email = readString(() => r.props.email);
    if (email === UNKNOWN) {
      incomplete = true;
      continue;
    }
    if (email === undefined) {
      continue;
    }
    const key = email.toLowerCase();
    declared.add(key);
    const holder = holders.get(key);
    if (!holder) {
      continue;
    }
    if (!holder.enterpriseAdmin) {
      const roles = holder.roles.map((x) => `"${x}"`).join(", ");
      notCounted.push({ resource: r, email, why: `holds ${roles}, not Enterprise Admin` });
      continue;
    }
    const userType = read(() => r.props.userType as unknown);
    const enabled = read(() => r.props.enabled as unknown);
    const signIn = readString(() => r.props.signIn);
    if (!isKnown(userType) || !isKnown(enabled) || signIn === UNKNOWN) {
      incomplete = true;
      continue;
    }
    if (userType !== "Interactive") {
      const why =
        userType === "API"
          ? 'is an API credential (userType "API")'
          : `has userType ${JSON.stringify(userType ?? null)}, not "Interactive"`;
      notCounted.push({ resource: r, email, why });
    } else if (enabled !== true) {
      notCounted.push({ resource: r, email, why: "is disabled" });
    } else if (!admins.has(key) || signIn === "password") {
      // One admin per email; a password sign-in among duplicates makes it break-glass.
      admins.set(key, { resource: r, email, signIn });
    }
  }
  for (const [key, holder] of holders) {
    if (holder.enterpriseAdmin && !declared.has(key)) {
      const why = "holds Enterprise Admin but this stack declares no Action1 user with that email";
      notCounted.push({ resource: holder.resource, email: holder.email, why });
    }
  }

  const list = [...admins.values()];
  return {
    admins: list,
    breakGlass: list.filter((a) => a.signIn === "password"),
    notCounted,
    incomplete,
  };
}

/** `User "admin-a" <a@example.invalid>`, or the role assignment when no user is declared. */
export function describeAdmin(a: { resource: PolicyResource; email: string }): string {
  const what = a.resource.type === TOKENS.action1User ? "User" : describe(a.resource);
  return a.resource.type === TOKENS.action1User
    ? `${what} "${a.resource.name}" <${a.email}>`
    : `${what} <${a.email}>`;
}
