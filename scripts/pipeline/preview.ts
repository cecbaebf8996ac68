/**
 * `preview`: the pull-request check of one stack. Runs `pulumi preview` with the policy pack and
 * writes a Markdown summary (changes, policy violations, errors) for the pull-request comment.
 * A mandatory policy violation makes `pulumi preview` fail, and so the step.
 */
import {
  policyPackConfigFor,
  projectPath,
  requireCredentials,
  type StepContext,
  stackArgument,
  validateStackName,
} from "./context";
import { runOperation, type StepResult } from "./operation";

export interface PreviewOptions {
  readonly stack: string;
  /** Policy pack folder, relative to the project (default `policies`). */
  readonly policyPack?: string;
  /** JSON file with the pack's configuration; default `policy-config/<stack>.json` if present. */
  readonly policyPackConfig?: string;
  /** Refresh the stack's state from the services first (`--refresh`). */
  readonly refresh?: boolean;
  /** Where to write the Markdown summary. */
  readonly summaryFile?: string;
}

/**
 * `pulumi <command> --stack S [extra…] --non-interactive --json --policy-pack P
 * [--policy-pack-config C] [--refresh]`: the policy-checked form every preview and deploy uses.
 */
export function policyCheckedArgs(
  ctx: StepContext,
  command: "preview" | "up",
  options: PreviewOptions,
  extra: readonly string[] = [],
): string[] {
  const args = [
    command,
    "--stack",
    stackArgument(options.stack, ctx.env),
    ...extra,
    "--non-interactive",
    "--json",
    "--policy-pack",
    projectPath(ctx, options.policyPack ?? "policies"),
  ];
  const config = policyPackConfigFor(ctx, options.stack, options.policyPackConfig);
  if (config) args.push("--policy-pack-config", config);
  if (options.refresh) args.push("--refresh");
  return args;
}

export function previewArgs(ctx: StepContext, options: PreviewOptions): string[] {
  return policyCheckedArgs(ctx, "preview", options);
}

export async function preview(ctx: StepContext, options: PreviewOptions): Promise<StepResult> {
  validateStackName(options.stack);
  requireCredentials(ctx, "preview", options.stack);
  return runOperation(
    ctx,
    "preview",
    options.stack,
    previewArgs(ctx, options),
    options.summaryFile,
  );
}
