import {
  type RoleAssignmentInputs,
  roleAssignmentProvider as roles,
} from "../../../infra/dynamic/roleAssignmentProvider";
import { SEED_ADMIN_EMAIL, SEED_ADMIN_ID } from "../../../standins/action1/seed";
import { HELPDESK, lastAdminMessage, providerTestKit } from "../../helpers/action1Providers";

const kit = providerTestKit();
const { useOkta, createUser, createGrant, inputs, writes } = kit;

describe("RoleAssignment provider against the local Action1", () => {
  const grant = (userId: string, role: string) => ({
    apiBaseUrl: kit.a1.apiBaseUrl,
    userId,
    email: "ANN@example.invalid",
    role,
  });

  it("resolves roles at run time: Enterprise Admin by id, custom roles by name", async () => {
    useOkta();
    const ann = await createUser(inputs());
    const ea = await createGrant(grant(ann.id, "Enterprise Admin"));
    const hd = await createGrant(grant(ann.id, "helpdesk"));
    expect([ea.id, ea.outs?.roleId, ea.outs?.roleName]).toEqual([
      `enterprise_admin/${ann.id}`,
      "enterprise_admin",
      "Enterprise Admin",
    ]);
    expect([hd.outs?.roleId, hd.outs?.roleName]).toEqual([HELPDESK.id, "Helpdesk"]);
    expect(writes().slice(1)).toEqual([
      `POST /roles/enterprise_admin/users/${ann.id}`,
      `POST /roles/${HELPDESK.id}/users/${ann.id}`,
    ]);
  });

  it("fails clearly on an unknown role and on a user/email mismatch", async () => {
    useOkta();
    const ann = await createUser(inputs());
    await expect(createGrant(grant(ann.id, "Auditor"))).rejects.toThrow(
      'no role has the id or name "Auditor"',
    );
    await expect(
      createGrant({ ...grant(ann.id, "viewer"), email: "bob@example.invalid" }),
    ).rejects.toThrow(
      `role Viewer: user ${ann.id} has email Ann@Example.invalid, not bob@example.invalid; the ` +
        "assignment's email must be the user's",
    );
    expect(writes()).toHaveLength(1);
  });

  it("treats another spelling of the same role as no replacement", async () => {
    const olds = {
      ...grant("u1", "Enterprise Admin"),
      roleId: "enterprise_admin",
      roleName: "Enterprise Admin",
    };
    expect(await roles.diff("x", olds, grant("u1", "enterprise_admin"))).toEqual({
      changes: true,
      replaces: [],
      stables: ["roleId", "roleName"],
    });
    expect(await roles.diff("x", olds, grant("u1", "Viewer"))).toMatchObject({
      replaces: ["role"],
    });
    expect(await roles.diff("x", olds, grant("u2", "Enterprise Admin"))).toMatchObject({
      replaces: ["userId"],
    });
  });

  it("reads an assignment removed in the console as gone", async () => {
    useOkta();
    const ann = await createUser(inputs());
    const hd = await createGrant(grant(ann.id, "Helpdesk"));
    expect((await roles.read(hd.id, hd.outs)).props).toEqual(hd.outs);
    kit.a1.state.unassignRole(HELPDESK.id, ann.id, "console");
    expect(await roles.read(hd.id, hd.outs)).toEqual({});
  });

  it("refuses to revoke Enterprise Admin from the last admin, allows it once another exists", async () => {
    const glass = {
      apiBaseUrl: kit.a1.apiBaseUrl,
      userId: SEED_ADMIN_ID,
      email: SEED_ADMIN_EMAIL,
      role: "enterprise_admin",
    };
    const held = await createGrant(glass);
    // Already held: adopting it sends nothing.
    expect(writes()).toEqual([]);
    await expect(roles.delete(held.id, held.outs)).rejects.toThrow(
      lastAdminMessage(
        `removing the Enterprise Admin role from ${SEED_ADMIN_EMAIL}`,
        SEED_ADMIN_EMAIL,
      ),
    );
    useOkta();
    const ann = await createUser(inputs());
    await createGrant(grant(ann.id, "Enterprise Admin"));
    await roles.delete(held.id, held.outs);
    expect(writes().slice(-1)).toEqual([`DELETE /roles/enterprise_admin/users/${SEED_ADMIN_ID}`]);
    expect(kit.a1.timeline.filter((t) => t.enabledInteractiveEnterpriseAdmins < 1)).toEqual([]);
  });
});

describe("RoleAssignment provider: serialized revokes, unknowns in preview", () => {
  const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  const BOB = { id: "00000000-0000-4000-8000-00000000bb02", email: "bob@example.invalid" };
  const ea = (userId: string, email: string) => ({
    apiBaseUrl: kit.a1.apiBaseUrl,
    userId,
    email,
    role: "Enterprise Admin",
    roleId: "enterprise_admin",
    roleName: "Enterprise Admin",
  });

  it("two parallel revokes of Enterprise Admin: one succeeds, one is refused", async () => {
    const admin = kit.a1.state.users.get(SEED_ADMIN_ID);
    if (!admin) throw new Error("the seed has no initial admin");
    kit.a1.state.users.set(BOB.id, { ...admin, id: BOB.id, email: BOB.email });
    kit.a1.state.members.get("enterprise_admin")?.add(BOB.id);
    expect(kit.a1.enabledInteractiveEnterpriseAdmins()).toBe(2);
    const res = await Promise.allSettled([
      roles.delete(`enterprise_admin/${SEED_ADMIN_ID}`, ea(SEED_ADMIN_ID, SEED_ADMIN_EMAIL)),
      roles.delete(`enterprise_admin/${BOB.id}`, ea(BOB.id, BOB.email)),
    ]);
    expect(res.map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
    expect(String((res[1] as PromiseRejectedResult).reason)).toBe(
      `LastAdminError: ${lastAdminMessage(
        `removing the Enterprise Admin role from ${BOB.email}`,
        BOB.email,
      )}`,
    );
    expect(kit.a1.minEnabledInteractiveEnterpriseAdmins()).toBe(1);
    expect(writes()).toEqual([`DELETE /roles/enterprise_admin/users/${SEED_ADMIN_ID}`]);
  });

  it("diff: an unknown userId in preview is not a change; a known new one replaces", async () => {
    const olds = ea("u1", "a@example.invalid");
    expect(await roles.diff("x", olds, { ...olds, userId: UNKNOWN })).toEqual({
      changes: false,
      replaces: [],
      stables: ["roleId", "roleName"],
    });
    expect(await roles.diff("x", olds, { ...olds, userId: "u2" })).toEqual({
      changes: true,
      replaces: ["userId"],
      stables: [],
    });
  });

  it("check accepts values unknown during preview, still requires the others", async () => {
    const res = await roles.check(
      {} as RoleAssignmentInputs,
      {
        apiBaseUrl: UNKNOWN,
        userId: UNKNOWN,
        email: "a@example.invalid",
      } as RoleAssignmentInputs,
    );
    expect(res.failures).toEqual([{ property: "role", reason: "role is required" }]);
  });
});
