/**
 * End-to-end: the sandbox flow (scripts/sandbox.ts) for the `na` stack, with the real program,
 * the real CLI, the provider plugins installed by scripts/build-plugins.sh, the local Okta and the
 * local Action1. Asserts the exact Okta calls of each step, that a changed group touches only the
 * group assignments, that rotating the secret updates Okta (and Action1) in one up, that the
 * policy pack stops a config that drops the last admin, and that no secret reaches the state.
 *
 * Tests that need the program's Action1 side (users, identity provider) run only once
 * infra/stack.ts declares it; until then they are reported as skipped (see ACTION1_WIRED).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { POLICY_PACK_DIR, SANDBOX_DIR, Sandbox } from "../../scripts/sandbox";
import { FAKE_OKTA_API_TOKEN } from "../../standins/okta/seed";
import { projectRoot, requireEngine } from "../helpers/engine";

jest.setTimeout(300_000);

/** True once the program declares its Action1 resources (infra/stack.ts uses infra/dynamic/). */
const ACTION1_WIRED = /from "\.\/dynamic\//.test(
  fs.readFileSync(path.join(projectRoot, "infra", "stack.ts"), "utf8"),
);
const whenAction1 = ACTION1_WIRED ? test : test.skip;

const STACK = "na";
let sandbox: Sandbox;

/** "METHOD /path" of the Okta requests made since `from`, sorted. */
function oktaCalls(from: number): string[] {
  return sandbox.okta.requests
    .slice(from)
    .map((r) => `${r.method} ${r.path}`)
    .sort();
}
const writes = (calls: string[]) => calls.filter((c) => !c.startsWith("GET "));

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

describe("sandbox flow for the na stack against the local Okta", () => {
  whenAction1(
    "preview with the policy pack passes the shipped config, writing nothing",
    async () => {
      const before = sandbox.okta.requests.length;
      const res = await sandbox.ok(STACK, "preview --policy-pack", [
        "preview",
        "--policy-pack",
        POLICY_PACK_DIR,
      ]);
      expect(res.stdout).not.toContain("[mandatory]");
      expect(writes(oktaCalls(before))).toEqual([]);
    },
  );

  test("up creates the app, its two group assignments and the secret, with these Okta calls", async () => {
    const before = sandbox.okta.requests.length;
    await sandbox.ok(STACK, "up", ["up", "--yes", "--skip-preview"]);
    const app = appRecord();
    const id = String(app.app.id);
    const policy = sandbox.okta.state.orgPolicies.find((p) => p.system === true);
    const admins = groupId("Action1 Admins");
    const helpdesk = groupId("Action1 Helpdesk");
    expect(writes(oktaCalls(before))).toEqual(
      [
        "POST /api/v1/apps",
        `POST /api/v1/internal/apps/${id}/settings/oauth/idToken`,
        `PUT /api/v1/apps/${id}/policies/${String(policy?.id)}`,
        `PUT /api/v1/apps/${id}/groups/${admins}`,
        `PUT /api/v1/apps/${id}/groups/${helpdesk}`,
      ].sort(),
    );
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
          redirect_uris: ["https://app.action1.com/sso/login"],
          consent_method: "TRUSTED",
          issuer_mode: "ORG_URL",
        },
      },
    });
    expect([...app.groups.keys()].sort()).toEqual([admins, helpdesk].sort());
    expect(app.app.status).toBe("ACTIVE");
    expect(await sandbox.lastChanges(STACK)).toMatchObject({
      create: ACTION1_WIRED ? expect.any(Number) : 5,
    });
    const outputs = await sandbox.outputs(STACK);
    expect(outputs.clientId).toBe(id);
    expect(outputs.clientSecret).toBe("[secret]");
    expect(outputs.assignedGroups).toEqual([
      { id: admins, name: "Action1 Admins" },
      { id: helpdesk, name: "Action1 Helpdesk" },
    ]);
  });

  test("no state file holds the Okta client secret or the API token in plain text", () => {
    const text = stateText();
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain(appRecord().clientSecret);
    expect(text).not.toContain(FAKE_OKTA_API_TOKEN);
  });

  test("a second up changes nothing and writes nothing to Okta", async () => {
    const before = sandbox.okta.requests.length;
    await sandbox.ok(STACK, "up (no changes)", [
      "up",
      "--yes",
      "--skip-preview",
      "--expect-no-changes",
    ]);
    expect(writes(oktaCalls(before))).toEqual([]);
    const changes = await sandbox.lastChanges(STACK);
    expect(Object.keys(changes)).toEqual(["same"]);
  });

  test("refresh finds no drift and only reads", async () => {
    const before = sandbox.okta.requests.length;
    await sandbox.ok(STACK, "refresh", [
      "refresh",
      "--yes",
      "--skip-preview",
      "--expect-no-changes",
    ]);
    const calls = oktaCalls(before);
    expect(writes(calls)).toEqual([]);
    expect(calls).toContain(`GET /api/v1/apps/${String(appRecord().app.id)}`);
  });

  test("changing a group in config updates only the group assignments", async () => {
    const app = appRecord();
    const id = String(app.app.id);
    const secretBefore = app.clientSecret;
    await sandbox.setList(STACK, "action1-okta-sso:groups", [
      "Action1 Admins",
      "Action1 Admins EU",
    ]);
    const before = sandbox.okta.requests.length;
    await sandbox.ok(STACK, "up (group changed)", ["up", "--yes", "--skip-preview"]);
    expect(writes(oktaCalls(before))).toEqual(
      [
        `DELETE /api/v1/apps/${id}/groups/${groupId("Action1 Helpdesk")}`,
        `PUT /api/v1/apps/${id}/groups/${groupId("Action1 Admins EU")}`,
      ].sort(),
    );
    expect([...app.groups.keys()].sort()).toEqual(
      [groupId("Action1 Admins"), groupId("Action1 Admins EU")].sort(),
    );
    expect(app.clientSecret).toBe(secretBefore);
    const changes = await sandbox.lastChanges(STACK);
    expect(changes.create).toBe(1);
    expect(changes.delete).toBe(1);
    expect(changes.update ?? 0).toBe(0);
  });

  test("rotating the secret replaces it in Okta in one up (and in Action1 once wired)", async () => {
    const app = appRecord();
    const id = String(app.app.id);
    const secretBefore = app.clientSecret;
    const action1Before = sandbox.action1.requests.length;
    await sandbox.setConfig(STACK, "action1-okta-sso:clientSecretRotation", "2");
    const before = sandbox.okta.requests.length;
    await sandbox.ok(STACK, "up (secret rotated)", ["up", "--yes", "--skip-preview"]);
    // The plugin re-applies the app's access policy after every app update (TF code).
    const policy = sandbox.okta.state.orgPolicies.find((p) => p.system === true);
    expect(writes(oktaCalls(before))).toEqual([
      `PUT /api/v1/apps/${id}`,
      `PUT /api/v1/apps/${id}/policies/${String(policy?.id)}`,
    ]);
    const put = sandbox.okta.requests.slice(before).find((r) => r.method === "PUT");
    const body = (put?.body ?? {}) as {
      credentials?: { oauthClient?: { client_secret?: string } };
    };
    const sent = String(body.credentials?.oauthClient?.client_secret);
    expect(sent).toHaveLength(64);
    expect(sent).not.toBe(secretBefore);
    expect(app.clientSecret).toBe(sent);
    expect(String(app.app.id)).toBe(id); // same app, same client id
    expect(await sandbox.lastChanges(STACK)).toMatchObject({ replace: 1, update: 1 });
    if (ACTION1_WIRED) {
      const action1Writes = sandbox.action1.requests
        .slice(action1Before)
        .filter((r) => r.method !== "GET" && !r.path.includes("oauth2"));
      expect(action1Writes.length).toBeGreaterThan(0);
      expect(JSON.stringify(action1Writes.map((r) => r.body))).toContain(sent);
    }
    expect(stateText()).not.toContain(sent);
  });

  test("the policy pack stops a config that drops the last admin, before any write", async () => {
    await sandbox.setList(STACK, "action1-okta-sso:users", [
      "breakglass-na@example.invalid | password | Enterprise Admin",
    ]);
    const oktaBefore = sandbox.okta.requests.length;
    const action1Before = sandbox.action1.requests.length;
    const res = await sandbox.pulumi(STACK, "preview --policy-pack (one admin)", [
      "preview",
      "--policy-pack",
      POLICY_PACK_DIR,
    ]);
    expect(res.code).not.toBe(0);
    expect(res.stdout).toContain("[mandatory] [severity: critical]  keep-enterprise-admin");
    expect(res.stdout).toMatch(
      ACTION1_WIRED
        ? /The stack keeps 1 enabled interactive Enterprise Admin/
        : /The stack keeps [01] enabled interactive Enterprise Admins?/,
    );
    expect(writes(oktaCalls(oktaBefore))).toEqual([]);
    expect(sandbox.action1.requests.slice(action1Before).filter((r) => r.method !== "GET")).toEqual(
      [],
    );
    await sandbox.setList(STACK, "action1-okta-sso:users", [
      "breakglass-na@example.invalid | password | Enterprise Admin",
      "alice.admin@example.invalid | okta | Enterprise Admin",
      "bob.helpdesk@example.invalid | okta | Helpdesk",
    ]);
  });

  test("destroy deactivates and deletes the app and its assignments", async () => {
    const id = String(appRecord().app.id);
    const before = sandbox.okta.requests.length;
    await sandbox.ok(STACK, "destroy", ["destroy", "--yes", "--skip-preview"]);
    expect(writes(oktaCalls(before))).toEqual(
      expect.arrayContaining([
        `POST /api/v1/apps/${id}/lifecycle/deactivate`,
        `DELETE /api/v1/apps/${id}`,
        `DELETE /api/v1/apps/${id}/groups/${groupId("Action1 Admins")}`,
        `DELETE /api/v1/apps/${id}/groups/${groupId("Action1 Admins EU")}`,
      ]),
    );
    expect(sandbox.okta.state.apps.size).toBe(0);
    expect(sandbox.okta.unhandled).toEqual([]);
  });
});
