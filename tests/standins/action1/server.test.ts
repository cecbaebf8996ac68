import { encodeIdpValue } from "../../../infra/action1/idpSetting";
import {
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
  SEED_ADMIN_EMAIL,
  SEED_ADMIN_ID,
  SEED_API_USER_ID,
} from "../../../standins/action1/seed";
import { type LocalAction1, startLocalAction1 } from "../../../standins/action1/server";
import { DELETED_EMAIL_PREFIX } from "../../../standins/action1/state";
import { action1Contract } from "../../helpers/action1Contract";

let local: LocalAction1;
/** Requests a test sends on purpose outside the contract (bad input), by seq. */
const offContract = new Set<number>();

beforeEach(async () => {
  local = await startLocalAction1();
  offContract.clear();
});
afterEach(async () => {
  try {
    const checked = local.requests.filter((r) => !offContract.has(r.seq));
    expect(action1Contract().checkAll(checked)).toEqual([]);
  } finally {
    await local.close();
  }
});

interface Res {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function call(
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; form?: boolean; offContract?: boolean } = {},
): Promise<Res> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers["Content-Type"] = opts.form ? "application/x-www-form-urlencoded" : "application/json";
    body = opts.form
      ? new URLSearchParams(opts.body as Record<string, string>).toString()
      : JSON.stringify(opts.body);
  }
  const before = local.requests.length;
  const res = await fetch(`${local.apiBaseUrl}${path}`, { method, headers, body });
  if (opts.offContract) {
    for (const r of local.requests.slice(before)) offContract.add(r.seq);
  }
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    headers: res.headers,
  };
}

async function token(): Promise<string> {
  const r = await call("POST", "/oauth2/token", {
    body: { client_id: FAKE_CLIENT_ID, client_secret: FAKE_CLIENT_SECRET },
  });
  return r.body.access_token as string;
}

const api = async (method: string, path: string, body?: unknown, offContract = false) =>
  call(method, path, { body, token: await token(), offContract });

describe("auth", () => {
  test("JSON and form bodies both give a bearer token", async () => {
    const json = await call("POST", "/oauth2/token", {
      body: { client_id: FAKE_CLIENT_ID, client_secret: FAKE_CLIENT_SECRET },
    });
    const form = await call("POST", "/oauth2/token", {
      body: { client_id: FAKE_CLIENT_ID, client_secret: FAKE_CLIENT_SECRET },
      form: true,
    });
    for (const r of [json, form]) {
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ expires_in: 3600, token_type: "Bearer" });
      expect(r.body.access_token).toMatch(/^fake-access-token-/);
    }
  });

  test("wrong secret is a 401 Error object; missing fields a 400", async () => {
    const bad = await call("POST", "/oauth2/token", {
      body: { client_id: FAKE_CLIENT_ID, client_secret: "fake-wrong-secret-not-real" },
    });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({
      id: "0",
      type: "Error",
      status: 401,
      developer_message: "Authentication failed",
      user_message: "Invalid client credentials",
    });
    const missing = await call("POST", "/oauth2/token", {
      body: { client_id: FAKE_CLIENT_ID },
      offContract: true,
    });
    expect(missing.status).toBe(400);
  });

  test("no token, a wrong token or an expired one: 401 with Action1's message", async () => {
    await local.close();
    local = await startLocalAction1({ tokenTtlSeconds: 1 });
    const t = await token();
    expect((await call("GET", "/me", { token: t })).status).toBe(200);
    expect((await call("GET", "/me")).body.user_message).toBe(
      "Please authenticate before using API",
    );
    expect((await call("GET", "/me", { token: "fake-nonsense" })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await call("GET", "/me", { token: t })).status).toBe(401);
  });

  test("the refresh grant issues a new access token", async () => {
    const first = await call("POST", "/oauth2/token", {
      body: { client_id: FAKE_CLIENT_ID, client_secret: FAKE_CLIENT_SECRET },
    });
    const refreshed = await call("POST", "/oauth2/token", {
      body: {
        client_id: FAKE_CLIENT_ID,
        refresh_token: first.body.refresh_token,
        grant_type: "refresh_token",
      },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(first.body.access_token);
  });
});

describe("me, enterprise", () => {
  test("/me is the API credential; /enterprise the seeded enterprise", async () => {
    const me = await api("GET", "/me");
    expect(me.body).toMatchObject({ id: SEED_API_USER_ID, user_type: "API", enabled: "yes" });
    expect(me.body.password).toBe("");
    const ent = await api("GET", "/enterprise");
    expect(ent.body).toMatchObject({ type: "Enterprise", name: "Example Enterprise" });
  });
});

describe("users", () => {
  test("list: enabled users only, user_type filter, total_items sometimes a string", async () => {
    local.state.createUser(
      {
        email: "off@example.invalid",
        user_type: "Interactive",
        enabled: "no",
        identity_provider: "Action1",
      },
      "console",
    );
    const all = await api("GET", "/users?from=0&limit=50");
    expect((all.body.items as { email: string }[]).map((u) => u.email)).toEqual([
      SEED_ADMIN_EMAIL,
      FAKE_CLIENT_ID,
    ]);
    const interactive = await api("GET", "/users?user_type=Interactive&from=0&limit=50");
    expect(interactive.body.items).toHaveLength(1);
    expect([typeof all.body.total_items, typeof interactive.body.total_items].sort()).toEqual([
      "number",
      "string",
    ]);
    const bad = await api("GET", "/users?user_type=Robot", undefined, true);
    expect(bad.status).toBe(400);
  });

  test("a password user needs a password and names; all problems are listed", async () => {
    const r = await api("POST", "/users", { email: "new@example.invalid" });
    expect(r.status).toBe(400);
    expect(r.body.user_message).toBe(
      "first_name is required; last_name is required; password is required for Action1 " +
        "(password) users: at least 12 characters with a digit, a lower-case and an upper-case " +
        "letter",
    );
  });

  test("a new user's identity provider is the enterprise setting at creation time", async () => {
    const pw = await api("POST", "/users", {
      email: "pw@example.invalid",
      first_name: "P",
      last_name: "W",
      password: "Fake-password-3-not-real",
    });
    expect(pw.body.identity_provider).toBe("Action1");
    local.state.createSetting(
      "identity_provider",
      encodeIdpValue({
        provider: "Okta",
        clientId: "0oafake",
        clientSecret: "fake-okta-secret-not-real",
        issuerUri: "https://example.okta.com",
      }),
      [{ type: "Enterprise", object: "All" }],
      "console",
    );
    const sso = await api("POST", "/users", { email: "sso@example.invalid" });
    expect(sso.status).toBe(200);
    expect(sso.body).toMatchObject({ identity_provider: "Okta", enabled: "yes", password: "" });
    const again = await api("GET", `/users/${pw.body.id}`);
    expect(again.body.identity_provider).toBe("Action1"); // fixed at creation
    const dup = await api("POST", "/users", { email: "SSO@example.invalid" });
    expect(dup.body.user_message).toBe("a user with email SSO@example.invalid exists");
  });

  test("delete is soft: disabled, prefixed email, readable by id, not listed", async () => {
    const u = await api("POST", "/users", {
      email: "gone@example.invalid",
      first_name: "G",
      last_name: "O",
      password: "Fake-password-3-not-real",
    });
    const del = await api("DELETE", `/users/${u.body.id}`);
    expect(del.body).toEqual({
      id: "0",
      type: "Success",
      status: 200,
      developer_message: "Success",
      user_message: "Success",
    });
    const got = await api("GET", `/users/${u.body.id}`);
    expect(got.body).toMatchObject({
      enabled: "no",
      email: `${DELETED_EMAIL_PREFIX}gone@example.invalid`,
    });
    const list = await api("GET", "/users?from=0&limit=50");
    expect((list.body.items as { id: string }[]).map((x) => x.id)).not.toContain(u.body.id);
    const reinvite = await api("POST", "/users", {
      email: "gone@example.invalid",
      first_name: "G",
      last_name: "O",
      password: "Fake-password-3-not-real",
    });
    expect(reinvite.status).toBe(200);
  });

  test("patch changes only what it is given and refuses bad values", async () => {
    const r = await api("PATCH", `/users/${SEED_ADMIN_ID}`, { first_name: "Break", enabled: "no" });
    expect(r.body).toMatchObject({ first_name: "Break", last_name: "Admin", enabled: "no" });
    const bad = await api("PATCH", `/users/${SEED_ADMIN_ID}`, { enabled: true }, true);
    expect(bad.body.user_message).toBe('enabled must be "yes" or "no"');
    expect((await api("GET", "/users/nope")).status).toBe(404);
  });
});

describe("roles", () => {
  test("roles, members both ways, assign and unassign", async () => {
    const roles = await api("GET", "/roles?from=0&limit=50&fields=*");
    expect(roles.body).toMatchObject({ from: "0", limit: "50", total_items: 4 });
    expect(roles.body.items).toContainEqual(
      expect.objectContaining({ id: "enterprise_admin", name: "Enterprise Admin", users: 2 }),
    );
    const u = await api("POST", "/users", {
      email: "r@example.invalid",
      first_name: "R",
      last_name: "R",
      password: "Fake-password-3-not-real",
    });
    await api("POST", `/roles/manager/users/${u.body.id}`);
    const mine = await api("GET", `/users/${u.body.id}/roles?from=0&limit=50`);
    expect((mine.body.items as { id: string }[]).map((x) => x.id)).toEqual(["manager"]);
    const members = await api("GET", "/roles/manager/users?from=0&limit=50");
    expect((members.body.items as { email: string }[]).map((x) => x.email)).toEqual([
      "r@example.invalid",
    ]);
    await api("DELETE", `/roles/manager/users/${u.body.id}`);
    expect((await api("GET", `/users/${u.body.id}/roles`)).body.items).toEqual([]);
    expect((await api("POST", `/roles/auditor/users/${u.body.id}`)).status).toBe(404);
  });
});

describe("settings", () => {
  const scope = [{ type: "Enterprise", object: "All" }];

  test("templates by category and by id", async () => {
    const sso = await api("GET", "/setting-templates/all?category=sso");
    expect((sso.body.items as { id: string }[]).map((t) => t.id)).toEqual([
      "identity_provider",
      "disable_mfa_for_external_identity_providers",
    ]);
    const t = await api("GET", "/setting-templates/all/identity_provider");
    expect(t.body).toMatchObject({ category: "sso", available_scopes: ["Enterprise"] });
    expect((await api("GET", "/setting-templates/all/nope")).status).toBe(404);
  });

  test("create, refuse a second enterprise identity provider, patch, delete", async () => {
    const okta = JSON.stringify({ identity_provider: "Okta", client_id: "0oafake" });
    const incomplete = await api("POST", "/settings/all", {
      template_id: "identity_provider",
      value: okta,
      scope,
    });
    expect(incomplete.body.user_message).toBe("Okta needs Client Secret, Issuer URI (https)");
    const s = await api("POST", "/settings/all", {
      template_id: "identity_provider",
      value: "Google",
      scope,
    });
    expect(s.body).toMatchObject({
      template_id: "identity_provider",
      value: "Google",
      name: "Identity Provider",
    });
    const dup = await api("POST", "/settings/all", {
      template_id: "identity_provider",
      value: "Google",
      scope,
    });
    expect(dup.body.user_message).toBe(
      "A setting for this template already exists for the Enterprise scope",
    );
    const p = await api("PATCH", `/settings/all/${s.body.id}`, { value: "Action1" });
    expect(p.body.value).toBe("Action1");
    const wrong = await api("POST", "/settings/all", {
      template_id: "disable_mfa_for_external_identity_providers",
      value: "Maybe",
      scope,
    });
    expect(wrong.body.user_message).toBe("Invalid value: Yes or No");
    await api("DELETE", `/settings/all/${s.body.id}`);
    expect((await api("GET", `/settings/all/${s.body.id}`)).status).toBe(404);
  });
});

describe("faults", () => {
  test("429 carries details.retry_after and Retry-After", async () => {
    const t = await token();
    local.faults.rateLimit("/me", 7);
    const r = await call("GET", "/me", { token: t });
    expect(r.status).toBe(429);
    expect(r.body.details).toEqual({ retry_after: 7 });
    expect(r.headers.get("retry-after")).toBe("7");
    expect((await call("GET", "/me", { token: t })).status).toBe(200);
    expect(local.faults.pending()).toEqual([]);
  });

  test("500, dropped connection, drop after applying, latency, token expiry", async () => {
    const t = await token();
    local.faults
      .add({ path: "/enterprise", action: { kind: "status", status: 500 } })
      .add({ path: "/enterprise", action: { kind: "drop" } })
      .add({ path: "/enterprise", action: { kind: "latency", ms: 150 } })
      .add({ path: "/enterprise", action: { kind: "expireToken" } })
      .add({ method: "POST", path: "/users", action: { kind: "dropAfterApply" } });
    expect((await call("GET", "/enterprise", { token: t })).status).toBe(500);
    await expect(call("GET", "/enterprise", { token: t })).rejects.toThrow("fetch failed");
    const t0 = Date.now();
    expect((await call("GET", "/enterprise", { token: t })).status).toBe(401);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect((await call("GET", "/enterprise", { token: t })).status).toBe(401); // token revoked
    const t2 = await token();
    await expect(
      call("POST", "/users", { token: t2, body: { email: "x@example.invalid" } }),
    ).rejects.toThrow("fetch failed");
    expect(local.state.findUserByEmail("x@example.invalid")).toBeUndefined(); // password needed
    expect(local.requests.map((r) => `${r.method} ${r.path} ${r.status} ${r.fault ?? ""}`)).toEqual(
      [
        "POST /oauth2/token 200 ",
        "GET /enterprise 500 status 500",
        "GET /enterprise 0 drop",
        "GET /enterprise 401 expireToken",
        "GET /enterprise 401 ",
        "POST /oauth2/token 200 ",
        "POST /users 0 dropAfterApply",
      ],
    );
  });
});

describe("timeline and the last-admin count", () => {
  test("every change is recorded with the admin counts right after it", async () => {
    const u = await api("POST", "/users", {
      email: "a2@example.invalid",
      first_name: "A",
      last_name: "2",
      password: "Fake-password-3-not-real",
    });
    await api("POST", `/roles/enterprise_admin/users/${u.body.id}`);
    await api("PATCH", `/users/${SEED_ADMIN_ID}`, { enabled: "no" });
    await api("DELETE", `/users/${u.body.id}`);
    expect(local.timeline.map((e) => [e.kind, e.enabledInteractiveEnterpriseAdmins])).toEqual([
      ["user.created", 1],
      ["role.assigned", 2],
      ["user.updated", 1],
      ["user.deleted", 0],
    ]);
    expect(local.enabledInteractiveEnterpriseAdmins(0)).toBe(1);
    expect(local.enabledInteractiveEnterpriseAdmins(2)).toBe(2);
    expect(local.enabledInteractiveEnterpriseAdmins()).toBe(0);
    expect(local.minEnabledInteractiveEnterpriseAdmins()).toBe(0);
  });
});
