/**
 * `npm run discover:idp-setting -- --region eu`: reads the `identity_provider` setting template
 * and the current identity-provider setting from an Action1 tenant and prints their shape with
 * secrets masked, so an administrator can confirm the (unverified) encoding in
 * `infra/action1/idpSetting.ts` before the first `pulumi up`. Read-only (GET requests only).
 *
 * Credentials come from ACTION1_CLIENT_ID / ACTION1_CLIENT_SECRET (never from flags, so the secret
 * stays out of shell history).
 */
import { Command, CommanderError } from "commander";
import { Action1Client } from "../infra/action1/client";
import { discoverIdpSetting } from "../infra/action1/idpDiscovery";
import { findRegion, REGION_KEYS } from "../infra/regions";

export interface DiscoverIo {
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Runs the CLI; returns the exit code. */
export async function runDiscover(argv: string[], io: DiscoverIo): Promise<number> {
  const program = new Command()
    .name("discover-idp-setting")
    .description(
      "Print the shape of Action1's identity-provider setting (template and current value), " +
        "secrets masked. Credentials: ACTION1_CLIENT_ID / ACTION1_CLIENT_SECRET.",
    )
    .option("-r, --region <key>", `Action1 region (${REGION_KEYS.join(", ")})`)
    .option("-u, --api-base-url <url>", "Action1 REST base URL (overrides --region)")
    .option("--json", "print one JSON document instead of text")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  try {
    program.parse(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    throw e;
  }
  const o = program.opts<{ region?: string; apiBaseUrl?: string; json?: boolean }>();
  const problems: string[] = [];
  let apiBaseUrl = o.apiBaseUrl;
  if (!apiBaseUrl) {
    const region = o.region ? findRegion(o.region) : undefined;
    if (!region) {
      problems.push(
        o.region
          ? `--region "${o.region}" is not an Action1 region; use one of ${REGION_KEYS.join(", ")}`
          : "give --region or --api-base-url",
      );
    }
    apiBaseUrl = region?.apiBaseUrl;
  }
  for (const k of ["ACTION1_CLIENT_ID", "ACTION1_CLIENT_SECRET"]) {
    if (!io.env[k]) problems.push(`set ${k} (an Action1 API credential allowed to read settings)`);
  }
  if (problems.length > 0 || !apiBaseUrl) {
    io.err(`discover-idp-setting: ${problems.join("; ")}\n`);
    return 2;
  }
  const client = new Action1Client({
    apiBaseUrl,
    clientId: io.env.ACTION1_CLIENT_ID ?? "",
    clientSecret: io.env.ACTION1_CLIENT_SECRET ?? "",
  });
  try {
    const d = await discoverIdpSetting(client);
    if (o.json) {
      io.out(`${JSON.stringify(d, null, 2)}\n`);
    } else {
      const show = (v: unknown) => (v === undefined ? "(none)" : JSON.stringify(v, null, 2));
      io.out(
        [
          `Action1 at ${apiBaseUrl}`,
          "",
          "identity_provider template:",
          show(d.template),
          "",
          "current identity-provider setting (secrets masked):",
          show(d.setting),
          "",
          `value keys: ${d.valueKeys?.join(", ") ?? "(not JSON)"}`,
          `keys the project writes: ${d.expectedKeys.join(", ")}`,
          `verdict: ${d.verdict}`,
          ...d.notes.map((n) => `- ${n}`),
          "",
        ].join("\n"),
      );
    }
    return d.verdict === "differs" ? 1 : 0;
  } catch (e) {
    io.err(`discover-idp-setting: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  void runDiscover(process.argv.slice(2), {
    env: process.env,
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  }).then((code) => {
    process.exitCode = code;
  });
}
