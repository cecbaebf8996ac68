/**
 * `npm run sandbox`: try the project end to end without touching a real tenant. Starts the local
 * Okta and the local Action1 on 127.0.0.1, and runs the real program for the `na` and `eu`
 * stacks with their shipped config (Pulumi.na.yaml, Pulumi.eu.yaml) plus sandbox overrides
 * (okta:httpProxy and the Action1 base URL pointing at the local services, obviously fake
 * credentials, allowInsecureEndpoints): preview with the policy pack, up, a no-change up,
 * refresh, destroy. Local file state and a fake passphrase under the git-ignored .sandbox/; the
 * shipped stack files are copied there, never edited. Prints each step, then a summary, and
 * leaves nothing running.
 *
 * The class {@link Sandbox} is also what tests/e2e/sandbox*.test.ts drive.
 *
 * Known shortcomings (also in docs/guides/sandbox.md "Limitations"):
 *  - The provider plugins are the substitutes scripts/build-plugins.sh installs when the real
 *    ones cannot be built from Go modules here.
 *  - `na` (org authorization server) fails at `up` while the program takes its issuer from
 *    okta:httpProxy (infra/config/validate.ts `orgUrl`): Action1 refuses an http issuer.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Command } from "commander";
import { parse as parseYaml } from "yaml";
import { defaultSeed as defaultAction1Seed, type Seed } from "../standins/action1/seed";
import { type LocalAction1, startLocalAction1 } from "../standins/action1/server";
import { defaultOktaSeed, FAKE_OKTA_API_TOKEN, type OktaSeed } from "../standins/okta/seed";
import { type LocalOkta, startLocalOkta } from "../standins/okta/server";
import {
  type Engine,
  engineBuilt,
  engineEnv,
  type PulumiResult,
  projectRoot,
  runPulumi,
} from "../tests/helpers/engine";

export const SANDBOX_DIR = path.join(projectRoot, ".sandbox");
export const POLICY_PACK_DIR = path.join(projectRoot, "policies");
export const SANDBOX_PASSPHRASE = "fake-sandbox-passphrase-not-a-real-secret";
/** The API credential of the local Action1 fixture (fake). */
const action1Credential = () => defaultAction1Seed().apiCredential;

/** Roles the shipped stack configs name beyond Action1's built-in ones. */
const EXTRA_ACTION1_ROLES = [
  {
    id: "helpdesk",
    name: "Helpdesk",
    description: "Custom role of the sandbox: helpdesk staff.",
    object_types: ["Organization"],
  },
];

/**
 * The local Action1's seed for the sandbox: the default fixture, the custom roles the shipped
 * configs name, and each stack's break-glass (`password`) users as existing Action1 accounts —
 * the program adopts password users and never creates them (it would have to hold a password).
 */
export function sandboxAction1Seed(): Seed {
  const seed = defaultAction1Seed();
  seed.roles.push(...EXTRA_ACTION1_ROLES);
  const roleId = (name: string) => seed.roles.find((r) => r.name === name || r.id === name)?.id;
  const stackFiles = fs.readdirSync(projectRoot).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f));
  let n = 0;
  for (const file of stackFiles) {
    const doc = parseYaml(fs.readFileSync(path.join(projectRoot, file), "utf8")) as {
      config?: Record<string, unknown>;
    };
    const users = doc.config?.["action1-okta-sso:users"];
    for (const line of Array.isArray(users) ? users : []) {
      const [email, signIn, roles] = String(line)
        .split("|")
        .map((part) => part.trim());
      if (signIn !== "password" || !email) continue;
      if (seed.users.some((u) => u.email.toLowerCase() === email.toLowerCase())) continue;
      n += 1;
      seed.users.push({
        id: `00000000-0000-4000-8000-0000000b${String(n).padStart(4, "0")}`,
        email,
        first_name: "Break",
        last_name: "Glass",
        user_type: "Interactive",
        enabled: "yes",
        identity_provider: "Action1",
        password: "Fake-password-1-not-real",
        roles: (roles ?? "")
          .split(",")
          .map((r) => roleId(r.trim()))
          .filter((r): r is string => r !== undefined),
      });
    }
  }
  return seed;
}

export interface StepResult extends PulumiResult {
  stack: string;
  step: string;
  oktaCalls: number;
  action1Calls: number;
}

export interface SandboxOptions {
  /** Folder for state, home and the stack files; default .sandbox/run-<pid>. */
  dir?: string;
  oktaSeed?: OktaSeed;
  /** Prints each step and the CLI's output lines (default: silent). */
  log?: (line: string) => void;
  /** Echo the CLI's own output too. */
  verbose?: boolean;
}

/** Plugins the program needs; scripts/build-plugins.sh installs them into PULUMI_HOME. */
const PLUGINS = ["resource-okta-v7.0.0", "resource-random-v4.21.2"];

export class Sandbox {
  readonly dir: string;
  readonly projectDir: string;
  okta!: LocalOkta;
  action1!: LocalAction1;
  engine!: Engine;
  readonly steps: StepResult[] = [];
  /** `--policy-pack <policies>` for preview and up. */
  readonly policyArgs = ["--policy-pack", POLICY_PACK_DIR];
  /** Okta routes the plugin called that no local Okta served, over all stacks. */
  readonly unhandled: string[] = [];
  private readonly log: (line: string) => void;

  constructor(private readonly options: SandboxOptions = {}) {
    this.dir = options.dir ?? path.join(SANDBOX_DIR, `run-${process.pid}`);
    this.projectDir = path.join(this.dir, "project");
    this.log = options.log ?? (() => {});
  }

  /** Starts both local services and prepares the project folder. Throws when the engine is missing. */
  async start(): Promise<void> {
    if (!engineBuilt()) {
      throw new Error(
        "sandbox: the Pulumi engine is not built (.engine/bin lacks pulumi or its shims). " +
          "Fix: run `bash scripts/build-engine.sh` once (see the README).",
      );
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.mkdirSync(this.projectDir, { recursive: true });
    this.engine = engineEnv({
      stateDir: path.join(this.dir, "state"),
      homeDir: path.join(projectRoot, ".pulumi", "home"),
      passphrase: SANDBOX_PASSPHRASE,
    });
    this.ensurePlugins();
    this.writeProject();
    this.action1 = await startLocalAction1({ seed: sandboxAction1Seed() });
    this.log(`local Action1 ${this.action1.apiBaseUrl}`);
  }

  private ensurePlugins(): void {
    const plugins = path.join(this.engine.homeDir, "plugins");
    if (PLUGINS.every((p) => fs.existsSync(path.join(plugins, p)))) return;
    this.log("installing the provider plugins (scripts/build-plugins.sh) ...");
    execFileSync("bash", [path.join(projectRoot, "scripts", "build-plugins.sh")], {
      env: { ...process.env, PULUMI_HOME: this.engine.homeDir },
      stdio: ["ignore", "ignore", "pipe"],
    });
  }

  /**
   * A project folder whose Pulumi.yaml is the shipped one with `main` pointing back at the
   * repository's program, so the shipped stack files can be copied here and changed freely.
   */
  private writeProject(): void {
    const shipped = fs.readFileSync(path.join(projectRoot, "Pulumi.yaml"), "utf8");
    const main = path.relative(this.projectDir, path.join(projectRoot, "infra", "index.ts"));
    if (!/^main: .*$/m.test(shipped)) throw new Error("sandbox: Pulumi.yaml has no main line");
    fs.writeFileSync(
      path.join(this.projectDir, "Pulumi.yaml"),
      shipped.replace(/^main: .*$/m, `main: ${main}`),
    );
  }

  /**
   * Starts a local Okta for the stack's org and creates the stack from its shipped
   * Pulumi.<stack>.yaml plus the sandbox overrides. Each shipped stack names its own Okta org
   * (okta:orgName, okta:baseUrl), so each gets its own local Okta playing that org: issuers and
   * metadata say `https://<orgName>.<baseUrl>`, while the plugin reaches it through okta:httpProxy.
   */
  async initStack(stack: string, extra: Record<string, string> = {}): Promise<void> {
    const shipped = path.join(projectRoot, `Pulumi.${stack}.yaml`);
    fs.copyFileSync(shipped, path.join(this.projectDir, `Pulumi.${stack}.yaml`));
    const config =
      (parseYaml(fs.readFileSync(shipped, "utf8")) as { config?: Record<string, unknown> })
        .config ?? {};
    const orgName = config["okta:orgName"];
    const baseUrl = config["okta:baseUrl"] ?? "okta.com";
    if (this.okta) {
      this.unhandled.push(...this.okta.unhandled);
      await this.okta.close();
    }
    this.okta = await startLocalOkta({
      seed: this.options.oktaSeed ?? defaultOktaSeed(),
      orgUrl: typeof orgName === "string" ? `https://${orgName}.${String(baseUrl)}` : undefined,
    });
    this.log(`[${stack}] local Okta ${this.okta.origin} playing ${this.okta.state.publicOrgUrl()}`);
    await this.ok(stack, "stack init", ["stack", "init", stack], false);
    const cred = action1Credential();
    const plain: Record<string, string> = {
      "okta:httpProxy": this.okta.origin,
      "action1-okta-sso:action1ApiBaseUrl": this.action1.apiBaseUrl,
      "action1-okta-sso:allowInsecureEndpoints": "true",
      ...extra,
    };
    const secret: Record<string, string> = {
      "okta:apiToken": FAKE_OKTA_API_TOKEN,
      "action1-okta-sso:action1ClientId": cred.clientId,
      "action1-okta-sso:action1ClientSecret": cred.clientSecret,
    };
    for (const [key, value] of Object.entries(plain)) await this.setConfig(stack, key, value);
    for (const [key, value] of Object.entries(secret)) {
      await this.setConfig(stack, key, value, true);
    }
  }

  async setConfig(stack: string, key: string, value: string, secret = false): Promise<void> {
    const args = ["config", "set", "--stack", stack, ...(secret ? ["--secret"] : []), key];
    if (value.startsWith("-")) throw new Error(`sandbox: config value of ${key} starts with "-"`);
    await this.ok(stack, `config set ${key}`, [...args, value], false);
  }

  /** Sets an array config value (`--path key[i]`), replacing the whole list. */
  async setList(stack: string, key: string, values: string[]): Promise<void> {
    await this.pulumi(stack, "config rm", ["config", "rm", "--stack", stack, key], false);
    for (const [i, value] of values.entries()) {
      await this.ok(
        stack,
        `config set ${key}[${i}]`,
        ["config", "set", "--stack", stack, "--path", `${key}[${i}]`, value],
        false,
      );
    }
  }

  /** Runs one CLI command for a stack; records it as a step when `record`. Never throws. */
  async pulumi(stack: string, step: string, args: string[], record = true): Promise<StepResult> {
    const oktaBefore = this.okta.requests.length;
    const action1Before = this.action1.requests.length;
    const ownsStack = args.includes("--stack") || args[0] === "stack";
    const withStack = ownsStack ? args : [...args, "--stack", stack];
    if (record) this.log(`[${stack}] ${step}: pulumi ${withStack.join(" ")}`);
    const res = await runPulumi(this.engine, withStack, {
      cwd: this.projectDir,
      timeoutMs: 600_000,
    });
    const result: StepResult = {
      ...res,
      stack,
      step,
      oktaCalls: this.okta.requests.length - oktaBefore,
      action1Calls: this.action1.requests.length - action1Before,
    };
    if (record) {
      this.steps.push(result);
      const verdict = res.code === 0 ? "ok" : `FAILED (exit ${res.code})`;
      this.log(
        `[${stack}] ${step}: ${verdict} in ${(res.ms / 1000).toFixed(1)} s, ` +
          `${result.oktaCalls} Okta and ${result.action1Calls} Action1 requests`,
      );
      if (this.options.verbose || res.code !== 0) {
        for (const line of `${res.stdout}\n${res.stderr}`.split("\n")) {
          if (line.trim() !== "") this.log(`    ${line}`);
        }
      }
    }
    return result;
  }

  /** Like {@link pulumi}, but throws with the CLI's output when the command fails. */
  async ok(stack: string, step: string, args: string[], record = true): Promise<StepResult> {
    const res = await this.pulumi(stack, step, args, record);
    if (res.code !== 0) {
      throw new Error(
        `sandbox: [${stack}] ${step} failed (pulumi ${args.join(" ")}, exit ${res.code})\n` +
          `${res.stdout}\n${res.stderr}`,
      );
    }
    return res;
  }

  /** `resourceChanges` of the stack's newest history entry. */
  async lastChanges(stack: string): Promise<Record<string, number>> {
    const res = await this.ok(
      stack,
      "history",
      ["stack", "history", "--stack", stack, "--json", "--page-size", "1"],
      false,
    );
    const history = JSON.parse(res.stdout) as { resourceChanges?: Record<string, number> }[];
    return history[0]?.resourceChanges ?? {};
  }

  /** Stack outputs (secrets shown only when asked). */
  async outputs(stack: string, showSecrets = false): Promise<Record<string, unknown>> {
    const args = ["stack", "output", "--stack", stack, "--json"];
    if (showSecrets) args.push("--show-secrets");
    const res = await this.ok(stack, "outputs", args, false);
    return JSON.parse(res.stdout) as Record<string, unknown>;
  }

  /** The full flow for one stack: preview with policies, up, no-change up, refresh, destroy. */
  async runFlow(stack: string): Promise<void> {
    await this.initStack(stack);
    await this.ok(stack, "preview --policy-pack", ["preview", ...this.policyArgs, "--diff"]);
    await this.ok(stack, "up", ["up", "--yes", "--skip-preview", ...this.policyArgs]);
    await this.ok(stack, "up (no changes)", [
      "up",
      "--yes",
      "--skip-preview",
      "--expect-no-changes",
    ]);
    await this.ok(stack, "refresh", ["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
    await this.destroy(stack);
  }

  /**
   * Tears a stack down as an administrator would have to: the program protects what locks people
   * out (the Okta app, the identity provider, the break-glass admin), so it is unprotected first,
   * on purpose. Those resources are also `retainOnDelete`: destroy leaves them in place.
   */
  async destroy(stack: string, step = "destroy"): Promise<void> {
    await this.ok(stack, `${step}: unprotect`, ["state", "unprotect", "--all", "--yes"], false);
    await this.ok(stack, step, ["destroy", "--yes", "--skip-preview"]);
  }

  async removeStack(stack: string): Promise<void> {
    await this.pulumi(stack, "stack rm", ["stack", "rm", "--yes", "--force", stack], false);
  }

  /** Stops both services; removes the run folder unless `keep`. */
  async close(keep = false): Promise<void> {
    if (this.okta) this.unhandled.push(...this.okta.unhandled);
    await Promise.allSettled([this.okta?.close(), this.action1?.close()]);
    if (!keep) fs.rmSync(this.dir, { recursive: true, force: true });
  }

  summary(): string {
    const rows = this.steps.map(
      (s) =>
        `${s.stack.padEnd(4)} ${s.step.padEnd(24)} ${(s.code === 0 ? "ok" : "FAILED").padEnd(7)}` +
        `${(s.ms / 1000).toFixed(1).padStart(7)} s ${String(s.oktaCalls).padStart(6)} ` +
        `${String(s.action1Calls).padStart(8)}`,
    );
    const header = `${"stack".padEnd(4)} ${"step".padEnd(24)} ${"result".padEnd(7)}${"time".padStart(9)} ${"Okta".padStart(6)} ${"Action1".padStart(8)}`;
    return [header, ...rows].join("\n");
  }
}

async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name("sandbox")
    .description(
      "Run the real program for the shipped stacks against a local Okta and a local Action1: " +
        "preview --policy-pack, up, no-change up, refresh, destroy.",
    )
    .option("--stacks <list>", "comma-separated stacks", "na,eu")
    .option("--verbose", "print the Pulumi CLI's output of every step")
    .option("--keep", "keep .sandbox/run-<pid> (state and stack files) afterwards")
    .parse(argv);
  const opts = program.opts<{ stacks: string; verbose?: boolean; keep?: boolean }>();
  const stacks = opts.stacks
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = stacks.filter((s) => !fs.existsSync(path.join(projectRoot, `Pulumi.${s}.yaml`)));
  if (unknown.length > 0) {
    console.error(
      `sandbox: --stacks ${unknown.join(", ")}: no Pulumi.<stack>.yaml for it; shipped stacks: ` +
        fs
          .readdirSync(projectRoot)
          .filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f))
          .map((f) => f.split(".")[1])
          .join(", "),
    );
    return 2;
  }
  const started = Date.now();
  const sandbox = new Sandbox({
    log: (line) => console.log(`[sandbox] ${line}`),
    verbose: opts.verbose,
  });
  // One failed stack does not stop the others: each stack's flow runs on its own.
  const failures: string[] = [];
  const firstLine = (err: unknown) =>
    err instanceof Error ? (err.message.split("\n")[0] ?? "") : String(err);
  try {
    await sandbox.start();
    for (const stack of stacks) {
      try {
        await sandbox.runFlow(stack);
      } catch (err) {
        failures.push(firstLine(err));
        // Undo what the failed flow created, so the next stack starts from a clean Action1.
        if (sandbox.okta) {
          await sandbox.destroy(stack, "destroy (cleanup)").catch(() => undefined);
        }
      } finally {
        if (sandbox.okta) await sandbox.removeStack(stack);
      }
    }
  } catch (err) {
    failures.push(firstLine(err));
  } finally {
    await sandbox.close(opts.keep === true);
  }
  const failed = failures.length > 0 ? failures.join("; ") : undefined;
  const unhandled = [...new Set(sandbox.unhandled)];
  console.log("\n[sandbox] summary");
  console.log(sandbox.summary());
  if (unhandled.length > 0)
    console.log(`[sandbox] Okta routes not served: ${unhandled.join(", ")}`);
  console.log(
    `[sandbox] ${failed ? `FAILED: ${failed}` : "all steps passed"} in ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s; local services stopped` +
      (opts.keep ? `; kept ${path.relative(projectRoot, sandbox.dir)}` : ""),
  );
  return failed ? 1 : 0;
}

if (require.main === module) {
  main(process.argv).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
