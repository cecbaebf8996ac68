import { ssoNeedsSomeoneWhoCanSignIn } from "../../policies/ssoNeedsSomeoneWhoCanSignIn";
import { baseline, T, without, withProps } from "./fixtures";
import {
  messages,
  type ResourceSpec,
  runStackPolicy,
  stackArgs,
  UNKNOWN_VALUE,
  urnOf,
} from "./helpers";

const run = (specs: ResourceSpec[], config: object = {}) =>
  runStackPolicy(ssoNeedsSomeoneWhoCanSignIn, stackArgs(specs, config));

const IDP = 'Action1 identity provider "action1-idp" is set to Okta, but';
const NO_OKTA_ADMIN =
  `${IDP} no enabled interactive Enterprise Admin declared in this stack signs in through Okta ` +
  '(signIn "okta"); declare one so that someone is known to get in with SSO.';

describe("sso-needs-someone-who-can-sign-in", () => {
  it("passes the baseline", async () => {
    expect(await run(baseline())).toEqual({ violations: [] });
  });

  it("fails when the Okta app has no group assignment", async () => {
    const outcome = await run(without(baseline(), "action1-app-group-admins"));
    expect(messages(outcome)).toEqual([
      `${IDP} Okta app "action1-app" has no group assignment, so nobody can sign in through ` +
        "it; assign at least one Okta group (config groups).",
    ]);
    expect(outcome.violations[0]?.urn).toBe(urnOf(T.idp, "action1-idp"));
  });

  it("does not count a group assignment of another app", async () => {
    const specs: ResourceSpec[] = [
      ...without(baseline(), "action1-app-group-admins"),
      {
        type: T.group,
        name: "other-app-group",
        props: { appId: "0oa-other-app", groupId: "00g-fake" },
      },
    ];
    expect(messages(await run(specs))[0]).toContain("has no group assignment");
  });

  it("fails when no Enterprise Admin signs in through Okta", async () => {
    const specs = withProps(baseline(), "okta-admin", { signIn: "password" });
    expect(messages(await run(specs))).toEqual([NO_OKTA_ADMIN]);
  });

  it("does not count a disabled Okta admin", async () => {
    const specs = withProps(baseline(), "okta-admin", { enabled: false });
    expect(messages(await run(specs))).toEqual([NO_OKTA_ADMIN]);
  });

  it("fails when the stack declares no Okta app", async () => {
    const specs = without(baseline(), "action1-app", "action1-app-group-admins");
    const noDeps = specs.map((s) => (s.name === "action1-idp" ? { ...s, dependsOn: {} } : s));
    expect(messages(await run(noDeps))).toEqual([
      `${IDP} this stack declares no Okta app (okta:app/oAuth:OAuth) to sign in through.`,
    ]);
  });

  it("does not apply while the identity provider is not Okta", async () => {
    const specs = withProps(without(baseline(), "action1-app-group-admins"), "action1-idp", {
      provider: "Entra ID",
    });
    expect(await run(specs)).toEqual({ violations: [] });
  });

  it("does not report values unknown during preview", async () => {
    const unknownProvider = withProps(without(baseline(), "okta-admin"), "action1-idp", {
      provider: UNKNOWN_VALUE,
    });
    expect(await run(unknownProvider)).toEqual({ violations: [] });
    const unknownUser = withProps(baseline(), "okta-admin", { email: UNKNOWN_VALUE });
    expect(await run(withProps(unknownUser, "breakglass", { signIn: "password" }))).toEqual({
      violations: [],
    });
    const unknownAppId = withProps(
      without(baseline(), "action1-app-group-admins"),
      "action1-app",
      {},
    );
    unknownAppId.push({
      type: T.group,
      name: "pending-group",
      props: { appId: UNKNOWN_VALUE, groupId: "00g-fake" },
    });
    expect(await run(unknownAppId)).toEqual({ violations: [] });
  });

  it("skips an identity provider listed in exceptions", async () => {
    const exceptions = [{ resource: "action1-idp", reason: "pilot: admins join in week 2" }];
    const specs = withProps(baseline(), "okta-admin", { signIn: "password" });
    expect(await run(specs, { exceptions })).toEqual({ violations: [] });
  });
});
