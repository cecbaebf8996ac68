import { protectWhatLocksPeopleOut } from "../../policies/protectWhatLocksPeopleOut";
import { baseline, T, withSpec } from "./fixtures";
import { messages, type ResourceSpec, runStackPolicy, stackArgs, urnOf } from "./helpers";

const run = (specs: ResourceSpec[], config: object = {}) =>
  runStackPolicy(protectWhatLocksPeopleOut, stackArgs(specs, config));

const WHY =
  " must carry protect (or retainOnDelete) so that deleting it cannot lock people out of Action1.";

describe("protect-what-locks-people-out", () => {
  it("passes the baseline (app, identity provider and break-glass admin protected)", async () => {
    expect(await run(baseline())).toEqual({ violations: [] });
  });

  it("is advisory by default", () => {
    expect(protectWhatLocksPeopleOut.enforcementLevel).toBe("advisory");
  });

  it("flags an unprotected Okta app", async () => {
    const outcome = await run(withSpec(baseline(), "action1-app", { opts: { protect: false } }));
    expect(messages(outcome)).toEqual([`Okta app "action1-app"${WHY}`]);
    expect(outcome.violations[0]?.urn).toBe(urnOf(T.app, "action1-app"));
  });

  it("flags an unprotected identity provider", async () => {
    const specs = withSpec(baseline(), "action1-idp", {
      opts: { protect: false, additionalSecretOutputs: ["clientSecret"] },
    });
    expect(messages(await run(specs))).toEqual([`Action1 identity provider "action1-idp"${WHY}`]);
  });

  it("flags an unprotected break-glass admin but not other admins", async () => {
    const outcome = await run(withSpec(baseline(), "breakglass", { opts: { protect: false } }));
    expect(messages(outcome)).toEqual([
      `break-glass admin Action1 user "breakglass" <breakglass@example.invalid>${WHY}`,
    ]);
  });

  it("accepts retainOnDelete through an exception with a reason", async () => {
    const specs = withSpec(baseline(), "action1-app", { opts: { protect: false } });
    const exceptions = [
      { resource: "action1-app", reason: "retainOnDelete: true in infra/okta/app.ts" },
    ];
    expect(await run(specs, { exceptions })).toEqual({ violations: [] });
  });
});
