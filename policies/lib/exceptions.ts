/**
 * Policy exceptions are data: each policy's config may list `exceptions`, every entry naming one
 * resource (its Pulumi name or URN) and a written reason, so a waiver is visible in review diffs.
 *
 * ```json
 * { "okta-app-safety": { "exceptions": [
 *   { "resource": "action1-app", "reason": "Okta ticket 123: PKCE off until Action1 fixes login" }
 * ] } }
 * ```
 */
import type { ReportViolation } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/** A waived violation needs at least this many characters of reason. */
export const MIN_REASON_LENGTH = 10;

export interface PolicyException {
  /** The resource's Pulumi name or full URN. */
  readonly resource: string;
  /** Why the exception is acceptable, and until when. */
  readonly reason: string;
}

/** The `exceptions` config property, shared by every policy's `configSchema`. */
export const EXCEPTIONS_SCHEMA: PolicyConfigJSONSchema = {
  type: "array",
  description: "Resources this policy does not report, each with a written reason.",
  default: [],
  items: {
    type: "object",
    properties: {
      resource: { type: "string", minLength: 1, description: "Pulumi resource name or URN." },
      reason: {
        type: "string",
        minLength: MIN_REASON_LENGTH,
        description: "Why the exception is acceptable.",
      },
    },
    required: ["resource", "reason"],
    additionalProperties: false,
  },
};

/**
 * The exceptions in a policy's config. The CLI checks the config against the schema; this checks
 * again (tests and other hosts skip the schema) and throws one error listing every bad entry.
 */
export function readExceptions(policyName: string, config: object): readonly PolicyException[] {
  const raw = (config as { exceptions?: unknown }).exceptions;
  if (raw === undefined) {
    return [];
  }
  if (!Array.isArray(raw)) {
    throw new Error(
      `policy config ${policyName}.exceptions must be a list of {resource, reason}; ` +
        `found ${typeof raw}.`,
    );
  }
  const problems: string[] = [];
  const result: PolicyException[] = [];
  raw.forEach((entry: unknown, i) => {
    const e = (entry ?? {}) as { resource?: unknown; reason?: unknown };
    const where = `${policyName}.exceptions[${i}]`;
    const resource = typeof e.resource === "string" ? e.resource.trim() : "";
    const reason = typeof e.reason === "string" ? e.reason.trim() : "";
    if (resource === "") {
      problems.push(`${where}.resource is missing: give the resource's Pulumi name or URN`);
    }
    if (reason.length < MIN_REASON_LENGTH) {
      problems.push(
        `${where}.reason for "${resource || "?"}" is missing or shorter than ` +
          `${MIN_REASON_LENGTH} characters: write why the exception is acceptable`,
      );
    }
    if (resource !== "" && reason.length >= MIN_REASON_LENGTH) {
      result.push({ resource, reason });
    }
  });
  if (problems.length > 0) {
    throw new Error(`invalid policy config: ${problems.join("; ")}.`);
  }
  return result;
}

/** True when an exception names this resource by Pulumi name or URN. */
export function isExcepted(
  exceptions: readonly PolicyException[],
  resource: { name: string; urn: string },
): boolean {
  return exceptions.some((e) => e.resource === resource.name || e.resource === resource.urn);
}

/**
 * A reporter for stack policies that skips violations against excepted resources. A violation
 * with no resource (a stack-wide invariant) cannot be excepted; change the policy's settings.
 */
export function reporterFor(
  policyName: string,
  config: object,
  reportViolation: ReportViolation,
): (message: string, resource?: { name: string; urn: string }) => void {
  const exceptions = readExceptions(policyName, config);
  return (message, resource) => {
    if (resource && isExcepted(exceptions, resource)) {
      return;
    }
    reportViolation(message, resource?.urn);
  };
}

/** The resource-policy form of `reporterFor`: the resource is the one being validated. */
export function resourceReporter(
  policyName: string,
  args: { name: string; urn: string; getConfig<T extends object>(): T },
  reportViolation: ReportViolation,
): (message: string) => void {
  const report = reporterFor(policyName, args.getConfig<object>(), reportViolation);
  return (message) => report(message, args);
}
