/**
 * The migration planner: pure, no I/O. From the live users and roles of the enterprise, the
 * selection and what the journal says is already in progress, it builds a per-user plan (steps
 * and roles to restore) or refuses the whole plan, listing every problem at once.
 *
 * Invariant: while users are migrated, each of them loses its roles for a while. A break-glass
 * admin must remain throughout: an enabled, interactive Enterprise Admin that signs in with an
 * Action1 password and is outside the set being migrated. Without one the plan is refused.
 */
import { findEnterpriseAdminRole, type RoleRef } from "../../infra/action1/adminGuard";
import { type LiveUser, type Selection, STEPS, type StepName, type UserSnapshot } from "./types";

export interface PlanInput {
  users: readonly LiveUser[];
  roles: readonly RoleRef[];
  selection: Selection;
  /** Users the journal shows as started and not finished: always part of the set. */
  inProgress?: ReadonlyMap<string, UserSnapshot>;
  /** Users the journal shows as finished: skipped. */
  finished?: ReadonlySet<string>;
}

export interface UserPlan {
  email: string;
  snapshot: UserSnapshot;
  isEnterpriseAdmin: boolean;
  resume: boolean;
  steps: StepName[];
}

export interface Skipped {
  email: string;
  reason: string;
}

export type PlanProblemCode =
  | "last-admin"
  | "unknown-user"
  | "not-interactive"
  | "duplicate-email"
  | "no-enterprise-admin-role"
  | "precondition";

export interface PlanProblem {
  code: PlanProblemCode;
  message: string;
}

export type Plan =
  | {
      ok: true;
      enterpriseAdminRoleId: string;
      users: UserPlan[];
      skipped: Skipped[];
      breakGlass: string[];
    }
  | { ok: false; problems: PlanProblem[]; users: UserPlan[]; skipped: Skipped[] };

export const normEmail = (email: string): string => email.trim().toLowerCase();

const isPasswordUser = (u: LiveUser): boolean => u.identityProvider === "Action1";

export function buildPlan(input: PlanInput): Plan {
  const problems: PlanProblem[] = [];
  const skipped: Skipped[] = [];
  const users: UserPlan[] = [];
  const inProgress = input.inProgress ?? new Map<string, UserSnapshot>();
  const finished = input.finished ?? new Set<string>();
  const roleById = new Map(input.roles.map((r) => [r.id, r]));
  const ea = findEnterpriseAdminRole(input.roles);
  if (!ea) {
    problems.push({
      code: "no-enterprise-admin-role",
      message:
        'Action1 lists no Enterprise Admin role (id "enterprise_admin" or name ' +
        '"Enterprise Admin"), so the last-admin invariant cannot be checked',
    });
  }

  // Enabled users by normalised email (GET /users lists enabled users only).
  const byEmail = new Map<string, LiveUser>();
  for (const u of input.users) {
    if (!u.enabled) continue;
    const key = normEmail(u.email);
    if (byEmail.has(key)) {
      problems.push({
        code: "duplicate-email",
        message: `Action1 has more than one enabled user with email ${key}; resolve that first`,
      });
    }
    byEmail.set(key, u);
  }

  // Which emails are asked for.
  let wanted: string[];
  if (input.selection.kind === "emails") {
    wanted = [...new Set(input.selection.emails.map(normEmail))];
  } else {
    const except = new Set(input.selection.except.map(normEmail));
    for (const e of except) {
      if (!byEmail.has(e)) {
        problems.push({
          code: "unknown-user",
          message: `--except ${e}: no enabled Action1 user has this email`,
        });
      }
    }
    wanted = [...byEmail.entries()]
      .filter(([e, u]) => !except.has(e) && u.userType === "Interactive" && isPasswordUser(u))
      .map(([e]) => e);
  }

  const set = new Set<string>();
  const planUser = (email: string, snapshot: UserSnapshot, resume: boolean) => {
    set.add(email);
    users.push({
      email,
      snapshot,
      resume,
      isEnterpriseAdmin: ea !== undefined && snapshot.roles.some((r) => r.id === ea.id),
      steps: [...STEPS],
    });
  };

  for (const [email, snapshot] of inProgress) {
    if (!finished.has(email)) planUser(email, snapshot, true);
  }
  for (const email of wanted) {
    if (set.has(email)) continue;
    if (finished.has(email)) {
      skipped.push({ email, reason: "already migrated (journal)" });
      continue;
    }
    const u = byEmail.get(email);
    if (!u) {
      problems.push({
        code: "unknown-user",
        message: `${email}: no enabled Action1 user has this email (check the spelling)`,
      });
      continue;
    }
    if (u.userType !== "Interactive") {
      problems.push({
        code: "not-interactive",
        message: `${email}: is an ${u.userType} user (API credentials are never migrated)`,
      });
      continue;
    }
    if (!isPasswordUser(u)) {
      skipped.push({ email, reason: `already signs in with ${u.identityProvider}` });
      continue;
    }
    const roles = u.roleIds.map((id) => roleById.get(id) ?? { id, name: id });
    planUser(
      email,
      { oldUserId: u.id, email: u.email, firstName: u.firstName, lastName: u.lastName, roles },
      false,
    );
  }

  // The invariant: a break-glass password Enterprise Admin outside the set, throughout.
  const breakGlass = ea
    ? [...byEmail.entries()]
        .filter(
          ([e, u]) =>
            !set.has(e) &&
            u.userType === "Interactive" &&
            isPasswordUser(u) &&
            u.roleIds.includes(ea.id),
        )
        .map(([e]) => e)
        .sort()
    : [];
  if (ea && breakGlass.length === 0) {
    const admins = users.filter((u) => u.isEnterpriseAdmin).map((u) => u.email);
    problems.push({
      code: "last-admin",
      message:
        "refused: no enabled interactive password Enterprise Admin would remain outside the " +
        `users being migrated${admins.length ? ` (admins in the set: ${admins.join(", ")})` : ""}` +
        "; keep a break-glass password admin out of the migration (e.g. --except <email>) or " +
        "make another password user an Enterprise Admin first",
    });
  }

  if (problems.length > 0 || !ea) return { ok: false, problems, users, skipped };
  return { ok: true, enterpriseAdminRoleId: ea.id, users, skipped, breakGlass };
}
