/**
 * Reads the engine event stream that `pulumi preview --json` (with
 * PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true) and `pulumi up --json` print: one JSON object per
 * line (`apitype.EngineEvent`). The streaming form is used because the preview digest that plain
 * `--json` prints leaves out policy events (pkg/backend/display/json.go in pulumi 3.276).
 *
 * Only names, types, operations, property *names* and policy/diagnostic messages are kept:
 * property values (which the engine masks as `[secret]` anyway) never reach the report.
 */
import { stripVTControlCharacters } from "node:util";

export interface ResourceChange {
  readonly op: string;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Names of the changed top-level properties, when the engine reports them. */
  readonly diffs: readonly string[];
}

export interface PolicyViolation {
  readonly policyPack: string;
  readonly policy: string;
  /** `advisory`, `mandatory`, `remediate` or `disabled`, as the engine reports it. */
  readonly level: string;
  readonly urn?: string;
  readonly message: string;
  /** IDs of policy exceptions that matched; an excepted violation does not block. */
  readonly exceptions: readonly string[];
}

export interface OperationReport {
  /** Counts per operation from the summary event, e.g. `{ create: 2, same: 5 }`. */
  readonly changes: Readonly<Record<string, number>>;
  /** Resources with an operation other than `same`, in the order first seen (a replacement's
   * steps count once, as `replace`). */
  readonly resources: readonly ResourceChange[];
  readonly violations: readonly PolicyViolation[];
  /** Diagnostics of severity `error`, colour tags removed. */
  readonly errors: readonly string[];
  /** `succeeded`, `failed`, `canceled`, or undefined when no summary event arrived. */
  readonly result?: string;
  /** Lines that were not engine events (e.g. a crash trace); counted, not kept. */
  readonly unparsedLines: number;
}

/** Operations that change nothing in the services. */
export const NO_CHANGE_OPS: readonly string[] = Object.freeze(["same", "read", "refresh"]);

/** The steps of one replacement, each with its own event: shown as one `replace`. */
const REPLACEMENT_STEPS: readonly string[] = ["create-replacement", "replace", "delete-replaced"];

/** Removes Pulumi colour tags (`<{%reset%}>`) and ANSI escapes, trims the end. */
export function plainText(message: string): string {
  return stripVTControlCharacters(message.replace(/<\{%[^%]*%\}>/g, "")).trimEnd();
}

/** `urn:pulumi:stack::project::a$b:c:Type::name` → type `b:c:Type`... the last type, and name. */
export function splitUrn(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  const name = parts.length >= 4 ? parts.slice(3).join("::") : urn;
  const qualified = parts[2] ?? "";
  const types = qualified.split("$");
  return { type: types[types.length - 1] ?? "", name };
}

interface StepMetadata {
  op?: unknown;
  urn?: unknown;
  type?: unknown;
  diffs?: unknown;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** Parses the whole stdout of a `--json` run. */
export function parseEngineEvents(stdout: string): OperationReport {
  const resources = new Map<string, ResourceChange>();
  const violations: PolicyViolation[] = [];
  const errors: string[] = [];
  let changes: Record<string, number> = {};
  let result: string | undefined;
  let unparsedLines = 0;

  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") continue;
    let event: Record<string, unknown> | undefined;
    try {
      event = asRecord(JSON.parse(line));
    } catch {
      event = undefined;
    }
    if (event === undefined) {
      unparsedLines++;
      continue;
    }
    const pre = asRecord(event.resourcePreEvent);
    const meta = asRecord(pre?.metadata) as StepMetadata | undefined;
    if (meta && typeof meta.urn === "string" && typeof meta.op === "string") {
      if (!NO_CHANGE_OPS.includes(meta.op) && !resources.has(meta.urn)) {
        const { name } = splitUrn(meta.urn);
        resources.set(meta.urn, {
          op: REPLACEMENT_STEPS.includes(meta.op) ? "replace" : meta.op,
          urn: meta.urn,
          type: str(meta.type) || splitUrn(meta.urn).type,
          name,
          diffs: Array.isArray(meta.diffs) ? meta.diffs.filter((d) => typeof d === "string") : [],
        });
      }
      continue;
    }
    const policy = asRecord(event.policyEvent);
    if (policy) {
      const exceptions = Array.isArray(policy.exceptions)
        ? policy.exceptions.map((e) => str(asRecord(e)?.id)).filter((id) => id !== "")
        : [];
      violations.push({
        policyPack: str(policy.policyPackName),
        policy: str(policy.policyName),
        level: str(policy.enforcementLevel),
        ...(str(policy.resourceUrn) !== "" ? { urn: str(policy.resourceUrn) } : {}),
        message: plainText(str(policy.message)),
        exceptions,
      });
      continue;
    }
    const diag = asRecord(event.diagnosticEvent);
    if (diag) {
      if (str(diag.severity) === "error") errors.push(plainText(str(diag.message)));
      continue;
    }
    const summary = asRecord(event.summaryEvent);
    if (summary) {
      const counts = asRecord(summary.resourceChanges) ?? {};
      changes = Object.fromEntries(
        Object.entries(counts).filter((e): e is [string, number] => typeof e[1] === "number"),
      );
      result = str(summary.result) || undefined;
    }
  }
  return {
    changes,
    resources: [...resources.values()],
    violations,
    errors,
    ...(result !== undefined ? { result } : {}),
    unparsedLines,
  };
}

/** Violations that stop the operation: mandatory and not covered by an exception. */
export function blockingViolations(report: OperationReport): PolicyViolation[] {
  return report.violations.filter((v) => v.level === "mandatory" && v.exceptions.length === 0);
}

/**
 * Number of resources the operation would change (or changed): the distinct resources seen with
 * a changing step, else (no step events) the summary's counts. The summary alone over-counts a
 * `preview --refresh`, whose refresh steps it includes, and a replacement, which is two steps.
 */
export function changeCount(report: OperationReport): number {
  if (report.resources.length > 0) return report.resources.length;
  return Object.entries(report.changes)
    .filter(([op]) => !NO_CHANGE_OPS.includes(op))
    .reduce((sum, [, n]) => sum + n, 0);
}
