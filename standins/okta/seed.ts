/**
 * Seed of the local Okta: the org, API tokens, users, groups, apps with their assignments and
 * custom authorization servers. Every value is obviously fake (`@example.invalid`, `fake-…`).
 */
export type UserStatus =
  | "STAGED"
  | "PROVISIONED"
  | "ACTIVE"
  | "RECOVERY"
  | "PASSWORD_EXPIRED"
  | "LOCKED_OUT"
  | "SUSPENDED"
  | "DEPROVISIONED";

export interface SeedUser {
  id?: string;
  login: string;
  email?: string;
  firstName: string;
  lastName: string;
  status?: UserStatus;
}

export interface SeedGroup {
  id?: string;
  name: string;
  description?: string;
  type?: "OKTA_GROUP" | "APP_GROUP" | "BUILT_IN";
  /** Member logins. */
  members?: string[];
}

export interface SeedApp {
  id?: string;
  label: string;
  clientId?: string;
  status?: "ACTIVE" | "INACTIVE";
  redirectUris?: string[];
  /** Logins assigned directly (scope USER). */
  users?: string[];
  /** Group names assigned to the app (their members get scope GROUP). */
  groups?: string[];
}

export interface SeedAuthServer {
  id?: string;
  name: string;
  description?: string;
  audiences: string[];
  /** Adds Okta's shipped "Default Policy" (ALL_CLIENTS) with its "Default Policy Rule". */
  withDefaultPolicy?: boolean;
}

export interface OktaSeed {
  org: {
    id: string;
    subdomain: string;
    companyName: string;
    /** `idx` is Identity Engine (access policies apply), `v1` is Classic. */
    pipeline: "idx" | "v1";
    /** A verified custom domain; `issuer_mode: CUSTOM_URL` is refused without one. */
    customDomain?: string;
  };
  /** SSWS API tokens and the login of the admin each belongs to (answers `users/me`). */
  apiTokens: { token: string; userLogin: string }[];
  users: SeedUser[];
  groups: SeedGroup[];
  apps: SeedApp[];
  authorizationServers: SeedAuthServer[];
}

export const FAKE_OKTA_API_TOKEN = "fake-okta-token-not-a-real-secret";

/** The default fixture: one admin, a few users, the region groups and the `default` server. */
export function defaultOktaSeed(): OktaSeed {
  return {
    org: {
      id: "00o1fakeorg0000000001",
      subdomain: "sandbox-example",
      companyName: "Example Sandbox Org",
      pipeline: "idx",
    },
    apiTokens: [{ token: FAKE_OKTA_API_TOKEN, userLogin: "okta.admin@example.invalid" }],
    users: [
      { login: "okta.admin@example.invalid", firstName: "Okta", lastName: "Admin" },
      { login: "ada.admin@example.invalid", firstName: "Ada", lastName: "Admin" },
      { login: "bob.builder@example.invalid", firstName: "Bob", lastName: "Builder" },
      { login: "carol.ops@example.invalid", firstName: "Carol", lastName: "Ops" },
      { login: "dave.eu@example.invalid", firstName: "Dave", lastName: "Europe" },
      {
        login: "sam.suspended@example.invalid",
        firstName: "Sam",
        lastName: "Suspended",
        status: "SUSPENDED",
      },
      {
        login: "gone.user@example.invalid",
        firstName: "Gone",
        lastName: "User",
        status: "DEPROVISIONED",
      },
    ],
    groups: [
      {
        name: "Everyone",
        description: "All users in your organization",
        type: "BUILT_IN",
        members: [
          "okta.admin@example.invalid",
          "ada.admin@example.invalid",
          "bob.builder@example.invalid",
          "carol.ops@example.invalid",
          "dave.eu@example.invalid",
          "sam.suspended@example.invalid",
        ],
      },
      {
        name: "Action1 Admins",
        description: "Action1 administrators",
        members: ["ada.admin@example.invalid", "carol.ops@example.invalid"],
      },
      {
        name: "Action1 Users NA",
        description: "Action1 users, North America",
        members: ["bob.builder@example.invalid", "carol.ops@example.invalid"],
      },
      {
        name: "Action1 Users EU",
        description: "Action1 users, Europe",
        members: ["dave.eu@example.invalid"],
      },
      { name: "Action1 Users", description: "Prefix twin of the region groups", members: [] },
    ],
    apps: [],
    authorizationServers: [
      {
        id: "default",
        name: "default",
        description: "Default Authorization Server for your Applications",
        audiences: ["api://default"],
        withDefaultPolicy: true,
      },
    ],
  };
}
