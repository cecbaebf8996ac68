/**
 * The offline Pulumi engine for tests and scripts: paths of the binaries built by
 * `scripts/build-engine.sh` and the environment that runs the CLI with no network and no
 * prompts (local file:// state and passphrase secrets under the git-ignored `.pulumi/`).
 *
 * Use `engineEnv()` for the environment and paths, `runPulumi()` to run one CLI command, or
 * `pulumiCommand()` for an Automation API `PulumiCommand` on the same binary.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root (the folder holding package.json named action1-okta-sso). */
export const projectRoot = path.resolve(__dirname, "..", "..");
/** Where scripts/build-engine.sh puts its output; `<engineDir>/bin/pulumi` is the CLI. */
export const engineDir = path.join(projectRoot, ".engine");
export const engineBinDir = path.join(engineDir, "bin");
export const pulumiBin = path.join(engineBinDir, "pulumi");
/** An obviously fake passphrase for the local secrets provider of test stacks. */
export const testPassphrase = "fake-passphrase-not-a-real-secret";

export interface EngineOptions {
  /**
   * Folder under `.pulumi/` (or an absolute folder) that holds this run's state backend.
   * Default `.pulumi/state`. Use a fresh one per test file so runs do not share stacks.
   */
  stateDir?: string;
  /** PULUMI_HOME (plugins, workspace settings). Default `.pulumi/home`, shared by all runs. */
  homeDir?: string;
  /** Passphrase of the local secrets provider. Default {@link testPassphrase}. */
  passphrase?: string;
  /** Extra variables, applied last. */
  extraEnv?: Record<string, string | undefined>;
}

export interface Engine {
  pulumiBin: string;
  binDir: string;
  stateDir: string;
  backendUrl: string;
  homeDir: string;
  /** Complete environment for child processes that run the CLI. */
  env: NodeJS.ProcessEnv;
}

/** True when the CLI and the Node.js language host have been built. */
export function engineBuilt(): boolean {
  return ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"].every((b) =>
    fs.existsSync(path.join(engineBinDir, b)),
  );
}

/** Throws one clear error when the engine is missing, naming the command that builds it. */
export function requireEngine(): void {
  if (!engineBuilt()) {
    throw new Error(
      `the Pulumi engine is not built (${path.relative(projectRoot, engineBinDir)} lacks pulumi, ` +
        "pulumi-language-nodejs or pulumi-resource-pulumi-nodejs): run scripts/build-engine.sh",
    );
  }
}

/**
 * The environment and paths that run the CLI offline: file:// backend, passphrase secrets, no
 * update check, no plugin downloads, no prompts, Node 22 and the engine binaries first on PATH.
 */
export function engineEnv(options: EngineOptions = {}): Engine {
  const pulumiDir = path.join(projectRoot, ".pulumi");
  const stateDir = path.resolve(pulumiDir, options.stateDir ?? "state");
  const homeDir = path.resolve(pulumiDir, options.homeDir ?? "home");
  fs.mkdirSync(stateDir, { recursive: true });
  fs.mkdirSync(homeDir, { recursive: true });
  const backendUrl = `file://${stateDir}`;
  const pathList = [engineBinDir, path.join(projectRoot, "node_modules", ".bin"), process.env.PATH];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: pathList.filter(Boolean).join(path.delimiter),
    PULUMI_HOME: homeDir,
    PULUMI_BACKEND_URL: backendUrl,
    PULUMI_CONFIG_PASSPHRASE: options.passphrase ?? testPassphrase,
    PULUMI_CONFIG_PASSPHRASE_FILE: undefined,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    PULUMI_ACCESS_TOKEN: undefined,
    PULUMI_ORG: undefined,
    NO_COLOR: "1",
    // Jest sets these; the program and providers run outside Jest and must not think otherwise.
    JEST_WORKER_ID: undefined,
    NODE_OPTIONS: undefined,
    ...options.extraEnv,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return { pulumiBin, binDir: engineBinDir, stateDir, backendUrl, homeDir, env };
}

export interface PulumiResult {
  /** Exit code (non-zero when the command failed). */
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time in milliseconds. */
  ms: number;
}

/** Runs one CLI command (non-interactive) and collects its output; never throws on exit code. */
export function runPulumi(
  engine: Engine,
  args: string[],
  opts: { cwd: string; timeoutMs?: number; input?: string },
): Promise<PulumiResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(engine.pulumiBin, [...args, "--non-interactive"], {
      cwd: opts.cwd,
      env: engine.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => child.kill("SIGTERM"), opts.timeoutMs ?? 300_000);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started });
    });
    child.stdin.end(opts.input ?? "");
  });
}

/** Like {@link runPulumi} but throws, with the command's output, when it exits non-zero. */
export async function pulumiOk(
  engine: Engine,
  args: string[],
  opts: { cwd: string; timeoutMs?: number; input?: string },
): Promise<PulumiResult> {
  const res = await runPulumi(engine, args, opts);
  if (res.code !== 0) {
    throw new Error(
      `pulumi ${args.join(" ")} exited ${res.code}\n--- stdout\n${res.stdout}\n--- stderr\n${res.stderr}`,
    );
  }
  return res;
}

/**
 * An Automation API command object on the built CLI. Pass `engine.env` as the workspace's
 * `envVars` (LocalWorkspace options) so the same offline settings apply.
 */
export async function pulumiCommand(): Promise<import("@pulumi/pulumi/automation").PulumiCommand> {
  requireEngine();
  const { PulumiCommand } = await import("@pulumi/pulumi/automation");
  return PulumiCommand.get({ root: engineDir, skipVersionCheck: true });
}
