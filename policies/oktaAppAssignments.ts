/**
 * okta-app-no-implicit-assignment-with-groups: the Okta app is assigned either implicitly
 * (everyone) or through groups, never both (Okta provider #1172: the two fight over assignments).
 * A stack policy, because the group assignments are separate resources.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { EXCEPTIONS_SCHEMA, reporterFor } from "./lib/exceptions";
import { read } from "./lib/known";
import { groupAssignmentsOf, ofType } from "./lib/links";
import { describe, TOKENS } from "./lib/tokens";

export const OKTA_APP_NO_IMPLICIT_WITH_GROUPS = "okta-app-no-implicit-assignment-with-groups";

export const oktaAppNoImplicitAssignmentWithGroups: StackValidationPolicy = {
  name: OKTA_APP_NO_IMPLICIT_WITH_GROUPS,
  description:
    "Forbids implicit assignment on an Okta app that also has group assignments, so that only " +
    "the assigned groups can sign in.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set implicitAssignment to false (config implicitAssignment) and keep the group assignments.",
  configSchema: { properties: { exceptions: EXCEPTIONS_SCHEMA } },
  validateStack: (args, reportViolation) => {
    const report = reporterFor(OKTA_APP_NO_IMPLICIT_WITH_GROUPS, args.getConfig(), reportViolation);
    for (const app of ofType(args.resources, TOKENS.oktaApp)) {
      if (read(() => app.props.implicitAssignment as unknown) !== true) {
        continue;
      }
      const groups = groupAssignmentsOf(app, args.resources);
      if (groups.length > 0) {
        report(
          `${describe(app)} must not use implicitAssignment together with group assignments ` +
            `(${groups.map(describe).join(", ")}); set implicitAssignment to false.`,
          app,
        );
      }
    }
  },
};
