/**
 * migrate-users: moves existing Action1 password users to Okta SSO, following Action1's
 * procedure (record roles, revoke, retire the old account, re-invite as SSO user, restore roles,
 * verify), safely: dry run by default, a break-glass password admin kept throughout, a journal
 * that makes any interrupted run resumable, and a rollback for users not yet re-invited.
 *
 *   npm run migrate-users -- --users ann@example.invalid,bob@example.invalid          (dry run)
 *   npm run migrate-users -- --all --except breakglass@example.invalid --apply
 *
 * Credentials come from the environment only (never flags): ACTION1_CLIENT_ID,
 * ACTION1_CLIENT_SECRET, OKTA_API_TOKEN.
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { Action1Client } from "../infra/action1/client";
import { checkAppAccess } from "../infra/oktaApi/access";
import { OktaClient } from "../infra/oktaApi/client";
import { endpointProblem } from "./lib/endpoint";
import { action1ForMigration } from "./migration/action1Adapter";
import type { MigrationOkta } from "./migration/ports";
import { reportTable } from "./migration/report";
import { describePlan, type RunOptions, runMigration } from "./migration/run";

interface CliOptions {
  users?: string;
  all?: boolean;
  except?: string;
  apply?: boolean;
  rollback?: boolean;
  journal: string;
  concurrency: number;
  oldAccount: "rename" | "delete";
  action1Url?: string;
  oktaUrl?: string;
  oktaAppId?: string;
  report?: string;
  json?: boolean;
  verbose?: boolean;
}

const list = (v: string | undefined) =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new InvalidArgumentError(`"${v}" is not allowed; give a whole number from 1 to 64`);
  }
  return n;
}

export function buildCli(): Command {
  return new Command()
    .name("migrate-users")
    .description(
      "Move Action1 password users to Okta SSO (dry run unless --apply). Needs the environment " +
        "variables ACTION1_CLIENT_ID, ACTION1_CLIENT_SECRET and OKTA_API_TOKEN.",
    )
    .option("--users <emails>", "comma-separated emails to migrate (case-insensitive)")
    .option("--all", "every enabled interactive password user (combine with --except)")
    .option("--except <emails>", "with --all: keep these (e.g. the break-glass admin)")
    .option("--apply", "make the changes (default: print the plan only)")
    .option("--rollback", "undo users started but not yet re-invited (dry run unless --apply)")
    .option("--journal <path>", "append-only journal file", ".journal/migrate-users.jsonl")
    .option("--concurrency <n>", "users migrated in parallel (1-64)", positiveInt, 4)
    .addOption(
      new Option("--old-account <mode>", "retire the old account by renaming or deleting it")
        .choices(["rename", "delete"])
        .default("rename"),
    )
    .option("--action1-url <url>", "Action1 API base URL (or ACTION1_API_BASE_URL)")
    .option("--okta-url <url>", "Okta org URL, https://<org>.okta.com (or OKTA_ORG_URL)")
    .option("--okta-app-id <id>", "id of the Action1 app in Okta (or OKTA_APP_ID)")
    .option("--report <path>", "also write the JSON report to this file")
    .option("--json", "print the report as JSON instead of a table")
    .option("--verbose", "print API retries and waits");
}

/** Every problem with the options and environment at once (no secret values are printed). */
export function validate(o: CliOptions, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const users = list(o.users);
  if (!o.rollback && !o.all && users.length === 0) {
    problems.push("choose the users: --users <emails> or --all (with --except <break-glass>)");
  }
  if (o.all && users.length > 0) problems.push("--users and --all exclude each other; use one");
  if (o.except && !o.all) problems.push("--except only works with --all");
  for (const e of [...users, ...list(o.except)]) {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)) {
      problems.push(`--users/--except: "${e}" is not an email address (name@domain)`);
    }
  }
  const urls: [string, string | undefined][] = [
    ["--action1-url / ACTION1_API_BASE_URL", o.action1Url ?? env.ACTION1_API_BASE_URL],
    ["--okta-url / OKTA_ORG_URL", o.oktaUrl ?? env.OKTA_ORG_URL],
  ];
  for (const [name, url] of urls) {
    if (!url) {
      problems.push(`${name} is not set`);
      continue;
    }
    const problem = endpointProblem(name, url);
    if (problem) problems.push(problem);
  }
  if (!(o.oktaAppId ?? env.OKTA_APP_ID)) problems.push("--okta-app-id / OKTA_APP_ID is not set");
  for (const v of ["ACTION1_CLIENT_ID", "ACTION1_CLIENT_SECRET", "OKTA_API_TOKEN"]) {
    if (!env[v]) problems.push(`environment variable ${v} is not set`);
  }
  return problems;
}

export async function main(argv: string[], env = process.env): Promise<number> {
  const program = buildCli();
  program.parse(argv);
  const o = program.opts<CliOptions>();
  const problems = validate(o, env);
  if (problems.length > 0) {
    console.error(`migrate-users: cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    console.error("Run with --help for the options.");
    return 2;
  }
  const warn = o.verbose ? (m: string) => console.error(m) : () => {};
  const action1 = new Action1Client({
    apiBaseUrl: (o.action1Url ?? env.ACTION1_API_BASE_URL) as string,
    clientId: env.ACTION1_CLIENT_ID as string,
    clientSecret: env.ACTION1_CLIENT_SECRET as string,
    maxRetries: 8,
    logger: { debug: () => {}, warn },
  });
  const oktaClient = new OktaClient({
    orgUrl: (o.oktaUrl ?? env.OKTA_ORG_URL) as string,
    apiToken: env.OKTA_API_TOKEN as string,
    onRetry: warn,
  });
  const appId = (o.oktaAppId ?? env.OKTA_APP_ID) as string;
  const okta: MigrationOkta = { checkAccess: (email) => checkAppAccess(oktaClient, appId, email) };

  let stopping = false;
  const onSignal = (sig: string) => {
    if (stopping) {
      console.error(`\n${sig} again: stopping now; re-run the same command to resume`);
      process.exit(130);
    }
    stopping = true;
    console.error(`\n${sig}: finishing the steps in flight, then stopping (again to force)`);
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));

  const options: RunOptions = {
    selection: o.all
      ? { kind: "all", except: list(o.except) }
      : { kind: "emails", emails: list(o.users) },
    apply: !!o.apply,
    rollback: !!o.rollback,
    journalPath: o.journal,
    concurrency: o.concurrency,
    oldAccount: o.oldAccount,
  };
  const result = await runMigration(options, {
    action1: action1ForMigration(action1),
    okta,
    log: (line) => console.log(line),
    progress: await progressFor(process.stderr.isTTY === true),
    shouldStop: () => stopping,
  });
  if (result.kind === "refused") {
    if (result.plan) console.log(describePlan(result.plan).join("\n"));
    console.error(`migrate-users: refused, nothing was changed:`);
    for (const p of result.problems) console.error(`  - ${p}`);
    return 2;
  }
  if (result.kind === "dry-run") {
    console.log(result.lines.join("\n"));
    console.log("\nDry run: nothing was changed. Add --apply to migrate.");
    return 0;
  }
  const report = result.report;
  if (o.report) {
    const fs = await import("node:fs");
    fs.writeFileSync(o.report, `${JSON.stringify(report, null, 2)}\n`);
  }
  console.log(o.json ? JSON.stringify(report, null, 2) : reportTable(report));
  return report.summary.failed > 0 || report.summary.stopped > 0 ? 1 : 0;
}

/** A cli-progress bar on a terminal; plain lines otherwise. */
async function progressFor(tty: boolean) {
  if (!tty) {
    let done = 0;
    let total = 0;
    return {
      start: (n: number) => {
        total = n;
      },
      tick: (email: string, outcome: string) => {
        done += 1;
        console.error(`[${done}/${total}] ${email}: ${outcome}`);
      },
      stop: () => {},
    };
  }
  const { SingleBar, Presets } = await import("cli-progress");
  const bar = new SingleBar(
    { format: "migrating [{bar}] {value}/{total} users | {eta_formatted} left | {last}" },
    Presets.shades_classic,
  );
  return {
    start: (n: number) => bar.start(n, 0, { last: "" }),
    tick: (email: string, outcome: string) => bar.increment(1, { last: `${email}: ${outcome}` }),
    stop: () => bar.stop(),
  };
}

if (require.main === module) {
  main(process.argv).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`migrate-users: ${err instanceof Error ? err.message : String(err)}`);
      console.error("The journal is intact: re-run the same command to resume.");
      process.exit(1);
    },
  );
}
