import type { Props } from "../../../../scripts/plugins/host";
import { OktaClient } from "../../../../scripts/plugins/okta/client";
import {
  getGroup,
  getServer,
  groupAssignmentResource,
  oauthResource,
  serverPolicyResource,
  serverPolicyRuleResource,
} from "../../../../scripts/plugins/okta/resources";
import { FAKE_OKTA_API_TOKEN } from "../../../../standins/okta/seed";
import { type LocalOkta, startLocalOkta } from "../../../../standins/okta/server";

const APP_INPUTS: Props = {
  label: "Action1",
  type: "web",
  status: "ACTIVE",
  grantTypes: ["authorization_code", "refresh_token"],
  responseTypes: ["code"],
  redirectUris: ["https://app.action1.com/sso/login"],
  pkceRequired: true,
  tokenEndpointAuthMethod: "client_secret_basic",
  clientBasicSecret: "fake-secret-0123456789-not-a-real-secret",
  omitSecret: false,
  consentMethod: "TRUSTED",
  issuerMode: "ORG_URL",
  refreshTokenRotation: "STATIC",
  hideWeb: false,
  hideIos: false,
  implicitAssignment: false,
  wildcardRedirect: "DISABLED",
  loginMode: "DISABLED",
};

describe("substitute Okta plugin resources against the local Okta", () => {
  let okta: LocalOkta;
  let client: OktaClient;
  const calls = () => okta.requests.map((r) => `${r.method} ${r.path}`);
  beforeEach(async () => {
    okta = await startLocalOkta();
    client = new OktaClient({ httpProxy: okta.origin, apiToken: FAKE_OKTA_API_TOKEN });
  });
  afterEach(async () => {
    await okta.close();
  });

  it("getGroup: the exact name wins over prefix twins; unknown and ambiguous names fail", async () => {
    const admins = await getGroup(client, { name: "Action1 Admins" });
    expect(admins).toEqual({
      id: okta.state.findGroupByName("Action1 Admins")?.id,
      name: "Action1 Admins",
      description: "Action1 administrators",
      type: "OKTA_GROUP",
      users: [],
    });
    await expect(getGroup(client, { name: "Nobody" })).rejects.toThrow(
      'group with name "Nobody" does not exist',
    );
    await expect(getGroup(client, { name: "Action1" })).rejects.toThrow(
      'group starting with name "Action1" matches 3 groups, select group by ID or use another name',
    );
    const withUsers = await getGroup(client, { name: "Action1 Admins EU", includeUsers: true });
    expect(withUsers.users).toEqual([
      okta.state.findUser("claire.admin@example.invalid")?.id,
      okta.state.findUser("dieter.admin@example.invalid")?.id,
    ]);
  });

  it("getServer: exact name, with the issuer and signing fields", async () => {
    const server = await getServer(client, { name: "Action1 EU" });
    expect(server).toMatchObject({
      name: "Action1 EU",
      issuer: `${okta.origin}/oauth2/${String(server.id)}`,
      status: "ACTIVE",
      audiences: ["api://action1-eu"],
      credentialsRotationMode: "AUTO",
    });
    await expect(getServer(client, { name: "Action1" })).rejects.toThrow(
      'authorization server with name "Action1" does not exist',
    );
  });

  it("OAuth create makes the real plugin's calls and returns the secret as an output", async () => {
    const { id, outs } = await oauthResource(() => client).create(APP_INPUTS);
    const policy = okta.state.orgPolicies.find((p) => p.system === true);
    expect(calls()).toEqual([
      "POST /api/v1/apps",
      `POST /api/v1/internal/apps/${id}/settings/oauth/idToken`,
      "GET /.well-known/okta-organization",
      "GET /api/v1/policies",
      `PUT /api/v1/apps/${id}/policies/${String(policy?.id)}`,
      `GET /api/v1/apps/${id}`,
      `GET /api/v1/internal/apps/${id}/settings/oauth/idToken`,
    ]);
    expect(outs).toMatchObject({
      clientId: id,
      clientSecret: APP_INPUTS.clientBasicSecret,
      label: "Action1",
      type: "web",
      grantTypes: ["authorization_code", "refresh_token"],
      refreshTokenRotation: "STATIC",
      pkceRequired: true,
      authenticationPolicy: policy?.id,
    });
  });

  it("OAuth create refuses a web app without authorization_code before calling Okta", async () => {
    await expect(
      oauthResource(() => client).create({ ...APP_INPUTS, grantTypes: ["client_credentials"] }),
    ).rejects.toThrow(
      'failed conditional validation for field "grant_types" of type "web", it can contain ' +
        "implicit, authorization_code, refresh_token, client_credentials and must contain " +
        "authorization_code, received client_credentials",
    );
    expect(calls()).toEqual([]);
  });

  it("OAuth surfaces Okta's own rejection (auth method none on a web app)", async () => {
    await expect(
      oauthResource(() => client).create({ ...APP_INPUTS, tokenEndpointAuthMethod: "none" }),
    ).rejects.toThrow(
      "the API returned an error: Api validation failed: oauthClient. Causes: " +
        "token_endpoint_auth_method: 'none' is not allowed when 'application_type' is 'web'",
    );
  });

  it("OAuth Check names an input the substitute does not implement", () => {
    const check = oauthResource(() => client).check?.({ ...APP_INPUTS, logo: "x.png" }, {});
    expect(check?.failures.map((f) => f.property)).toEqual(["logo"]);
  });

  it("OAuth delete deactivates, then deletes", async () => {
    const resource = oauthResource(() => client);
    const { id, outs } = await resource.create(APP_INPUTS);
    okta.requests.length = 0;
    await resource.delete(id, outs);
    expect(calls()).toEqual([
      `POST /api/v1/apps/${id}/lifecycle/deactivate`,
      `DELETE /api/v1/apps/${id}`,
    ]);
  });

  it("GroupAssignment: id is the group id; a 404 read means gone; delete unassigns", async () => {
    const { id: appId } = await oauthResource(() => client).create(APP_INPUTS);
    const groupId = String(okta.state.findGroupByName("Action1 Admins")?.id);
    const resource = groupAssignmentResource(() => client);
    const made = await resource.create({ appId, groupId });
    expect(made).toEqual({
      id: groupId,
      outs: { appId, groupId, priority: 0, profile: "{}", retainAssignment: false },
    });
    await resource.delete(made.id, made.outs);
    expect(await resource.read(made.id, made.outs, {})).toBeUndefined();
  });

  it("ServerPolicy and rule: created, read back with the required fields, replaced on server change", async () => {
    const server = await getServer(client, { name: "Action1 EU" });
    const policies = serverPolicyResource(() => client);
    const policy = await policies.create({
      authServerId: server.id,
      name: "Action1 (eu)",
      description: "d",
      priority: 1,
      status: "ACTIVE",
      clientWhitelists: ["0oaclient"],
    });
    expect(policy.outs).toMatchObject({ clientWhitelists: ["0oaclient"], status: "ACTIVE" });
    const rules = serverPolicyRuleResource(() => client);
    const rule = await rules.create({
      authServerId: server.id,
      policyId: policy.id,
      name: "Action1 sign-in",
      priority: 1,
      status: "ACTIVE",
      type: "RESOURCE_ACCESS",
      grantTypeWhitelists: ["authorization_code"],
      scopeWhitelists: ["openid", "profile", "email"],
      groupWhitelists: ["00gadmins"],
    });
    const read = await rules.read(rule.id, rule.outs, {});
    expect(read?.outs).toMatchObject({
      grantTypeWhitelists: ["authorization_code"],
      groupWhitelists: ["00gadmins"],
      userWhitelists: [],
      accessTokenLifetimeMinutes: 60,
    });
    expect(policies.diff({ authServerId: "a" }, { authServerId: "b" }, {})).toEqual({
      changes: true,
      replaces: ["authServerId"],
    });
    await expect(
      policies.create({ authServerId: server.id, name: "x", status: "INACTIVE" }),
    ).rejects.toThrow("okta.auth.ServerPolicy: a policy cannot be created INACTIVE");
  });
});
