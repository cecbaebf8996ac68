/**
 * Runs one `pulumi` operation with `--json`, turns its event stream into a report and a Markdown
 * summary, and decides the step's exit code. Shared by preview, deploy and drift-check.
 */
import { pulumiBinary, pulumiEnv, runUrl, type StepContext, writeSummary } from "./context";
import { type OperationReport, parseEngineEvents, splitUrn } from "./events";
import { type Outcome, outcomeOf, renderSummary, type StepKind } from "./summary";

/** 0: passed; 1: the check worked and said no (policy block, drift); 2: the run failed. */
export const EXIT_CODES: Readonly<Record<Outcome, number>> = {
  passed: 0,
  blocked: 1,
  drift: 1,
  failed: 2,
};

export interface StepResult {
  readonly outcome: Outcome;
  /** The exit code the step's CLI ends with (see EXIT_CODES). */
  readonly exitCode: number;
  /** `pulumi`'s own exit code. */
  readonly pulumiExitCode: number;
  readonly report: OperationReport;
  readonly markdown: string;
}

/** One progress line per resource step, e.g. `  ~ update okta:app/oAuth:OAuth action1`. */
function progress(ctx: StepContext): (line: string) => void {
  const symbols: Record<string, string> = { create: "+", update: "~", delete: "-", replace: "+-" };
  return (line) => {
    if (!line.startsWith("{")) return;
    try {
      const event = JSON.parse(line) as {
        resOutputsEvent?: { metadata?: { op?: string; urn?: string } };
      };
      const meta = event.resOutputsEvent?.metadata;
      if (meta?.op && meta.urn && meta.op !== "same") {
        const { type, name } = splitUrn(meta.urn);
        ctx.log(`  ${symbols[meta.op] ?? "*"} ${meta.op} ${type} ${name}`);
      }
    } catch {
      // Not an event line; the full output is parsed once the run ends.
    }
  };
}

export async function runOperation(
  ctx: StepContext,
  kind: StepKind,
  stack: string,
  args: readonly string[],
  summaryFile: string | undefined,
): Promise<StepResult> {
  const pulumi = pulumiBinary(ctx.env);
  ctx.log(`${kind}: ${pulumi} ${args.join(" ")}`);
  const run = await ctx.runner(pulumi, args, {
    cwd: ctx.projectRoot,
    env: pulumiEnv(ctx.env),
    ...(kind === "deploy" ? { onStdoutLine: progress(ctx) } : {}),
  });
  const report = parseEngineEvents(run.stdout);
  const outcome = outcomeOf(kind, run.code, report);
  const url = runUrl(ctx.env);
  const markdown = renderSummary({
    kind,
    stack,
    code: run.code,
    report,
    ...(url ? { runUrl: url } : {}),
  });
  writeSummary(ctx, summaryFile, markdown);
  ctx.log(markdown);
  return {
    outcome,
    exitCode: EXIT_CODES[outcome],
    pulumiExitCode: run.code,
    report,
    markdown,
  };
}
