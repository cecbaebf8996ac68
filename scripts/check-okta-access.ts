/**
 * check-okta-access: can every Okta user a stack invites actually sign in to Action1?
 *
 * Action1 invites a stack's `okta` users as SSO users, but Okta lets them in only if they are
 * ACTIVE and members of a group assigned to the Action1 app (the stacks assign apps only through
 * groups). This reads the stack's `users` from `Pulumi.<stack>.yaml`, asks Okta, and lists every
 * user who could not sign in, with what to fix. Read-only.
 *
 *   OKTA_API_TOKEN=… npm run check-okta-access -- --stack na \
 *     --app-id "$(pulumi stack output oktaAppId --stack na)"
 *
 * The token comes from the environment only.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Command } from "commander";
import { parse } from "yaml";
import { parseUser } from "../infra/config/users";
import { checkGroupAccess } from "../infra/oktaApi/access";
import { OktaClient } from "../infra/oktaApi/client";
import { endpointProblem } from "./lib/endpoint";

const PROJECT = "action1-okta-sso";

interface Options {
  stack?: string;
  appId?: string;
  oktaUrl?: string;
  projectDir: string;
}

export function buildCli(): Command {
  return new Command()
    .name("check-okta-access")
    .description(
      "Check that each Okta user a stack invites is ACTIVE in Okta and in a group assigned to " +
        "the Action1 app. Read-only. Needs OKTA_API_TOKEN in the environment.",
    )
    .option("--stack <name>", "stack whose Pulumi.<stack>.yaml lists the users")
    .option("--app-id <id>", "the Okta app's id (default: OKTA_APP_ID)")
    .option("--okta-url <url>", "Okta org URL (default: OKTA_ORG_URL, else from the stack file)")
    .option("--project-dir <dir>", "folder holding the Pulumi.<stack>.yaml files", ".")
    .exitOverride()
    .configureOutput({ writeErr: (s) => console.error(s.trimEnd()) });
}

/** The Okta org URL the stack file names: okta:httpProxy, else https://<orgName>.<baseUrl>. */
function orgUrlOf(values: Record<string, unknown>): string | undefined {
  const proxy = values["okta:httpProxy"];
  if (typeof proxy === "string" && proxy) return proxy.replace(/\/$/, "");
  const org = values["okta:orgName"];
  const base = values["okta:baseUrl"];
  return typeof org === "string" && typeof base === "string" ? `https://${org}.${base}` : undefined;
}

/** Runs the check; returns the exit code (0 all can sign in, 1 someone cannot, 2 bad usage). */
export async function main(argv: string[], env = process.env): Promise<number> {
  const cli = buildCli();
  try {
    cli.parse(argv);
  } catch (e) {
    return (e as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
  const opts = cli.opts<Options>();
  const problems: string[] = [];
  const appId = opts.appId ?? env.OKTA_APP_ID;
  if (!opts.stack) problems.push("--stack is missing: name the stack, e.g. --stack na");
  if (!appId) problems.push("--app-id is missing: give the Okta app's id (or set OKTA_APP_ID)");
  if (!env.OKTA_API_TOKEN) {
    problems.push("OKTA_API_TOKEN is not set: export an Okta API token (read-only is enough)");
  }
  let values: Record<string, unknown> = {};
  const file = path.join(opts.projectDir, `Pulumi.${opts.stack ?? "<stack>"}.yaml`);
  if (opts.stack) {
    if (!fs.existsSync(file)) {
      problems.push(`${file} does not exist: --stack must name a stack of this project`);
    } else {
      values = (parse(fs.readFileSync(file, "utf8"))?.config ?? {}) as Record<string, unknown>;
    }
  }
  const orgUrl = opts.oktaUrl ?? env.OKTA_ORG_URL ?? orgUrlOf(values);
  if (opts.stack && !orgUrl) {
    problems.push("the Okta org URL is unknown: pass --okta-url, set OKTA_ORG_URL or okta:orgName");
  }
  const urlProblem = orgUrl && endpointProblem("the Okta org URL", orgUrl);
  if (urlProblem) problems.push(urlProblem);
  const emails: string[] = [];
  const entries = values[`${PROJECT}:users`] ?? [];
  if (!Array.isArray(entries)) {
    problems.push(`${PROJECT}:users in ${file} is not a list: write one user per list item`);
  }
  (Array.isArray(entries) ? entries : []).forEach((entry, i) => {
    const { user, issues } = parseUser(String(entry));
    for (const issue of issues) problems.push(`users[${i}] in ${file}: ${issue.problem}`);
    if (user?.signIn === "okta" && user.enabled) emails.push(user.email);
  });
  if (problems.length > 0) {
    console.error(`check-okta-access: cannot run:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    return 2;
  }
  const okta = new OktaClient({ orgUrl: orgUrl as string, apiToken: env.OKTA_API_TOKEN as string });
  const found = await checkGroupAccess(okta, appId as string, emails);
  const flagged = new Set(found.map((d) => d.email.toLowerCase()));
  for (const email of emails) {
    if (!flagged.has(email.toLowerCase())) console.log(`ok: ${email} can sign in`);
  }
  for (const d of found) console.log(`${d.canSignIn ? "WARNING" : "CANNOT SIGN IN"}: ${d.message}`);
  const denied = found.filter((d) => !d.canSignIn).length;
  console.log(
    `${emails.length - denied} of ${emails.length} Okta user(s) of stack ` +
      `${opts.stack} can sign in to Action1`,
  );
  return denied > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`check-okta-access: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
