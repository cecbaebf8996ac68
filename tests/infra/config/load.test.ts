import type * as loadModule from "../../../infra/config/load";
import { runProgram } from "../../helpers/pulumiMocks";

const P = "action1-okta-sso";
const CONFIG = {
  "okta:orgName": "example-org",
  "okta:baseUrl": "okta.com",
  "okta:apiToken": "fake-okta-token-not-a-real-secret",
  [`${P}:action1ClientId`]: "fake-action1-client-id-not-real",
  [`${P}:action1ClientSecret`]: "fake-action1-secret-not-a-real-secret",
  [`${P}:groups`]: '["Action1 Admins"]',
};

async function loaderFor(stack: string, secretKeys: string[]) {
  const run = await runProgram<typeof loadModule>({
    program: "infra/config/load.ts",
    stack,
    config: CONFIG,
    secretKeys,
  });
  return run.exports;
}

describe("loadConfig", () => {
  it("reads the stack name, every value and which keys Pulumi marks secret", async () => {
    const load = await loaderFor("eu", ["okta:apiToken", `${P}:action1ClientSecret`]);
    const raw = load.readRawConfig();
    expect(raw.stack).toBe("eu");
    expect(raw.values).toEqual(CONFIG);
    expect([...(raw.secretKeys ?? [])].sort()).toEqual([
      `${P}:action1ClientSecret`,
      "okta:apiToken",
    ]);
    expect(load.loadConfig().region.key).toBe("eu");
  });

  it("refuses an Okta token that the stack keeps in plaintext", async () => {
    const load = await loaderFor("na", [`${P}:action1ClientId`, `${P}:action1ClientSecret`]);
    expect(() => load.loadConfig()).toThrow(
      'Invalid config for stack "na" (1 problem); nothing was deployed:\n' +
        "- okta:apiToken = [secret]: is stored in plaintext in the stack file. Allowed: an " +
        "encrypted (secret) value. Fix: pulumi config set --stack na --secret okta:apiToken " +
        "(never commit it in plaintext).",
    );
  });
});
