/**
 * The engine itself: the CLI built by scripts/build-engine.sh is the version package-lock.json
 * pins, and the Node.js language host (scripts/engine/language-host.js) runs a program through
 * the Automation API with the right project, stack, config and secrets, on Node 22, and reports a
 * failing program as a failed update.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { engineEnv, projectRoot, pulumiCommand, pulumiOk, requireEngine } from "../helpers/engine";

jest.setTimeout(180_000);

const workDir = path.join(__dirname, "engine-program");
const stackName = `engine${process.pid}`;
const runDir = `e2e-${stackName}-${Date.now()}`;
const engine = engineEnv({ stateDir: path.join(runDir, "state") });
let stack: Stack;

beforeAll(async () => {
  requireEngine();
  stack = await LocalWorkspace.createStack(
    { stackName, workDir },
    { pulumiCommand: await pulumiCommand(), envVars: engine.env as Record<string, string> },
  );
});

afterAll(async () => {
  await stack?.workspace.removeStack(stackName, { force: true }).catch(() => undefined);
  fs.rmSync(path.join(workDir, `Pulumi.${stackName}.yaml`), { force: true });
  fs.rmSync(path.join(projectRoot, ".pulumi", runDir), { recursive: true, force: true });
});

test("the CLI is the version of @pulumi/pulumi in package-lock.json", async () => {
  const lock = JSON.parse(fs.readFileSync(path.join(projectRoot, "package-lock.json"), "utf8"));
  const pinned = lock.packages["node_modules/@pulumi/pulumi"].version as string;
  const res = await pulumiOk(engine, ["version"], { cwd: workDir });
  expect(res.stdout.trim()).toBe(`v${pinned}`);
});

test("the language host hands the program its project, stack and config, secrets kept secret", async () => {
  await stack.setAllConfig({
    plain: { value: "plain-value" },
    secretValue: { value: "fake-secret-not-real", secret: true },
  });
  const res = await stack.up();
  expect(res.summary.result).toBe("succeeded");
  expect(res.outputs).toEqual({
    project: { value: "engine-check", secret: false },
    stack: { value: stackName, secret: false },
    plain: { value: "plain-value", secret: false },
    secretValue: { value: "fake-secret-not-real", secret: true },
    nodeMajor: { value: 22, secret: false },
  });
  // (The Automation API's exportStack shows secrets; the CLI's own export must not.)
  const exported = await pulumiOk(engine, ["stack", "export", "--stack", stackName], {
    cwd: workDir,
  });
  expect(exported.stdout).toContain('"secretValue": {');
  expect(exported.stdout).not.toContain("fake-secret-not-real");
});

test("a program that throws fails the preview with its own error message", async () => {
  await stack.setConfig("fail", { value: "true" });
  await expect(stack.preview()).rejects.toThrow(
    "engine-check was asked to fail (config engine-check:fail=true)",
  );
  await stack.removeConfig("fail");
});
