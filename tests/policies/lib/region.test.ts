/**
 * The pack reads the stack's name and config from the environment the language host gives it
 * (PULUMI_NODEJS_STACK, PULUMI_CONFIG). The SDK builds its store from them on first use, so they
 * are set before anything asks.
 */
process.env.PULUMI_NODEJS_STACK = "eu";
process.env.PULUMI_CONFIG = JSON.stringify({ "action1-okta-sso:region": "au" });

import { lookupRegion, stackFromUrn } from "../../../policies/lib/region";

describe("lookupRegion", () => {
  it("takes the stack config action1-okta-sso:region before the stack name", () => {
    expect(lookupRegion(undefined)).toMatchObject({
      kind: "found",
      region: { key: "au", redirectUri: "https://app.au.action1.com/sso/login" },
      from: "stack config action1-okta-sso:region",
    });
  });

  it("lets the policy's own setting win", () => {
    expect(lookupRegion("NA")).toMatchObject({
      kind: "found",
      region: { key: "na" },
      from: "policy config region",
    });
  });

  it("reports a key that is not a region", () => {
    expect(lookupRegion("mars")).toEqual({
      kind: "invalid",
      key: "mars",
      from: "policy config region",
    });
  });
});

describe("stackFromUrn", () => {
  it("reads the stack from a resource URN", () => {
    expect(stackFromUrn("urn:pulumi:eu::action1-okta-sso::okta:app/oAuth:OAuth::app")).toBe("eu");
    expect(stackFromUrn("not-a-urn")).toBeUndefined();
  });
});
