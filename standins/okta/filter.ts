import { invalidSearch } from "./errors";

/**
 * Okta's `filter=` / `search=` expressions (SCIM-like): `attr op value`, joined by `and`/`or`
 * with parentheses. Operators eq, ne, sw, co, ew, gt, ge, lt, le and `pr`. String comparison is
 * case-insensitive, as Okta's is for logins and emails.
 */
export type Predicate = (record: Record<string, unknown>) => boolean;

type Token = { kind: "word" | "string" | "lparen" | "rparen"; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === "(" || ch === ")") {
      tokens.push({ kind: ch === "(" ? "lparen" : "rparen", text: ch });
      i += 1;
    } else if (ch === '"') {
      let j = i + 1;
      let text = "";
      while (j < input.length && input.charAt(j) !== '"') {
        if (input.charAt(j) === "\\" && j + 1 < input.length) j += 1;
        text += input.charAt(j);
        j += 1;
      }
      if (j >= input.length) throw invalidSearch(`unterminated string in: ${input}`);
      tokens.push({ kind: "string", text });
      i = j + 1;
    } else {
      let j = i;
      while (j < input.length && !/[\s()"]/.test(input.charAt(j))) j += 1;
      tokens.push({ kind: "word", text: input.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

const OPERATORS = new Set(["eq", "ne", "sw", "co", "ew", "gt", "ge", "lt", "le", "pr"]);

export function readPath(record: Record<string, unknown>, path: string): unknown {
  let current: unknown = record;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function compare(op: string, actual: unknown, expected: unknown): boolean {
  if (op === "pr") return actual !== undefined && actual !== null && actual !== "";
  if (actual === undefined || actual === null) return op === "ne" ? expected !== null : false;
  const a = typeof actual === "string" ? actual.toLowerCase() : actual;
  const e = typeof expected === "string" ? expected.toLowerCase() : expected;
  switch (op) {
    case "eq":
      return a === e;
    case "ne":
      return a !== e;
    case "sw":
      return typeof a === "string" && typeof e === "string" && a.startsWith(e);
    case "co":
      return typeof a === "string" && typeof e === "string" && a.includes(e);
    case "ew":
      return typeof a === "string" && typeof e === "string" && a.endsWith(e);
    default: {
      const x = a as string | number;
      const y = e as string | number;
      if (op === "gt") return x > y;
      if (op === "ge") return x >= y;
      if (op === "lt") return x < y;
      return x <= y;
    }
  }
}

export function parseFilter(input: string): Predicate {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const fail = (why: string): never => {
    throw invalidSearch(`${why} in: ${input}`);
  };

  const parsePrimary = (): Predicate => {
    const token = peek();
    if (!token) return fail("expression ends early");
    if (token.kind === "lparen") {
      pos += 1;
      const inner = parseOr();
      if (peek()?.kind !== "rparen") fail("missing )");
      pos += 1;
      return inner;
    }
    if (token.kind !== "word") return fail(`unexpected ${token.text}`);
    const attr = token.text;
    pos += 1;
    const opToken = peek();
    const op = opToken?.text.toLowerCase() ?? "";
    if (opToken?.kind !== "word" || !OPERATORS.has(op)) {
      return fail(`unknown operator after ${attr}`);
    }
    pos += 1;
    if (op === "pr") return (r) => compare("pr", readPath(r, attr), undefined);
    const valueToken = peek();
    if (!valueToken) return fail(`missing value after ${attr} ${op}`);
    pos += 1;
    let value: unknown;
    if (valueToken.kind === "string") value = valueToken.text;
    else if (valueToken.text === "true" || valueToken.text === "false") {
      value = valueToken.text === "true";
    } else if (valueToken.text === "null") value = null;
    else if (/^-?\d+(\.\d+)?$/.test(valueToken.text)) value = Number(valueToken.text);
    else return fail(`bad value ${valueToken.text}`);
    return (r) => compare(op, readPath(r, attr), value);
  };

  const parseAnd = (): Predicate => {
    let left = parsePrimary();
    while (peek()?.kind === "word" && peek()?.text.toLowerCase() === "and") {
      pos += 1;
      const l = left;
      const r = parsePrimary();
      left = (x) => l(x) && r(x);
    }
    return left;
  };

  const parseOr = (): Predicate => {
    let left = parseAnd();
    while (peek()?.kind === "word" && peek()?.text.toLowerCase() === "or") {
      pos += 1;
      const l = left;
      const r = parseAnd();
      left = (x) => l(x) || r(x);
    }
    return left;
  };

  const predicate = parseOr();
  if (pos < tokens.length) fail(`unexpected ${tokens[pos]?.text}`);
  return predicate;
}
