/**
 * The capture used to feed programs to the pack: run on the e2e program (Action1 users and
 * Enterprise Admin role assignments with literal inputs), it must show what the policies need.
 */
import { policies } from "../../policies/policies";
import { runPack } from "./helpers";
import { captureProgram } from "./programUnderMocks";

const CONFIG = {
  "action1-okta-sso:action1ApiBaseUrl": "http://127.0.0.1:9/api/3.0",
  "action1-okta-sso:action1ClientId": "fake-client-id-not-real",
  "action1-okta-sso:action1ClientSecret": "fake-client-secret-not-real",
};
const SECRET_KEYS = ["action1-okta-sso:action1ClientId", "action1-okta-sso:action1ClientSecret"];
const PROGRAM = "tests/e2e/program/index.ts";

jest.setTimeout(60_000);

describe("captureProgram", () => {
  it("records types, inputs, options and the resources each input came from", async () => {
    const specs = await captureProgram({
      program: PROGRAM,
      stack: "na",
      config: CONFIG,
      secretKeys: SECRET_KEYS,
      state: (type) => (type.endsWith(":User") ? { userId: "u-fake-1" } : undefined),
    });
    const role = specs.find((s) => s.name === "break-glass-enterprise-admin");
    expect(role).toMatchObject({
      type: "pulumi-nodejs:dynamic/action1:RoleAssignment",
      props: {
        email: "initial-admin@example.invalid",
        role: "Enterprise Admin",
        userId: "u-fake-1",
      },
      dependsOn: { userId: ["break-glass"] },
    });
    expect(specs.find((s) => s.name === "break-glass")).toMatchObject({
      props: { signIn: "password", userType: "Interactive", enabled: true },
      opts: { protect: false },
    });
  });

  it("feeds the pack: the two-admin program passes, the one-admin variant fails", async () => {
    const ok = await captureProgram({ program: PROGRAM, stack: "na", config: CONFIG });
    const found = await runPack(policies, ok);
    expect(found.filter((v) => v.level === "mandatory")).toEqual([]);
    const bad = await captureProgram({
      program: PROGRAM,
      stack: "na",
      config: { ...CONFIG, "action1-okta-sso:e2eViolate": "true" },
    });
    const violations = (await runPack(policies, bad)).filter((v) => v.level === "mandatory");
    expect(violations.map((v) => v.policy)).toEqual(["keep-enterprise-admin"]);
  });
});
