import { randomInt } from "node:crypto";
import { diffInputs, type Props, type ResourceImpl } from "../host";

/**
 * random.RandomPassword: every input forces a new password (as in the real provider), the
 * result is drawn with node:crypto and honours length, the character classes, overrideSpecial
 * and the min* counts.
 */
const INPUTS = [
  "length",
  "lower",
  "upper",
  "numeric",
  "number",
  "special",
  "overrideSpecial",
  "minLower",
  "minUpper",
  "minNumeric",
  "minSpecial",
  "keepers",
];
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";
const SPECIAL = "!@#$%&*()-_=+[]{}<>:?";

const pickFrom = (chars: string) => chars.charAt(randomInt(chars.length));

export function generatePassword(i: Props): string {
  const length = Number(i.length);
  const numeric = (i.numeric ?? i.number ?? true) !== false;
  const classes: [boolean, string, number][] = [
    [i.lower !== false, LOWER, Number(i.minLower ?? 0)],
    [i.upper !== false, UPPER, Number(i.minUpper ?? 0)],
    [numeric, DIGITS, Number(i.minNumeric ?? 0)],
    [
      i.special !== false,
      typeof i.overrideSpecial === "string" ? i.overrideSpecial : SPECIAL,
      Number(i.minSpecial ?? 0),
    ],
  ];
  const chars: string[] = [];
  let pool = "";
  for (const [on, set, min] of classes) {
    if (!on || set === "") continue;
    pool += set;
    for (let n = 0; n < min; n += 1) chars.push(pickFrom(set));
  }
  if (pool === "") throw new Error("random.RandomPassword: every character class is turned off");
  while (chars.length < length) chars.push(pickFrom(pool));
  for (let k = chars.length - 1; k > 0; k -= 1) {
    const j = randomInt(k + 1);
    [chars[k], chars[j]] = [chars[j] as string, chars[k] as string];
  }
  return chars.join("");
}

export function randomPasswordResource(): ResourceImpl {
  return {
    check(news) {
      const failures = Object.keys(news)
        .filter((k) => !INPUTS.includes(k))
        .map((k) => ({
          property: k,
          reason: `random.RandomPassword: input "${k}" is not supported`,
        }));
      const length = Number(news.length);
      const mins = ["minLower", "minUpper", "minNumeric", "minSpecial"].reduce(
        (sum, k) => sum + Number(news[k] ?? 0),
        0,
      );
      if (!Number.isInteger(length) || length < 1) {
        failures.push({ property: "length", reason: "random.RandomPassword: length must be >= 1" });
      } else if (mins > length) {
        failures.push({
          property: "length",
          reason: `random.RandomPassword: length ${length} is less than the sum of the min* counts (${mins})`,
        });
      }
      return { inputs: news, failures };
    },
    diff(oldInputs, news) {
      return diffInputs(oldInputs, news, INPUTS, INPUTS);
    },
    async create(inputs) {
      return { id: "none", outs: { ...inputs, result: generatePassword(inputs), bcryptHash: "" } };
    },
    async read(id, state) {
      return { id, outs: state };
    },
    async update(_id, olds, news) {
      return { ...olds, ...news };
    },
    async delete() {},
  };
}
