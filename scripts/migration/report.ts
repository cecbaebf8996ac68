/** The final report of a migration run: a plain-text table and a JSON document. */
import type { UserResult } from "./executor";
import type { Skipped } from "./planner";

export interface Report {
  mode: "apply" | "rollback";
  journal: string;
  startedAt: string;
  finishedAt: string;
  summary: Record<UserResult["outcome"] | "skipped", number>;
  users: UserResult[];
  skipped: Skipped[];
  apiCalls?: { action1: number; okta: number };
}

export function buildReport(
  mode: Report["mode"],
  journal: string,
  startedAt: Date,
  users: UserResult[],
  skipped: Skipped[],
): Report {
  const summary = { migrated: 0, "rolled-back": 0, failed: 0, stopped: 0, skipped: skipped.length };
  for (const u of users) summary[u.outcome] += 1;
  return {
    mode,
    journal,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    summary,
    users: [...users].sort((a, b) => a.email.localeCompare(b.email)),
    skipped,
  };
}

/** Column-aligned text table (no borders, wraps nothing; long errors stay on one line). */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function reportTable(report: Report): string {
  const rows = report.users.map((u) => [
    u.email,
    u.outcome,
    u.roles.join(", ") || "(none)",
    u.newUserId ?? "",
    u.error ?? "",
  ]);
  for (const s of report.skipped) rows.push([s.email, "skipped", "", "", s.reason]);
  const s = report.summary;
  const counts =
    `${s.migrated} migrated, ${s["rolled-back"]} rolled back, ${s.failed} failed, ` +
    `${s.stopped} stopped, ${s.skipped} skipped`;
  return `${formatTable(["user", "outcome", "roles", "new user id", "note"], rows)}\n\n${counts}`;
}
