#!/usr/bin/env node
/**
 * The pipeline steps as one CLI, run by the workflows in .github/workflows and by people:
 *
 *   npm run pipeline -- affected-stacks --base origin/main
 *   npm run pipeline -- check-credentials --stack eu --operation preview
 *   npm run pipeline -- preview --stack eu --summary-file preview-eu.md
 *   npm run pipeline -- deploy --stack eu
 *   npm run pipeline -- drift-check --stack eu
 *   npm run pipeline -- pr-comment --number 12 --body-file preview-eu.md
 *   npm run pipeline -- drift-issue --stack eu --outcome drift --body-file drift-eu.md
 *
 * Exit codes: 0 passed; 1 the check said no (missing credentials, policy block, drift);
 * 2 the run failed or the command line was wrong.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { computeAffectedStacks } from "./affectedStacksStep";
import {
  PipelineError,
  requireCredentials,
  runUrl,
  type StepContext,
  validateStackName,
} from "./context";
import type { Operation } from "./credentials";
import { deploy } from "./deploy";
import { type DriftMethod, driftCheck } from "./driftCheck";
import { reportDrift } from "./driftIssue";
import type { StepResult } from "./operation";
import { upsertComment } from "./prComment";
import { preview } from "./preview";
import { type Runner, spawnRunner } from "./runner";
import type { Outcome } from "./summary";

const OUTCOMES: readonly Outcome[] = ["passed", "blocked", "drift", "failed"];

export interface CliIo {
  readonly env: NodeJS.ProcessEnv;
  readonly runner: Runner;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly fetch?: typeof fetch;
}

/** `::error::` annotation text: GitHub reads one line, so newlines are escaped. */
export function annotation(title: string, message: string): string {
  const encode = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  return `::error title=${encode(title).replace(/[:,]/g, " ")}::${encode(message)}`;
}

/** `--outcome`: one of the outcomes, or empty (the step that should have set it did not run). */
function outcomeOption(value: string): Outcome | undefined {
  if (value.trim() === "") return undefined;
  if (!(OUTCOMES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`'${value}' is not one of ${OUTCOMES.join(", ")} (or empty)`);
  }
  return value as Outcome;
}

function positiveInt(value: string): number {
  if (!/^[1-9][0-9]*$/.test(value)) {
    throw new InvalidArgumentError(`'${value}' is not a positive integer`);
  }
  return Number(value);
}

/** Builds the commander program; `run` resolves with the exit code. */
export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command("pipeline")
    .description("GitOps pipeline steps for the action1-okta-sso stacks")
    .option("--cwd <dir>", "project folder (holds Pulumi.yaml)", process.cwd())
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();

  const ctx = (): StepContext => ({
    projectRoot: resolve(program.opts<{ cwd: string }>().cwd),
    env: io.env,
    runner: io.runner,
    log: (line) => io.stderr(`${line}\n`),
  });

  /**
   * In a job: appends the summary to the job summary and the outcome to the step outputs
   * (`steps.<id>.outputs.outcome`). Sets the exit code.
   */
  const finish = (result: StepResult) => {
    const stepSummary = io.env.GITHUB_STEP_SUMMARY;
    if (stepSummary) appendFileSync(stepSummary, `${result.markdown}\n`);
    const outputs = io.env.GITHUB_OUTPUT;
    if (outputs) appendFileSync(outputs, `outcome=${result.outcome}\n`);
    setExit(result.exitCode);
  };

  program
    .command("affected-stacks")
    .description("print the stacks that a change touches (JSON array by default)")
    .option("--base <ref>", "compare <base>...<head> (merge base, like a pull request)")
    .option("--head <ref>", "the changed revision", "HEAD")
    .option("--files <path>", "file with one changed path per line ('-' for stdin)")
    .option("--all", "every stack")
    .option("--stacks <names>", "these stacks (comma or space separated, or 'all')")
    .addOption(
      new Option("--format <format>", "output format").choices(["json", "lines"]).default("json"),
    )
    .action(async (opts) => {
      const stacks = await computeAffectedStacks(ctx(), opts);
      io.stdout(
        opts.format === "json"
          ? `${JSON.stringify(stacks)}\n`
          : stacks.map((s) => `${s}\n`).join(""),
      );
    });

  program
    .command("check-credentials")
    .description("fail unless every credential the stack's operation needs is set")
    .requiredOption("--stack <name>", "stack name")
    .addOption(
      new Option("--operation <op>", "the operation that will run")
        .choices(["preview", "deploy", "drift-check"])
        .default("preview"),
    )
    .action((opts: { stack: string; operation: Operation }) => {
      validateStackName(opts.stack);
      const check = requireCredentials(ctx(), opts.operation, opts.stack);
      io.stderr(
        `check-credentials: stack '${opts.stack}' is ready for ${opts.operation} ` +
          `(backend: ${check.backend}; secrets: ${check.secretsProvider})\n`,
      );
    });

  const withPack = (cmd: Command) =>
    cmd
      .option("--policy-pack <dir>", "policy pack folder", "policies")
      .option("--policy-pack-config <file>", "JSON config for the policy pack")
      .option("--refresh", "refresh the state from the services first")
      .option("--summary-file <file>", "write the Markdown summary here");

  withPack(
    program
      .command("preview")
      .description("pulumi preview with the policy pack; writes a Markdown summary")
      .requiredOption("--stack <name>", "stack name"),
  ).action(async (opts) => {
    finish(await preview(ctx(), opts));
  });

  withPack(
    program
      .command("deploy")
      .description("pulumi up with the policy pack")
      .requiredOption("--stack <name>", "stack name")
      .option("--message <text>", "update message for the stack history"),
  ).action(async (opts) => {
    finish(await deploy(ctx(), opts));
  });

  program
    .command("drift-check")
    .description("fail when the services differ from the code (exit 1: drift)")
    .requiredOption("--stack <name>", "stack name")
    .addOption(
      new Option("--method <method>", "how to look for drift")
        .choices(["preview", "refresh"])
        .default("preview"),
    )
    .option("--summary-file <file>", "write the Markdown summary here")
    .action(async (opts: { stack: string; method: DriftMethod; summaryFile?: string }) => {
      const result = await driftCheck(ctx(), opts);
      if (result.outcome === "drift" && io.env.GITHUB_ACTIONS === "true") {
        io.stdout(
          `${annotation(
            `Drift in stack ${opts.stack}`,
            `${result.report.resources.length} resource(s) differ from the code on main; see ` +
              "the job summary",
          )}\n`,
        );
      }
      finish(result);
    });

  program
    .command("pr-comment")
    .description("post a summary to a pull request, updating the comment with the same marker")
    .requiredOption("--number <n>", "pull request number", positiveInt)
    .requiredOption("--body-file <file>", "the Markdown to post")
    .option("--repository <owner/name>", "default: GITHUB_REPOSITORY")
    .action(async (opts: { number: number; bodyFile: string; repository?: string }) => {
      const result = await upsertComment(
        {
          repository: opts.repository ?? io.env.GITHUB_REPOSITORY ?? "",
          number: opts.number,
          apiUrl: io.env.GITHUB_API_URL || "https://api.github.com",
          token: io.env.GITHUB_TOKEN ?? "",
        },
        readFileSync(resolve(ctx().projectRoot, opts.bodyFile), "utf8"),
        io.fetch,
      );
      io.stderr(`pr-comment: ${result.action} comment ${result.id}\n`);
    });

  program
    .command("drift-issue")
    .description("open or update the stack's drift issue, or close it when the check passes")
    .requiredOption("--stack <name>", "stack name")
    .requiredOption(
      "--outcome <outcome>",
      "the drift check's outcome (empty: it did not run)",
      outcomeOption,
    )
    .option("--body-file <file>", "the drift check's Markdown summary")
    .option("--repository <owner/name>", "default: GITHUB_REPOSITORY")
    .action(
      async (opts: {
        stack: string;
        outcome: Outcome | undefined;
        bodyFile?: string;
        repository?: string;
      }) => {
        validateStackName(opts.stack);
        const file = opts.bodyFile ? resolve(ctx().projectRoot, opts.bodyFile) : undefined;
        const result = await reportDrift(
          {
            repository: opts.repository ?? io.env.GITHUB_REPOSITORY ?? "",
            apiUrl: io.env.GITHUB_API_URL || "https://api.github.com",
            token: io.env.GITHUB_TOKEN ?? "",
          },
          opts.stack,
          opts.outcome,
          file && existsSync(file) ? readFileSync(file, "utf8") : "",
          runUrl(io.env),
          io.fetch,
        );
        io.stderr(
          `drift-issue: ${result.action}${result.number ? ` issue #${result.number}` : ""}\n`,
        );
      },
    );

  return program;
}

/** Runs the CLI; resolves with the exit code. Every failure ends up as one clear message. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exit = 0;
  const program = buildProgram(io, (code) => {
    exit = code;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exit;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("commander.")) {
      // commander printed the message (and help) already.
      return code === "commander.helpDisplayed" || code === "commander.version" ? 0 : 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`${message}\n`);
    if (error instanceof PipelineError && io.env.GITHUB_ACTIONS === "true") {
      io.stdout(`${annotation("Pipeline step failed", message)}\n`);
    }
    return error instanceof PipelineError ? error.exitCode : 2;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    env: process.env,
    runner: spawnRunner,
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
