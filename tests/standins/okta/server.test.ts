import fc from "fast-check";
import { defaultOktaSeed, type OktaSeed } from "../../../standins/okta/seed";
import { type LocalOkta, startLocalOkta } from "../../../standins/okta/server";
import { arr, call, obj, proxyCall } from "./helpers";

function seedWithApp(): OktaSeed {
  const seed = defaultOktaSeed();
  seed.apps.push({
    id: "0oa1existingapp000001",
    label: "Action1 (old)",
    users: ["bob.helpdesk@example.invalid"],
    groups: ["Action1 Admins"],
  });
  seed.apps.push({ id: "0oa1inactiveapp000001", label: "Old", status: "INACTIVE" });
  return seed;
}

describe("local Okta: users, groups, assignments", () => {
  let okta: LocalOkta;
  beforeEach(async () => {
    okta = await startLocalOkta({ seed: seedWithApp() });
  });
  afterEach(async () => {
    await okta.close();
  });

  const idOf = (login: string) => {
    const user = okta.state.findUser(login);
    if (!user) throw new Error(`no ${login}`);
    return user.id;
  };
  const groupId = (name: string) => {
    const group = okta.state.findGroupByName(name);
    if (!group) throw new Error(`no ${name}`);
    return group.id;
  };

  it("listens on 127.0.0.1 and refuses a missing or wrong SSWS token with E0000011", async () => {
    expect(okta.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const token of [null, "wrong-token"]) {
      const answer = await call(okta.origin, "GET", "/api/v1/users/me", undefined, token);
      expect(answer.status).toBe(401);
      expect(answer.headers["content-type"]).toBe("application/json");
      expect(answer.body).toEqual({
        errorCode: "E0000011",
        errorSummary: "Invalid token provided",
        errorLink: "E0000011",
        errorId: expect.stringMatching(/^oae/),
        errorCauses: [],
      });
    }
  });

  it("answers users/me with the token's owner in Okta's user shape", async () => {
    const answer = await call(okta.origin, "GET", "/api/v1/users/me");
    expect(answer.status).toBe(200);
    const me = obj(answer.body);
    expect(me).toEqual({
      id: idOf("okta.admin@example.invalid"),
      status: "ACTIVE",
      created: expect.any(String),
      activated: expect.any(String),
      statusChanged: expect.any(String),
      lastLogin: null,
      lastUpdated: expect.any(String),
      passwordChanged: expect.any(String),
      type: { id: expect.any(String) },
      profile: {
        login: "okta.admin@example.invalid",
        email: "okta.admin@example.invalid",
        firstName: "Okta",
        lastName: "Admin",
        mobilePhone: null,
        secondEmail: null,
      },
      credentials: { password: {}, provider: { type: "OKTA", name: "OKTA" } },
      _links: { self: { href: `${okta.origin}/api/v1/users/${me.id}` } },
    });
  });

  it("finds a user by id or by login (any case) and 404s an unknown one", async () => {
    const id = idOf("bob.helpdesk@example.invalid");
    const byLogin = await call(
      okta.origin,
      "GET",
      `/api/v1/users/${encodeURIComponent("Bob.Helpdesk@Example.invalid")}`,
    );
    expect(obj(byLogin.body).id).toBe(id);
    expect(obj((await call(okta.origin, "GET", `/api/v1/users/${id}`)).body).id).toBe(id);
    const missing = await call(okta.origin, "GET", "/api/v1/users/nobody@example.invalid");
    expect(missing.status).toBe(404);
    expect(obj(missing.body).errorCode).toBe("E0000007");
    expect(obj(missing.body).errorSummary).toBe(
      "Not found: Resource not found: nobody@example.invalid (User)",
    );
  });

  it("searches users by email and status, and hides DEPROVISIONED from a plain list", async () => {
    const search = encodeURIComponent('profile.email eq "carol.ops@example.invalid"');
    const one = arr((await call(okta.origin, "GET", `/api/v1/users?search=${search}`)).body);
    expect(one.map((u) => obj(u.profile).login)).toEqual(["carol.ops@example.invalid"]);

    const filter = encodeURIComponent('status eq "SUSPENDED"');
    const suspended = arr((await call(okta.origin, "GET", `/api/v1/users?filter=${filter}`)).body);
    expect(suspended.map((u) => obj(u.profile).login)).toEqual(["sam.suspended@example.invalid"]);

    const all = arr((await call(okta.origin, "GET", "/api/v1/users")).body);
    expect(all).toHaveLength(7);
    expect(all.some((u) => u.status === "DEPROVISIONED")).toBe(false);

    const gone = encodeURIComponent('status eq "DEPROVISIONED"');
    const found = arr((await call(okta.origin, "GET", `/api/v1/users?search=${gone}`)).body);
    expect(found.map((u) => obj(u.profile).login)).toEqual(["gone.user@example.invalid"]);
  });

  it("rejects a malformed search with E0000031", async () => {
    const bad = encodeURIComponent('profile.email equals "x"');
    const answer = await call(okta.origin, "GET", `/api/v1/users?search=${bad}`);
    expect(answer.status).toBe(400);
    expect(obj(answer.body).errorCode).toBe("E0000031");
    expect(obj(answer.body).errorSummary).toBe("Invalid search criteria.");
  });

  it("pages users with limit/after and a Link next header, visiting each user once", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), async (limit) => {
        const seen: string[] = [];
        let path: string | undefined = `/api/v1/users?limit=${limit}`;
        let pages = 0;
        while (path && pages < 20) {
          const answer = await call(okta.origin, "GET", path);
          const page = arr(answer.body);
          expect(page.length).toBeLessThanOrEqual(limit);
          seen.push(...page.map((u) => String(u.id)));
          const link = String(answer.headers.link ?? "");
          const next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
          path = next ? next.slice(okta.origin.length) : undefined;
          pages += 1;
        }
        const expected = [...okta.state.users.values()]
          .filter((u) => u.status !== "DEPROVISIONED")
          .map((u) => u.id);
        expect(seen).toEqual(expected);
      }),
      { numRuns: 8 },
    );
  });

  it("searches groups by name prefix (q=) and by type filter, in Okta's group shape", async () => {
    const groups = arr((await call(okta.origin, "GET", "/api/v1/groups?q=action1%20admins")).body);
    expect(groups.map((g) => obj(g.profile).name)).toEqual(["Action1 Admins", "Action1 Admins EU"]);
    const na = groups[0] ?? {};
    expect(na).toEqual({
      id: groupId("Action1 Admins"),
      created: expect.any(String),
      lastUpdated: expect.any(String),
      lastMembershipUpdated: expect.any(String),
      objectClass: ["okta:user_group"],
      type: "OKTA_GROUP",
      profile: { name: "Action1 Admins", description: "Action1 administrators" },
      _links: {
        logo: [expect.objectContaining({ href: expect.any(String) })],
        users: { href: `${okta.origin}/api/v1/groups/${na.id}/users` },
        apps: { href: `${okta.origin}/api/v1/groups/${na.id}/apps` },
      },
    });
    const filter = encodeURIComponent('type eq "BUILT_IN"');
    const builtIn = arr((await call(okta.origin, "GET", `/api/v1/groups?filter=${filter}`)).body);
    expect(builtIn.map((g) => obj(g.profile).name)).toEqual(["Everyone"]);
  });

  it("gets a group and its members, and 404s an unknown group", async () => {
    const id = groupId("Action1 Admins");
    expect(obj((await call(okta.origin, "GET", `/api/v1/groups/${id}`)).body).id).toBe(id);
    const members = arr((await call(okta.origin, "GET", `/api/v1/groups/${id}/users`)).body);
    expect(members.map((u) => obj(u.profile).login)).toEqual([
      "alice.admin@example.invalid",
      "carol.ops@example.invalid",
    ]);
    const missing = await call(okta.origin, "GET", "/api/v1/groups/00gnope/users");
    expect(missing.status).toBe(404);
    expect(obj(missing.body).errorSummary).toBe(
      "Not found: Resource not found: 00gnope (UserGroup)",
    );
  });

  it("reports app user assignments: direct as USER, through a group as GROUP", async () => {
    const app = "0oa1existingapp000001";
    const bob = idOf("bob.helpdesk@example.invalid");
    const alice = idOf("alice.admin@example.invalid");
    const direct = obj((await call(okta.origin, "GET", `/api/v1/apps/${app}/users/${bob}`)).body);
    expect(direct).toEqual({
      id: bob,
      created: expect.any(String),
      lastUpdated: expect.any(String),
      scope: "USER",
      status: "ACTIVE",
      statusChanged: expect.any(String),
      passwordChanged: null,
      syncState: "DISABLED",
      credentials: { userName: "bob.helpdesk@example.invalid" },
      profile: {},
      _links: {
        app: { href: `${okta.origin}/api/v1/apps/${app}` },
        user: { href: `${okta.origin}/api/v1/users/${bob}` },
      },
    });
    const viaGroup = obj(
      (await call(okta.origin, "GET", `/api/v1/apps/${app}/users/${alice}`)).body,
    );
    expect(viaGroup.scope).toBe("GROUP");
    const dieter = idOf("dieter.admin@example.invalid");
    const none = await call(okta.origin, "GET", `/api/v1/apps/${app}/users/${dieter}`);
    expect(none.status).toBe(404);
    expect(obj(none.body).errorSummary).toBe(`Not found: Resource not found: ${dieter} (AppUser)`);
    const list = arr((await call(okta.origin, "GET", `/api/v1/apps/${app}/users`)).body);
    expect(list.map((u) => [obj(u.credentials).userName, u.scope])).toEqual([
      ["bob.helpdesk@example.invalid", "USER"],
      ["alice.admin@example.invalid", "GROUP"],
      ["carol.ops@example.invalid", "GROUP"],
    ]);
  });

  it("assigns and unassigns a user directly", async () => {
    const app = "0oa1existingapp000001";
    const dieter = idOf("dieter.admin@example.invalid");
    const made = await call(okta.origin, "POST", `/api/v1/apps/${app}/users`, {
      id: dieter,
      scope: "USER",
      credentials: { userName: "dieter.admin@example.invalid" },
    });
    expect(made.status).toBe(200);
    expect(obj(made.body).scope).toBe("USER");
    expect((await call(okta.origin, "DELETE", `/api/v1/apps/${app}/users/${dieter}`)).status).toBe(
      204,
    );
    const after = await call(okta.origin, "GET", `/api/v1/apps/${app}/users/${dieter}`);
    expect(after.status).toBe(404);
  });

  it("puts, reads and deletes an app group assignment in Okta's shape", async () => {
    const app = "0oa1existingapp000001";
    const eu = groupId("Action1 Admins EU");
    const put = await call(okta.origin, "PUT", `/api/v1/apps/${app}/groups/${eu}`, {
      profile: {},
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      id: eu,
      lastUpdated: expect.any(String),
      priority: 1,
      profile: {},
      _links: {
        app: { href: `${okta.origin}/api/v1/apps/${app}` },
        group: { href: `${okta.origin}/api/v1/groups/${eu}` },
      },
    });
    expect((await call(okta.origin, "GET", `/api/v1/apps/${app}/groups/${eu}`)).body).toEqual(
      put.body,
    );
    const groups = arr((await call(okta.origin, "GET", `/api/v1/apps/${app}/groups`)).body);
    expect(groups.map((g) => g.id)).toEqual([groupId("Action1 Admins"), eu]);
    expect((await call(okta.origin, "DELETE", `/api/v1/apps/${app}/groups/${eu}`)).status).toBe(
      204,
    );
    const gone = await call(okta.origin, "GET", `/api/v1/apps/${app}/groups/${eu}`);
    expect(gone.status).toBe(404);
    expect(obj(gone.body).errorCode).toBe("E0000007");
  });

  it("refuses a group assignment to an app with implicit assignment, and to an INACTIVE app", async () => {
    const app = "0oa1existingapp000001";
    const record = okta.state.apps.get(app);
    if (!record) throw new Error("seed app missing");
    (record.app.settings as Record<string, unknown>).implicitAssignment = true;
    const eu = groupId("Action1 Admins EU");
    const refused = await call(okta.origin, "PUT", `/api/v1/apps/${app}/groups/${eu}`, {});
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      errorCode: "E0000001",
      errorSummary: "Api validation failed: groupAssignment",
      errorLink: "E0000001",
      errorId: expect.any(String),
      errorCauses: [
        {
          errorSummary:
            "Groups cannot be assigned to an app with implicit assignment (Federation Broker " +
            "Mode) enabled. Turn settings.implicitAssignment off to assign groups.",
        },
      ],
    });
    const inactive = await call(
      okta.origin,
      "PUT",
      `/api/v1/apps/0oa1inactiveapp000001/groups/${eu}`,
      {},
    );
    expect(inactive.status).toBe(404);
  });

  it("answers proxy-style requests (absolute URL in the request line) and records them", async () => {
    const answer = await proxyCall(okta.origin, "GET", "/api/v1/groups?q=Everyone");
    expect(answer.status).toBe(200);
    expect(arr(answer.body).map((g) => obj(g.profile).name)).toEqual(["Everyone"]);
    expect(okta.requests.at(-1)).toEqual({
      method: "GET",
      path: "/api/v1/groups",
      query: { q: "Everyone" },
      body: undefined,
      proxied: true,
      status: 200,
    });
  });

  it("injects a 429 with X-Rate-Limit-Reset, then a 500, then answers normally", async () => {
    okta.faults.inject({ status: 429, path: "/api/v1/users", resetAfterSeconds: 5 });
    okta.faults.inject({ status: 500, path: /^\/api\/v1\/users/ });
    const before = Math.floor(Date.now() / 1000);
    const limited = await call(okta.origin, "GET", "/api/v1/users/me");
    expect(limited.status).toBe(429);
    expect(obj(limited.body).errorCode).toBe("E0000047");
    expect(limited.headers["x-rate-limit-remaining"]).toBe("0");
    const reset = Number(limited.headers["x-rate-limit-reset"]);
    expect(reset).toBeGreaterThanOrEqual(before + 5);
    expect(reset).toBeLessThanOrEqual(before + 7);
    const failed = await call(okta.origin, "GET", "/api/v1/users/me");
    expect(failed.status).toBe(500);
    expect(obj(failed.body).errorCode).toBe("E0000009");
    expect((await call(okta.origin, "GET", "/api/v1/users/me")).status).toBe(200);
    expect(okta.requests.map((r) => r.status)).toEqual([429, 500, 200]);
  });

  it("delays every answer by latencyMs", async () => {
    okta.faults.latencyMs = 150;
    const started = Date.now();
    expect((await call(okta.origin, "GET", "/api/v1/users/me")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    okta.faults.clear();
    expect(okta.faults.latencyMs).toBe(0);
  });

  it("logs and 404s an unknown route, and 405s a known path with the wrong method", async () => {
    const spy = jest.spyOn(console, "error").mockImplementation(() => {});
    try {
      const unknown = await call(okta.origin, "GET", "/api/v1/nothing-here");
      expect(unknown.status).toBe(404);
      const wrong = await call(okta.origin, "PATCH", "/api/v1/groups");
      expect(wrong.status).toBe(405);
      expect(obj(wrong.body).errorCode).toBe("E0000022");
      expect(okta.unhandled).toEqual(["GET /api/v1/nothing-here", "PATCH /api/v1/groups"]);
      expect(spy).toHaveBeenCalledWith(expect.stringContaining("UNHANDLED ROUTE GET"));
    } finally {
      spy.mockRestore();
    }
  });
});
