import fc from "fast-check";
import {
  type AdminCandidate,
  type AdminReader,
  assertNotLastAdmin,
  findEnterpriseAdminRole,
  guardedAdminWrite,
  guardLastAdmin,
  LastAdminError,
  withAdminLock,
} from "../../../infra/action1/adminGuard";
import { adminReader, clientFor, resetRuntime } from "../../../infra/dynamic/action1Runtime";
import {
  defaultSeed,
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
  SEED_ADMIN_EMAIL,
  SEED_ADMIN_ID,
} from "../../../standins/action1/seed";
import { startLocalAction1 } from "../../../standins/action1/server";

const admin = (id: string, over: Partial<AdminCandidate> = {}): AdminCandidate => ({
  id,
  email: `${id}@example.invalid`,
  enabled: true,
  userType: "Interactive",
  identityProvider: "Action1",
  ...over,
});

describe("findEnterpriseAdminRole", () => {
  it("takes the id enterprise_admin first, then the name, else nothing", () => {
    const byId = { id: "enterprise_admin", name: "Renamed" };
    const byName = { id: "9a0e", name: "enterprise ADMIN" };
    expect(findEnterpriseAdminRole([byName, byId])).toBe(byId);
    expect(findEnterpriseAdminRole([{ id: "viewer", name: "Viewer" }, byName])).toBe(byName);
    expect(findEnterpriseAdminRole([{ id: "viewer", name: "Viewer" }])).toBeUndefined();
  });
});

describe("assertNotLastAdmin", () => {
  it("names the last admin and how to proceed; API users and disabled users do not count", () => {
    const members = [
      admin("ann"),
      admin("api", { userType: "API" }),
      admin("old", { enabled: false }),
    ];
    expect(() =>
      assertNotLastAdmin(members, {
        userId: "ann",
        email: "ann@example.invalid",
        action: "delete",
      }),
    ).toThrow(
      new LastAdminError(
        { userId: "ann", email: "ann@example.invalid", action: "delete" },
        "ann@example.invalid",
      ),
    );
    const err = (() => {
      try {
        assertNotLastAdmin(
          [admin("ann"), admin("bob")],
          { userId: "ann", email: "ann@example.invalid", action: "revoke" },
          new Set(["bob"]),
        );
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err?.message).toBe(
      "refused: removing the Enterprise Admin role from ann@example.invalid (together with " +
        "bob@example.invalid) would leave the enterprise with no enabled interactive Enterprise " +
        "Admin; ann@example.invalid would be the last one. To proceed, first make another " +
        "interactive user an enabled Enterprise Admin (keep a break-glass password admin), then " +
        "retry.",
    );
  });

  it("throws exactly when no other counting admin remains (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ enabled: fc.boolean(), api: fc.boolean(), leaving: fc.boolean() }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.nat(7),
        (specs, pick) => {
          const members = specs.map((s, i) =>
            admin(`u${i}`, { enabled: s.enabled, userType: s.api ? "API" : "Interactive" }),
          );
          const target = members[pick % members.length] as AdminCandidate;
          const leaving = new Set(members.filter((_, i) => specs[i]?.leaving).map((m) => m.id));
          const targetCounts = target.enabled && target.userType === "Interactive";
          const othersRemain = members.some(
            (m) =>
              m.id !== target.id && m.enabled && m.userType === "Interactive" && !leaving.has(m.id),
          );
          const call = () =>
            assertNotLastAdmin(
              members,
              { userId: target.id, email: target.email, action: "disable" },
              leaving,
            );
          if (targetCounts && !othersRemain) expect(call).toThrow(LastAdminError);
          else expect(call).not.toThrow();
        },
      ),
    );
  });
});

describe("guardLastAdmin", () => {
  it("reads the role and its members, and refuses when Action1 has no Enterprise Admin role", async () => {
    const calls: string[] = [];
    const reader: AdminReader = {
      listRoles: async () => {
        calls.push("roles");
        return [{ id: "viewer", name: "Viewer" }];
      },
      listRoleMembers: async (id: string) => {
        calls.push(`members ${id}`);
        return [];
      },
    };
    await expect(
      guardLastAdmin(reader, { userId: "a", email: "a@example.invalid", action: "delete" }),
    ).rejects.toThrow(
      "cannot check the last-admin invariant: Action1 lists no Enterprise Admin role (neither id " +
        '"enterprise_admin" nor name "Enterprise Admin"); nothing was changed',
    );
    reader.listRoles = async () => {
      calls.push("roles");
      return [{ id: "enterprise_admin", name: "Enterprise Admin" }];
    };
    reader.listRoleMembers = async (id: string) => {
      calls.push(`members ${id}`);
      return [admin("a"), admin("b")];
    };
    await guardLastAdmin(reader, { userId: "a", email: "a@example.invalid", action: "delete" });
    expect(calls).toEqual(["roles", "roles", "members enterprise_admin"]);
  });
});

describe("withAdminLock", () => {
  it("runs callers with the same key one at a time, in order, past failures", async () => {
    const log: string[] = [];
    const step =
      (name: string, fail = false) =>
      async () => {
        log.push(`${name} start`);
        await new Promise((r) => setTimeout(r, 5));
        log.push(`${name} end`);
        if (fail) throw new Error(`${name} failed`);
        return name;
      };
    const res = await Promise.allSettled([
      withAdminLock("k", step("a", true)),
      withAdminLock("k", step("b")),
      withAdminLock("other", step("c")),
    ]);
    expect(res.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(log.filter((l) => !l.startsWith("c"))).toEqual(["a start", "a end", "b start", "b end"]);
    // Another key does not wait: c starts before a ends.
    expect(log.indexOf("c start")).toBeLessThan(log.indexOf("a end"));
  });
});

describe("guardedAdminWrite against the local Action1", () => {
  const BOB = { id: "00000000-0000-4000-8000-00000000bb02", email: "bob@example.invalid" };

  it("undoes a write that left zero admins (a console change raced it) and says so", async () => {
    const seed = defaultSeed();
    seed.users.push({
      id: BOB.id,
      email: BOB.email,
      user_type: "Interactive",
      enabled: "yes",
      identity_provider: "Okta",
      roles: ["enterprise_admin"],
    });
    const a1 = await startLocalAction1({ seed });
    resetRuntime();
    process.env.ACTION1_CLIENT_ID = FAKE_CLIENT_ID;
    process.env.ACTION1_CLIENT_SECRET = FAKE_CLIENT_SECRET;
    try {
      const client = clientFor(a1.apiBaseUrl);
      const restore = jest.fn(() => client.updateUser(BOB.id, { enabled: "yes" }));
      await expect(
        guardedAdminWrite({
          key: a1.apiBaseUrl,
          reader: adminReader(client),
          removal: { userId: BOB.id, email: BOB.email, action: "disable" },
          write: async () => {
            // The guard saw two admins; the console disables the other one meanwhile.
            a1.state.updateUser(SEED_ADMIN_ID, { enabled: "no" }, "console");
            return client.updateUser(BOB.id, { enabled: "no" });
          },
          restore,
        }),
      ).rejects.toThrow(
        `refused: disabling ${BOB.email} left the enterprise with no enabled interactive ` +
          "Enterprise Admin (another change, e.g. in the Action1 console, removed an admin at " +
          `the same time); it was undone (${BOB.email} is an enabled Enterprise Admin again). ` +
          "Make sure another interactive user is an enabled Enterprise Admin, then retry.",
      );
      expect(restore).toHaveBeenCalledTimes(1);
      expect(a1.state.users.get(BOB.id)?.enabled).toBe("yes");
      expect(a1.enabledInteractiveEnterpriseAdmins()).toBe(1);
      expect(a1.state.users.get(SEED_ADMIN_ID)?.email).toBe(SEED_ADMIN_EMAIL);
    } finally {
      await a1.close();
      delete process.env.ACTION1_CLIENT_ID;
      delete process.env.ACTION1_CLIENT_SECRET;
    }
  });

  it("serializes writes to one enterprise however its base URL is spelled", async () => {
    let members = [admin("a"), admin("b")];
    const reader: AdminReader = {
      listRoles: async () => [{ id: "enterprise_admin", name: "Enterprise Admin" }],
      listRoleMembers: async () => {
        const now = members;
        await new Promise((r) => setTimeout(r, 5));
        return now;
      },
    };
    const disable = (id: string, key: string) =>
      guardedAdminWrite({
        key,
        reader,
        removal: { userId: id, email: `${id}@example.invalid`, action: "disable" },
        write: async () => {
          members = members.map((m) => (m.id === id ? { ...m, enabled: false } : m));
        },
        restore: async () => {},
      });
    const res = await Promise.allSettled([
      disable("a", "https://app.eu.action1.com/api/3.0"),
      disable("b", " HTTPS://APP.EU.ACTION1.COM/api/3.0/ "),
    ]);
    expect(res.map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
    expect((res[1] as PromiseRejectedResult).reason).toBeInstanceOf(LastAdminError);
    expect(members.filter((m) => m.enabled).map((m) => m.id)).toEqual(["b"]);
  });

  it("does not re-count or restore when the user removed was not an admin", async () => {
    let counted = 0;
    const reader: AdminReader = {
      listRoles: async () => [{ id: "enterprise_admin", name: "Enterprise Admin" }],
      listRoleMembers: async () => {
        counted++;
        return [];
      },
    };
    const restore = jest.fn(async () => {});
    const out = await guardedAdminWrite({
      key: "k2",
      reader,
      removal: { userId: "x", email: "x@example.invalid", action: "disable" },
      write: async () => "written",
      restore,
    });
    expect(out).toBe("written");
    expect(counted).toBe(1);
    expect(restore).not.toHaveBeenCalled();
  });
});
