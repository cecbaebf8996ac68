import fc from "fast-check";
import { buildPlan } from "../../../scripts/migration/planner";
import type { LiveUser } from "../../../scripts/migration/types";

const EA = { id: "enterprise_admin", name: "Enterprise Admin" };
const VIEWER = { id: "viewer", name: "Viewer" };
const HELPDESK = { id: "0b7c2f4e-1111-4c3a-9d7e-000000000001", name: "Helpdesk" };
const ROLES = [EA, VIEWER, HELPDESK];

const user = (email: string, over: Partial<LiveUser> = {}): LiveUser => ({
  id: `id-${email}`,
  email,
  userType: "Interactive",
  enabled: true,
  identityProvider: "Action1",
  roleIds: [],
  ...over,
});

describe("buildPlan", () => {
  const users = [
    user("glass@example.invalid", { roleIds: ["enterprise_admin"] }),
    user("Ann@Example.invalid", { roleIds: ["enterprise_admin", HELPDESK.id] }),
    user("bob@example.invalid", { roleIds: ["viewer"] }),
    user("sso@example.invalid", { identityProvider: "Okta", roleIds: ["enterprise_admin"] }),
    user("api-key@example.invalid", { userType: "API", roleIds: ["enterprise_admin"] }),
  ];

  it("plans every step and the roles to restore, matching emails case-insensitively", () => {
    const plan = buildPlan({
      users,
      roles: ROLES,
      selection: { kind: "emails", emails: ["ANN@example.invalid", "bob@example.invalid"] },
    });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.breakGlass).toEqual(["glass@example.invalid"]);
    expect(plan.users.map((u) => [u.email, u.isEnterpriseAdmin, u.snapshot.roles])).toEqual([
      ["ann@example.invalid", true, [EA, HELPDESK]],
      ["bob@example.invalid", false, [VIEWER]],
    ]);
    expect(plan.users[0]?.steps).toEqual([
      "record-roles",
      "revoke-roles",
      "retire-old",
      "invite",
      "restore-roles",
      "verify",
    ]);
  });

  it("refuses --all without an exception, naming the admins and how to proceed", () => {
    const plan = buildPlan({ users, roles: ROLES, selection: { kind: "all", except: [] } });
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.problems).toEqual([
      {
        code: "last-admin",
        message:
          "refused: no enabled interactive password Enterprise Admin would remain outside the " +
          "users being migrated (admins in the set: glass@example.invalid, ann@example.invalid); " +
          "keep a break-glass password admin out of the migration (e.g. --except <email>) or " +
          "make another password user an Enterprise Admin first",
      },
    ]);
  });

  it("--all skips SSO and API users and keeps the --except admin", () => {
    const plan = buildPlan({
      users,
      roles: ROLES,
      selection: { kind: "all", except: ["GLASS@example.invalid"] },
    });
    expect(plan.ok && plan.users.map((u) => u.email)).toEqual([
      "ann@example.invalid",
      "bob@example.invalid",
    ]);
  });

  it("lists every bad selection at once", () => {
    const plan = buildPlan({
      users,
      roles: ROLES,
      selection: {
        kind: "emails",
        emails: ["nobody@example.invalid", "api-key@example.invalid", "sso@example.invalid"],
      },
    });
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.problems.map((p) => p.message)).toEqual([
      "nobody@example.invalid: no enabled Action1 user has this email (check the spelling)",
      "api-key@example.invalid: is an API user (API credentials are never migrated)",
    ]);
    expect(plan.skipped).toEqual([
      { email: "sso@example.invalid", reason: "already signs in with Okta" },
    ]);
  });

  it("resolves Enterprise Admin by name when the id differs", () => {
    const guid = { id: "3f0e8a51-2222-4c3a-9d7e-000000000002", name: "Enterprise Admin" };
    const plan = buildPlan({
      users: [user("a@example.invalid", { roleIds: [guid.id] })],
      roles: [guid, VIEWER],
      selection: { kind: "emails", emails: ["a@example.invalid"] },
    });
    expect(!plan.ok && plan.problems.map((p) => p.code)).toEqual(["last-admin"]);
  });

  it("keeps in-progress users from the journal in the set and skips finished ones", () => {
    const inProgress = new Map([
      [
        "glass@example.invalid",
        { oldUserId: "id-glass", email: "glass@example.invalid", roles: [EA] },
      ],
    ]);
    const plan = buildPlan({
      users: users.filter((u) => u.email !== "glass@example.invalid"),
      roles: ROLES,
      selection: { kind: "emails", emails: ["bob@example.invalid"] },
      inProgress,
      finished: new Set(["bob@example.invalid"]),
    });
    // Ann (a password Enterprise Admin outside the set) is the break-glass now.
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.breakGlass).toEqual(["ann@example.invalid"]);
    expect(plan.users.map((u) => [u.email, u.resume])).toEqual([["glass@example.invalid", true]]);
    expect(plan.skipped).toEqual([
      { email: "bob@example.invalid", reason: "already migrated (journal)" },
    ]);
  });
});

/**
 * Oracle, written independently of the planner: enumerate every combination of per-user stages
 * of the users actually migrated (0 untouched … 6 verified) and count, at each moment, the
 * enabled interactive password users holding Enterprise Admin. The invariant breaks when some
 * moment has none.
 */
type Stage = 0 | 1 | 2 | 3 | 4 | 5 | 6;
function oracleBreaks(users: LiveUser[], eaId: string, selected: (u: LiveUser) => boolean) {
  const migrated = users.filter(
    (u) =>
      u.enabled && u.userType === "Interactive" && u.identityProvider === "Action1" && selected(u),
  );
  const stages: Stage[][] = [[]];
  for (const _ of migrated) {
    const next: Stage[][] = [];
    for (const prefix of stages) {
      for (const s of [0, 1, 2, 3, 4, 5, 6] as Stage[]) next.push([...prefix, s]);
    }
    stages.splice(0, stages.length, ...next);
  }
  return stages.some((combo) => {
    let count = 0;
    for (const u of users) {
      const i = migrated.indexOf(u);
      const stage = i < 0 ? 0 : (combo[i] ?? 0);
      // stage >= 2: roles revoked; >= 3 old account retired; >= 4 the new account is SSO.
      const passwordEA =
        stage < 2 &&
        u.enabled &&
        u.userType === "Interactive" &&
        u.identityProvider === "Action1" &&
        u.roleIds.includes(eaId);
      if (passwordEA) count += 1;
    }
    return count === 0;
  });
}

describe("buildPlan property: refused exactly when the invariant would break", () => {
  const eaRole = fc.constantFrom(EA, {
    id: "a0c6f3e2-3333-4c3a-9d7e-000000000003",
    name: "Enterprise Admin",
  });
  const arbUser = (eaId: string) =>
    fc.record({
      local: fc.stringMatching(/^[a-z]{1,6}$/),
      upper: fc.boolean(),
      userType: fc.constantFrom("Interactive", "Interactive", "API"),
      enabled: fc.boolean(),
      identityProvider: fc.constantFrom("Action1", "Action1", "Okta"),
      roleIds: fc.subarray([eaId, VIEWER.id, HELPDESK.id]),
    });

  it("holds for random enterprises and random subsets", () => {
    const seen = { refused: 0, accepted: 0 };
    fc.assert(
      fc.property(
        eaRole.chain((ea) =>
          fc.tuple(
            fc.constant(ea),
            fc.uniqueArray(arbUser(ea.id), {
              minLength: 1,
              maxLength: 8,
              selector: (u) => u.local,
            }),
            fc.boolean(),
          ),
        ),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        ([ea, raw, useAll], picks) => {
          const users: LiveUser[] = raw.map((r, i) => ({
            id: `u${i}`,
            email: `${r.upper ? r.local.toUpperCase() : r.local}@example.invalid`,
            userType: r.userType,
            enabled: r.enabled,
            identityProvider: r.identityProvider,
            roleIds: r.roleIds,
          }));
          const picked = (i: number) => picks[i] === true;
          // Keep the brute force small: at most 4 users actually migrated.
          const selectable = users.filter(
            (u, i) =>
              picked(i) &&
              u.enabled &&
              u.userType === "Interactive" &&
              u.identityProvider === "Action1",
          );
          fc.pre(selectable.length <= 4);
          const roles = [ea, VIEWER, HELPDESK];
          let plan: ReturnType<typeof buildPlan>;
          let selected: (u: LiveUser) => boolean;
          if (useAll) {
            const except = users.filter((u, i) => u.enabled && !picked(i));
            plan = buildPlan({
              users,
              roles,
              selection: { kind: "all", except: except.map((u) => u.email.toUpperCase()) },
            });
            selected = (u) => picked(users.indexOf(u));
          } else {
            const chosen = users.filter((u, i) => u.enabled && picked(i));
            plan = buildPlan({
              users,
              roles,
              selection: { kind: "emails", emails: chosen.map((u) => u.email.toLowerCase()) },
            });
            selected = (u) => chosen.includes(u);
          }
          const refusedForAdmin = !plan.ok && plan.problems.some((p) => p.code === "last-admin");
          expect(refusedForAdmin).toBe(oracleBreaks(users, ea.id, selected));
          seen[refusedForAdmin ? "refused" : "accepted"] += 1;
        },
      ),
      { numRuns: 300 },
    );
    // The generators reach both sides of the property.
    expect(seen.refused).toBeGreaterThan(20);
    expect(seen.accepted).toBeGreaterThan(20);
  });
});
