/**
 * The rules the workflows promise (docs/guides/gitops.md), checked on the YAML itself: pinned
 * actions, least privilege, secrets only where Pulumi runs, a credential check before every
 * Pulumi step, approvals and one deploy at a time per stack, the same CLI version as the SDK.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";

const root = resolve(__dirname, "..", "..");
const dir = join(root, ".github", "workflows");

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: Record<string, string> | string;
  environment?: { name: string } | string;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  env?: Record<string, string>;
  if?: string;
  strategy?: { matrix?: Record<string, unknown>; "fail-fast"?: boolean };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: unknown;
  jobs: Record<string, Job>;
}

const workflows: Record<string, Workflow> = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith(".yml"))
    .map((f) => [f, parse(readFileSync(join(dir, f), "utf8")) as Workflow]),
);
const allJobs = Object.entries(workflows).flatMap(([file, wf]) =>
  Object.entries(wf.jobs).map(([id, job]) => ({ file, id, job })),
);
const allSteps = allJobs.flatMap(({ file, id, job }) =>
  job.steps.map((step, index) => ({ where: `${file} ${id} step ${index + 1}`, job, step })),
);
const packageJson = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
};

/** A GitHub expression `${{ … }}` (built, so the linter does not take it for a template slip). */
const expr = (inner: string) => `$${"{{"} ${inner} }}`;

/** Actions pinned by tag because no verified commit was at hand (see gitops.md Limitations). */
const TAG_PINNED = new Set(["pulumi/actions@v6"]);

describe("workflows", () => {
  it("are the three the docs describe", () => {
    expect(Object.keys(workflows).sort()).toEqual([
      "deploy.yml",
      "drift-check.yml",
      "pull-request.yml",
    ]);
  });

  it("pin every action to a full commit SHA with its version in a comment, or a known tag", () => {
    const source = Object.keys(workflows).map((f) => readFileSync(join(dir, f), "utf8"));
    const uses = source.flatMap((text) => [...text.matchAll(/uses: (\S+)(.*)$/gm)]);
    expect(uses.length).toBeGreaterThan(10);
    for (const [, ref, rest] of uses) {
      if (TAG_PINNED.has(ref ?? "")) continue;
      expect(`${ref}${rest}`).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  it("grant no permission at the top and only what each job needs", () => {
    for (const wf of Object.values(workflows)) expect(wf.permissions).toEqual({});
    for (const { file, id, job } of allJobs) {
      const special: Record<string, object> = {
        "pull-request.yml preview": { contents: "read", "pull-requests": "write" },
        "pull-request.yml result": {},
        "drift-check.yml drift": { contents: "read", issues: "write" },
      };
      const expected = special[`${file} ${id}`] ?? { contents: "read" };
      expect({ file, id, permissions: job.permissions }).toEqual({
        file,
        id,
        permissions: expected,
      });
    }
  });

  it("put no expression inside a run script (values reach scripts through env)", () => {
    for (const { where, step } of allSteps) {
      if (step.run)
        expect({ where, run: step.run }).toEqual({
          where,
          run: expect.not.stringContaining(expr("").slice(0, 3)),
        });
    }
  });

  it("give secrets only to steps that run the pipeline, never to install steps or jobs", () => {
    for (const { file, id, job } of allJobs) {
      expect({ file, id, env: JSON.stringify(job.env ?? {}) }).toEqual({
        file,
        id,
        env: expect.not.stringContaining("secrets."),
      });
    }
    for (const { where, step } of allSteps) {
      const usesSecrets = JSON.stringify(step.env ?? {}).includes("secrets.");
      if (usesSecrets)
        expect({ where, run: step.run }).toEqual({
          where,
          run: expect.stringMatching(
            /^npm run -s pipeline -- (check-credentials|preview|deploy|drift-check) /,
          ),
        });
      if (step.run?.includes("npm ci"))
        expect({ where, env: step.env }).toEqual({ where, env: undefined });
    }
  });

  it("check credentials right before every Pulumi step, with the same environment", () => {
    const pulumiSteps = allSteps.filter(({ step }) =>
      /pipeline -- (preview|deploy|drift-check) /.test(step.run ?? ""),
    );
    expect(pulumiSteps).toHaveLength(3);
    for (const { where, job, step } of pulumiSteps) {
      const index = job.steps.indexOf(step);
      const before = job.steps[index - 1];
      expect({ where, run: before?.run }).toEqual({
        where,
        run: expect.stringMatching(/^npm run -s pipeline -- check-credentials --stack "\$STACK" /),
      });
      expect(before?.env).toEqual(step.env);
      for (const name of [
        "PULUMI_ACCESS_TOKEN",
        "PULUMI_BACKEND_URL",
        "PULUMI_CONFIG_PASSPHRASE",
      ]) {
        expect(Object.keys(step.env ?? {})).toContain(name);
      }
    }
  });

  it("preview every touched stack on pull requests and post the result", () => {
    const pr = workflows["pull-request.yml"] as Workflow;
    expect(Object.keys(pr.on)).toEqual(["pull_request"]);
    const preview = pr.jobs.preview as Job;
    expect(preview.strategy?.matrix?.stack).toBe(expr("fromJSON(needs.affected.outputs.stacks)"));
    expect(preview.if).toBe("needs.affected.outputs.stacks != '[]'");
    const runs = preview.steps.map((s) => s.run ?? "");
    expect(runs).toContain(
      'npm run -s pipeline -- preview --stack "$STACK" --summary-file "$SUMMARY"',
    );
    const post = preview.steps.find((s) => s.run?.includes("pr-comment"));
    expect(post?.if).toBe(expr("!cancelled() && hashFiles(env.SUMMARY) != ''"));
    const checks = (pr.jobs.checks as Job).steps.map((s) => s.run ?? "");
    expect(checks).toEqual(
      expect.arrayContaining(["npm run lint", "npm run typecheck", "npm run test:unit"]),
    );
  });

  it("give branch protection one check that fails unless lint, tests and every preview passed", () => {
    const result = (workflows["pull-request.yml"] as Workflow).jobs.result as Job & {
      needs: string[];
      name: string;
    };
    expect(result.name).toBe("Pull request result");
    expect(result.needs).toEqual(["checks", "affected", "preview"]);
    expect(result.if).toBe(expr("!cancelled()"));
    const run = result.steps[0]?.run ?? "";
    const decide = (checks: string, affected: string, preview: string) =>
      spawnSync("bash", ["-c", run], {
        env: { CHECKS: checks, AFFECTED: affected, PREVIEW: preview, PATH: process.env.PATH },
        encoding: "utf8",
      }).status;
    expect(decide("success", "success", "success")).toBe(0);
    expect(decide("success", "success", "skipped")).toBe(0);
    expect(decide("success", "success", "failure")).toBe(1);
    expect(decide("success", "success", "cancelled")).toBe(1);
    expect(decide("failure", "success", "skipped")).toBe(1);
    expect(decide("success", "failure", "skipped")).toBe(1);
  });

  it("deploy each stack behind its environment, one at a time, never cancelling a deploy", () => {
    const deploy = (workflows["deploy.yml"] as Workflow).jobs.deploy as Job;
    expect(deploy.environment).toEqual({ name: expr("matrix.stack") });
    expect(deploy.concurrency).toEqual({
      group: `deploy-${expr("matrix.stack")}`,
      "cancel-in-progress": false,
    });
    const drift = (workflows["drift-check.yml"] as Workflow).jobs.drift as Job;
    expect(drift.concurrency?.group).toBe(`drift-${expr("matrix.stack")}`);
    expect(drift.environment).toBeUndefined();
  });

  it("run the drift check on a schedule and report it in an issue whatever happened", () => {
    const wf = workflows["drift-check.yml"] as Workflow;
    const on = wf.on as { schedule: { cron: string }[] };
    expect(on.schedule).toHaveLength(1);
    expect(Object.keys(on)).toEqual(["schedule", "workflow_dispatch"]);
    const steps = (wf.jobs.drift as Job).steps;
    const check = steps.find((s) => s.run?.includes("pipeline -- drift-check"));
    const issue = steps[steps.length - 1];
    expect(check).toMatchObject({ id: "drift" });
    expect(issue?.if).toBe(expr("!cancelled()"));
    expect(issue?.env).toEqual({
      GITHUB_TOKEN: expr("github.token"),
      OUTCOME: expr("steps.drift.outputs.outcome"),
    });
    expect(issue?.run).toBe(
      'npm run -s pipeline -- drift-issue --stack "$STACK" --outcome "$OUTCOME" --body-file "$SUMMARY"',
    );
  });

  it("install the Pulumi CLI of the same version as the SDK, and Node 22", () => {
    const sdk = packageJson.dependencies["@pulumi/pulumi"];
    const cli = allSteps.filter(({ step }) => step.uses?.startsWith("pulumi/actions@"));
    expect(cli).toHaveLength(3);
    for (const { step } of cli) expect(step.with).toEqual({ "pulumi-version": sdk });
    const nodes = allSteps.filter(({ step }) => step.uses?.startsWith("actions/setup-node@"));
    for (const { step } of nodes) expect(step.with?.["node-version"]).toBe(22);
  });
});
