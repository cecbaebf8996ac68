import { join } from "node:path";
import { deploy } from "../../../scripts/pipeline/deploy";
import { COMPLETE_STACK_FILE, context, eventLines, recordingRunner, tempProject } from "./fixtures";

const APP = "urn:pulumi:eu::p::okta:app/oAuth:OAuth::action1";

describe("deploy", () => {
  it("runs pulumi up with --yes, the policy pack and a message, and prints progress", async () => {
    const root = tempProject({ "Pulumi.eu.yaml": COMPLETE_STACK_FILE });
    const { runner, calls } = recordingRunner([
      {
        code: 0,
        stdout: eventLines([
          { resourcePreEvent: { metadata: { op: "update", urn: APP } } },
          { resOutputsEvent: { metadata: { op: "update", urn: APP } } },
          { summaryEvent: { resourceChanges: { update: 1, same: 4 }, result: "succeeded" } },
        ]),
      },
    ]);
    const ctx = context(root, runner);
    const result = await deploy(ctx, { stack: "eu", message: "Deploy of abc123" });
    expect(calls.map((c) => c.args)).toEqual([
      [
        "up",
        "--stack",
        "eu",
        "--yes",
        "--non-interactive",
        "--json",
        "--policy-pack",
        join(root, "policies"),
        "--message",
        "Deploy of abc123",
      ],
    ]);
    expect(ctx.logged).toContain("  ~ update okta:app/oAuth:OAuth action1");
    expect(result.outcome).toBe("passed");
    expect(result.markdown.split("\n")[1]).toBe(
      "### Pulumi deploy — stack `eu`: ✅ deployed (1 resource changed)",
    );
  });

  it("reports a policy block before any change as blocked, exit 1", async () => {
    const root = tempProject({ "Pulumi.eu.yaml": COMPLETE_STACK_FILE });
    const { runner } = recordingRunner([
      {
        code: 255,
        stdout: eventLines([
          {
            policyEvent: {
              message: "m",
              policyName: "keep-enterprise-admin",
              policyPackName: "pack",
              enforcementLevel: "mandatory",
            },
          },
        ]),
      },
    ]);
    const result = await deploy(context(root, runner), { stack: "eu", refresh: true });
    expect(result.outcome).toBe("blocked");
    expect(result.exitCode).toBe(1);
  });

  it("needs the credentials for a deploy too", async () => {
    const root = tempProject({ "Pulumi.eu.yaml": COMPLETE_STACK_FILE });
    const { runner, calls } = recordingRunner([]);
    await expect(deploy(context(root, runner, {}), { stack: "eu" })).rejects.toThrow(
      /^check-credentials: cannot run deploy for stack 'eu'/,
    );
    expect(calls).toEqual([]);
  });
});
