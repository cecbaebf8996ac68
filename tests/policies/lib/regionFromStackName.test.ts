/** Without `action1-okta-sso:region` in config, the region is the stack's name. */
process.env.PULUMI_NODEJS_STACK = "eu";
process.env.PULUMI_CONFIG = "{}";

import { lookupRegion } from "../../../policies/lib/region";

describe("lookupRegion from the stack name", () => {
  it("uses the stack name when config has no region", () => {
    expect(lookupRegion(undefined)).toMatchObject({
      kind: "found",
      region: { key: "eu" },
      from: 'stack name "eu"',
    });
  });
});
