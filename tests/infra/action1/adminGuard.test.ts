import fc from "fast-check";
import {
  type AdminCandidate,
  type AdminReader,
  assertNotLastAdmin,
  findEnterpriseAdminRole,
  guardLastAdmin,
  LastAdminError,
} from "../../../infra/action1/adminGuard";

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
