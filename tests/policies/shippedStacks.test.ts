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

/**
 * The program keeps the Okta app, the identity provider and the break-glass admin with
 * `retainOnDelete`, which CrossGuard does not show to policies; the pack config records that as
 * exceptions with a reason, as a stack's policy-config file would.
 */
function retainOnDeleteExceptions(stack: string) {
  const reason = "retainOnDelete: true in infra/ (CrossGuard cannot see retainOnDelete)";
  const names = [
    "action1-oidc-app",
    "action1-identity-provider",
    `action1-user-breakglass-${stack}@example.invalid`,
  ];
  return {
    "protect-what-locks-people-out": {
      exceptions: names.map((resource) => ({ resource, reason })),
    },
  };
}

const ISSUERS: Record<string, string> = {
  na: "https://example-org.okta.com",
  eu: "https://example-org-eu.okta-emea.com/oauth2/aus-action1-eu",
};

const PROTECT =
  "must carry protect (or retainOnDelete) so that deleting it cannot lock people out of Action1.";

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

  it("passes the whole pack with its retainOnDelete exceptions", async () => {
    expect(await runPack(policies, specs, retainOnDeleteExceptions(stack))).toEqual([]);
  });

  it("without them, gets only the advisory protect findings", async () => {
    const found = await runPack(policies, specs);
    expect(found.map((v) => `${v.level} ${v.policy}: ${v.message}`)).toEqual([
      `advisory protect-what-locks-people-out: Okta app "action1-oidc-app" ${PROTECT}`,
      "advisory protect-what-locks-people-out: Action1 identity provider " +
        `"action1-identity-provider" ${PROTECT}`,
      "advisory protect-what-locks-people-out: break-glass admin Action1 user " +
        `"action1-user-breakglass-${stack}@example.invalid" ` +
        `<breakglass-${stack}@example.invalid> ${PROTECT}`,
    ]);
  });
});
