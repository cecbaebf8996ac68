import fc from "fast-check";
import {
  generatePassword,
  randomPasswordResource,
} from "../../../../scripts/plugins/random/password";

const SPECIALS = "-._~";

describe("substitute random.RandomPassword", () => {
  it("honours length, the min counts and the allowed characters for any settings", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 40 }),
        (minLower, minUpper, minNumeric, minSpecial, extra) => {
          const length = minLower + minUpper + minNumeric + minSpecial + extra + 1;
          const result = generatePassword({
            length,
            overrideSpecial: SPECIALS,
            minLower,
            minUpper,
            minNumeric,
            minSpecial,
          });
          expect(result).toHaveLength(length);
          expect(result).toMatch(/^[A-Za-z0-9\-._~]+$/);
          const count = (re: RegExp) => (result.match(re) ?? []).length;
          expect(count(/[a-z]/g)).toBeGreaterThanOrEqual(minLower);
          expect(count(/[A-Z]/g)).toBeGreaterThanOrEqual(minUpper);
          expect(count(/[0-9]/g)).toBeGreaterThanOrEqual(minNumeric);
          expect(count(/[-._~]/g)).toBeGreaterThanOrEqual(minSpecial);
        },
      ),
    );
  });

  it("leaves out turned-off classes", () => {
    const result = generatePassword({ length: 200, upper: false, special: false, numeric: false });
    expect(result).toMatch(/^[a-z]{200}$/);
  });

  it("refuses unknown inputs and min counts longer than the length, naming them", () => {
    const check = randomPasswordResource().check;
    expect(check?.({ length: 4, minLower: 3, minUpper: 3, bogus: 1 }, {})).toEqual({
      inputs: { length: 4, minLower: 3, minUpper: 3, bogus: 1 },
      failures: [
        { property: "bogus", reason: 'random.RandomPassword: input "bogus" is not supported' },
        {
          property: "length",
          reason: "random.RandomPassword: length 4 is less than the sum of the min* counts (6)",
        },
      ],
    });
  });

  it("replaces the password when any input, such as the rotation keeper, changes", () => {
    const resource = randomPasswordResource();
    const old = { length: 64, keepers: { rotation: "1" } };
    expect(resource.diff(old, { ...old, keepers: { rotation: "2" } }, {})).toEqual({
      changes: true,
      replaces: ["keepers"],
    });
    expect(resource.diff(old, { ...old }, {})).toEqual({ changes: false, replaces: [] });
  });
});
