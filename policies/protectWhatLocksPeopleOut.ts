/**
 * protect-what-locks-people-out: deleting the Okta app, Action1's identity provider or the
 * break-glass admin can lock people out, so they carry `protect` (or `retainOnDelete`).
 *
 * CrossGuard 1.21 passes `protect` to policies but not `retainOnDelete` (the analyzer's resource
 * options have no such field). A resource kept by `retainOnDelete` alone therefore needs an entry
 * in this policy's exceptions saying so.
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { adminCensus } from "./lib/admins";
import { EXCEPTIONS_SCHEMA, reporterFor } from "./lib/exceptions";
import { ofType } from "./lib/links";
import { describe, TOKENS } from "./lib/tokens";

export const PROTECT_WHAT_LOCKS_PEOPLE_OUT = "protect-what-locks-people-out";

export const protectWhatLocksPeopleOut: StackValidationPolicy = {
  name: PROTECT_WHAT_LOCKS_PEOPLE_OUT,
  description:
    "Asks for protect or retainOnDelete on the Okta app, Action1's identity provider and the " +
    "break-glass admin, whose deletion can lock people out.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Give the resource the option protect: true (or retainOnDelete: true, and then add it to " +
    "this policy's exceptions with that reason, since policies cannot see retainOnDelete).",
  configSchema: { properties: { exceptions: EXCEPTIONS_SCHEMA } },
  validateStack: (args, reportViolation) => {
    const report = reporterFor(PROTECT_WHAT_LOCKS_PEOPLE_OUT, args.getConfig(), reportViolation);
    const targets: { resource: PolicyResource; what: string }[] = [
      ...ofType(args.resources, TOKENS.oktaApp).map((r) => ({ resource: r, what: describe(r) })),
      ...ofType(args.resources, TOKENS.action1IdentityProvider).map((r) => ({
        resource: r,
        what: describe(r),
      })),
      ...adminCensus(args.resources).breakGlass.map((a) => ({
        resource: a.resource,
        what: `break-glass admin ${describe(a.resource)} <${a.email}>`,
      })),
    ];
    for (const { resource, what } of targets.filter((t) => !t.resource.opts.protect)) {
      report(
        `${what} must carry protect (or retainOnDelete) so that deleting it cannot lock people ` +
          "out of Action1.",
        resource,
      );
    }
  },
};
