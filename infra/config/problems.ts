/** One problem in a stack's config, and the single error that lists them all. */
import { RunError } from "@pulumi/pulumi";

export interface Problem {
  /** Config key as you would type it after `pulumi config set`, with a path for list items. */
  readonly key: string;
  /** The bad value as shown to the reader: JSON text, `(not set)` or `[secret]`. */
  readonly value: string;
  /** What is wrong. */
  readonly problem: string;
  /** What is allowed. */
  readonly allowed: string;
  /** How to fix it. */
  readonly fix: string;
}

export const NOT_SET = "(not set)";
export const SECRET = "[secret]";
const MAX_VALUE_CHARS = 80;

/** How a (non-secret) value appears in an error: JSON text, shortened. */
export function showValue(value: unknown): string {
  if (value === undefined) return NOT_SET;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

export function formatProblem(p: Problem): string {
  return `- ${p.key} = ${p.value}: ${p.problem}. Allowed: ${p.allowed}. Fix: ${p.fix}.`;
}

/**
 * The one error a stack's invalid config raises. Its message names the stack and lists every
 * problem; any secret config value that would appear in it is replaced by `[secret]`.
 */
/**
 * A `RunError`, so the Pulumi CLI prints just the message (every problem), without a stack trace
 * or a second dump of the object.
 */
export class ConfigError extends RunError {
  /** The Pulumi stack whose config is invalid (`stack` is taken by Error's stack trace). */
  readonly stackName: string;
  readonly problems: readonly Problem[];

  constructor(stack: string, problems: readonly Problem[], secretValues: readonly string[] = []) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    const text = [
      `Invalid config for stack "${stack}" (${count}); nothing was deployed:`,
      ...problems.map(formatProblem),
    ].join("\n");
    super(redact(text, secretValues));
    this.name = "ConfigError";
    this.stackName = stack;
    this.problems = problems.map((p) => ({
      key: p.key,
      value: redact(p.value, secretValues),
      problem: redact(p.problem, secretValues),
      allowed: p.allowed,
      fix: redact(p.fix, secretValues),
    }));
  }
}

/** Replaces every occurrence of each secret (longest first) with `[secret]`. */
export function redact(text: string, secretValues: readonly string[]): string {
  const secrets = [...new Set(secretValues)]
    .filter((s) => s.length >= 4)
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of secrets) {
    out = out.split(s).join(SECRET);
    const asJson = JSON.stringify(s).slice(1, -1);
    if (asJson !== s) out = out.split(asJson).join(SECRET);
  }
  return out;
}
