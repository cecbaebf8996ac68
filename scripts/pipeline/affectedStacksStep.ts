/**
 * `affected-stacks` as a step: where the changed files come from (a git range, a file list, or
 * everything) and how the answer is printed (a JSON array for a GitHub matrix, or lines).
 */
import { readFileSync } from "node:fs";
import { affectedStacks, listStacks, parseFileList } from "./affectedStacks";
import { PipelineError, type StepContext } from "./context";

export interface AffectedStacksOptions {
  /** Compare `base...head` (the merge base of the two, as a pull request does). */
  readonly base?: string;
  readonly head?: string;
  /** A file with one changed path per line (`-` for stdin). */
  readonly files?: string;
  /** Every stack, whatever changed (scheduled runs, manual deploys). */
  readonly all?: boolean;
  /** Named stacks, separated by commas or spaces; each must have its stack file. */
  readonly stacks?: string;
}

/** Git's all-zero "before" of a push that created the branch: no range to diff. */
const NULL_SHA = /^0+$/;
const REF = /^[A-Za-z0-9_./@^~{}-]+$/;

/** `--stacks "eu, na"`: the named stacks, sorted; unknown names are one error listing all. */
export function namedStacks(list: string, existing: readonly string[]): string[] {
  const names = [...new Set(list.split(/[\s,]+/).filter((n) => n !== ""))].sort();
  if (names.length === 0) {
    throw new PipelineError(
      "affected-stacks: --stacks names no stack (give e.g. 'eu,na' or 'all')",
      2,
    );
  }
  if (names.length === 1 && names[0] === "all") return [...existing];
  const unknown = names.filter((n) => !existing.includes(n));
  if (unknown.length > 0) {
    throw new PipelineError(
      `affected-stacks: unknown stack(s) ${unknown.map((n) => `'${n}'`).join(", ")} ` +
        `(stacks with a Pulumi.<stack>.yaml file: ${existing.join(", ") || "none"})`,
      2,
    );
  }
  return names;
}

export function gitDiffArgs(base: string, head: string): string[] {
  return ["diff", "--name-only", "--no-renames", `${base}...${head}`];
}

export async function computeAffectedStacks(
  ctx: StepContext,
  options: AffectedStacksOptions,
  readStdin: () => string = () => readFileSync(0, "utf8"),
): Promise<string[]> {
  const sources = [
    options.base !== undefined,
    options.files !== undefined,
    options.all === true,
    options.stacks !== undefined,
  ];
  if (sources.filter(Boolean).length !== 1) {
    throw new PipelineError(
      "affected-stacks: give exactly one of --base <ref>, --files <path|->, --all, --stacks <names>",
      2,
    );
  }
  const stacks = listStacks(ctx.projectRoot);
  if (options.all) return stacks;
  if (options.stacks !== undefined) return namedStacks(options.stacks, stacks);
  let changed: string[];
  if (options.files !== undefined) {
    changed = parseFileList(
      options.files === "-" ? readStdin() : readFileSync(options.files, "utf8"),
    );
  } else {
    const base = options.base ?? "";
    const head = options.head ?? "HEAD";
    if (NULL_SHA.test(base)) {
      ctx.log("affected-stacks: no previous commit to compare with; taking every stack");
      return stacks;
    }
    for (const [name, ref] of [
      ["--base", base],
      ["--head", head],
    ] as const) {
      if (!REF.test(ref) || ref.startsWith("-")) {
        throw new PipelineError(`affected-stacks: ${name} '${ref}' is not a git revision`, 2);
      }
    }
    const run = await ctx.runner("git", gitDiffArgs(base, head), {
      cwd: ctx.projectRoot,
      env: ctx.env,
    });
    if (run.code !== 0) {
      throw new PipelineError(
        `affected-stacks: git diff ${base}...${head} failed (exit ${run.code}). Fix: fetch ` +
          "enough history for both revisions (actions/checkout with fetch-depth: 0)",
      );
    }
    changed = parseFileList(run.stdout);
  }
  const result = affectedStacks(changed, stacks);
  ctx.log(
    `affected-stacks: ${changed.length} changed file(s) touch ${result.length} of ` +
      `${stacks.length} stack(s): ${result.join(", ") || "none"}`,
  );
  return result;
}
