import fc from "fast-check";
import { Action1Client } from "../../../infra/action1/client";
import { Action1ApiError, isNotFound } from "../../../infra/action1/errors";
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET } from "../../../standins/action1/seed";
import { type Harness, issuedTokens, startHarness } from "../../helpers/action1Local";

let h: Harness;
const errors: unknown[] = [];

beforeEach(async () => {
  h = await startHarness();
  errors.length = 0;
});

afterEach(async () => {
  try {
    // Every exchange of every test follows Action1's OpenAPI document (with listed exceptions).
    expect(h.contractProblems()).toEqual([]);
    // No secret, token or request body in any error message or log line.
    const secrets = [
      FAKE_CLIENT_ID,
      FAKE_CLIENT_SECRET,
      ...issuedTokens(h.local),
      "Fake-password-9-not-real",
    ];
    const texts = [...h.logs, ...errors.map((e) => (e instanceof Error ? e.message : String(e)))];
    for (const s of secrets) {
      for (const t of texts) expect(t).not.toContain(s);
    }
  } finally {
    await h.close();
  }
});

async function caught(p: Promise<unknown>): Promise<Action1ApiError> {
  try {
    await p;
  } catch (e) {
    errors.push(e);
    if (e instanceof Action1ApiError) return e;
    throw e;
  }
  throw new Error("expected a failure");
}

const calls = (method: string, path: string | RegExp) =>
  h.local.requests.filter(
    (r) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)),
  );
const trace = () => h.local.requests.map((r) => `${r.method} ${r.path} ${r.status}`);

describe("authentication", () => {
  test("asks for a token with a JSON body once and reuses it", async () => {
    await h.client.me();
    await h.client.enterprise();
    await h.client.listRoles();
    const tokenCalls = calls("POST", "/oauth2/token");
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]?.contentType).toBe("application/json");
    expect(tokenCalls[0]?.body).toEqual({
      client_id: FAKE_CLIENT_ID,
      client_secret: FAKE_CLIENT_SECRET,
    });
    const authHeaders = h.local.requests.filter((r) => r.path !== "/oauth2/token");
    expect(authHeaders.every((r) => r.status === 200)).toBe(true);
  });

  test("renews the token before it expires (no 401 seen)", async () => {
    await h.close();
    h = await startHarness({ tokenTtlSeconds: 1 });
    await h.client.me();
    await new Promise((r) => setTimeout(r, 600)); // past half the lifetime
    await h.client.me();
    expect(calls("POST", "/oauth2/token")).toHaveLength(2);
    expect(h.local.requests.some((r) => r.status === 401)).toBe(false);
  });

  test("on a 401 re-authenticates once and repeats the call", async () => {
    await h.client.me();
    h.local.faults.add({ path: "/enterprise", action: { kind: "expireToken" } });
    const ent = await h.client.enterprise();
    expect(ent.name).toBe("Example Enterprise");
    expect(trace()).toEqual([
      "POST /oauth2/token 200",
      "GET /me 200",
      "GET /enterprise 401",
      "POST /oauth2/token 200",
      "GET /enterprise 200",
    ]);
  });

  test("a second 401 in a row is an error, not a loop", async () => {
    h.local.faults.add({ path: "/me", times: 5, action: { kind: "expireToken" } });
    const e = await caught(h.client.me());
    expect(e.status).toBe(401);
    expect(e.message).toBe(
      "Action1 API GET /me failed (HTTP 401) after 2 attempts: Please authenticate before using " +
        "API / Redirect the user to https://<app_domain>/login.",
    );
    expect(calls("GET", "/me")).toHaveLength(2);
  });

  test("a failing token endpoint is retried by its own policy only", async () => {
    const client = h.makeClient({ maxRetries: 2 });
    h.local.faults.add({
      path: "/oauth2/token",
      times: 20,
      action: { kind: "status", status: 503 },
    });
    const e = await caught(client.me());
    expect(e.message).toBe(
      "Action1 API POST /oauth2/token failed (HTTP 503) after 3 attempts: Internal Server Error.",
    );
    expect(calls("POST", "/oauth2/token")).toHaveLength(3);
    expect(calls("GET", "/me")).toHaveLength(0);
  });

  test("wrong credentials: an auth error that says what to check, without the secret", async () => {
    const client = h.makeClient({ clientSecret: "fake-wrong-secret-not-real" });
    const e = await caught(client.me());
    expect(e.kind).toBe("auth");
    expect(e.message).toBe(
      "Action1 API POST /oauth2/token failed (HTTP 401): the API credentials were refused. " +
        "Check action1-okta-sso:action1ClientId / action1ClientSecret (or ACTION1_CLIENT_ID / " +
        "ACTION1_CLIENT_SECRET) and that the API base URL is the region where the credential " +
        "was created.",
    );
    expect(e.message).not.toContain("fake-wrong-secret-not-real");
    expect(calls("POST", "/oauth2/token")).toHaveLength(1);
  });
});

describe("rate limits (429)", () => {
  test("waits details.retry_after seconds", async () => {
    await h.client.me();
    h.local.faults.rateLimit("/users", 0.3);
    const t0 = Date.now();
    await h.client.listUsers();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(h.logs).toContain("warn Action1 GET /users: HTTP 429; retry 1 in 300 ms");
  });

  test("honours a Retry-After header when the body has no details", async () => {
    await h.client.me();
    h.local.faults.add({
      path: "/users",
      action: { kind: "status", status: 429, retryAfterSeconds: 0.2, retryAfterHeaderOnly: true },
    });
    await h.client.listUsers();
    expect(h.logs).toContain("warn Action1 GET /users: HTTP 429; retry 1 in 200 ms");
  });

  test("without a hint backs off exponentially with jitter, capped", async () => {
    const client = h.makeClient({ initialDelayMs: 10, maxDelayMs: 40, maxRetries: 6 });
    h.local.faults.rateLimit("/enterprise", undefined, 6);
    await client.enterprise();
    const delays = h.logs
      .map((l) => /retry \d+ in (\d+) ms/.exec(l)?.[1])
      .filter((d): d is string => !!d)
      .map(Number);
    expect(delays).toHaveLength(6);
    expect(Math.max(...delays)).toBeLessThanOrEqual(40);
    expect(delays.every((d) => d >= 0)).toBe(true);
  });

  test("a POST is repeated after a 429 (Action1 did not process it)", async () => {
    h.local.faults.rateLimit("/users", 0.01);
    const u = await h.client.createUser({
      email: "rate@example.invalid",
      first_name: "R",
      last_name: "L",
      password: "Fake-password-9-not-real",
    });
    expect(u.email).toBe("rate@example.invalid");
    expect(calls("POST", "/users").map((r) => r.status)).toEqual([429, 200]);
  });

  test("gives up after maxRetries with a rate-limited error", async () => {
    const client = h.makeClient({ maxRetries: 2 });
    h.local.faults.rateLimit("/me", 0.01, 10);
    const e = await caught(client.me());
    expect(e.kind).toBe("rate-limited");
    expect(e.attempts).toBe(3);
    expect(calls("GET", "/me")).toHaveLength(3);
  });

  test("does not wait longer than maxRetryAfterMs: fails at once and says why", async () => {
    const client = h.makeClient({ maxRetryAfterMs: 1000 });
    h.local.faults.rateLimit("/me", 600);
    const e = await caught(client.me());
    expect(e.message).toBe(
      "Action1 API GET /me failed (HTTP 429): rate limited by Action1. Action1 asked to wait " +
        "600 s, longer than the 1 s this client waits; try again later.",
    );
    expect(calls("GET", "/me")).toHaveLength(1);
  });
});

describe("network errors, 5xx and timeouts", () => {
  test.each([
    ["GET", "/enterprise", () => h.client.enterprise()],
    ["PATCH", /^\/settings\/all\//, () => h.client.patchSetting(settingId, { value: "Google" })],
    ["DELETE", /^\/settings\/all\//, () => h.client.deleteSetting(settingId)],
  ] as const)("%s is retried after a 500 and after a dropped connection", async (m, path, run) => {
    settingId = (await idpSetting()).id;
    h.local.faults.add({ method: m, path, action: { kind: "status", status: 500 } });
    h.local.faults.add({ method: m, path, action: { kind: "drop" } });
    await run();
    expect(calls(m, path).map((r) => r.status)).toEqual([500, 0, 200]);
  });

  test("a timeout on a GET is retried", async () => {
    const client = h.makeClient({ timeoutMs: 100 });
    await client.me();
    h.local.faults.add({ path: "/enterprise", action: { kind: "latency", ms: 300 } });
    await client.enterprise();
    expect(calls("GET", "/enterprise")).toHaveLength(2);
    expect(
      h.logs.some((l) => /^debug Action1 GET \/enterprise -> timeout after 1\d\d ms$/.test(l)),
    ).toBe(true);
  });

  test("gives up on a GET after maxRetries and names the failure", async () => {
    const client = h.makeClient({ maxRetries: 1 });
    h.local.faults.add({ path: "/me", times: 5, action: { kind: "status", status: 503 } });
    const e = await caught(client.me());
    expect(e.message).toBe(
      "Action1 API GET /me failed (HTTP 503) after 2 attempts: Internal Server Error.",
    );
  });

  test("a 400 is never retried", async () => {
    const e = await caught(h.client.createUser({ email: "initial-admin@example.invalid" }));
    expect(e.status).toBe(400);
    expect(calls("POST", "/users")).toHaveLength(1);
  });

  test("a failed POST is looked up, not blindly repeated: it took effect", async () => {
    h.local.faults.add({ method: "POST", path: "/users", action: { kind: "dropAfterApply" } });
    const u = await h.client.createUser({
      email: "once@example.invalid",
      first_name: "O",
      last_name: "N",
      password: "Fake-password-9-not-real",
    });
    expect(u.email).toBe("once@example.invalid");
    expect(calls("POST", "/users")).toHaveLength(1);
    const same = [...h.local.state.users.values()].filter((x) => x.email === u.email);
    expect(same).toHaveLength(1);
    expect(h.logs).toContain(
      "warn Action1 create user once@example.invalid: network; looking it up before retrying",
    );
  });

  test("a failed POST is looked up, then sent again when it did not take effect", async () => {
    h.local.faults.add({
      method: "POST",
      path: "/settings/all",
      action: { kind: "status", status: 500 },
    });
    const s = await h.client.createSetting({
      template_id: "identity_provider",
      value: "Google",
      scope: [{ type: "Enterprise", object: "All" }],
    });
    expect(s.value).toBe("Google");
    expect(trace().slice(1)).toEqual([
      "POST /settings/all 500",
      "GET /settings/all 200",
      "POST /settings/all 200",
    ]);
  });

  test("a dropped role assignment is checked before assigning again", async () => {
    const client = h.client;
    const admin = (await client.listUsers({ userType: "Interactive" }))[0];
    if (!admin) throw new Error("seed has an admin");
    h.local.faults.add({
      method: "POST",
      path: /^\/roles\/manager\/users\//,
      action: { kind: "dropAfterApply" },
    });
    await client.assignRole("manager", admin.id);
    expect(calls("POST", /^\/roles\/manager\/users\//)).toHaveLength(1);
    expect(calls("GET", `/users/${admin.id}/roles`)).toHaveLength(1);
  });

  test("connection refused: retried even for a POST (nothing was sent)", async () => {
    const port = Number(new URL(h.local.origin).port);
    await h.close();
    const client = new Action1Client({
      apiBaseUrl: `http://127.0.0.1:${port}/api/3.0`,
      clientId: FAKE_CLIENT_ID,
      clientSecret: FAKE_CLIENT_SECRET,
      initialDelayMs: 1,
      maxDelayMs: 2,
      maxRetries: 2,
      logger: { debug: (m) => h.logs.push(m), warn: (m) => h.logs.push(m) },
    });
    const e = await caught(client.me());
    expect(e.kind).toBe("network");
    expect(e.message).toBe(
      "Action1 API POST /oauth2/token failed after 3 attempts: network error: ECONNREFUSED.",
    );
    h = await startHarness(); // afterEach closes and checks this one
  });
});

let settingId = "";
async function idpSetting() {
  return h.client.createSetting({
    template_id: "identity_provider",
    value: "Google",
    scope: [{ type: "Enterprise", object: "All" }],
  });
}

describe("paging", () => {
  async function addUsers(n: number, disabled = 0) {
    for (let i = 0; i < n + disabled; i++) {
      h.local.state.createUser(
        {
          email: `user${i}@example.invalid`,
          user_type: "Interactive",
          enabled: i < n ? "yes" : "no",
          identity_provider: "Okta",
        },
        "console",
      );
    }
  }

  test("uses from/limit offsets and ignores next_page", async () => {
    await addUsers(5);
    h.local.faults.quirks = { totalItems: "string", nextPage: "repeat", maxLimit: 0 };
    const client = h.makeClient({ pageSize: 2 });
    const users = await client.listUsers();
    expect(users).toHaveLength(7);
    expect(calls("GET", "/users").map((r) => r.query)).toEqual([
      { from: "0", limit: "2" },
      { from: "2", limit: "2" },
      { from: "4", limit: "2" },
      { from: "6", limit: "2" },
    ]);
  });

  test("without total_items it stops at the first empty page", async () => {
    await addUsers(3);
    h.local.faults.quirks = { totalItems: "omit", nextPage: "omit", maxLimit: 0 };
    const users = await h.makeClient({ pageSize: 2 }).listUsers();
    expect(users).toHaveLength(5);
    expect(calls("GET", "/users").map((r) => r.query.from)).toEqual(["0", "2", "4", "5"]);
  });

  test("a server that ignores `from` is caught as a paging loop", async () => {
    await addUsers(3);
    h.local.faults.quirks = {
      totalItems: "omit",
      nextPage: "normal",
      maxLimit: 0,
      ignoreFrom: true,
    };
    const e = await caught(h.makeClient({ pageSize: 2 }).listUsers());
    expect(e.message).toBe(
      "Action1 API GET /users failed: unexpected answer: the page at from=2 repeats an earlier " +
        "page (paging loop).",
    );
  });

  test("findUserByEmail matches exactly and case-insensitively, enabled users only", async () => {
    await addUsers(2, 1);
    expect((await h.client.findUserByEmail("USER1@example.invalid"))?.email).toBe(
      "user1@example.invalid",
    );
    expect(await h.client.findUserByEmail("user@example.invalid")).toBeUndefined();
    expect(await h.client.findUserByEmail("user2@example.invalid")).toBeUndefined(); // disabled
  });

  test("property: every enabled user exactly once, whatever the quirks and page size", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom("string", "number", "alternate", "omit"),
        fc.constantFrom("normal", "omit", "repeat"),
        fc.integer({ min: 0, max: 3 }),
        async (n, disabled, pageSize, totalItems, nextPage, maxLimit) => {
          await h.close();
          h = await startHarness();
          await addUsers(n, disabled);
          h.local.faults.quirks = {
            totalItems: totalItems as "string",
            nextPage: nextPage as "normal",
            maxLimit,
          };
          const users = await h.makeClient({ pageSize }).listUsers({ userType: "Interactive" });
          const ids = users.map((u) => u.id);
          expect(new Set(ids).size).toBe(ids.length);
          expect(users.map((u) => u.email).sort()).toEqual(
            [
              "initial-admin@example.invalid",
              ...Array.from({ length: n }, (_, i) => `user${i}@example.invalid`),
            ].sort(),
          );
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("errors", () => {
  test("one error type with method, path, status and Action1's messages", async () => {
    const e = await caught(h.client.getUser("no-such-user"));
    expect(e).toBeInstanceOf(Action1ApiError);
    expect(e.details()).toEqual({
      kind: "http",
      method: "GET",
      path: "/users/no-such-user",
      status: 404,
      userMessage: "The user was not found",
      developerMessage: "No such user",
      retryAfterMs: undefined,
      attempts: 1,
    });
    expect(isNotFound(e)).toBe(true);
  });

  test("server messages that echo a secret or the token are redacted", async () => {
    let token = "";
    const client = h.makeClient({
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        const auth = new Headers(init?.headers).get("authorization");
        if (!auth) return res;
        token = auth.replace("Bearer ", "");
        return new Response(
          JSON.stringify({
            id: "0",
            type: "Error",
            status: 400,
            user_message: `bad token ${token}`,
            developer_message: `secret ${FAKE_CLIENT_SECRET}; body had Fake-password-9-not-real`,
          }),
          { status: 400 },
        );
      },
    });
    const e = await caught(
      client.createUser({ email: "x@example.invalid", password: "Fake-password-9-not-real" }),
    );
    expect(e.message).toBe(
      "Action1 API POST /users failed (HTTP 400): bad token *** / secret ***; body had ***.",
    );
    expect(token).not.toBe("");
  });
});

describe("credentials stay out of errors", () => {
  test("a token error echoing the request shows neither client ID nor secret", async () => {
    const client = h.makeClient({
      fetch: async (_input, init) => {
        const body = String(init?.body ?? "");
        return new Response(
          JSON.stringify({
            type: "Error",
            status: 403,
            user_message: "Access denied",
            developer_message: `request ${body} not permitted for ${FAKE_CLIENT_ID}`,
          }),
          { status: 403 },
        );
      },
    });
    const e = await caught(client.listRoles());
    expect(e.message).toBe(
      "Action1 API POST /oauth2/token failed (HTTP 403): Access denied / request " +
        '{"client_id":"***","client_secret":"***"} not permitted for ***.',
    );
    expect(e.message).not.toContain(FAKE_CLIENT_ID);
    expect(e.message).not.toContain(FAKE_CLIENT_SECRET);
  });
});

describe("roles", () => {
  test("resolveRole by id, by name and by the built-in alias", async () => {
    expect((await h.client.resolveRole("enterprise_admin")).name).toBe("Enterprise Admin");
    expect((await h.client.resolveRole("enterprise admin")).id).toBe("enterprise_admin");
    const e = await caught(h.client.resolveRole("Auditor"));
    expect(e.message).toBe(
      'Action1 API GET /roles failed: no role has the id or name "Auditor". Roles in this ' +
        'enterprise: "Viewer" (viewer), "Manager" (manager), "Organization Admin" ' +
        '(organization_admin), "Enterprise Admin" (enterprise_admin).',
    );
  });

  test("assign, list both ways, unassign", async () => {
    const u = await h.client.createUser({
      email: "r@example.invalid",
      first_name: "R",
      last_name: "R",
      password: "Fake-password-9-not-real",
    });
    await h.client.assignRole("enterprise_admin", u.id);
    expect((await h.client.listUserRoles(u.id)).map((r) => r.id)).toEqual(["enterprise_admin"]);
    expect((await h.client.listRoleUsers("enterprise_admin")).map((x) => x.email)).toContain(
      "r@example.invalid",
    );
    await h.client.unassignRole("enterprise_admin", u.id);
    expect(await h.client.listUserRoles(u.id)).toEqual([]);
  });
});
