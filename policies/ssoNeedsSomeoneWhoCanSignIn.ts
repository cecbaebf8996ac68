/**
 * sso-needs-someone-who-can-sign-in: Action1's identity provider may be set to Okta only when the
 * Okta app has at least one group assignment and at least one managed Enterprise Admin signs in
 * through Okta; otherwise turning SSO on leaves nobody who is known to get in through it.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { adminCensus } from "./lib/admins";
import { EXCEPTIONS_SCHEMA, reporterFor } from "./lib/exceptions";
import { readString } from "./lib/known";
import { appsFor, groupAssignmentsOf, ofType, someAssignmentUnresolved } from "./lib/links";
import { describe, TOKENS } from "./lib/tokens";

export const SSO_NEEDS_SOMEONE_WHO_CAN_SIGN_IN = "sso-needs-someone-who-can-sign-in";

export const ssoNeedsSomeoneWhoCanSignIn: StackValidationPolicy = {
  name: SSO_NEEDS_SOMEONE_WHO_CAN_SIGN_IN,
  description:
    "Allows Action1's identity provider to be Okta only when the Okta app has a group assignment " +
    "and an Enterprise Admin of this stack signs in through Okta.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Assign at least one Okta group to the app (config groups) and declare an Enterprise Admin " +
    'with signIn "okta" ' +
    "before the identity provider is set to Okta, or leave the identity provider out until then.",
  configSchema: { properties: { exceptions: EXCEPTIONS_SCHEMA } },
  validateStack: (args, reportViolation) => {
    const report = reporterFor(
      SSO_NEEDS_SOMEONE_WHO_CAN_SIGN_IN,
      args.getConfig(),
      reportViolation,
    );
    const census = adminCensus(args.resources);
    for (const idp of ofType(args.resources, TOKENS.action1IdentityProvider)) {
      const provider = readString(() => idp.props.provider);
      if (typeof provider !== "string" || provider.toLowerCase() !== "okta") {
        continue; // unknown during preview, or not Okta: nothing to check yet
      }
      const subject = `${describe(idp)} is set to Okta, but`;
      const apps = appsFor(idp, args.resources);
      if (apps.length === 0) {
        report(
          `${subject} this stack declares no Okta app (${TOKENS.oktaApp}) to sign in through.`,
          idp,
        );
      } else if (!someAssignmentUnresolved(args.resources)) {
        for (const app of apps.filter((a) => groupAssignmentsOf(a, args.resources).length === 0)) {
          report(
            `${subject} ${describe(app)} has no group assignment, so nobody can sign in through ` +
              "it; assign at least one Okta group (config groups).",
            idp,
          );
        }
      }
      const oktaAdmins = census.admins.filter((a) => a.signIn === "okta");
      if (oktaAdmins.length === 0 && !census.incomplete) {
        report(
          `${subject} no enabled interactive Enterprise Admin declared in this stack signs in ` +
            'through Okta (signIn "okta"); declare one so that someone is known to get in ' +
            "with SSO.",
          idp,
        );
      }
    }
  },
};
