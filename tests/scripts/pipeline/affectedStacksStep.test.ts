import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  computeAffectedStacks,
  gitDiffArgs,
  namedStacks,
} from "../../../scripts/pipeline/affectedStacksStep";
import { context, recordingRunner, tempProject } from "./fixtures";

const project = () =>
  tempProject({
    "Pulumi.yaml": "",
    "Pulumi.eu.yaml": "",
    "Pulumi.na.yaml": "",
    "Pulumi.au.yaml": "",
  });

describe("computeAffectedStacks", () => {
  it("diffs base...head with git (no renames, so a renamed file counts twice)", async () => {
    const root = project();
    const { runner, calls } = recordingRunner([{ code: 0, stdout: "Pulumi.eu.yaml\ndocs/x.md\n" }]);
    const ctx = context(root, runner);
    const stacks = await computeAffectedStacks(ctx, { base: "origin/main", head: "HEAD" });
    expect(stacks).toEqual(["eu"]);
    expect(calls).toEqual([
      {
        command: "git",
        args: ["diff", "--name-only", "--no-renames", "origin/main...HEAD"],
        options: { cwd: root, env: ctx.env },
      },
    ]);
    expect(ctx.logged).toEqual(["affected-stacks: 2 changed file(s) touch 1 of 3 stack(s): eu"]);
  });

  it("takes every stack for a push that created the branch (all-zero before)", async () => {
    const { runner, calls } = recordingRunner([]);
    const base = "0".repeat(40);
    expect(await computeAffectedStacks(context(project(), runner), { base })).toEqual([
      "au",
      "eu",
      "na",
    ]);
    expect(calls).toEqual([]);
  });

  it("explains a failed git diff (shallow clone)", async () => {
    const { runner } = recordingRunner([{ code: 128, stdout: "" }]);
    await expect(
      computeAffectedStacks(context(project(), runner), { base: "abc123", head: "def456" }),
    ).rejects.toThrow(
      "affected-stacks: git diff abc123...def456 failed (exit 128). Fix: fetch enough history " +
        "for both revisions (actions/checkout with fetch-depth: 0)",
    );
  });

  it("refuses a revision that could be read as an option", async () => {
    const { runner, calls } = recordingRunner([]);
    await expect(
      computeAffectedStacks(context(project(), runner), { base: "--output=/tmp/x" }),
    ).rejects.toThrow("affected-stacks: --base '--output=/tmp/x' is not a git revision");
    expect(calls).toEqual([]);
  });

  it("reads a file list from a file or stdin", async () => {
    const root = project();
    writeFileSync(join(root, "changed.txt"), "infra/index.ts\n");
    const { runner } = recordingRunner([]);
    expect(
      await computeAffectedStacks(context(root, runner), { files: join(root, "changed.txt") }),
    ).toEqual(["au", "eu", "na"]);
    expect(
      await computeAffectedStacks(context(root, runner), { files: "-" }, () => "Pulumi.na.yaml\n"),
    ).toEqual(["na"]);
  });

  it("needs exactly one source", async () => {
    const { runner } = recordingRunner([]);
    const message =
      "affected-stacks: give exactly one of --base <ref>, --files <path|->, --all, --stacks <names>";
    await expect(computeAffectedStacks(context(project(), runner), {})).rejects.toThrow(message);
    await expect(
      computeAffectedStacks(context(project(), runner), { all: true, base: "x" }),
    ).rejects.toThrow(message);
  });

  it("lists every stack or the named ones", async () => {
    const { runner } = recordingRunner([]);
    expect(await computeAffectedStacks(context(project(), runner), { all: true })).toEqual([
      "au",
      "eu",
      "na",
    ]);
    expect(await computeAffectedStacks(context(project(), runner), { stacks: "na, eu" })).toEqual([
      "eu",
      "na",
    ]);
  });
});

describe("namedStacks", () => {
  it("names every unknown stack at once", () => {
    expect(() => namedStacks("eu,xx yy", ["eu", "na"])).toThrow(
      "affected-stacks: unknown stack(s) 'xx', 'yy' (stacks with a Pulumi.<stack>.yaml file: " +
        "eu, na)",
    );
  });

  it("reads 'all', and refuses an empty list", () => {
    expect(namedStacks("all", ["eu", "na"])).toEqual(["eu", "na"]);
    expect(() => namedStacks(" , ", ["eu"])).toThrow(
      "affected-stacks: --stacks names no stack (give e.g. 'eu,na' or 'all')",
    );
  });
});

describe("gitDiffArgs", () => {
  it("uses the merge base of the two revisions", () => {
    expect(gitDiffArgs("a", "b")).toEqual(["diff", "--name-only", "--no-renames", "a...b"]);
  });
});
