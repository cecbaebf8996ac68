import { spawnRunner } from "../../../scripts/pipeline/runner";

const node = process.execPath;

describe("spawnRunner", () => {
  it("captures stdout, hands over each line as it comes, and reports the exit code", async () => {
    const lines: string[] = [];
    const result = await spawnRunner(
      node,
      [
        "-e",
        "process.stdout.write('a\\nb'); setTimeout(() => { console.log('c'); process.exit(3) }, 20)",
      ],
      { cwd: process.cwd(), env: process.env, onStdoutLine: (l) => lines.push(l) },
    );
    expect(result).toEqual({ code: 3, stdout: "a\nbc\n" });
    expect(lines).toEqual(["a", "bc"]);
  });

  it("passes the environment and the working folder", async () => {
    const result = await spawnRunner(
      node,
      ["-e", "console.log(process.env.PIPELINE_TEST + ' ' + process.cwd())"],
      { cwd: "/tmp", env: { PIPELINE_TEST: "seen" } },
    );
    expect(result.stdout).toBe("seen /tmp\n");
  });

  it("reports a signal as 128 + its number, like a shell", async () => {
    const result = await spawnRunner(node, ["-e", "process.kill(process.pid, 'SIGTERM')"], {
      cwd: process.cwd(),
      env: process.env,
    });
    expect(result.code).toBe(143);
  });

  it("says how to fix a missing binary", async () => {
    await expect(
      spawnRunner("/nonexistent/pulumi", [], { cwd: process.cwd(), env: process.env }),
    ).rejects.toThrow(
      "cannot start '/nonexistent/pulumi': not found. Install it, or set PULUMI_BIN to the " +
        "pulumi binary (e.g. .engine/bin/pulumi)",
    );
  });
});
