/**
 * What the real CLI gives the pack (checked with the engine at 3.276.0): no stack name and no
 * config in the environment. The region then comes from the resource's URN.
 */
delete process.env.PULUMI_NODEJS_STACK;
delete process.env.PULUMI_CONFIG;

import { lookupRegion } from "../../../policies/lib/region";

describe("lookupRegion with no stack settings in the process", () => {
  it("uses the stack name in the URN", () => {
    expect(lookupRegion(undefined, "urn:pulumi:eu::action1-okta-sso::t::n")).toMatchObject({
      kind: "found",
      region: { key: "eu" },
      from: 'stack name "eu"',
    });
  });

  it("treats a stack name that is not a region as unknown, not invalid", () => {
    expect(lookupRegion(undefined, "urn:pulumi:prod::action1-okta-sso::t::n")).toEqual({
      kind: "unknown",
      stack: "prod",
    });
  });

  it("is unknown with nothing to go on", () => {
    expect(lookupRegion(undefined)).toEqual({ kind: "unknown" });
  });
});
