/**
 * `drift-check`: does what runs in Okta and Action1 still match the code on main?
 *
 * - `preview` method (default): `pulumi preview --refresh --expect-no-changes`. Reads the live
 *   state first, then plans: any planned change means the services drifted from the code (or a
 *   merged change was not deployed yet).
 * - `refresh` method: `pulumi refresh --preview-only --expect-no-changes`. Compares the live
 *   state with the last deployed state only.
 * Exit 0: no drift; 1: drift (the summary lists what differs); 2: the check itself failed.
 *
 * Known limit: what counts as drift is what the providers' read and diff report. A provider whose
 * read returns no inputs and whose diff compares inputs only (the sandbox's substitute Okta
 * plugin) shows deleted objects but not changed attributes.
 */
import { requireCredentials, type StepContext, stackArgument, validateStackName } from "./context";
import { runOperation, type StepResult } from "./operation";

export type DriftMethod = "preview" | "refresh";

export interface DriftCheckOptions {
  readonly stack: string;
  readonly method?: DriftMethod;
  readonly summaryFile?: string;
}

export function driftCheckArgs(ctx: StepContext, options: DriftCheckOptions): string[] {
  const stack = stackArgument(options.stack, ctx.env);
  return (options.method ?? "preview") === "preview"
    ? [
        "preview",
        "--stack",
        stack,
        "--non-interactive",
        "--json",
        "--refresh",
        "--expect-no-changes",
      ]
    : [
        "refresh",
        "--stack",
        stack,
        "--non-interactive",
        "--json",
        "--preview-only",
        "--expect-no-changes",
      ];
}

export async function driftCheck(
  ctx: StepContext,
  options: DriftCheckOptions,
): Promise<StepResult> {
  validateStackName(options.stack);
  requireCredentials(ctx, "drift-check", options.stack);
  return runOperation(
    ctx,
    "drift-check",
    options.stack,
    driftCheckArgs(ctx, options),
    options.summaryFile,
  );
}
