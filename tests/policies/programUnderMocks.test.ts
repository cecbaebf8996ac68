/**
 * The capture that feeds programs to the pack, run on tests/policies/program: it must show what
 * the policies need (types, inputs plus state, options, the resources each input came from).
 */
import { policies } from "../../policies/policies";
import { runPack } from "./helpers";
import { captureProgram } from "./programUnderMocks";

const PROGRAM = "tests/policies/program/index.ts";
const CONFIG = { "okta:orgName": "fixture-org", "okta:baseUrl": "okta.com" };
const state = (type: string, name: string) => {
  if (type === "okta:app/oAuth:OAuth") {
    return { clientId: `0oa-${name}`, clientSecret: "fake-client-secret-not-real" };
  }
  return type.endsWith(":User") ? { userId: `u-${name}` } : undefined;
};

jest.setTimeout(60_000);

describe("captureProgram", () => {
  it("records types, inputs, options and the resources each input came from", async () => {
    const specs = await captureProgram({ program: PROGRAM, stack: "na", config: CONFIG, state });
    expect(specs.map((s) => s.name)).toEqual([
      "fixture-app",
      "fixture-group",
      "fixture-idp",
      "fixture-breakglass",
      "fixture-breakglass-enterprise-admin",
      "fixture-okta-admin",
      "fixture-okta-admin-enterprise-admin",
    ]);
    expect(specs.find((s) => s.name === "fixture-breakglass-enterprise-admin")).toMatchObject({
      type: "pulumi-nodejs:dynamic/action1:RoleAssignment",
      props: {
        email: "breakglass@example.invalid",
        role: "Enterprise Admin",
        userId: "u-fixture-breakglass",
      },
      dependsOn: { userId: ["fixture-breakglass"] },
    });
    expect(specs.find((s) => s.name === "fixture-idp")).toMatchObject({
      type: "pulumi-nodejs:dynamic/action1:IdentityProvider",
      props: { clientId: "0oa-fixture-app", provider: "Okta" },
      opts: { protect: true, additionalSecretOutputs: ["clientSecret"] },
      dependsOn: { clientId: ["fixture-app"], clientSecret: ["fixture-app"] },
    });
    expect(specs.find((s) => s.name === "fixture-group")).toMatchObject({
      dependsOn: { appId: ["fixture-app"] },
      provider: { props: { orgName: "fixture-org", baseUrl: "okta.com" } },
    });
    expect(specs.find((s) => s.name === "fixture-okta-admin")?.opts).toMatchObject({
      protect: false,
    });
  });

  it("feeds the pack: two admins pass, one admin fails keep-enterprise-admin", async () => {
    const ok = await captureProgram({ program: PROGRAM, stack: "na", config: CONFIG, state });
    expect(await runPack(policies, ok)).toEqual([]);
    const bad = await captureProgram({
      program: PROGRAM,
      stack: "na",
      config: { ...CONFIG, "action1-okta-sso:oneAdmin": "true" },
      state,
    });
    const found = await runPack(policies, bad);
    expect(found.map((v) => [v.policy, v.level])).toEqual([
      ["keep-enterprise-admin", "mandatory"],
      ["sso-needs-someone-who-can-sign-in", "mandatory"],
    ]);
  });
});
