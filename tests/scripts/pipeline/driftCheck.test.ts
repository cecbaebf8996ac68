import { driftCheck } from "../../../scripts/pipeline/driftCheck";
import { COMPLETE_STACK_FILE, context, eventLines, recordingRunner, tempProject } from "./fixtures";

const USER = "urn:pulumi:eu::p::pulumi-nodejs:dynamic/action1:User::ann";

describe("driftCheck", () => {
  const root = tempProject({ "Pulumi.eu.yaml": COMPLETE_STACK_FILE });

  it("previews with --refresh --expect-no-changes and passes when nothing would change", async () => {
    const { runner, calls } = recordingRunner([
      { code: 0, stdout: eventLines([{ summaryEvent: { resourceChanges: { same: 6 } } }]) },
    ]);
    const result = await driftCheck(context(root, runner), { stack: "eu" });
    expect(calls[0]?.args).toEqual([
      "preview",
      "--stack",
      "eu",
      "--non-interactive",
      "--json",
      "--refresh",
      "--expect-no-changes",
    ]);
    expect(result.outcome).toBe("passed");
    expect(result.exitCode).toBe(0);
  });

  it("fails with exit 1 and lists what drifted", async () => {
    const { runner } = recordingRunner([
      {
        code: 255,
        stdout: eventLines([
          { resourcePreEvent: { metadata: { op: "update", urn: USER, diffs: ["enabled"] } } },
          { summaryEvent: { resourceChanges: { same: 5, update: 1 } } },
        ]),
      },
    ]);
    const result = await driftCheck(context(root, runner), { stack: "eu" });
    expect(result.outcome).toBe("drift");
    expect(result.exitCode).toBe(1);
    expect(result.markdown).toContain(
      "| update | pulumi-nodejs:dynamic/action1:User | ann | enabled |",
    );
  });

  it("fails with exit 2 when the check itself could not run", async () => {
    const { runner } = recordingRunner([{ code: 255, stdout: "" }]);
    const result = await driftCheck(context(root, runner), { stack: "eu" });
    expect(result.outcome).toBe("failed");
    expect(result.exitCode).toBe(2);
  });

  it("can compare live state with the last deployment instead (refresh --preview-only)", async () => {
    const { runner, calls } = recordingRunner([{ code: 0, stdout: "" }]);
    await driftCheck(context(root, runner), { stack: "eu", method: "refresh" });
    expect(calls[0]?.args).toEqual([
      "refresh",
      "--stack",
      "eu",
      "--non-interactive",
      "--json",
      "--preview-only",
      "--expect-no-changes",
    ]);
  });
});
