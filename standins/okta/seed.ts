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

/**
 * The default fixture: the token's admin, the people and groups the shipped `na` and `eu` stack
 * configs name, the `default` server and the EU region's custom server "Action1 EU".
 */
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
      { login: "alice.admin@example.invalid", firstName: "Alice", lastName: "Admin" },
      { login: "bob.helpdesk@example.invalid", firstName: "Bob", lastName: "Helpdesk" },
      { login: "carol.ops@example.invalid", firstName: "Carol", lastName: "Ops" },
      { login: "claire.admin@example.invalid", firstName: "Claire", lastName: "Admin" },
      { login: "dieter.admin@example.invalid", firstName: "Dieter", lastName: "Admin" },
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
          "alice.admin@example.invalid",
          "bob.helpdesk@example.invalid",
          "carol.ops@example.invalid",
          "claire.admin@example.invalid",
          "dieter.admin@example.invalid",
          "sam.suspended@example.invalid",
        ],
      },
      {
        name: "Action1 Admins",
        description: "Action1 administrators",
        members: ["alice.admin@example.invalid", "carol.ops@example.invalid"],
      },
      {
        name: "Action1 Helpdesk",
        description: "Action1 helpdesk",
        members: ["bob.helpdesk@example.invalid", "carol.ops@example.invalid"],
      },
      {
        name: "Action1 Admins EU",
        description: "Action1 administrators, Europe",
        members: ["claire.admin@example.invalid", "dieter.admin@example.invalid"],
      },
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
      {
        name: "Action1 EU",
        description: "Custom authorization server of the EU region",
        audiences: ["api://action1-eu"],
      },
    ],
  };
}
