/**
 * Which region stacks a change touches. One rule table, used by the pull-request workflow (to
 * build its preview matrix), by the deploy workflow and by people locally.
 *
 * - `Pulumi.<stack>.yaml` at the project root touches that stack (if it still exists), and so
 *   does `policy-config/<stack>.json` (the stack's policy pack config: levels and exceptions).
 * - `Pulumi.yaml`, `tsconfig.json`, `package.json`, `package-lock.json` and anything under
 *   `infra/` or `policies/` touch every stack: they change the program or the policies that
 *   every stack runs.
 * - Anything else (docs, tests, standins, scripts, workflows) touches none.
 */
import { readdirSync } from "node:fs";

/** Root-level files that change what every stack deploys or which policies it is checked by. */
export const GLOBAL_FILES: readonly string[] = Object.freeze([
  "Pulumi.yaml",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
]);

/** Folders whose contents change what every stack deploys or how it is checked. */
export const GLOBAL_FOLDERS: readonly string[] = Object.freeze(["infra/", "policies/"]);

const STACK_FILE = /^Pulumi\.(.+)\.yaml$/;
const STACK_POLICY_CONFIG = /^policy-config\/(.+)\.json$/;

/** The stack a root-level `Pulumi.<stack>.yaml` path names, or undefined. */
export function stackOfFile(path: string): string | undefined {
  const match = STACK_FILE.exec(normalizePath(path));
  return match ? match[1] : undefined;
}

/** The stack whose policy pack config `policy-config/<stack>.json` is, or undefined. */
export function stackOfPolicyConfig(path: string): string | undefined {
  const match = STACK_POLICY_CONFIG.exec(normalizePath(path));
  return match && !match[1]?.includes("/") ? match[1] : undefined;
}

/** True when a changed path touches every stack. */
export function touchesAllStacks(path: string): boolean {
  const p = normalizePath(path);
  return GLOBAL_FILES.includes(p) || GLOBAL_FOLDERS.some((folder) => p.startsWith(folder));
}

/** `./a/b` and `a//b` name the same file as `a/b`; git prints neither, people might. */
export function normalizePath(path: string): string {
  return path
    .trim()
    .replace(/^(\.\/)+/, "")
    .replace(/\/{2,}/g, "/");
}

/**
 * The stacks that `changedFiles` touch, among `existingStacks` (the stacks whose files exist at
 * the head of the change), sorted and without duplicates. A deleted stack file touches nothing:
 * there is nothing left to preview (removing a stack is a manual `pulumi destroy`).
 */
export function affectedStacks(
  changedFiles: readonly string[],
  existingStacks: readonly string[],
): string[] {
  const existing = new Set(existingStacks);
  const touched = new Set<string>();
  for (const file of changedFiles) {
    if (normalizePath(file) === "") continue;
    if (touchesAllStacks(file)) return [...existing].sort();
    const stack = stackOfFile(file) ?? stackOfPolicyConfig(file);
    if (stack !== undefined && existing.has(stack)) touched.add(stack);
  }
  return [...touched].sort();
}

/** The stacks declared in a project folder: one per `Pulumi.<stack>.yaml`, sorted. */
export function listStacks(projectRoot: string): string[] {
  return readdirSync(projectRoot)
    .map((name) => stackOfFile(name))
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}

/** Splits `git diff --name-only` output (or a file list) into paths. */
export function parseFileList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map(normalizePath)
    .filter((line) => line !== "");
}
