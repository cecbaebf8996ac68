/**
 * What every pipeline step shares: the project folder, the environment, the process runner and
 * the `pulumi` binary, plus the pieces of the `pulumi` command line that are the same everywhere.
 */
import { existsSync, writeFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import {
  type CredentialCheck,
  checkCredentials,
  formatCredentialProblems,
  type Operation,
  readStackFile,
} from "./credentials";
import type { Runner } from "./runner";

export interface StepContext {
  /** The project folder (holds Pulumi.yaml and the Pulumi.<stack>.yaml files). */
  readonly projectRoot: string;
  readonly env: NodeJS.ProcessEnv;
  readonly runner: Runner;
  /** Human-readable progress and results (stderr in the CLI). */
  readonly log: (line: string) => void;
}

/** An error whose message is meant for the person running the step; the CLI prints it alone. */
export class PipelineError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "PipelineError";
  }
}

/** Pulumi's rule for stack names, plus no leading "-", checked before a name reaches argv. */
const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export function validateStackName(stack: string): void {
  if (!STACK_NAME.test(stack)) {
    throw new PipelineError(
      `invalid stack name '${stack}': use 1-100 letters, digits, '-', '_' or '.', starting ` +
        "with a letter or digit (the part between 'Pulumi.' and '.yaml' of a stack file)",
      2,
    );
  }
}

/** The `pulumi` binary: PULUMI_BIN if set, else `pulumi` from PATH. */
export function pulumiBinary(env: NodeJS.ProcessEnv): string {
  const bin = env.PULUMI_BIN?.trim();
  return bin ? bin : "pulumi";
}

/** `--stack` argument: `<PULUMI_ORG>/<stack>` when PULUMI_ORG is set (Pulumi Cloud orgs). */
export function stackArgument(stack: string, env: NodeJS.ProcessEnv): string {
  const org = env.PULUMI_ORG?.trim();
  return org ? `${org}/${stack}` : stack;
}

/** The environment for `pulumi`: the caller's, plus no update check and streamed JSON events. */
export function pulumiEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true",
  };
}

/** Absolute form of a path given relative to the project folder. */
export function projectPath(ctx: StepContext, path: string): string {
  return isAbsolute(path) ? path : resolve(ctx.projectRoot, path);
}

/** Where a stack's policy pack config (levels, settings, exceptions) lives by convention. */
export function stackPolicyConfigPath(stack: string): string {
  return join("policy-config", `${stack}.json`);
}

/**
 * `--policy-pack-config` for a stack: the explicit file, else `policy-config/<stack>.json` when it
 * exists, else none (the pack's defaults).
 */
export function policyPackConfigFor(
  ctx: StepContext,
  stack: string,
  explicit: string | undefined,
): string | undefined {
  if (explicit) return projectPath(ctx, explicit);
  const conventional = projectPath(ctx, stackPolicyConfigPath(stack));
  return existsSync(conventional) ? conventional : undefined;
}

/** Runs the fail-closed credential check; throws a PipelineError naming every problem. */
export function requireCredentials(
  ctx: StepContext,
  operation: Operation,
  stack: string,
): CredentialCheck {
  const check = checkCredentials(ctx.env, stack, readStackFile(ctx.projectRoot, stack));
  if (!check.ok) throw new PipelineError(formatCredentialProblems(operation, stack, check));
  return check;
}

/** Link to the current GitHub Actions run, when running in one. */
export function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
}

export function writeSummary(ctx: StepContext, file: string | undefined, markdown: string): void {
  if (file) writeFileSync(projectPath(ctx, file), markdown);
}
