/**
 * The shipped stacks (Pulumi.na.yaml, Pulumi.eu.yaml) run under mocks with fake secrets and a fake
 * Okta directory, and the whole pack is fed what they register: no policy may report anything.
 */

import { policies } from "../../policies/policies";
import { fakeOktaDirectory, stackFileConfig } from "../helpers/pulumiMocks";
import { type ResourceSpec, runPack } from "./helpers";
import { captureProgram } from "./programUnderMocks";

jest.setTimeout(120_000);

const P = "action1-okta-sso";
const FAKE_SECRETS: Record<string, string> = {
  "okta:apiToken": "fake-okta-token-not-a-real-secret",
  [`${P}:action1ClientId`]: "fake-action1-client-id-not-real",
  [`${P}:action1ClientSecret`]: "fake-action1-secret-not-a-real-secret",
};
const OKTA = fakeOktaDirectory({
  groups: [
    { id: "00g-admins", name: "Action1 Admins" },
    { id: "00g-admins-eu", name: "Action1 Admins EU" },
    { id: "00g-helpdesk", name: "Action1 Helpdesk" },
  ],
  servers: [
    {
      id: "aus-action1-eu",
      name: "Action1 EU",
      issuer: "https://example-org-eu.okta-emea.com/oauth2/aus-action1-eu",
    },
  ],
});

async function shippedStack(stack: string) {
  const file = stackFileConfig(stack);
  return captureProgram({
    program: "infra/index.ts",
    stack,
    config: { ...file.values, ...FAKE_SECRETS },
    secretKeys: [...file.secretKeys, ...Object.keys(FAKE_SECRETS)],
    invoke: (token, inputs) =>
      token === "okta:index/getOauthAuthorizationServer:getOauthAuthorizationServer"
        ? { issuer: `https://${file.values["okta:orgName"]}.${file.values["okta:baseUrl"]}` }
        : OKTA(token, inputs),
    state: (type, name) => {
      if (type === "okta:app/oAuth:OAuth") return { clientId: `0oa-${stack}-${name}` };
      if (type === "random:index/randomPassword:RandomPassword") {
        return { result: "fake-client-secret-not-real-0123456789" };
      }
      if (type.endsWith(":User")) return { userId: `u-${name}` };
      return undefined;
    },
  });
}

const ISSUERS: Record<string, string> = {
  na: "https://example-org.okta.com",
  eu: "https://example-org-eu.okta-emea.com/oauth2/aus-action1-eu",
};

describe.each(["na", "eu"])("the shipped %s stack under mocks", (stack) => {
  let specs: ResourceSpec[];
  beforeAll(async () => {
    specs = await shippedStack(stack);
  });

  it("declares what the policies check", () => {
    const count = (type: string) => specs.filter((s) => s.type === type).length;
    expect(count("okta:app/oAuth:OAuth")).toBe(1);
    expect(count("okta:app/groupAssignment:GroupAssignment")).toBeGreaterThan(0);
    expect(count("pulumi-nodejs:dynamic/action1:IdentityProvider")).toBe(1);
    expect(count("pulumi-nodejs:dynamic/action1:User")).toBeGreaterThanOrEqual(2);
    expect(count("pulumi-nodejs:dynamic/action1:RoleAssignment")).toBeGreaterThanOrEqual(2);
    const idp = specs.find((s) => s.type === "pulumi-nodejs:dynamic/action1:IdentityProvider");
    expect(idp?.props.issuerUri).toBe(ISSUERS[stack]);
  });

  it("passes the whole pack with no finding and no exception", async () => {
    // The Okta app, the identity provider and the break-glass admin carry `protect`.
    expect(await runPack(policies, specs)).toEqual([]);
  });
});
