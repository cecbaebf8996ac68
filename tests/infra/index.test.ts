/**
 * The real program (infra/index.ts) under Pulumi mocks, with config from the shipped stack files
 * (Pulumi.na.yaml, Pulumi.eu.yaml) plus fake secrets, against a fake Okta directory.
 * The Okta plugin's apply-time checks and the real Okta API are not exercised here.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  fakeOktaDirectory,
  newWorld,
  type ProgramRun,
  runProgram,
  SECRET_SIG,
  stackFileConfig,
} from "../helpers/pulumiMocks";

const P = "action1-okta-sso";
const FAKE_SECRETS: Record<string, string> = {
  "okta:apiToken": "fake-okta-token-not-a-real-secret",
  [`${P}:action1ClientId`]: "fake-action1-client-id-not-real",
  [`${P}:action1ClientSecret`]: "fake-action1-secret-not-a-real-secret",
};
const CLIENT_SECRET = "fake-client-secret-not-real-0123456789-abcdefghij-ABCDEFGHIJ-._";
const SECRET_WIRE = { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", value: CLIENT_SECRET };

const OKTA = fakeOktaDirectory({
  groups: [
    { id: "00g-admins", name: "Action1 Admins" },
    // Prefix neighbours: the lookup must still pick the exact names.
    { id: "00g-admins-eu", name: "Action1 Admins EU" },
    { id: "00g-admins-eu-old", name: "Action1 Admins EU (old)" },
    { id: "00g-helpdesk", name: "Action1 Helpdesk" },
  ],
  servers: [
    {
      id: "aus-action1-eu",
      name: "Action1 EU",
      issuer: "https://example-org-eu.okta-emea.com/oauth2/aus-action1-eu",
    },
    {
      id: "aus-default",
      name: "default",
      issuer: "https://example-org-eu.okta-emea.com/oauth2/default",
    },
  ],
});

type Outputs = Record<
  | "region"
  | "action1ApiBaseUrl"
  | "redirectUri"
  | "clientId"
  | "clientSecret"
  | "issuerUri"
  | "assignedGroups"
  | "oktaAppId"
  | "identityProviderSettingId"
  | "managedUsers",
  unknown
>;

const IDP = "pulumi-nodejs:dynamic/action1:IdentityProvider";
const USER = "pulumi-nodejs:dynamic/action1:User";
const ROLE = "pulumi-nodejs:dynamic/action1:RoleAssignment";

async function runStack(
  stack: string,
  extra: Record<string, string> = {},
  root?: string,
): Promise<ProgramRun<Outputs>> {
  const file = stackFileConfig(stack, root);
  const run = await runProgram<Outputs>({
    program: "infra/index.ts",
    stack,
    config: { ...file.values, ...FAKE_SECRETS, ...extra },
    secretKeys: [...file.secretKeys, ...Object.keys(FAKE_SECRETS)],
    invoke: OKTA,
    state: (type, name) => {
      if (type === "okta:app/oAuth:OAuth") return { clientId: `0oa-${stack}-${name}` };
      if (type === "random:index/randomPassword:RandomPassword") return { result: CLIENT_SECRET };
      if (type === IDP) return { settingId: `setting-${stack}` };
      if (type === USER) return { userId: `id-${name}`, identityProvider: "Okta" };
      return undefined;
    },
  });
  await run.settle();
  return run;
}

async function outputsOf(run: ProgramRun<Outputs>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(run.exports)) out[k] = await run.value(v);
  return out;
}

/** Resources register asynchronously: compare [type, name] pairs as sets. */
function sortPairs(pairs: string[][]): string[][] {
  return [...pairs].sort((a, b) => a.join("\u0000").localeCompare(b.join("\u0000")));
}

function byEmail(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return [...rows].sort((a, b) => String(a.email).localeCompare(String(b.email)));
}

/** Inputs of the Action1 dynamic resources, without the serialized provider code. */
function dynamicInputs(run: ProgramRun<Outputs>, type: string): Record<string, unknown>[] {
  return run.world.ofType(type).map((r) => {
    const { __provider, ...rest } = r.inputs;
    expect(typeof __provider).toBe("string");
    return rest;
  });
}

function userInputs(email: string, signIn: string) {
  return {
    apiBaseUrl: expect.any(String),
    email,
    signIn,
    userType: "Interactive",
    enabled: true,
  };
}

function appInputs(redirectUri: string, rotation: string) {
  return {
    label: "Action1",
    type: "web",
    status: "ACTIVE",
    grantTypes: ["authorization_code", "refresh_token"],
    responseTypes: ["code"],
    redirectUris: [redirectUri],
    pkceRequired: true,
    tokenEndpointAuthMethod: "client_secret_basic",
    clientBasicSecret: SECRET_WIRE,
    omitSecret: false,
    consentMethod: "TRUSTED",
    issuerMode: "ORG_URL",
    refreshTokenRotation: rotation,
    hideWeb: false,
    hideIos: false,
    implicitAssignment: false,
    wildcardRedirect: "DISABLED",
    loginMode: "DISABLED",
  };
}

const PASSWORD_INPUTS = {
  length: 64,
  lower: true,
  upper: true,
  numeric: true,
  special: true,
  overrideSpecial: "-._",
  minLower: 4,
  minUpper: 4,
  minNumeric: 4,
  minSpecial: 2,
  keepers: { rotation: "1" },
};

describe("stack na (org authorization server)", () => {
  let run: ProgramRun<Outputs>;
  beforeAll(async () => {
    run = await runStack("na");
  });

  it("declares exactly the client secret, the app and one assignment per group", () => {
    expect(sortPairs(run.world.resources.map((r) => [r.type, r.name]))).toEqual(
      sortPairs([
        ["random:index/randomPassword:RandomPassword", "action1-client-secret"],
        ["okta:app/oAuth:OAuth", "action1-oidc-app"],
        ["okta:app/groupAssignment:GroupAssignment", "action1-group:Action1 Admins"],
        ["okta:app/groupAssignment:GroupAssignment", "action1-group:Action1 Helpdesk"],
        [IDP, "action1-identity-provider"],
        [USER, "action1-user-breakglass-na@example.invalid"],
        [ROLE, "action1-user-breakglass-na@example.invalid-role-enterprise_admin"],
        [USER, "action1-user-alice.admin@example.invalid"],
        [ROLE, "action1-user-alice.admin@example.invalid-role-enterprise_admin"],
        [USER, "action1-user-bob.helpdesk@example.invalid"],
        [ROLE, "action1-user-bob.helpdesk@example.invalid-role-helpdesk"],
      ]),
    );
  });

  it("writes the app's client ID, secret (secret) and org issuer into Action1's IdP", () => {
    expect(dynamicInputs(run, IDP)).toEqual([
      {
        apiBaseUrl: "https://app.action1.com/api/3.0",
        provider: "Okta",
        clientId: "0oa-na-action1-oidc-app",
        clientSecret: SECRET_WIRE,
        issuerUri: "https://example-org.okta.com",
        scope: "Enterprise",
        deleteProtection: "refuse-if-locks-out",
      },
    ]);
  });

  it("declares each configured Action1 user and each of their roles, joined by email", () => {
    expect(dynamicInputs(run, USER)).toEqual([
      { ...userInputs("breakglass-na@example.invalid", "password") },
      { ...userInputs("alice.admin@example.invalid", "okta") },
      { ...userInputs("bob.helpdesk@example.invalid", "okta") },
    ]);
    expect(byEmail(dynamicInputs(run, ROLE))).toEqual(
      byEmail([
        {
          apiBaseUrl: "https://app.action1.com/api/3.0",
          userId: "id-action1-user-breakglass-na@example.invalid",
          email: "breakglass-na@example.invalid",
          role: "Enterprise Admin",
        },
        {
          apiBaseUrl: "https://app.action1.com/api/3.0",
          userId: "id-action1-user-alice.admin@example.invalid",
          email: "alice.admin@example.invalid",
          role: "Enterprise Admin",
        },
        {
          apiBaseUrl: "https://app.action1.com/api/3.0",
          userId: "id-action1-user-bob.helpdesk@example.invalid",
          email: "bob.helpdesk@example.invalid",
          role: "Helpdesk",
        },
      ]),
    );
  });

  it("sends the exact app inputs: NA redirect URI, grants, code, PKCE, basic auth, secret", () => {
    expect(run.world.one("okta:app/oAuth:OAuth").inputs).toEqual(
      appInputs("https://app.action1.com/sso/login", "STATIC"),
    );
  });

  it("generates the client secret within Okta's rules, rotated by the keeper", () => {
    expect(run.world.one("random:index/randomPassword:RandomPassword").inputs).toEqual(
      PASSWORD_INPUTS,
    );
  });

  it("assigns the groups found by exact name (not their prefix neighbours)", () => {
    expect(
      run.world.ofType("okta:app/groupAssignment:GroupAssignment").map((r) => r.inputs),
    ).toEqual([
      { appId: "action1-oidc-app-id", groupId: "00g-admins" },
      { appId: "action1-oidc-app-id", groupId: "00g-helpdesk" },
    ]);
    expect(run.world.invokes).toEqual([
      { token: "okta:group/getGroup:getGroup", inputs: { name: "Action1 Admins" } },
      { token: "okta:group/getGroup:getGroup", inputs: { name: "Action1 Helpdesk" } },
    ]);
  });

  it("exports the outputs, the issuer being the org URL, the client secret secret", async () => {
    expect(await outputsOf(run)).toEqual({
      region: "na",
      action1ApiBaseUrl: "https://app.action1.com/api/3.0",
      redirectUri: "https://app.action1.com/sso/login",
      clientId: "0oa-na-action1-oidc-app",
      clientSecret: CLIENT_SECRET,
      issuerUri: "https://example-org.okta.com",
      assignedGroups: [
        { name: "Action1 Admins", id: "00g-admins" },
        { name: "Action1 Helpdesk", id: "00g-helpdesk" },
      ],
      oktaAppId: "action1-oidc-app-id",
      identityProviderSettingId: "setting-na",
      managedUsers: [
        ["breakglass-na@example.invalid", "password", "Enterprise Admin"],
        ["alice.admin@example.invalid", "okta", "Enterprise Admin"],
        ["bob.helpdesk@example.invalid", "okta", "Helpdesk"],
      ].map(([email, signIn, role]) => ({
        email,
        signIn,
        roles: [role],
        enabled: true,
        userId: `id-action1-user-${email}`,
        identityProvider: "Okta",
      })),
    });
    expect(await run.isSecret(run.exports.clientSecret)).toBe(true);
    for (const k of ["region", "redirectUri", "clientId", "issuerUri", "assignedGroups"] as const) {
      expect(await run.isSecret(run.exports[k])).toBe(false);
    }
  });
});

describe("stack eu (custom authorization server)", () => {
  let run: ProgramRun<Outputs>;
  beforeAll(async () => {
    run = await runStack("eu");
  });

  it("declares the app, the assignment, and the access policy and rule", () => {
    expect(sortPairs(run.world.resources.map((r) => [r.type, r.name]))).toEqual(
      sortPairs([
        ["random:index/randomPassword:RandomPassword", "action1-client-secret"],
        ["okta:app/oAuth:OAuth", "action1-oidc-app"],
        ["okta:app/groupAssignment:GroupAssignment", "action1-group:Action1 Admins EU"],
        ["okta:auth/serverPolicy:ServerPolicy", "action1-issuer-policy"],
        ["okta:auth/serverPolicyRule:ServerPolicyRule", "action1-issuer-rule"],
        [IDP, "action1-identity-provider"],
        [USER, "action1-user-breakglass-eu@example.invalid"],
        [ROLE, "action1-user-breakglass-eu@example.invalid-role-enterprise_admin"],
        [USER, "action1-user-claire.admin@example.invalid"],
        [ROLE, "action1-user-claire.admin@example.invalid-role-enterprise_admin"],
        [USER, "action1-user-dieter.admin@example.invalid"],
        [ROLE, "action1-user-dieter.admin@example.invalid-role-enterprise_admin"],
      ]),
    );
    expect(dynamicInputs(run, IDP)[0]).toMatchObject({
      apiBaseUrl: "https://app.eu.action1.com/api/3.0",
      clientId: "0oa-eu-action1-oidc-app",
      clientSecret: SECRET_WIRE,
      issuerUri: "https://example-org-eu.okta-emea.com/oauth2/aus-action1-eu",
    });
  });

  it("sends the exact app inputs with the EU redirect URI and rotating refresh tokens", () => {
    expect(run.world.one("okta:app/oAuth:OAuth").inputs).toEqual(
      appInputs("https://app.eu.action1.com/sso/login", "ROTATE"),
    );
    expect(run.world.one("random:index/randomPassword:RandomPassword").inputs).toEqual(
      PASSWORD_INPUTS,
    );
  });

  it("assigns the exact group despite longer names starting with it", () => {
    expect(run.world.one("okta:app/groupAssignment:GroupAssignment").inputs).toEqual({
      appId: "action1-oidc-app-id",
      groupId: "00g-admins-eu",
    });
  });

  it("limits the access policy to this app's client, and the rule to its grants and groups", () => {
    expect(run.world.one("okta:auth/serverPolicy:ServerPolicy").inputs).toEqual({
      authServerId: "aus-action1-eu",
      name: "Action1 (eu)",
      description: "Action1 SSO (Europe): lets the Action1 app sign in",
      priority: 1,
      status: "ACTIVE",
      clientWhitelists: ["0oa-eu-action1-oidc-app"],
    });
    expect(run.world.one("okta:auth/serverPolicyRule:ServerPolicyRule").inputs).toEqual({
      authServerId: "aus-action1-eu",
      policyId: "action1-issuer-policy-id",
      name: "Action1 sign-in",
      priority: 1,
      status: "ACTIVE",
      type: "RESOURCE_ACCESS",
      grantTypeWhitelists: ["authorization_code", "refresh_token"],
      scopeWhitelists: ["openid", "profile", "email", "offline_access"],
      groupWhitelists: ["00g-admins-eu"],
    });
    expect(run.world.invokes.map((i) => [i.token, i.inputs])).toEqual(
      expect.arrayContaining([["okta:auth/getServer:getServer", { name: "Action1 EU" }]]),
    );
  });

  it("exports the custom server's issuer and a secret client secret", async () => {
    expect(await outputsOf(run)).toEqual({
      region: "eu",
      action1ApiBaseUrl: "https://app.eu.action1.com/api/3.0",
      redirectUri: "https://app.eu.action1.com/sso/login",
      clientId: "0oa-eu-action1-oidc-app",
      clientSecret: CLIENT_SECRET,
      issuerUri: "https://example-org-eu.okta-emea.com/oauth2/aus-action1-eu",
      assignedGroups: [{ name: "Action1 Admins EU", id: "00g-admins-eu" }],
      oktaAppId: "action1-oidc-app-id",
      identityProviderSettingId: "setting-eu",
      managedUsers: expect.any(Array),
    });
    expect(await run.isSecret(run.exports.clientSecret)).toBe(true);
  });
});

describe("program behaviour beyond the shipped stacks", () => {
  it("fails with the one config error before registering any resource", async () => {
    const world = newWorld();
    const file = stackFileConfig("na");
    await expect(
      runProgram({
        program: "infra/index.ts",
        stack: "na",
        config: {
          ...file.values,
          ...FAKE_SECRETS,
          [`${P}:grantTypes`]: '["implicit"]',
          [`${P}:implicitAssignment`]: "true",
        },
        secretKeys: Object.keys(FAKE_SECRETS),
        invoke: OKTA,
        world,
      }),
    ).rejects.toThrow(/^Invalid config for stack "na" \(3 problems\); nothing was deployed:\n/);
    expect(world.resources).toEqual([]);
    expect(world.invokes).toEqual([]);
  });

  it("takes a new region from one new stack file and nothing else", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "okta-stacks-"));
    fs.writeFileSync(
      path.join(root, "Pulumi.au.yaml"),
      [
        "config:",
        "  okta:orgName: example-org-au",
        "  okta:baseUrl: okta.com",
        "  action1-okta-sso:groups: [Action1 Admins]",
        "  action1-okta-sso:extraRedirectUris:",
        "    - https://app.au.action1.com/sso/login/alt",
        "",
      ].join("\n"),
    );
    const run = await runStack("au", {}, root);
    expect(run.world.one("okta:app/oAuth:OAuth").inputs.redirectUris).toEqual([
      "https://app.au.action1.com/sso/login",
      "https://app.au.action1.com/sso/login/alt",
    ]);
    const out = await outputsOf(run);
    expect(out.region).toBe("au");
    expect(out.action1ApiBaseUrl).toBe("https://app.au.action1.com/api/3.0");
    expect(out.issuerUri).toBe("https://example-org-au.okta.com");
  });

  it("asks for client_credentials only when config does; it stays out of the rule", async () => {
    const run = await runStack("eu", {
      [`${P}:grantTypes`]: '["authorization_code","client_credentials"]',
      [`${P}:refreshTokenRotation`]: "STATIC",
      [`${P}:clientSecretRotation`]: "2026-12",
    });
    expect(run.world.one("okta:app/oAuth:OAuth").inputs.grantTypes).toEqual([
      "authorization_code",
      "client_credentials",
    ]);
    const rule = run.world.one("okta:auth/serverPolicyRule:ServerPolicyRule").inputs;
    expect(rule.grantTypeWhitelists).toEqual(["authorization_code"]);
    expect(rule.scopeWhitelists).toEqual(["openid", "profile", "email"]);
    expect(run.world.one("random:index/randomPassword:RandomPassword").inputs.keepers).toEqual({
      rotation: "2026-12",
    });
  });

  it("uses the custom domain as the org issuer with CUSTOM_URL, and hides the tile", async () => {
    const run = await runStack("na", {
      [`${P}:issuerMode`]: "CUSTOM_URL",
      [`${P}:customDomain`]: "login.example.invalid",
      [`${P}:hideAppTile`]: "true",
    });
    const app = run.world.one("okta:app/oAuth:OAuth").inputs;
    expect([app.issuerMode, app.hideWeb, app.hideIos]).toEqual(["CUSTOM_URL", true, true]);
    expect(await run.value(run.exports.issuerUri)).toBe("https://login.example.invalid");
  });
});
