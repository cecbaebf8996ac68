import { readFileSync } from "node:fs";
import { join } from "node:path";
import { annotation, runCli } from "../../../scripts/pipeline/cli";
import type { Runner } from "../../../scripts/pipeline/runner";
import {
  CLOUD_ENV,
  COMPLETE_STACK_FILE,
  eventLines,
  recordingRunner,
  tempProject,
} from "./fixtures";

function io(env: NodeJS.ProcessEnv, runner: Runner = recordingRunner([]).runner) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { env, runner, stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) },
    out,
    err,
  };
}

const project = () =>
  tempProject({ "Pulumi.eu.yaml": COMPLETE_STACK_FILE, "Pulumi.na.yaml": COMPLETE_STACK_FILE });

describe("pipeline CLI", () => {
  it("prints the affected stacks as a JSON array for a GitHub matrix", async () => {
    const root = project();
    const t = io(CLOUD_ENV);
    expect(await runCli(["--cwd", root, "affected-stacks", "--all"], t.io)).toBe(0);
    expect(t.out.join("")).toBe('["eu","na"]\n');
    const lines = io(CLOUD_ENV);
    await runCli(
      ["--cwd", root, "affected-stacks", "--stacks", "na", "--format", "lines"],
      lines.io,
    );
    expect(lines.out.join("")).toBe("na\n");
  });

  it("check-credentials: exit 0 and a ready line when all is set", async () => {
    const t = io(CLOUD_ENV);
    const code = await runCli(["--cwd", project(), "check-credentials", "--stack", "eu"], t.io);
    expect(code).toBe(0);
    expect(t.err.join("")).toBe(
      "check-credentials: stack 'eu' is ready for preview (backend: Pulumi Cloud " +
        "(https://api.pulumi.com); secrets: passphrase)\n",
    );
  });

  it("check-credentials: exit 1, the message on stderr and an error annotation in a job", async () => {
    const t = io({ GITHUB_ACTIONS: "true", PULUMI_ACCESS_TOKEN: "" });
    const code = await runCli(
      ["--cwd", project(), "check-credentials", "--stack", "eu", "--operation", "deploy"],
      t.io,
    );
    expect(code).toBe(1);
    const message = t.err.join("");
    expect(message).toMatch(
      /^check-credentials: cannot run deploy for stack 'eu' .*: 2 problems\n/,
    );
    expect(message).toContain("  - PULUMI_ACCESS_TOKEN is not set or empty");
    expect(message).toContain("  - none of PULUMI_CONFIG_PASSPHRASE");
    expect(t.out).toEqual([`${annotation("Pipeline step failed", message.trimEnd())}\n`]);
    expect(t.out[0]).toMatch(/^::error title=Pipeline step failed::check-credentials: [^\n]*%0A/);
  });

  it("preview: writes the summary file and the job summary, exit 1 when blocked", async () => {
    const root = project();
    const stepSummary = join(root, "step-summary.md");
    const { runner } = recordingRunner([
      {
        code: 255,
        stdout: eventLines([
          {
            policyEvent: {
              message: "no admin left",
              policyName: "keep-enterprise-admin",
              policyPackName: "pack",
              enforcementLevel: "mandatory",
            },
          },
        ]),
      },
    ]);
    const t = io({ ...CLOUD_ENV, GITHUB_STEP_SUMMARY: stepSummary }, runner);
    const code = await runCli(
      ["--cwd", root, "preview", "--stack", "eu", "--summary-file", "out.md"],
      t.io,
    );
    expect(code).toBe(1);
    const summary = readFileSync(join(root, "out.md"), "utf8");
    expect(summary).toContain("⛔ blocked by policy (1 mandatory violation)");
    expect(readFileSync(stepSummary, "utf8")).toBe(`${summary}\n`);
  });

  it("drift-check: exit 1 and a drift annotation in a job", async () => {
    const { runner } = recordingRunner([
      {
        code: 255,
        stdout: eventLines([
          { resourcePreEvent: { metadata: { op: "update", urn: "urn:pulumi:eu::p::t:m:T::x" } } },
        ]),
      },
    ]);
    const t = io({ ...CLOUD_ENV, GITHUB_ACTIONS: "true" }, runner);
    expect(await runCli(["--cwd", project(), "drift-check", "--stack", "eu"], t.io)).toBe(1);
    expect(t.out).toEqual([
      "::error title=Drift in stack eu::1 resource(s) differ from the code on main; see the job " +
        "summary\n",
    ]);
  });

  it("drift-check: writes its outcome to the step outputs in a job", async () => {
    const root = project();
    const outputs = join(root, "github-output");
    const { runner } = recordingRunner([{ code: 0, stdout: "" }]);
    const t = io({ ...CLOUD_ENV, GITHUB_OUTPUT: outputs }, runner);
    expect(await runCli(["--cwd", root, "drift-check", "--stack", "eu"], t.io)).toBe(0);
    expect(readFileSync(outputs, "utf8")).toBe("outcome=passed\n");
  });

  it("drift-issue: takes an empty outcome as 'did not run' and refuses an unknown one", async () => {
    const none = io({ GITHUB_REPOSITORY: "example/repo" });
    const code = await runCli(["drift-issue", "--stack", "eu", "--outcome", ""], none.io);
    // It got as far as the GitHub call, which fails closed without a token.
    expect(code).toBe(1);
    expect(none.err.join("")).toBe(
      "drift-issue: GITHUB_TOKEN is not set or empty: drift-issue needs it. Fix: give the step " +
        "the job token as GITHUB_TOKEN (github.token) in its env\n",
    );
    const bad = io({});
    expect(await runCli(["drift-issue", "--stack", "eu", "--outcome", "fine"], bad.io)).toBe(2);
    expect(bad.err.join("")).toContain(
      "'fine' is not one of passed, blocked, drift, failed (or empty)",
    );
  });

  it("exits 2 on a bad command line, naming the problem", async () => {
    const t = io(CLOUD_ENV);
    expect(await runCli(["drift-check", "--stack", "eu", "--method", "guess"], t.io)).toBe(2);
    expect(t.err.join("")).toContain(
      "error: option '--method <method>' argument 'guess' is invalid. Allowed choices are " +
        "preview, refresh.",
    );
    const n = io(CLOUD_ENV);
    expect(await runCli(["pr-comment", "--number", "x", "--body-file", "f"], n.io)).toBe(2);
    expect(n.err.join("")).toContain("'x' is not a positive integer");
  });

  it("exits 2 when a revision or stack name is refused", async () => {
    const t = io(CLOUD_ENV);
    expect(await runCli(["--cwd", project(), "preview", "--stack", "-x"], t.io)).toBe(2);
  });
});

describe("annotation", () => {
  it("escapes newlines and percent signs so GitHub reads one annotation", () => {
    expect(annotation("a:b,c", "50%\nnext\r")).toBe("::error title=a b c::50%25%0Anext%0D");
  });
});
