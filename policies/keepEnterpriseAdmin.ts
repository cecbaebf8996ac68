/**
 * keep-enterprise-admin: the declared end state keeps at least N enabled interactive Enterprise
 * Admins, at least one of them a break-glass account that signs in with a password, so an Okta
 * outage or a broken IdP setting cannot lock everyone out of Action1.
 *
 * CrossGuard only sees what this stack declares; the Action1 providers enforce the same invariant
 * against the live enterprise when they delete, disable or revoke (infra/action1/adminGuard.ts).
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { adminCensus, describeAdmin } from "./lib/admins";

export const KEEP_ENTERPRISE_ADMIN = "keep-enterprise-admin";
export const DEFAULT_MIN_ENTERPRISE_ADMINS = 2;

export interface KeepEnterpriseAdminConfig {
  /** Enabled interactive Enterprise Admins the stack must keep. @default 2 */
  minEnterpriseAdmins?: number;
  /** Whether one of them must sign in with a password (break-glass). @default true */
  requireBreakGlass?: boolean;
  /** Required when either setting is weaker than its default. */
  reason?: string;
}

/** The effective settings; throws one error when a weakened setting lacks a written reason. */
export function keepEnterpriseAdminSettings(config: KeepEnterpriseAdminConfig): {
  minEnterpriseAdmins: number;
  requireBreakGlass: boolean;
} {
  const minEnterpriseAdmins = config.minEnterpriseAdmins ?? DEFAULT_MIN_ENTERPRISE_ADMINS;
  const requireBreakGlass = config.requireBreakGlass ?? true;
  const problems: string[] = [];
  if (!Number.isInteger(minEnterpriseAdmins) || minEnterpriseAdmins < 1) {
    problems.push(
      `${KEEP_ENTERPRISE_ADMIN}.minEnterpriseAdmins must be a whole number >= 1; ` +
        `found ${JSON.stringify(minEnterpriseAdmins)}`,
    );
  }
  const weakened =
    minEnterpriseAdmins < DEFAULT_MIN_ENTERPRISE_ADMINS || requireBreakGlass === false;
  if (weakened && (config.reason ?? "").trim().length < 10) {
    problems.push(
      `${KEEP_ENTERPRISE_ADMIN}.reason is required when minEnterpriseAdmins is below ` +
        `${DEFAULT_MIN_ENTERPRISE_ADMINS} or requireBreakGlass is false: ` +
        "write why (10+ characters)",
    );
  }
  if (problems.length > 0) {
    throw new Error(`invalid policy config: ${problems.join("; ")}.`);
  }
  return { minEnterpriseAdmins, requireBreakGlass };
}

const ADMIN = "enabled interactive Enterprise Admin";

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const keepEnterpriseAdmin: StackValidationPolicy = {
  name: KEEP_ENTERPRISE_ADMIN,
  description:
    "Requires the stack to keep enough enabled Enterprise Admins, one of them a break-glass " +
    "account that does not sign in through Okta.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Declare more Action1 users with userType Interactive, enabled true and the Enterprise Admin " +
    "role (config `users`), and keep one with signIn " +
    '"password" as the break-glass account. Lower minEnterpriseAdmins only with a written reason.',
  configSchema: {
    properties: {
      minEnterpriseAdmins: { type: "integer", minimum: 1, default: DEFAULT_MIN_ENTERPRISE_ADMINS },
      requireBreakGlass: { type: "boolean", default: true },
      reason: { type: "string", description: "Why a weaker setting is acceptable." },
    },
  },
  validateStack: (args, reportViolation) => {
    const config = args.getConfig<KeepEnterpriseAdminConfig>();
    const { minEnterpriseAdmins, requireBreakGlass } = keepEnterpriseAdminSettings(config);
    const census = adminCensus(args.resources);
    const short = census.admins.length < minEnterpriseAdmins;
    const noBreakGlass = requireBreakGlass && census.breakGlass.length === 0;
    if ((short || noBreakGlass) && census.incomplete) {
      args.notApplicable(
        "some Action1 users or role assignments are unknown during preview; " +
          "the admin count is checked again when they are known",
      );
    }
    const notCounted =
      census.notCounted.length === 0
        ? ""
        : ` Not counted: ${census.notCounted
            .map((n) => `${describeAdmin(n)} ${n.why}`)
            .join("; ")}.`;
    // Point the violation at the first resource that fell out of the count, if there is one.
    const urn = census.notCounted[0]?.resource.urn;
    if (short) {
      const who =
        census.admins.length === 0 ? "" : ` (${census.admins.map(describeAdmin).join(", ")})`;
      reportViolation(
        `The stack keeps ${plural(census.admins.length, ADMIN, `${ADMIN}s`)}${who}; ` +
          `at least ${minEnterpriseAdmins} ${minEnterpriseAdmins === 1 ? "is" : "are"} required ` +
          "so that losing one account cannot lock " +
          `the enterprise out of Action1.${notCounted}`,
        urn,
      );
    }
    if (noBreakGlass) {
      reportViolation(
        'No enabled interactive Enterprise Admin signs in with a password (signIn "password"); ' +
          "keep one break-glass admin so that an Okta outage or a broken IdP setting cannot " +
          `lock everyone out.${notCounted}`,
        urn,
      );
    }
  },
};
