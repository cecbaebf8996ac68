/**
 * End-to-end: the pipeline CLI (scripts/pipeline/cli.ts), run as the workflows run it, against
 * the sandbox (scripts/sandbox.ts: the real Pulumi CLI from scripts/build-engine.sh, the local
 * Okta and the local Action1 on 127.0.0.1, file state and a fake passphrase under .sandbox/).
 *
 * A git repository in the sandbox project holds the stack files, so `affected-stacks` reads a
 * real diff. Then: preview with the policy pack on the changed stack, a violating change that the
 * pack blocks, a deploy, a drift check with no drift, and drift made in the local Okta and the
 * local Action1 that the drift check finds. Each step's time goes to .pulumi/e2e-pipeline-metrics.json.
 *
 * The sandbox project carries `policy-config/eu.json` (the pipeline's per-stack pack config,
 * docs/guides/gitops.md), which raises keep-enterprise-admin's minimum to 3: the shipped eu
 * config declares 3, and the violating change leaves 1, so the message ("at least 3") proves the
 * file was applied.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { POLICY_PACK_DIR, Sandbox } from "../../scripts/sandbox";
import { projectRoot, requireEngine } from "../helpers/engine";

jest.setTimeout(900_000);

const STACK = "eu";
const OTHER = "na";
const sandbox = new Sandbox({ dir: path.join(projectRoot, ".sandbox", `pipeline-${process.pid}`) });
const metrics: { step: string; seconds: number; exitCode: number }[] = [];
const tsNode = path.join(projectRoot, "node_modules", ".bin", "ts-node");
const cli = path.join(projectRoot, "scripts", "pipeline", "cli.ts");

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  summary: string;
}

/** Runs `pipeline <args>` in the sandbox project as a CI step would; never throws on exit code. */
function pipeline(step: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const summaryFile = path.join(sandbox.dir, `${step.replace(/\W+/g, "-")}.md`);
  const needsSummary = ["preview", "deploy", "drift-check"].includes(args[0] ?? "");
  const argv = [
    "--transpile-only",
    cli,
    "--cwd",
    sandbox.projectDir,
    ...args,
    ...(needsSummary ? ["--summary-file", summaryFile] : []),
  ];
  const started = Date.now();
  return new Promise<CliResult>((resolve, reject) => {
    const child = spawn(tsNode, argv, {
      cwd: projectRoot,
      env: { ...sandbox.engine.env, PULUMI_BIN: sandbox.engine.pulumiBin, ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      metrics.push({ step, seconds: (Date.now() - started) / 1000, exitCode: code ?? -1 });
      const summary =
        needsSummary && fs.existsSync(summaryFile) ? fs.readFileSync(summaryFile, "utf8") : "";
      resolve({ code: code ?? -1, stdout, stderr, summary });
    });
  });
}

function git(...args: string[]): string {
  return execFileSync(
    "git",
    ["-c", "user.name=e2e", "-c", "user.email=e2e@example.invalid", ...args],
    { cwd: sandbox.projectDir, encoding: "utf8" },
  );
}

/** Requests that change something in the local services (anything but reads and sign-ins). */
function writes(): string[] {
  const action1 = sandbox.action1.requests
    .filter((r) => r.method !== "GET" && !r.path.startsWith("/oauth2"))
    .map((r) => `action1 ${r.method} ${r.path}`);
  const okta = sandbox.okta.requests
    .filter((r) => r.method !== "GET")
    .map((r) => `okta ${r.method} ${r.path}`);
  return [...action1, ...okta];
}

const shippedUsers = ["breakglass-eu", "Claire.Admin", "dieter.admin"];
let usersConfig: string[] = [];
const POLICY_CONFIG = { "keep-enterprise-admin": { minEnterpriseAdmins: 3 } };
const policyConfigFile = () => path.join(sandbox.projectDir, "policy-config", `${STACK}.json`);
const writePolicyConfig = () => {
  fs.mkdirSync(path.dirname(policyConfigFile()), { recursive: true });
  fs.writeFileSync(policyConfigFile(), `${JSON.stringify(POLICY_CONFIG, null, 2)}\n`);
};

function oktaApp() {
  const apps = [...sandbox.okta.state.apps.values()];
  expect(apps).toHaveLength(1);
  const app = apps[0];
  if (!app) throw new Error("no app in the local Okta");
  return app;
}

beforeAll(async () => {
  requireEngine();
  await sandbox.start();
  // One local Okta per stack, replaced by the next initStack: the stack under test goes last.
  await sandbox.initStack(OTHER);
  await sandbox.initStack(STACK);
  const stackFile = fs.readFileSync(path.join(sandbox.projectDir, `Pulumi.${STACK}.yaml`), "utf8");
  usersConfig = [...stackFile.matchAll(/^ {4}- "(.+)"$/gm)].map((m) => m[1] ?? "");
  expect(usersConfig.map((u) => u.split("@")[0])).toEqual(shippedUsers);
  writePolicyConfig();
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-qm", "both stacks");
  // The change under review: the Okta app label of one region.
  await sandbox.setConfig(STACK, "action1-okta-sso:appLabel", "Action1 Europe");
  git("commit", "-qam", "rename the EU app");
});

afterAll(async () => {
  try {
    if (sandbox.engine) {
      for (const stack of [STACK, OTHER]) await sandbox.removeStack(stack);
    }
  } finally {
    await sandbox.close();
  }
  if (metrics.length > 0) {
    const out = path.join(projectRoot, ".pulumi", "e2e-pipeline-metrics.json");
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(metrics, null, 2)}\n`);
    const rows = metrics.map(
      (m) => `${m.step.padEnd(36)} ${m.seconds.toFixed(1).padStart(6)} s exit ${m.exitCode}`,
    );
    console.log(
      `pipeline e2e steps (also in ${path.relative(projectRoot, out)}):\n${rows.join("\n")}`,
    );
  }
});

describe("the pipeline scripts in the sandbox", () => {
  test("affected-stacks takes only the stack whose file the last commit changed", async () => {
    const res = await pipeline("affected-stacks", ["affected-stacks", "--base", "HEAD~1"]);
    expect(res.stderr).toContain("affected-stacks: 1 changed file(s) touch 1 of 2 stack(s): eu");
    expect(res.stdout).toBe('["eu"]\n');
    expect(res.code).toBe(0);
  });

  test("check-credentials fails closed without the passphrase, and passes with it", async () => {
    const missing = await pipeline(
      "check-credentials (no passphrase)",
      ["check-credentials", "--stack", STACK],
      { PULUMI_CONFIG_PASSPHRASE: "" },
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^check-credentials: cannot run preview for stack 'eu' \(backend: self-managed \(file:\/\/\); secrets: passphrase\): 1 problem\n {2}- none of PULUMI_CONFIG_PASSPHRASE \| PULUMI_CONFIG_PASSPHRASE_FILE is fully set/,
    );
    const ok = await pipeline("check-credentials", ["check-credentials", "--stack", STACK]);
    expect(ok.stderr).toBe(
      "check-credentials: stack 'eu' is ready for preview (backend: self-managed (file://); " +
        "secrets: passphrase)\n",
    );
    expect(ok.code).toBe(0);
  });

  test("preview with the policy pack passes the changed stack and changes nothing", async () => {
    const res = await pipeline("preview --policy-pack", [
      "preview",
      "--stack",
      STACK,
      "--policy-pack",
      POLICY_PACK_DIR,
    ]);
    expect({ code: res.code, stderr: res.code === 0 ? "" : res.stderr }).toEqual({
      code: 0,
      stderr: "",
    });
    const lines = res.summary.split("\n");
    expect(lines[0]).toBe("<!-- action1-okta-sso:preview:eu -->");
    expect(lines[1]).toMatch(
      /^### Pulumi preview — stack `eu`: ✅ passed, \d+ resources to change$/,
    );
    expect(res.summary).toMatch(/^\| create \| \d+ \|$/m);
    expect(res.summary).not.toContain("| mandatory |");
    // The stack's policy-config file was picked up by convention.
    expect(res.stderr).toContain(`--policy-pack-config ${policyConfigFile()}`);
    expect(writes()).toEqual([]);
  });

  test("a change that leaves one Enterprise Admin is blocked by the pack", async () => {
    const breakglassOnly = usersConfig.filter((u) => u.startsWith("breakglass-eu@"));
    git("checkout", "-q", "-b", "drop-admins");
    await sandbox.setList(STACK, "action1-okta-sso:users", breakglassOnly);
    git("commit", "-qam", "drop two admins");
    try {
      const affected = await pipeline("affected-stacks (violating)", [
        "affected-stacks",
        "--base",
        "main",
      ]);
      expect(affected.stderr).toContain("1 changed file(s) touch 1 of 2 stack(s): eu");
      expect(affected.stdout).toBe('["eu"]\n');
      const res = await pipeline("preview --policy-pack (violating)", [
        "preview",
        "--stack",
        STACK,
        "--policy-pack",
        POLICY_PACK_DIR,
      ]);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`--policy-pack-config ${policyConfigFile()}`);
      expect(res.summary.split("\n")[1]).toMatch(
        /^### Pulumi preview — stack `eu`: ⛔ blocked by policy \(\d+ mandatory violations?\)$/,
      );
      expect(res.summary).toMatch(
        /^\| mandatory \| [\w.-]+\/keep-enterprise-admin \| [^|]+ \| .*The stack keeps 1 enabled interactive Enterprise Admin \(User "action1-user-breakglass-eu&#64;example.invalid".*\); at least 3 are required/m,
      );
      expect(writes()).toEqual([]);
    } finally {
      git("checkout", "-q", "main");
    }
    expect(git("status", "--porcelain")).toBe("");
    expect(fs.existsSync(policyConfigFile())).toBe(true);
  });

  test("deploy runs pulumi up with the pack and creates the stack", async () => {
    const res = await pipeline("deploy", [
      "deploy",
      "--stack",
      STACK,
      "--policy-pack",
      POLICY_PACK_DIR,
      "--message",
      "e2e deploy",
    ]);
    expect({ code: res.code, stderr: res.code === 0 ? "" : res.stderr }).toEqual({
      code: 0,
      stderr: "",
    });
    expect(res.summary.split("\n")[1]).toMatch(
      /^### Pulumi deploy — stack `eu`: ✅ deployed \(\d+ resources changed\)$/,
    );
    expect(res.stderr).toMatch(/^ {2}\+ create /m);
    expect(writes().length).toBeGreaterThan(0);
    expect(oktaApp().app.label).toBe("Action1 Europe");
    const history = await sandbox.ok(
      STACK,
      "history",
      ["stack", "history", "--stack", STACK, "--json", "--page-size", "1"],
      false,
    );
    expect(JSON.parse(history.stdout)[0]).toMatchObject({ kind: "update", message: "e2e deploy" });
  });

  test("drift-check finds no drift right after the deploy", async () => {
    const res = await pipeline("drift-check (no drift)", ["drift-check", "--stack", STACK]);
    expect({ code: res.code, stderr: res.code === 0 ? "" : res.stderr }).toEqual({
      code: 0,
      stderr: "",
    });
    expect(res.summary.split("\n")[1]).toBe("### Drift check — stack `eu`: ✅ no drift");
  });

  test("drift-check fails loudly on a group assignment removed in the local Okta", async () => {
    const app = oktaApp();
    expect(app.groups.size).toBe(1);
    app.groups.clear(); // what "unassign" in the Okta admin console does
    const before = writes().length;
    const res = await pipeline("drift-check (drift)", ["drift-check", "--stack", STACK], {
      GITHUB_ACTIONS: "true",
    });
    expect(res.code).toBe(1);
    expect(res.summary.split("\n")[1]).toBe(
      "### Drift check — stack `eu`: ❌ drift detected (1 resource differs from the code)",
    );
    expect(res.summary).toContain(
      "| create | okta:app/groupAssignment:GroupAssignment | action1-group:Action1 Admins EU |  |",
    );
    expect(res.stdout).toBe(
      "::error title=Drift in stack eu::1 resource(s) differ from the code on main; see the job " +
        "summary\n",
    );
    // The check only looks: nothing was changed back in the services.
    expect(writes().length).toBe(before);
    expect(oktaApp().groups.size).toBe(0);
  });

  test("drift-check also finds a user disabled in the local Action1", async () => {
    const dieter = sandbox.action1.state.findUserByEmail("dieter.admin@example.invalid");
    if (!dieter) throw new Error("the deploy did not create dieter.admin@example.invalid");
    sandbox.action1.state.updateUser(dieter.id, { enabled: "no" }, "console");
    const before = writes().length;
    const res = await pipeline("drift-check (Action1 drift)", ["drift-check", "--stack", STACK]);
    expect(res.code).toBe(1);
    const details = res.summary.slice(res.summary.indexOf("<details>"));
    const rows = details.split("\n").filter((l) => /^\| (create|update|delete|replace) \|/.test(l));
    const found = rows.map((r) => r.split(" | ").slice(0, 3).join(" | "));
    const drifted = [
      "| create | okta:app/groupAssignment:GroupAssignment | action1-group:Action1 Admins EU",
      "| update | pulumi-nodejs:dynamic/action1:User | action1-user-dieter.admin&#64;example.invalid",
    ];
    expect(found).toEqual(expect.arrayContaining(drifted));
    // Besides them, only dieter's role assignment may be planned: the user's update leaves its
    // userId unknown during the preview, and the assignment's diff plans a replacement for that.
    for (const other of found.filter((r) => !drifted.includes(r))) {
      expect(other).toBe(
        "| replace | pulumi-nodejs:dynamic/action1:RoleAssignment | " +
          "action1-user-dieter.admin&#64;example.invalid-role-enterprise-admin",
      );
    }
    expect(res.summary.split("\n")[1]).toBe(
      `### Drift check — stack \`eu\`: ❌ drift detected (${found.length} resources differ from the code)`,
    );
    expect(writes().length).toBe(before);
    expect(sandbox.action1.state.users.get(dieter.id)?.enabled).toBe("no");
  });
});
