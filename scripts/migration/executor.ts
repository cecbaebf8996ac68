/**
 * Runs a migration plan: for each user, in order, record roles, revoke them, retire the old
 * password account (rename + disable, or delete), invite the same address as an SSO user, restore
 * the roles and verify. Every step is journaled before and after; every step is safe to repeat,
 * because it first looks at the live tenant (so a resumed run finishes each user exactly once).
 */
import pLimit from "p-limit";
import {
  assertNotLastAdmin,
  findEnterpriseAdminRole,
  type RoleRef,
} from "../../infra/action1/adminGuard";
import { type Journal, mayHaveNewAccount, type StepData, type UserJournalState } from "./journal";
import { normEmail, type UserPlan } from "./planner";
import type { MigrationAction1 } from "./ports";
import type { AnyStep, OldAccountMode, RollbackStep, StepName, UserSnapshot } from "./types";

export interface ExecuteOptions {
  action1: MigrationAction1;
  /** The enterprise's roles (`GET /roles`), read once per run. */
  roles: RoleRef[];
  journal: Journal;
  concurrency: number;
  oldAccount: OldAccountMode;
  /** What the journal already says, by lower-case email. */
  states: ReadonlyMap<string, UserJournalState>;
  /** Called when a user starts a step and when it ends (progress display). */
  onProgress?: (event: ProgressEvent) => void;
  /** Checked between steps: when true, no new step starts (Ctrl-C). */
  shouldStop?: () => boolean;
}

export type ProgressEvent =
  | { kind: "step"; email: string; step: AnyStep }
  | { kind: "user"; email: string; result: UserResult };

export interface UserResult {
  email: string;
  outcome: "migrated" | "rolled-back" | "failed" | "stopped";
  oldUserId: string;
  newUserId?: string;
  roles: string[];
  error?: string;
  resumed: boolean;
}

/** Thrown between steps when the run is asked to stop; the journal says where. */
export class StoppedError extends Error {
  constructor() {
    super("stopped before the next step; re-run the same command to resume");
  }
}

/** The address an old account is renamed to (deterministic, so a resumed run finds it). */
export function retiredEmail(email: string, oldUserId: string): string {
  const at = email.lastIndexOf("@");
  const tag = `pre-sso-${oldUserId.replace(/[^A-Za-z0-9]/g, "").slice(0, 12)}`;
  return at < 0 ? `${email}+${tag}` : `${email.slice(0, at)}+${tag}${email.slice(at)}`;
}

export async function executePlan(users: UserPlan[], opts: ExecuteOptions): Promise<UserResult[]> {
  const migrating = new Set(users.map((u) => u.snapshot.oldUserId));
  const ea = findEnterpriseAdminRole(opts.roles);
  if (!ea) throw new Error("Action1 lists no Enterprise Admin role; nothing was changed");
  const limit = pLimit(Math.max(1, opts.concurrency));
  return settleAll(
    users.map((u) =>
      limit(async () => {
        const result = await migrateUser(u, opts, ea.id, migrating);
        opts.onProgress?.({ kind: "user", email: u.email, result });
        return result;
      }),
    ),
  );
}

/** Like Promise.all, but waits for every user before rethrowing (no work left running). */
async function settleAll<T>(promises: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

async function migrateUser(
  plan: UserPlan,
  opts: ExecuteOptions,
  eaRoleId: string,
  migrating: ReadonlySet<string>,
): Promise<UserResult> {
  const { action1: a1, journal } = opts;
  const email = plan.email;
  // Only a user the journal shows in progress resumes; anyone else starts from the live state.
  const state = plan.resume ? opts.states.get(email) : undefined;
  const done = new Set<AnyStep>(state?.done ?? []);
  let snapshot: UserSnapshot = state?.snapshot ?? plan.snapshot;
  let newUserId = state?.newUserId;
  const oldAccount = state?.oldAccount ?? opts.oldAccount;
  const result = (outcome: UserResult["outcome"], error?: string): UserResult => ({
    email,
    outcome,
    oldUserId: snapshot.oldUserId,
    newUserId,
    roles: snapshot.roles.map((r) => r.name),
    error,
    resumed: plan.resume,
  });

  let current: StepName | undefined;
  const run = async (step: StepName, body: () => Promise<void>, data?: StepData) => {
    if (done.has(step)) return;
    if (opts.shouldStop?.()) throw new StoppedError();
    opts.onProgress?.({ kind: "step", email, step });
    current = step;
    journal.step(email, step, "begin", data);
    await body();
    current = undefined;
  };

  // A user started by this run: what earlier steps read is still known, which saves a GET per
  // step. A resumed user re-reads the live state before every step instead.
  const fresh = !done.has("record-roles");
  let created = false;
  const isAdmin = () => snapshot.roles.some((r) => r.id === eaRoleId);

  try {
    await run("record-roles", async () => {
      // Nothing has changed yet for this user, so live roles are the truth.
      const live = await a1.getUser(snapshot.oldUserId);
      if (!live?.enabled) {
        throw new Error(`the Action1 user ${snapshot.oldUserId} is gone or disabled`);
      }
      const ids = await a1.getUserRoleIds(snapshot.oldUserId);
      const byId = new Map(opts.roles.map((r) => [r.id, r]));
      snapshot = {
        oldUserId: live.id,
        email: live.email,
        firstName: live.firstName,
        lastName: live.lastName,
        roles: ids.map((id) => byId.get(id) ?? { id, name: id }),
      };
      journal.step(email, "record-roles", "done", { snapshot });
    });

    await run("revoke-roles", async () => {
      const live = new Set(
        fresh ? snapshot.roles.map((r) => r.id) : await a1.getUserRoleIds(snapshot.oldUserId),
      );
      for (const role of snapshot.roles) {
        if (!live.has(role.id)) continue;
        if (role.id === eaRoleId) await guard(a1, eaRoleId, snapshot, "revoke", migrating);
        await a1.unassignRole(role.id, snapshot.oldUserId);
      }
      journal.step(email, "revoke-roles", "done");
    });

    await run(
      "retire-old",
      async () => {
        const old = fresh ? { enabled: true } : await a1.getUser(snapshot.oldUserId);
        if (old?.enabled) {
          if (isAdmin()) {
            await guard(
              a1,
              eaRoleId,
              snapshot,
              oldAccount === "delete" ? "delete" : "disable",
              migrating,
            );
          }
          if (oldAccount === "delete") {
            await a1.deleteUser(snapshot.oldUserId);
          } else {
            await a1.patchUser(snapshot.oldUserId, {
              email: retiredEmail(snapshot.email, snapshot.oldUserId),
              enabled: false,
            });
          }
        }
        journal.step(email, "retire-old", "done");
      },
      { oldAccount },
    );

    await run("invite", async () => {
      const invited = await inviteOnce(a1, snapshot, !fresh);
      newUserId = invited.id;
      created = invited.created;
      journal.step(email, "invite", "done", { newUserId });
    });
    const newId = newUserId;
    if (!newId) throw new Error("internal: invite finished without a user id");

    await run("restore-roles", async () => {
      // A user this run just created has no roles yet.
      const live = new Set(created ? [] : await a1.getUserRoleIds(newId));
      for (const role of snapshot.roles) {
        if (!live.has(role.id)) await a1.assignRole(role.id, newId);
      }
      journal.step(email, "restore-roles", "done");
    });

    await run("verify", async () => {
      await verify(a1, snapshot, newId);
      journal.step(email, "verify", "done");
    });
    journal.outcome(email, "migrated");
    return result("migrated");
  } catch (err) {
    if (err instanceof StoppedError) return result("stopped", err.message);
    const message = err instanceof Error ? err.message : String(err);
    if (current) journal.step(email, current, "failed", undefined, message);
    journal.outcome(email, "failed");
    return result("failed", message);
  }
}

async function guard(
  a1: MigrationAction1,
  eaRoleId: string,
  snapshot: UserSnapshot,
  action: "revoke" | "delete" | "disable",
  migrating: ReadonlySet<string>,
): Promise<void> {
  // Everyone being migrated may be without roles at the same time: they do not count.
  const others = new Set([...migrating].filter((id) => id !== snapshot.oldUserId));
  assertNotLastAdmin(
    await a1.listRoleMembers(eaRoleId),
    { userId: snapshot.oldUserId, email: snapshot.email, action },
    others,
  );
}

/**
 * Invites the address unless an SSO account for it already exists. `lookFirst` is set when
 * resuming (an earlier run may have sent the POST); a fresh invite posts at once, and the client
 * looks the address up itself when the answer is lost.
 */
async function inviteOnce(
  a1: MigrationAction1,
  snapshot: UserSnapshot,
  lookFirst: boolean,
): Promise<{ id: string; created: boolean }> {
  const existing = async () => {
    const found = await a1.findUsersByEmail(snapshot.email);
    const sso = found.filter((u) => u.identityProvider !== "Action1");
    const password = found.filter((u) => u.identityProvider === "Action1");
    if (password.length > 0) {
      throw new Error(
        `${snapshot.email} still has an enabled password account (${password[0]?.id}); ` +
          "it should have been retired by the previous step",
      );
    }
    if (sso.length > 1) {
      throw new Error(`${snapshot.email} has ${sso.length} SSO accounts; expected one`);
    }
    return sso[0]?.id;
  };
  const before = lookFirst ? await existing() : undefined;
  if (before) return { id: before, created: false };
  try {
    // Known shortcoming: only names, email and roles carry over; per-user settings of the old
    // account (phone, timezone, session timeout) are not copied to the new one.
    const id = await a1.inviteSsoUser({
      email: snapshot.email,
      firstName: snapshot.firstName,
      lastName: snapshot.lastName,
    });
    // Adopted by the client's own look-up after a lost answer: it may hold roles already.
    return { id, created: true };
  } catch (err) {
    // The request may have been applied before the connection dropped: look before failing.
    const after = await existing();
    if (after) return { id: after, created: false };
    throw err;
  }
}

async function verify(a1: MigrationAction1, snapshot: UserSnapshot, newId: string) {
  const user = await a1.getUser(newId);
  const problems: string[] = [];
  if (!user) problems.push(`the new account ${newId} does not exist`);
  else {
    if (!user.enabled) problems.push("the new account is disabled");
    if (user.identityProvider === "Action1") {
      problems.push(
        "the new account signs in with an Action1 password (is the identity provider Okta?)",
      );
    }
    if (normEmail(user.email) !== normEmail(snapshot.email)) {
      problems.push(`the new account's email is ${user.email}`);
    }
  }
  const have = new Set(await a1.getUserRoleIds(newId));
  const want = new Set(snapshot.roles.map((r) => r.id));
  const missing = [...want].filter((r) => !have.has(r));
  const extra = [...have].filter((r) => !want.has(r));
  if (missing.length) problems.push(`roles missing: ${missing.join(", ")}`);
  if (extra.length) problems.push(`roles not held before: ${extra.join(", ")}`);
  if (problems.length > 0) {
    throw new Error(`verification of ${snapshot.email} failed: ${problems.join("; ")}`);
  }
}

/**
 * Rolls back users that were started but not yet re-invited: re-enables (and renames back) the
 * old account and gives it its recorded roles again. Users that may already have the new account
 * are refused (finish them forward instead).
 */
export async function rollbackUsers(
  states: UserJournalState[],
  opts: Omit<ExecuteOptions, "oldAccount">,
): Promise<UserResult[]> {
  const limit = pLimit(Math.max(1, opts.concurrency));
  return settleAll(states.map((s) => limit(() => rollbackUser(s, opts))));
}

async function rollbackUser(
  state: UserJournalState,
  opts: Omit<ExecuteOptions, "oldAccount">,
): Promise<UserResult> {
  const { action1: a1, journal } = opts;
  const snapshot = state.snapshot;
  const base = {
    email: state.email,
    oldUserId: snapshot?.oldUserId ?? "",
    roles: snapshot?.roles.map((r) => r.name) ?? [],
    resumed: true,
  };
  if (!snapshot) return { ...base, outcome: "rolled-back" };
  if (mayHaveNewAccount(state)) {
    return {
      ...base,
      outcome: "failed",
      error:
        "cannot roll back: the SSO account may already exist (invite started); re-run without " +
        "--rollback to finish this user",
    };
  }
  const done = new Set(state.done);
  let current: RollbackStep | undefined;
  try {
    const retireTouched = done.has("retire-old") || state.inFlight === "retire-old";
    if (retireTouched && !done.has("unretire")) {
      if (opts.shouldStop?.()) throw new StoppedError();
      current = "unretire";
      journal.step(state.email, "unretire", "begin");
      const old = await a1.getUser(snapshot.oldUserId);
      if (!old) throw new Error(`the old account ${snapshot.oldUserId} no longer exists`);
      if (!old.enabled || normEmail(old.email) !== normEmail(snapshot.email)) {
        // Known shortcoming: Action1's soft delete cannot be undone through the API, so a user
        // retired with --old-account delete can only be finished forward.
        if (state.oldAccount === "delete") {
          throw new Error(
            "cannot roll back: the old account was deleted (Action1 deletes cannot be undone " +
              "through the API); re-run without --rollback to finish this user as an SSO user",
          );
        }
        await a1.patchUser(snapshot.oldUserId, { email: snapshot.email, enabled: true });
      }
      journal.step(state.email, "unretire", "done");
    }
    if (!done.has("reassign-old")) {
      if (opts.shouldStop?.()) throw new StoppedError();
      current = "reassign-old";
      journal.step(state.email, "reassign-old", "begin");
      const live = new Set(await a1.getUserRoleIds(snapshot.oldUserId));
      for (const role of snapshot.roles) {
        if (!live.has(role.id)) await a1.assignRole(role.id, snapshot.oldUserId);
      }
      journal.step(state.email, "reassign-old", "done");
    }
    journal.outcome(state.email, "rolled-back");
    return { ...base, outcome: "rolled-back" };
  } catch (err) {
    if (err instanceof StoppedError) return { ...base, outcome: "stopped", error: err.message };
    const message = err instanceof Error ? err.message : String(err);
    if (current) journal.step(state.email, current, "failed", undefined, message);
    journal.outcome(state.email, "failed");
    return { ...base, outcome: "failed", error: message };
  }
}
