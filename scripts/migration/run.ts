/**
 * One migration run, as the CLI performs it: read the journal, plan from the live tenant, check
 * preconditions, then (only with `apply`) execute or roll back, and report. Everything it talks to
 * comes in as ports, so tests drive it against the local Action1 and local Okta.
 */
import pLimit from "p-limit";
import { executePlan, rollbackUsers, type UserResult } from "./executor";
import { foldJournal, Journal, readJournal, unfinished } from "./journal";
import { buildPlan, normEmail, type Plan, type PlanProblem } from "./planner";
import type { MigrationAction1, MigrationOkta } from "./ports";
import { buildReport, type Report } from "./report";
import type { OldAccountMode, Selection } from "./types";

export interface RunOptions {
  selection: Selection;
  apply: boolean;
  rollback: boolean;
  journalPath: string;
  concurrency: number;
  oldAccount: OldAccountMode;
}

export interface RunDeps {
  action1: MigrationAction1;
  okta: MigrationOkta;
  /** Human-readable lines (plan, progress without a TTY). */
  log: (line: string) => void;
  /** Progress hooks (the CLI draws a bar on a TTY). */
  progress?: {
    start(total: number): void;
    tick(email: string, outcome: string): void;
    stop(): void;
  };
  shouldStop?: () => boolean;
  /** Tests: sees the journal before anything is written through it. */
  onJournal?: (journal: Journal) => void;
}

export type RunResult =
  | { kind: "refused"; problems: string[]; plan?: Plan }
  | { kind: "dry-run"; plan: Plan; lines: string[] }
  | { kind: "done"; report: Report };

export async function runMigration(opts: RunOptions, deps: RunDeps): Promise<RunResult> {
  const startedAt = new Date();
  const states = foldJournal(readJournal(opts.journalPath));
  const open = unfinished(states);
  if (opts.rollback) return runRollback(opts, deps, open, startedAt);

  const [users, roles, idp] = await Promise.all([
    deps.action1.listUsers(),
    deps.action1.listRoles(),
    deps.action1.identityProvider(),
  ]);
  const inProgress = new Map(
    open.flatMap((s) => (s.snapshot ? [[s.email, s.snapshot] as const] : [])),
  );
  const finished = new Set(
    [...states.values()].filter((s) => s.outcome === "migrated").map((s) => s.email),
  );
  const plan = buildPlan({ users, roles, selection: opts.selection, inProgress, finished });
  const problems: PlanProblem[] = plan.ok ? [] : [...plan.problems];
  if (idp !== "Okta") {
    problems.push({
      code: "precondition",
      message:
        `the Action1 identity provider is ${idp ?? "not set (Action1 passwords)"}, not Okta: ` +
        "re-invited users would get passwords again. Deploy the stack's IdentityProvider first",
    });
  }
  // Okta preconditions for every user that will be (re-)invited.
  const limit = pLimit(Math.max(1, opts.concurrency));
  const access = await Promise.all(
    plan.users.map((u) => limit(() => deps.okta.checkAccess(u.snapshot.email))),
  );
  access.forEach((a) => {
    if (!a.ok) problems.push({ code: "precondition", message: `Okta: ${a.reason}` });
  });

  const lines = describePlan(plan);
  if (problems.length > 0) {
    return { kind: "refused", problems: problems.map((p) => p.message), plan };
  }
  if (!opts.apply) return { kind: "dry-run", plan, lines };
  if (!plan.ok) return { kind: "refused", problems: [], plan };

  const journal = new Journal(opts.journalPath, "apply");
  deps.onJournal?.(journal);
  deps.progress?.start(plan.users.length);
  try {
    const results = await executePlan(plan.users, {
      action1: deps.action1,
      roles,
      journal,
      concurrency: opts.concurrency,
      oldAccount: opts.oldAccount,
      states,
      shouldStop: deps.shouldStop,
      onProgress: (e) => {
        if (e.kind === "user") deps.progress?.tick(e.email, e.result.outcome);
      },
    });
    return {
      kind: "done",
      report: buildReport("apply", opts.journalPath, startedAt, results, plan.skipped),
    };
  } finally {
    deps.progress?.stop();
    journal.close();
  }
}

async function runRollback(
  opts: RunOptions,
  deps: RunDeps,
  open: ReturnType<typeof unfinished>,
  startedAt: Date,
): Promise<RunResult> {
  const wanted =
    opts.selection.kind === "emails" ? new Set(opts.selection.emails.map(normEmail)) : undefined;
  const targets = open.filter((s) => !wanted || wanted.has(s.email));
  if (!opts.apply) {
    const lines = targets.map(
      (s) =>
        `${s.email}: would restore ${s.snapshot?.roles.map((r) => r.name).join(", ") || "no roles"}` +
        ` to ${s.snapshot?.oldUserId} (done so far: ${[...s.done].join(", ") || "nothing"})`,
    );
    return {
      kind: "dry-run",
      plan: { ok: true, enterpriseAdminRoleId: "", users: [], skipped: [], breakGlass: [] },
      lines: lines.length > 0 ? lines : ["nothing to roll back: no user is half-migrated"],
    };
  }
  const journal = new Journal(opts.journalPath, "rollback");
  deps.onJournal?.(journal);
  deps.progress?.start(targets.length);
  try {
    const results: UserResult[] = await rollbackUsers(targets, {
      action1: deps.action1,
      roles: [],
      journal,
      concurrency: opts.concurrency,
      states: new Map(),
      shouldStop: deps.shouldStop,
    });
    for (const r of results) deps.progress?.tick(r.email, r.outcome);
    return {
      kind: "done",
      report: buildReport("rollback", opts.journalPath, startedAt, results, []),
    };
  } finally {
    deps.progress?.stop();
    journal.close();
  }
}

/** The dry run's text: per user, every step and the roles to restore. */
export function describePlan(plan: Plan): string[] {
  const lines: string[] = [];
  for (const u of plan.users) {
    const roles = u.snapshot.roles.map((r) => r.name).join(", ") || "(no roles)";
    lines.push(
      `${u.email}${u.resume ? " (resume)" : ""}${u.isEnterpriseAdmin ? " [Enterprise Admin]" : ""}`,
    );
    lines.push(`  roles to restore: ${roles}`);
    lines.push(`  steps: ${u.steps.join(" -> ")}`);
  }
  for (const s of plan.skipped) lines.push(`${s.email}: skipped, ${s.reason}`);
  if (plan.ok) {
    lines.push(`break-glass admin(s) kept throughout: ${plan.breakGlass.join(", ")}`);
  }
  return lines;
}
