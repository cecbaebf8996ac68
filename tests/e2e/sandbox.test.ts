/**
 * End-to-end: the sandbox flow (scripts/sandbox.ts) for the `eu` stack with its shipped config
 * (custom authorization server "Action1 EU"), the real program, the real CLI, the provider plugins
 * installed by scripts/build-plugins.sh, a local Okta playing the stack's org and the local
 * Action1. Asserts the exact Okta writes of each step, that a changed group touches only the
 * group assignments and the access rule's group list, that rotating the secret updates Okta and
 * Action1 in one up, that the policy pack stops a config that drops the last admin before any
 * write, and that no secret reaches the state.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { SANDBOX_DIR, Sandbox } from "../../scripts/sandbox";
import { FAKE_OKTA_API_TOKEN } from "../../standins/okta/seed";
import { requireEngine } from "../helpers/engine";

jest.setTimeout(300_000);

const STACK = "eu";
const ORG_URL = "https://example-org-eu.okta-emea.com";
const SHIPPED_USERS = [
  "breakglass-eu@example.invalid | password | Enterprise Admin",
  "Claire.Admin@example.invalid | okta | Enterprise Admin",
  "dieter.admin@example.invalid | okta | Enterprise Admin",
];
let sandbox: Sandbox;

/** "METHOD /path" of the Okta requests made since `from`, sorted. */
function oktaCalls(from: number): string[] {
  return sandbox.okta.requests
    .slice(from)
    .map((r) => `${r.method} ${r.path}`)
    .sort();
}
const writes = (calls: string[]) => calls.filter((c) => !c.startsWith("GET "));
const action1Writes = (from: number) =>
  sandbox.action1.requests
    .slice(from)
    .filter((r) => r.method !== "GET" && !r.path.startsWith("/oauth2"));

function appRecord() {
  const apps = [...sandbox.okta.state.apps.values()];
  expect(apps).toHaveLength(1);
  const app = apps[0];
  if (!app) throw new Error("no app in the local Okta");
  return app;
}

function groupId(name: string): string {
  const group = sandbox.okta.state.findGroupByName(name);
  if (!group) throw new Error(`no group ${name}`);
  return group.id;
}

function euServer() {
  const server = [...sandbox.okta.state.authServers.values()].find(
    (s) => s.server.name === "Action1 EU",
  );
  if (!server) throw new Error("no Action1 EU server in the local Okta");
  return server;
}

function stateText(): string {
  const dir = sandbox.engine.stateDir;
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), "utf8"))
    .join("\n");
}

beforeAll(async () => {
  requireEngine();
  sandbox = new Sandbox({ dir: path.join(SANDBOX_DIR, `e2e-${process.pid}`) });
  await sandbox.start();
  await sandbox.initStack(STACK);
});

afterAll(async () => {
  if (sandbox?.engine) await sandbox.removeStack(STACK);
  await sandbox?.close();
  if (sandbox?.steps.length) console.log(`sandbox e2e steps:\n${sandbox.summary()}`);
});

describe("sandbox flow for the eu stack", () => {
  test("preview with the policy pack passes the shipped config and writes nothing", async () => {
    const before = sandbox.okta.requests.length;
    const action1Before = sandbox.action1.requests.length;
    const res = await sandbox.ok(STACK, "preview --policy-pack", [
      "preview",
      ...sandbox.policyArgs,
    ]);
    expect(res.stdout).not.toContain("[mandatory]");
    expect(writes(oktaCalls(before))).toEqual([]);
    expect(action1Writes(action1Before)).toEqual([]);
  });

  test("up creates the app, its assignment, the access policy and rule, and the Action1 side", async () => {
    const before = sandbox.okta.requests.length;
    const action1Before = sandbox.action1.requests.length;
    await sandbox.ok(STACK, "up", ["up", "--yes", "--skip-preview", ...sandbox.policyArgs]);
    const app = appRecord();
    const id = String(app.app.id);
    const serverId = String(euServer().server.id);
    const [policyId] = [...euServer().policies.keys()];
    const ruleId = [...(euServer().policies.get(String(policyId))?.rules.keys() ?? [])][0];
    const accessPolicy = sandbox.okta.state.orgPolicies.find((p) => p.system === true);
    const admins = groupId("Action1 Admins EU");
    expect(writes(oktaCalls(before))).toEqual(
      [
        "POST /api/v1/apps",
        `POST /api/v1/internal/apps/${id}/settings/oauth/idToken`,
        `PUT /api/v1/apps/${id}/policies/${String(accessPolicy?.id)}`,
        `PUT /api/v1/apps/${id}/groups/${admins}`,
        `POST /api/v1/authorizationServers/${serverId}/policies`,
        `POST /api/v1/authorizationServers/${serverId}/policies/${policyId}/rules`,
      ].sort(),
    );
    expect(ruleId).toBeDefined();
    const created = sandbox.okta.requests.find(
      (r) => r.method === "POST" && r.path === "/api/v1/apps",
    );
    expect(created?.proxied).toBe(true);
    expect(created?.query).toEqual({ activate: "true" });
    expect(created?.body).toMatchObject({
      name: "oidc_client",
      label: "Action1",
      signOnMode: "OPENID_CONNECT",
      credentials: {
        oauthClient: { token_endpoint_auth_method: "client_secret_basic", pkce_required: true },
      },
      settings: {
        implicitAssignment: false,
        oauthClient: {
          application_type: "web",
          grant_types: ["authorization_code", "refresh_token"],
          response_types: ["code"],
          redirect_uris: ["https://app.eu.action1.com/sso/login"],
          consent_method: "TRUSTED",
          issuer_mode: "ORG_URL",
          refresh_token: { rotation_type: "ROTATE", leeway: 0 },
        },
      },
    });
    const policyCall = sandbox.okta.requests.find(
      (r) => r.method === "POST" && r.path === `/api/v1/authorizationServers/${serverId}/policies`,
    );
    expect(policyCall?.body).toEqual({
      type: "OAUTH_AUTHORIZATION_POLICY",
      name: "Action1 (eu)",
      description: expect.stringContaining("Action1 SSO"),
      status: "ACTIVE",
      priority: 1,
      conditions: { clients: { include: [id] } },
    });
    const ruleCall = sandbox.okta.requests.find(
      (r) => r.method === "POST" && r.path.endsWith("/rules"),
    );
    expect(ruleCall?.body).toMatchObject({
      name: "Action1 sign-in",
      type: "RESOURCE_ACCESS",
      conditions: {
        people: { groups: { include: [admins] } },
        grantTypes: { include: ["authorization_code", "refresh_token"] },
        scopes: { include: ["openid", "profile", "email", "offline_access"] },
      },
    });
    expect([...app.groups.keys()]).toEqual([admins]);
    const outputs = await sandbox.outputs(STACK);
    expect(outputs.clientId).toBe(id);
    expect(outputs.clientSecret).toBe("[secret]");
    expect(outputs.issuerUri).toBe(`${ORG_URL}/oauth2/${serverId}`);
    expect(outputs.assignedGroups).toEqual([{ id: admins, name: "Action1 Admins EU" }]);
    // The Action1 side: the identity provider carries this app's client id, secret and issuer.
    const idpWrite = action1Writes(action1Before).find((r) => r.path.startsWith("/settings"));
    const idpBody = JSON.stringify(idpWrite?.body);
    expect(idpBody).toContain(id);
    expect(idpBody).toContain(app.clientSecret);
    expect(idpBody).toContain(`${ORG_URL}/oauth2/${serverId}`);
  });

  test("no state file holds the Okta client secret or the API token in plain text", () => {
    const text = stateText();
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain(appRecord().clientSecret);
    expect(text).not.toContain(FAKE_OKTA_API_TOKEN);
  });

  test("a second up changes nothing and writes nothing to Okta or Action1", async () => {
    const before = sandbox.okta.requests.length;
    const action1Before = sandbox.action1.requests.length;
    await sandbox.ok(STACK, "up (no changes)", [
      "up",
      "--yes",
      "--skip-preview",
      "--expect-no-changes",
    ]);
    expect(writes(oktaCalls(before))).toEqual([]);
    expect(action1Writes(action1Before)).toEqual([]);
    expect(Object.keys(await sandbox.lastChanges(STACK))).toEqual(["same"]);
  });

  test("refresh finds no drift and only reads", async () => {
    const before = sandbox.okta.requests.length;
    const action1Before = sandbox.action1.requests.length;
    await sandbox.ok(STACK, "refresh", [
      "refresh",
      "--yes",
      "--skip-preview",
      "--expect-no-changes",
    ]);
    const calls = oktaCalls(before);
    expect(writes(calls)).toEqual([]);
    expect(action1Writes(action1Before)).toEqual([]);
    expect(calls).toContain(`GET /api/v1/apps/${String(appRecord().app.id)}`);
  });

  test("changing a group updates only the group assignments and the rule's groups", async () => {
    const app = appRecord();
    const id = String(app.app.id);
    const secretBefore = app.clientSecret;
    const serverId = String(euServer().server.id);
    const [policyId] = [...euServer().policies.keys()];
    const ruleId = [...(euServer().policies.get(String(policyId))?.rules.keys() ?? [])][0];
    await sandbox.setList(STACK, "action1-okta-sso:groups", [
      "Action1 Admins EU",
      "Action1 Helpdesk",
    ]);
    const before = sandbox.okta.requests.length;
    const action1Before = sandbox.action1.requests.length;
    await sandbox.ok(STACK, "up (group added)", ["up", "--yes", "--skip-preview"]);
    expect(writes(oktaCalls(before))).toEqual(
      [
        `PUT /api/v1/apps/${id}/groups/${groupId("Action1 Helpdesk")}`,
        `PUT /api/v1/authorizationServers/${serverId}/policies/${policyId}/rules/${ruleId}`,
      ].sort(),
    );
    expect([...app.groups.keys()].sort()).toEqual(
      [groupId("Action1 Admins EU"), groupId("Action1 Helpdesk")].sort(),
    );
    expect(app.clientSecret).toBe(secretBefore);
    expect(action1Writes(action1Before)).toEqual([]);
    expect(await sandbox.lastChanges(STACK)).toMatchObject({ create: 1, update: 1 });
  });

  test("rotating the secret updates Okta and Action1 in one up, and keeps it out of state", async () => {
    const app = appRecord();
    const id = String(app.app.id);
    const secretBefore = app.clientSecret;
    await sandbox.setConfig(STACK, "action1-okta-sso:clientSecretRotation", "2");
    const before = sandbox.okta.requests.length;
    const action1Before = sandbox.action1.requests.length;
    await sandbox.ok(STACK, "up (secret rotated)", ["up", "--yes", "--skip-preview"]);
    // The plugin re-applies the app's access policy after every app update (TF code).
    const accessPolicy = sandbox.okta.state.orgPolicies.find((p) => p.system === true);
    expect(writes(oktaCalls(before))).toEqual([
      `PUT /api/v1/apps/${id}`,
      `PUT /api/v1/apps/${id}/policies/${String(accessPolicy?.id)}`,
    ]);
    const put = sandbox.okta.requests.slice(before).find((r) => r.method === "PUT");
    const body = (put?.body ?? {}) as {
      credentials?: { oauthClient?: { client_secret?: string } };
    };
    const sent = String(body.credentials?.oauthClient?.client_secret);
    expect(sent).toHaveLength(64);
    expect(sent).not.toBe(secretBefore);
    expect(app.clientSecret).toBe(sent);
    expect(String(app.app.id)).toBe(id);
    const toAction1 = action1Writes(action1Before);
    expect(toAction1.map((r) => r.method)).toEqual(["PATCH"]);
    expect(JSON.stringify(toAction1[0]?.body)).toContain(sent);
    expect(stateText()).not.toContain(sent);
  });

  test("the policy pack stops a config that drops the last admin, before any write", async () => {
    await sandbox.setList(STACK, "action1-okta-sso:users", [SHIPPED_USERS[0] as string]);
    const oktaBefore = sandbox.okta.requests.length;
    const action1Before = sandbox.action1.requests.length;
    const res = await sandbox.pulumi(STACK, "preview --policy-pack (one admin)", [
      "preview",
      ...sandbox.policyArgs,
    ]);
    expect(res.code).not.toBe(0);
    expect(res.stdout).toContain("[mandatory] [severity: critical]  keep-enterprise-admin");
    expect(res.stdout).toContain("The stack keeps 1 enabled interactive Enterprise Admin");
    expect(writes(oktaCalls(oktaBefore))).toEqual([]);
    expect(action1Writes(action1Before)).toEqual([]);
    await sandbox.setList(STACK, "action1-okta-sso:users", SHIPPED_USERS);
  });

  test("destroy removes the rule, the policy and the assignments, and keeps the app", async () => {
    const app = appRecord();
    const id = String(app.app.id);
    const serverId = String(euServer().server.id);
    const [policyId] = [...euServer().policies.keys()];
    const ruleId = [...(euServer().policies.get(String(policyId))?.rules.keys() ?? [])][0];
    const before = sandbox.okta.requests.length;
    await sandbox.destroy(STACK);
    // The program protects what locks people out and keeps it (retainOnDelete): the Okta app
    // stays, active.
    expect(writes(oktaCalls(before))).toEqual(
      [
        `DELETE /api/v1/apps/${id}/groups/${groupId("Action1 Admins EU")}`,
        `DELETE /api/v1/apps/${id}/groups/${groupId("Action1 Helpdesk")}`,
        `DELETE /api/v1/authorizationServers/${serverId}/policies/${policyId}`,
        `DELETE /api/v1/authorizationServers/${serverId}/policies/${policyId}/rules/${ruleId}`,
      ].sort(),
    );
    expect(app.app.status).toBe("ACTIVE");
    expect(app.groups.size).toBe(0);
    expect(euServer().policies.size).toBe(0);
    expect(sandbox.okta.unhandled).toEqual([]);
  });
});
