/**
 * `drift-issue`: makes a failed drift check impossible to miss. When a stack drifted (or the
 * check could not run), it opens an issue `Drift in stack <stack>` labelled `drift` with the
 * summary, or updates the open one; when the next check passes, it comments and closes it.
 * Uses the job's GITHUB_TOKEN (needs `issues: write`).
 */
import { type Fetch, GitHubClient, type GitHubTarget } from "./github";
import type { Outcome } from "./summary";

export const DRIFT_LABEL = "drift";

interface Issue {
  number: number;
  title: string;
  pull_request?: unknown;
}

export function driftIssueTitle(stack: string): string {
  return `Drift in stack ${stack}`;
}

export type DriftIssueAction = "created" | "updated" | "closed" | "none";

/**
 * Opens, updates or closes the stack's drift issue for `outcome` (undefined: the check did not
 * report one, e.g. it stopped at the credential check, which counts as failed).
 */
export async function reportDrift(
  target: GitHubTarget,
  stack: string,
  outcome: Outcome | undefined,
  body: string,
  runUrl: string | undefined,
  fetchImpl: Fetch = fetch,
): Promise<{ action: DriftIssueAction; number?: number }> {
  const github = new GitHubClient(target, "drift-issue", "issues: write", fetchImpl);
  const title = driftIssueTitle(stack);
  let open: Issue | undefined;
  for (let page = 1; page <= 10 && open === undefined; page++) {
    const issues = await github.request<Issue[]>(
      "listing the open drift issues",
      "GET",
      `/issues?state=open&labels=${DRIFT_LABEL}&per_page=100&page=${page}`,
    );
    open = issues.find((i) => i.title === title && i.pull_request === undefined);
    if (issues.length < 100) break;
  }
  const run = runUrl ? ` ([run](${runUrl}))` : "";
  if (outcome === "passed") {
    if (!open) return { action: "none" };
    await github.request(
      "commenting on the drift issue",
      "POST",
      `/issues/${open.number}/comments`,
      {
        body: `The drift check of stack \`${stack}\` passes again${run}; closing.`,
      },
    );
    await github.request("closing the drift issue", "PATCH", `/issues/${open.number}`, {
      state: "closed",
      state_reason: "completed",
    });
    return { action: "closed", number: open.number };
  }
  const text =
    body.trim() !== ""
      ? body
      : `The drift check of stack \`${stack}\` could not run${run}: see the job's log.\n`;
  if (open) {
    await github.request("updating the drift issue", "PATCH", `/issues/${open.number}`, {
      body: text,
    });
    return { action: "updated", number: open.number };
  }
  const created = await github.request<Issue>("opening the drift issue", "POST", "/issues", {
    title,
    body: text,
    labels: [DRIFT_LABEL],
  });
  return { action: "created", number: created.number };
}
