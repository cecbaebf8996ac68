/**
 * `deploy`: `pulumi up` of one stack, with the policy pack. `up` previews first (no
 * `--skip-preview`), so a mandatory policy violation stops it before any change is made.
 */
import { requireCredentials, type StepContext, validateStackName } from "./context";
import { runOperation, type StepResult } from "./operation";
import { policyCheckedArgs } from "./preview";

export interface DeployOptions {
  readonly stack: string;
  readonly policyPack?: string;
  readonly policyPackConfig?: string;
  /** Refresh the state from the services before the update (`--refresh`). */
  readonly refresh?: boolean;
  /** Update message recorded in the stack history (`--message`). */
  readonly message?: string;
  readonly summaryFile?: string;
}

export function deployArgs(ctx: StepContext, options: DeployOptions): string[] {
  const args = policyCheckedArgs(ctx, "up", options, ["--yes"]);
  if (options.message) args.push("--message", options.message);
  return args;
}

export async function deploy(ctx: StepContext, options: DeployOptions): Promise<StepResult> {
  validateStackName(options.stack);
  requireCredentials(ctx, "deploy", options.stack);
  return runOperation(ctx, "deploy", options.stack, deployArgs(ctx, options), options.summaryFile);
}
