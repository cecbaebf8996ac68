import { checkAppAccess, checkGroupAccess } from "../../../infra/oktaApi/access";
import { OktaClient } from "../../../infra/oktaApi/client";
import { OktaClientError } from "../../../infra/oktaApi/errors";
import { defaultOktaSeed, FAKE_OKTA_API_TOKEN, type OktaSeed } from "../../../standins/okta/seed";
import { type LocalOkta, startLocalOkta } from "../../../standins/okta/server";

const APP = "0oafakeaction1app0001";

/** The default org (for its API token) plus this test's own people, groups and app. */
function seed(extraUsers = 0): OktaSeed {
  const s = defaultOktaSeed();
  const bulk = Array.from({ length: extraUsers }, (_, i) => `bulk${i}@example.invalid`);
  s.users.push(
    { login: "bob.builder@example.invalid", firstName: "Bob", lastName: "Builder" },
    { login: "ada.admin@example.invalid", firstName: "Ada", lastName: "Admin" },
    { login: "carol.ops@example.invalid", firstName: "Carol", lastName: "Ops" },
    { login: "dave.eu@example.invalid", firstName: "Dave", lastName: "Europe" },
    {
      login: "sam.suspended@example.invalid",
      firstName: "Sam",
      lastName: "Suspended",
      status: "SUSPENDED",
    },
    ...bulk.map((login, i) => ({ login, firstName: "Bulk", lastName: `${i}` })),
  );
  s.groups.push(
    {
      name: "Test Action1 Admins",
      members: ["ada.admin@example.invalid", "carol.ops@example.invalid"],
    },
    { name: "Test Action1 Users NA", members: ["bob.builder@example.invalid"] },
  );
  s.apps.push({
    id: APP,
    label: "Action1",
    users: ["bob.builder@example.invalid", ...bulk],
    groups: ["Test Action1 Admins"],
  });
  return s;
}

describe("OktaClient against the local Okta", () => {
  let okta: LocalOkta;
  let client: OktaClient;
  beforeEach(async () => {
    okta = await startLocalOkta({ seed: seed() });
    client = new OktaClient({
      orgUrl: okta.origin,
      apiToken: FAKE_OKTA_API_TOKEN,
      initialDelayMs: 10,
    });
  });
  afterEach(() => okta.close());

  const sent = () => okta.requests.map((r) => `${r.method} ${r.path} ${r.status}`);

  it("finds a user by email case-insensitively with one GET by login", async () => {
    const user = await client.findUserByEmail("Bob.Builder@EXAMPLE.invalid");
    expect(user?.profile.login).toBe("bob.builder@example.invalid");
    expect(sent()).toEqual(["GET /api/v1/users/bob.builder%40example.invalid 200"]);
    expect(okta.requests[0]?.query).toEqual({});
  });

  it("falls back to a search by primary email when the login differs", async () => {
    expect(await client.findUserByEmail("nobody@example.invalid")).toBeUndefined();
    expect(sent()).toEqual([
      "GET /api/v1/users/nobody%40example.invalid 404",
      "GET /api/v1/users 200",
    ]);
    expect(okta.requests[1]?.query).toEqual({
      search: 'profile.email eq "nobody@example.invalid"',
      limit: "200",
    });
  });

  it("checks app access: direct, through a group, suspended, unassigned, unknown", async () => {
    const results = await Promise.all(
      [
        "bob.builder@example.invalid",
        "ada.admin@example.invalid",
        "sam.suspended@example.invalid",
        "dave.eu@example.invalid",
        "ghost@example.invalid",
      ].map((e) => checkAppAccess(client, APP, e)),
    );
    expect(results.map((r) => (r.ok ? "ok" : r.reason))).toEqual([
      "ok",
      "ok",
      "sam.suspended@example.invalid is SUSPENDED in Okta (must be ACTIVE to sign in); " +
        "activate it first",
      `dave.eu@example.invalid is not assigned to the Okta app ${APP}; assign the user, or add ` +
        "it to a group assigned to the app",
      "ghost@example.invalid does not exist in Okta; create it there first",
    ]);
  });

  it("checks group-based access for the users a stack invites", async () => {
    const problems = await checkGroupAccess(client, APP, [
      "ada.admin@example.invalid",
      "bob.builder@example.invalid",
    ]);
    // Bob is assigned directly, not through a group: the stack's groups would not cover him.
    expect(problems.map((p) => [p.email, p.canSignIn])).toEqual([
      ["bob.builder@example.invalid", true],
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      "bob.builder@example.invalid: is assigned to the Action1 app directly, not through a " +
        "group (its groups: Test Action1 Users NA); it can sign in, but the stack does not " +
        "manage that: add it to one of the stack's `groups`",
    ]);
  });

  it("waits for X-Rate-Limit-Reset on a 429 and then succeeds", async () => {
    okta.faults.inject({ status: 429, path: "/api/v1/apps", resetAfterSeconds: 1 });
    const waits: string[] = [];
    const c = new OktaClient({
      orgUrl: okta.origin,
      apiToken: FAKE_OKTA_API_TOKEN,
      initialDelayMs: 1,
      onRetry: (line) => waits.push(line),
    });
    const groups = await c.listAppGroups(APP);
    expect(groups).toHaveLength(1);
    expect(sent()).toEqual([
      `GET /api/v1/apps/${APP}/groups 429`,
      `GET /api/v1/apps/${APP}/groups 200`,
    ]);
    // The wait came from the header (about a second), not from the 1 ms backoff.
    const delay = Number(/in (\d+) ms/.exec(waits[0] ?? "")?.[1]);
    expect(delay).toBeGreaterThan(250);
    expect(delay).toBeLessThanOrEqual(2250);
  });

  it("gives up at once when the reset is further away than it may wait", async () => {
    okta.faults.inject({ status: 429, resetAfterSeconds: 120 });
    const c = new OktaClient({
      orgUrl: okta.origin,
      apiToken: FAKE_OKTA_API_TOKEN,
      maxRetryWaitMs: 5_000,
    });
    await expect(c.getUser("bob.builder@example.invalid")).rejects.toThrow(
      "Okta API GET /api/v1/users/bob.builder%40example.invalid failed (HTTP 429): rate limited by Okta",
    );
    expect(okta.requests).toHaveLength(1);
  });

  it("retries a GET on 500 but never a POST", async () => {
    okta.faults.inject({ status: 500, times: 2, method: "GET" });
    expect((await client.getAppUser(APP, "bob.builder@example.invalid"))?.scope).toBeUndefined();
    okta.faults.inject({ status: 500, method: "POST" });
    const bob = await client.getUser("bob.builder@example.invalid");
    await expect(client.assignUserToApp(APP, bob?.id ?? "")).rejects.toThrow(
      `Okta API POST /api/v1/apps/${APP}/users failed (HTTP 500): E0000009 Internal Server Error`,
    );
    expect(sent().filter((l) => l.startsWith("POST"))).toEqual([
      `POST /api/v1/apps/${APP}/users 500`,
    ]);
    expect(
      sent()
        .filter((l) => l.startsWith("GET"))
        .map((l) => l.split(" ")[2]),
    ).toEqual(["500", "500", "404", "200"]);
  });

  it("never puts the API token into an error", async () => {
    const secret = "fake-wrong-okta-token-not-a-real-secret";
    const c = new OktaClient({ orgUrl: okta.origin, apiToken: secret });
    const err = await c.getUser("bob.builder@example.invalid").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OktaClientError);
    expect((err as Error).message).toBe(
      "Okta API GET /api/v1/users/bob.builder%40example.invalid failed (HTTP 401): E0000011 " +
        "Invalid token provided",
    );
    expect(JSON.stringify(err)).not.toContain(secret);
    expect(okta.requests[0]?.path).toBe("/api/v1/users/bob.builder%40example.invalid");
  });
});

describe("OktaClient paging", () => {
  it("follows Link rel=next until every app user is read", async () => {
    const okta = await startLocalOkta({ seed: seed(450) });
    try {
      const client = new OktaClient({ orgUrl: okta.origin, apiToken: FAKE_OKTA_API_TOKEN });
      const users = await client.listAppUsers(APP);
      // 451 direct (Bob + 450) and 2 through "Action1 Admins" (Ada, Carol).
      expect(users).toHaveLength(453);
      expect(new Set(users.map((u) => u.id)).size).toBe(453);
      expect(okta.requests.map((r) => r.query.after === undefined)).toEqual([true, false, false]);
    } finally {
      await okta.close();
    }
  });
});
