import { oktaAppNoImplicitAssignmentWithGroups } from "../../policies/oktaAppAssignments";
import { baseline, T, without, withProps } from "./fixtures";
import {
  messages,
  type ResourceSpec,
  runStackPolicy,
  stackArgs,
  UNKNOWN_VALUE,
  urnOf,
} from "./helpers";

const run = (specs: ResourceSpec[]) =>
  runStackPolicy(oktaAppNoImplicitAssignmentWithGroups, stackArgs(specs));

describe("okta-app-no-implicit-assignment-with-groups", () => {
  it("passes the baseline", async () => {
    expect(await run(baseline())).toEqual({ violations: [] });
  });

  it("fails implicit assignment together with a group assignment", async () => {
    const outcome = await run(withProps(baseline(), "action1-app", { implicitAssignment: true }));
    expect(messages(outcome)).toEqual([
      'Okta app "action1-app" must not use implicitAssignment together with group assignments ' +
        '(Okta group assignment "action1-app-group-admins"); set implicitAssignment to false.',
    ]);
    expect(outcome.violations[0]?.urn).toBe(urnOf(T.app, "action1-app"));
  });

  it("allows implicit assignment without groups", async () => {
    const specs = withProps(without(baseline(), "action1-app-group-admins"), "action1-app", {
      implicitAssignment: true,
    });
    expect(await run(specs)).toEqual({ violations: [] });
  });

  it("does not report an unknown implicitAssignment", async () => {
    const specs = withProps(baseline(), "action1-app", { implicitAssignment: UNKNOWN_VALUE });
    expect(await run(specs)).toEqual({ violations: [] });
  });
});
