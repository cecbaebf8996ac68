/**
 * Markdown summaries of a preview, deploy or drift check: posted to the pull request (one comment
 * per stack, found again by its marker and updated in place) and appended to the job summary.
 * All text from the engine is escaped: it cannot close a table, open HTML or mention anyone.
 */
import {
  blockingViolations,
  changeCount,
  NO_CHANGE_OPS,
  type OperationReport,
  type PolicyViolation,
} from "./events";

export type StepKind = "preview" | "deploy" | "drift-check";

export type Outcome =
  | "passed" // ran, exit 0
  | "blocked" // ran, refused by a mandatory policy violation
  | "drift" // drift check found changes
  | "failed"; // anything else that exited non-zero

/** GitHub refuses comments over 65,536 characters; keep well below. */
export const MAX_SUMMARY_CHARS = 60_000;

/** The hidden marker that identifies the comment of one step and stack. */
export function summaryMarker(kind: StepKind, stack: string): string {
  return `<!-- action1-okta-sso:${kind}:${stack} -->`;
}

/** Escapes text for one Markdown table cell or list item. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@/g, "&#64;")
    .replace(/\|/g, "\\|")
    .replace(/`/g, "&#96;")
    .replace(/\r?\n/g, "<br>");
}

const TITLES: Readonly<Record<StepKind, string>> = {
  preview: "Pulumi preview",
  deploy: "Pulumi deploy",
  "drift-check": "Drift check",
};

function headline(outcome: Outcome, kind: StepKind, report: OperationReport, code: number) {
  const n = changeCount(report);
  const changes = `${n} resource${n === 1 ? "" : "s"} to change`;
  switch (outcome) {
    case "passed":
      if (kind === "drift-check") return "✅ no drift";
      if (kind === "deploy") return `✅ deployed (${n} resource${n === 1 ? "" : "s"} changed)`;
      return `✅ passed, ${changes}`;
    case "blocked": {
      const b = blockingViolations(report).length;
      return `⛔ blocked by policy (${b} mandatory violation${b === 1 ? "" : "s"})`;
    }
    case "drift":
      return `❌ drift detected (${n} resource${n === 1 ? " differs" : "s differ"} from the code)`;
    case "failed":
      return `❌ failed (exit code ${code})`;
  }
}

/** Decides the outcome from the exit code and what the events said. */
export function outcomeOf(kind: StepKind, code: number, report: OperationReport): Outcome {
  if (blockingViolations(report).length > 0) return "blocked";
  if (kind === "drift-check") {
    if (changeCount(report) > 0) return "drift";
    return code === 0 ? "passed" : "failed";
  }
  return code === 0 ? "passed" : "failed";
}

/** Long engine messages are cut so that one cannot push everything else out of the comment. */
export const MAX_MESSAGE_CHARS = 1_000;

function clip(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)} […]` : text;
}

function violationRow(v: PolicyViolation): string {
  const level =
    v.exceptions.length > 0 ? `${v.level} (excepted: ${v.exceptions.join(", ")})` : v.level;
  const resource = v.urn ? escapeMarkdown(v.urn.split("::").slice(3).join("::") || v.urn) : "stack";
  return `| ${escapeMarkdown(level)} | ${escapeMarkdown(`${v.policyPack}/${v.policy}`)} | ${resource} | ${escapeMarkdown(clip(v.message))} |`;
}

export interface SummaryInput {
  readonly kind: StepKind;
  readonly stack: string;
  readonly code: number;
  readonly report: OperationReport;
  /** Link to the CI run, when known (e.g. from GITHUB_SERVER_URL/REPOSITORY/RUN_ID). */
  readonly runUrl?: string;
}

export function renderSummary(input: SummaryInput): string {
  const { kind, stack, code, report } = input;
  const outcome = outcomeOf(kind, code, report);
  const head = [
    summaryMarker(kind, stack),
    `### ${TITLES[kind]} — stack \`${stack}\`: ${headline(outcome, kind, report, code)}`,
    "",
  ];
  const tail: string[] = [];
  if (input.runUrl) tail.push("", `[Full log](${input.runUrl})`);

  const body: string[] = [];
  const counts = Object.entries(report.changes).sort(([a], [b]) => a.localeCompare(b));
  if (counts.length > 0) {
    body.push("| operation | resources |", "|---|---|");
    for (const [op, n] of counts) {
      const label = NO_CHANGE_OPS.includes(op) && op === "same" ? "unchanged" : op;
      body.push(`| ${escapeMarkdown(label)} | ${n} |`);
    }
    body.push("");
  } else {
    body.push("_The engine reported no change summary (the run stopped early)._", "");
  }

  if (report.violations.length > 0) {
    body.push(`#### Policy violations (${report.violations.length})`, "");
    body.push("| level | policy | resource | message |", "|---|---|---|---|");
    body.push(...report.violations.map(violationRow), "");
  }

  if (report.errors.length > 0) {
    body.push(`#### Errors (${report.errors.length})`, "");
    body.push(...report.errors.map((e) => `- ${escapeMarkdown(clip(e))}`), "");
  }

  const rows = report.resources.map(
    (r) =>
      `| ${escapeMarkdown(r.op)} | ${escapeMarkdown(r.type)} | ${escapeMarkdown(r.name)} | ` +
      `${escapeMarkdown(r.diffs.join(", "))} |`,
  );
  const fixed = [...head, ...body].join("\n").length + tail.join("\n").length + 200;
  const resourceLines: string[] = [];
  if (rows.length > 0) {
    resourceLines.push(
      `<details><summary>Resources (${rows.length})</summary>`,
      "",
      "| operation | type | name | changed properties |",
      "|---|---|---|---|",
    );
    let used = fixed + resourceLines.join("\n").length;
    let shown = 0;
    for (const row of rows) {
      if (used + row.length + 1 > MAX_SUMMARY_CHARS) break;
      resourceLines.push(row);
      used += row.length + 1;
      shown++;
    }
    if (shown < rows.length) {
      resourceLines.push("", `_${rows.length - shown} more not shown: see the full log._`);
    }
    resourceLines.push("", "</details>");
  }
  const text = [...head, ...body, ...resourceLines, ...tail].join("\n").trimEnd();
  return `${text}\n`;
}
