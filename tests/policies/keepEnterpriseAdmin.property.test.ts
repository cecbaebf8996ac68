/**
 * keep-enterprise-admin agrees with an independent statement of the invariant over random sets of
 * users and role assignments, and values unknown during preview never produce a violation that
 * the known values would not.
 */
import fc from "fast-check";
import { keepEnterpriseAdmin } from "../../policies/keepEnterpriseAdmin";
import { role, user } from "./fixtures";
import { messages, type ResourceSpec, runStackPolicy, stackArgs, UNKNOWN_VALUE } from "./helpers";

interface U {
  email: string;
  userType: string;
  enabled: boolean;
  signIn: string;
}
interface R {
  email: string;
  role: string;
}

const LOCALS = ["ann", "bob", "cy", "dee"];
const email = fc
  .tuple(fc.constantFrom(...LOCALS), fc.boolean())
  .map(([l, upper]) => `${upper ? l.toUpperCase() : l}@example.invalid`);
const userArb: fc.Arbitrary<U> = fc.record({
  email,
  userType: fc.constantFrom("Interactive", "API"),
  enabled: fc.boolean(),
  signIn: fc.constantFrom("okta", "password"),
});
const roleArb: fc.Arbitrary<R> = fc.record({
  email,
  role: fc.constantFrom(
    "enterprise_admin",
    "Enterprise Admin",
    "ENTERPRISE ADMIN",
    "Viewer",
    "Administrator",
    "enterprise-admin",
  ),
});

/** The invariant, written out independently of the policy's code. */
function oracle(users: U[], roles: R[]): { admins: number; breakGlass: number } {
  const eaEmails = new Set(
    roles
      .filter((r) => r.role === "enterprise_admin" || r.role.toLowerCase() === "enterprise admin")
      .map((r) => r.email.toLowerCase()),
  );
  const counted = users.filter(
    (u) => u.userType === "Interactive" && u.enabled && eaEmails.has(u.email.toLowerCase()),
  );
  const distinct = (list: U[]) => new Set(list.map((u) => u.email.toLowerCase())).size;
  return {
    admins: distinct(counted),
    breakGlass: distinct(counted.filter((u) => u.signIn === "password")),
  };
}

function specs(users: U[], roles: R[]): ResourceSpec[] {
  return [
    ...users.map((u, i) => user(`user-${i}`, u.email, { ...u })),
    ...roles.map((r, i) => role(`role-${i}`, r.email, r.role)),
  ];
}

const countIn = (ms: string[]) => {
  const m = ms.map((x) => /^The stack keeps (\d+) /.exec(x)).find((x) => x !== null);
  return m ? Number(m[1]) : undefined;
};
const BREAK_GLASS = /^No enabled interactive Enterprise Admin signs in with a password/;

describe("keep-enterprise-admin over random admin sets", () => {
  it("reports exactly when the invariant is broken", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(userArb, { maxLength: 6 }),
        fc.array(roleArb, { maxLength: 6 }),
        fc.integer({ min: 1, max: 3 }),
        async (users, roles, min) => {
          const config = { minEnterpriseAdmins: min, reason: "property test, any N allowed" };
          const outcome = await runStackPolicy(
            keepEnterpriseAdmin,
            stackArgs(specs(users, roles), config),
          );
          const expected = oracle(users, roles);
          const ms = messages(outcome);
          expect(outcome.notApplicable).toBeUndefined();
          expect(countIn(ms)).toBe(expected.admins < min ? expected.admins : undefined);
          expect(ms.some((m) => BREAK_GLASS.test(m))).toBe(expected.breakGlass === 0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never reports more with values unknown during preview than with them known", async () => {
    const field = fc.constantFrom("email", "userType", "enabled", "signIn", "role");
    await fc.assert(
      fc.asyncProperty(
        fc.array(userArb, { maxLength: 5 }),
        fc.array(roleArb, { maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(), field), { maxLength: 4 }),
        async (users, roles, holes) => {
          const known = specs(users, roles);
          const preview = known.map((s) => ({ ...s, props: { ...s.props } }));
          for (const [i, f] of holes) {
            const s = preview[i % Math.max(preview.length, 1)];
            if (s && f in s.props) {
              s.props[f] = UNKNOWN_VALUE;
            }
          }
          const before = messages(await runStackPolicy(keepEnterpriseAdmin, stackArgs(known)));
          const during = messages(await runStackPolicy(keepEnterpriseAdmin, stackArgs(preview)));
          for (const m of during) {
            expect(before).toContain(m);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
