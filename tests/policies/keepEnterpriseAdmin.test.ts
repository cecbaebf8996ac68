import { keepEnterpriseAdmin } from "../../policies/keepEnterpriseAdmin";
import { baseline, role, T, user, without, withProps } from "./fixtures";
import {
  messages,
  type ResourceSpec,
  runStackPolicy,
  stackArgs,
  UNKNOWN_VALUE,
  urnOf,
} from "./helpers";

const run = (specs: ResourceSpec[], config: object = {}) =>
  runStackPolicy(keepEnterpriseAdmin, stackArgs(specs, config));

const ONE_ADMIN_WHY =
  "at least 2 are required so that losing one account cannot lock the enterprise out of Action1.";
const NO_BREAK_GLASS =
  "No enabled interactive Enterprise Admin signs in with a password " +
  '(signIn "password"); keep one ' +
  "break-glass admin so that an Okta outage or a broken IdP setting cannot lock everyone out.";
const N1 = { minEnterpriseAdmins: 1, reason: "lab tenant with a single operator, ticket OPS-1" };

describe("keep-enterprise-admin", () => {
  it("passes the baseline: two enabled Enterprise Admins, one break-glass", async () => {
    expect(await run(baseline())).toEqual({ violations: [] });
  });

  describe("scenarios", () => {
    it("two admins, removing one passes when the stack may keep one (with a reason)", async () => {
      const specs = without(baseline(), "okta-admin", "okta-admin-enterprise-admin");
      expect(await run(specs, N1)).toEqual({ violations: [] });
    });

    it("three admins, removing one passes at the default of two", async () => {
      const three = [
        ...baseline(),
        user("ops", "ops@example.invalid"),
        role("ops-enterprise-admin", "ops@example.invalid"),
      ];
      expect(await run(without(three, "okta-admin", "okta-admin-enterprise-admin"))).toEqual({
        violations: [],
      });
    });

    it("fails when two admins drop to one at the default of two", async () => {
      const specs = without(baseline(), "okta-admin", "okta-admin-enterprise-admin");
      expect(messages(await run(specs))).toEqual([
        'The stack keeps 1 enabled interactive Enterprise Admin (User "breakglass" ' +
          `<breakglass@example.invalid>); ${ONE_ADMIN_WHY}`,
      ]);
    });

    it("fails when the last admin is removed", async () => {
      const specs = without(
        baseline(),
        "okta-admin",
        "okta-admin-enterprise-admin",
        "breakglass",
        "breakglass-enterprise-admin",
      );
      expect(messages(await run(specs, N1))).toEqual([
        "The stack keeps 0 enabled interactive Enterprise Admins; at least 1 is required so " +
          "that losing one account cannot lock the enterprise out of Action1.",
        NO_BREAK_GLASS,
      ]);
    });

    it("fails when the last admin is disabled, naming that user", async () => {
      const one = without(baseline(), "okta-admin", "okta-admin-enterprise-admin");
      const outcome = await run(withProps(one, "breakglass", { enabled: false }), N1);
      const notCounted =
        ' Not counted: User "breakglass" <breakglass@example.invalid> is disabled.';
      expect(messages(outcome)).toEqual([
        "The stack keeps 0 enabled interactive Enterprise Admins; at least 1 is required so " +
          `that losing one account cannot lock the enterprise out of Action1.${notCounted}`,
        `${NO_BREAK_GLASS}${notCounted}`,
      ]);
      expect(outcome.violations[0]?.urn).toBe(urnOf(T.user, "breakglass"));
    });

    it("does not count an API credential as the last admin", async () => {
      const one = without(baseline(), "okta-admin", "okta-admin-enterprise-admin");
      const outcome = await run(withProps(one, "breakglass", { userType: "API" }), N1);
      expect(messages(outcome)[0]).toBe(
        "The stack keeps 0 enabled interactive Enterprise Admins; at least 1 is required so " +
          "that losing one account cannot lock the enterprise out of Action1. Not counted: " +
          'User "breakglass" <breakglass@example.invalid> is an API credential (userType "API").',
      );
    });

    it("does not count an admin held only through another role", async () => {
      const specs = [
        ...without(baseline(), "okta-admin-enterprise-admin"),
        role("okta-admin-viewer", "okta.admin@example.invalid", "Viewer"),
      ];
      expect(messages(await run(specs))).toEqual([
        'The stack keeps 1 enabled interactive Enterprise Admin (User "breakglass" ' +
          `<breakglass@example.invalid>); ${ONE_ADMIN_WHY} Not counted: User "okta-admin" ` +
          '<okta.admin@example.invalid> holds "Viewer", not Enterprise Admin.',
      ]);
    });
  });

  it("joins users and role assignments by email, ignoring case", async () => {
    const specs = withProps(baseline(), "okta-admin-enterprise-admin", {
      email: "OKTA.Admin@Example.Invalid",
      role: "ENTERPRISE ADMIN",
    });
    expect(await run(specs)).toEqual({ violations: [] });
  });

  it("does not count a role assignment whose user this stack does not declare", async () => {
    const specs = without(baseline(), "okta-admin");
    expect(messages(await run(specs))).toEqual([
      'The stack keeps 1 enabled interactive Enterprise Admin (User "breakglass" ' +
        `<breakglass@example.invalid>); ${ONE_ADMIN_WHY} Not counted: Action1 role ` +
        'assignment "okta-admin-enterprise-admin" <okta.admin@example.invalid> holds Enterprise ' +
        "Admin but this stack declares no Action1 user with that email.",
    ]);
  });

  it("counts one admin once even when two users share the email", async () => {
    const specs = without(
      [...baseline(), user("okta-admin-copy", "Okta.Admin@example.invalid")],
      "breakglass-enterprise-admin",
    );
    const config = { requireBreakGlass: false, reason: "test: only the count matters here" };
    expect(messages(await run(specs, config))).toEqual([
      'The stack keeps 1 enabled interactive Enterprise Admin (User "okta-admin" ' +
        `<okta.admin@example.invalid>); ${ONE_ADMIN_WHY}`,
    ]);
  });

  it("requires the break-glass admin to sign in with a password", async () => {
    const specs = withProps(baseline(), "breakglass", { signIn: "okta" });
    expect(messages(await run(specs))).toEqual([NO_BREAK_GLASS]);
  });

  it("lets config raise the number of admins", async () => {
    expect(messages(await run(baseline(), { minEnterpriseAdmins: 3 }))).toEqual([
      'The stack keeps 2 enabled interactive Enterprise Admins (User "breakglass" ' +
        '<breakglass@example.invalid>, User "okta-admin" <okta.admin@example.invalid>); at ' +
        "least 3 are required so that losing one account cannot lock the enterprise out of " +
        "Action1.",
    ]);
  });

  it("lets config drop the break-glass rule only with a reason", async () => {
    const specs = withProps(baseline(), "breakglass", { signIn: "okta" });
    const reason = "Okta has its own break-glass path, ticket SEC-9";
    expect(await run(specs, { requireBreakGlass: false, reason })).toEqual({ violations: [] });
  });

  it("rejects weaker settings without a reason, listing every problem", async () => {
    await expect(run(baseline(), { minEnterpriseAdmins: 0 })).rejects.toThrow(
      "invalid policy config: keep-enterprise-admin.minEnterpriseAdmins must be a whole number " +
        ">= 1; found 0; keep-enterprise-admin.reason is required when minEnterpriseAdmins is " +
        "below 2 or requireBreakGlass is false: write why (10+ characters).",
    );
  });

  describe("during preview", () => {
    it("is not applicable when an unknown user could still be an admin", async () => {
      const specs = without(
        withProps(baseline(), "okta-admin", { email: UNKNOWN_VALUE }),
        "breakglass",
      );
      expect(await run(specs)).toEqual({
        violations: [],
        notApplicable:
          "some Action1 users or role assignments are unknown during preview; the admin count " +
          "is checked again when they are known",
      });
    });

    it("still passes a compliant stack whose user ids are unknown", async () => {
      const specs = withProps(baseline(), "okta-admin-enterprise-admin", { userId: UNKNOWN_VALUE });
      expect(await run(specs)).toEqual({ violations: [] });
    });
  });
});
