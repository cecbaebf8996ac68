import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PipelineError } from "../../../scripts/pipeline/context";
import { preview, previewArgs } from "../../../scripts/pipeline/preview";
import {
  CLOUD_ENV,
  COMPLETE_STACK_FILE,
  context,
  eventLines,
  recordingRunner,
  tempProject,
} from "./fixtures";

const violation = {
  policyEvent: {
    resourceUrn: "urn:pulumi:eu::p::pulumi-nodejs:dynamic/action1:User::breakglass",
    message: "breakglass would be deleted",
    policyName: "keep-enterprise-admin",
    policyPackName: "action1-okta-sso-policies",
    enforcementLevel: "mandatory",
  },
};

describe("preview", () => {
  it("runs pulumi preview with the policy pack, JSON events and no prompts", async () => {
    const root = tempProject({ "Pulumi.eu.yaml": COMPLETE_STACK_FILE });
    const { runner, calls } = recordingRunner([
      { code: 0, stdout: eventLines([{ summaryEvent: { resourceChanges: { same: 3 } } }]) },
    ]);
    const ctx = context(root, runner);
    const result = await preview(ctx, { stack: "eu", summaryFile: "preview-eu.md" });

    expect(calls).toHaveLength(1);
    expect(calls[0]?.command).toBe("pulumi");
    expect(calls[0]?.args).toEqual([
      "preview",
      "--stack",
      "eu",
      "--non-interactive",
      "--json",
      "--policy-pack",
      join(root, "policies"),
    ]);
    expect(calls[0]?.options.cwd).toBe(root);
    expect(calls[0]?.options.env).toEqual({
      ...CLOUD_ENV,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true",
    });
    expect(result.outcome).toBe("passed");
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(root, "preview-eu.md"), "utf8")).toBe(result.markdown);
    expect(result.markdown).toContain("✅ passed, 0 resources to change");
  });

  it("fails with exit 1 and names the violation when a mandatory policy blocks", async () => {
    const root = tempProject({ "Pulumi.eu.yaml": COMPLETE_STACK_FILE });
    const { runner } = recordingRunner([{ code: 255, stdout: eventLines([violation]) }]);
    const result = await preview(context(root, runner), { stack: "eu" });
    expect(result.outcome).toBe("blocked");
    expect(result.exitCode).toBe(1);
    expect(result.pulumiExitCode).toBe(255);
    expect(result.markdown).toContain("action1-okta-sso-policies/keep-enterprise-admin");
  });

  it("exits 2 when pulumi fails for another reason", async () => {
    const root = tempProject({ "Pulumi.eu.yaml": COMPLETE_STACK_FILE });
    const { runner } = recordingRunner([{ code: 255, stdout: "" }]);
    const result = await preview(context(root, runner), { stack: "eu" });
    expect(result.outcome).toBe("failed");
    expect(result.exitCode).toBe(2);
  });

  it("never runs pulumi when credentials are missing (fails closed)", async () => {
    const root = tempProject({ "Pulumi.eu.yaml": COMPLETE_STACK_FILE });
    const { runner, calls } = recordingRunner([]);
    const env = { PULUMI_ACCESS_TOKEN: "" };
    const run = preview(context(root, runner, env), { stack: "eu" });
    await expect(run).rejects.toThrow(PipelineError);
    await expect(run).rejects.toThrow(
      /^check-credentials: cannot run preview for stack 'eu' \(backend: Pulumi Cloud.*\n {2}- PULUMI_ACCESS_TOKEN is not set or empty/,
    );
    expect(calls).toEqual([]);
  });

  it("refuses a stack name that is not one", async () => {
    const { runner, calls } = recordingRunner([]);
    await expect(preview(context("/nowhere", runner), { stack: "--yes" })).rejects.toThrow(
      "invalid stack name '--yes': use 1-100 letters, digits, '-', '_' or '.', starting with " +
        "a letter or digit (the part between 'Pulumi.' and '.yaml' of a stack file)",
    );
    expect(calls).toEqual([]);
  });

  it("adds the org, the pack config, --refresh and PULUMI_BIN when asked", async () => {
    const root = tempProject({ "Pulumi.eu.yaml": COMPLETE_STACK_FILE });
    const env = { ...CLOUD_ENV, PULUMI_ORG: "example-org", PULUMI_BIN: "/opt/pulumi/bin/pulumi" };
    const { runner, calls } = recordingRunner([{ code: 0, stdout: "" }]);
    await preview(context(root, runner, env), {
      stack: "eu",
      policyPack: "/abs/pack",
      policyPackConfig: "policy-config.json",
      refresh: true,
    });
    expect(calls[0]?.command).toBe("/opt/pulumi/bin/pulumi");
    expect(calls[0]?.args).toEqual([
      "preview",
      "--stack",
      "example-org/eu",
      "--non-interactive",
      "--json",
      "--policy-pack",
      "/abs/pack",
      "--policy-pack-config",
      join(root, "policy-config.json"),
      "--refresh",
    ]);
  });

  it("uses policy-config/<stack>.json when it exists and no config file is given", async () => {
    const root = tempProject({ "Pulumi.eu.yaml": COMPLETE_STACK_FILE });
    mkdirSync(join(root, "policy-config"));
    writeFileSync(join(root, "policy-config", "eu.json"), "{}\n");
    const { runner, calls } = recordingRunner([
      { code: 0, stdout: "" },
      { code: 0, stdout: "" },
    ]);
    await preview(context(root, runner), { stack: "eu" });
    await preview(context(root, runner), { stack: "eu", policyPackConfig: "other.json" });
    expect(calls.map((c) => c.args.slice(7))).toEqual([
      ["--policy-pack-config", join(root, "policy-config", "eu.json")],
      ["--policy-pack-config", join(root, "other.json")],
    ]);
  });

  it("builds the same argv without running anything", () => {
    const ctx = context("/p", recordingRunner([]).runner);
    expect(previewArgs(ctx, { stack: "na" })).toEqual([
      "preview",
      "--stack",
      "na",
      "--non-interactive",
      "--json",
      "--policy-pack",
      "/p/policies",
    ]);
  });
});
