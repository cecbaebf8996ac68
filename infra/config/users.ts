import { z } from "zod";
import { SIGN_IN_METHODS } from "./keys";

/**
 * One Action1 user as the stack declares it.
 *
 * Pulumi project config can type a key only as string, integer, boolean or array (of those), so
 * `users` is declared as an array of strings, one user per string:
 * `"email | signIn | role, role [| enabled or disabled]"`, e.g.
 * `"alice@example.invalid | okta | Enterprise Admin"`.
 */
export interface UserSpec {
  /** As written (trimmed). Compare with {@link sameEmail}. */
  readonly email: string;
  readonly signIn: (typeof SIGN_IN_METHODS)[number];
  readonly roles: readonly string[];
  readonly enabled: boolean;
}

export const USER_FORMAT = '"email | okta or password | role, role [| enabled or disabled]"';

/** Emails are compared case-insensitively (Action1 and Okta treat them so). */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export function sameEmail(a: string, b: string): boolean {
  return emailKey(a) === emailKey(b);
}

/**
 * The identity of a role as written in config: Action1 matches role names case-insensitively
 * here, and the built-in Enterprise Admin may be named by its id or its name.
 */
export function roleKey(role: string): string {
  const key = role.trim().toLowerCase();
  return key === "enterprise admin" ? "enterprise_admin" : key;
}

/** A field-level problem in one user entry. */
export interface UserIssue {
  readonly problem: string;
  readonly allowed: string;
}

const emailSchema = z.email();

/** Parses one user entry; returns the user or every problem in it. */
export function parseUser(entry: string): { user?: UserSpec; issues: UserIssue[] } {
  const fields = entry.split("|").map((f) => f.trim());
  if (fields.length < 3 || fields.length > 4) {
    return {
      issues: [
        {
          problem: `has ${fields.length} "|"-separated field(s), expected 3 or 4`,
          allowed: USER_FORMAT,
        },
      ],
    };
  }
  const [email = "", signIn = "", roleText = "", state = "enabled"] = fields;
  const issues: UserIssue[] = [];
  if (!emailSchema.safeParse(email).success) {
    issues.push({
      problem: `email ${JSON.stringify(email)} is not an email address`,
      allowed: "name@domain",
    });
  }
  const sign = z.enum(SIGN_IN_METHODS).safeParse(signIn);
  if (!sign.success) {
    issues.push({
      problem: `sign-in ${JSON.stringify(signIn)} is not a sign-in method`,
      allowed: SIGN_IN_METHODS.join(" or "),
    });
  }
  const roles = roleText.split(",").map((r) => r.trim());
  if (roles.some((r) => r === "")) {
    issues.push({
      problem: `roles ${JSON.stringify(roleText)} has an empty role`,
      allowed: "one or more non-empty role names separated by commas",
    });
  }
  const seen = new Map<string, string>();
  for (const role of roles.filter((r) => r !== "")) {
    const first = seen.get(roleKey(role));
    if (first !== undefined) {
      issues.push({
        problem: `roles ${JSON.stringify(roleText)} name one role twice (${JSON.stringify(first)}, ${JSON.stringify(role)})`,
        allowed: "each role once (enterprise_admin and Enterprise Admin are the same role)",
      });
    } else seen.set(roleKey(role), role);
  }
  if (state !== "enabled" && state !== "disabled") {
    issues.push({
      problem: `state ${JSON.stringify(state)} is not a user state`,
      allowed: "enabled or disabled (default enabled)",
    });
  }
  if (issues.length > 0 || !sign.success) return { issues };
  return { user: { email, signIn: sign.data, roles, enabled: state === "enabled" }, issues };
}
