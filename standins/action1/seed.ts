/**
 * The fixture the local Action1 starts from: one enterprise, its initial Enterprise Admin (a
 * password user, the break-glass account Action1's guides tell you to keep) and one API
 * credential holding the Enterprise Admin role. Every credential here is obviously fake.
 */
import type {
  Action1Role,
  Action1Setting,
  Action1SettingTemplate,
} from "../../infra/action1/types";

export const FAKE_CLIENT_ID = "api-key-00000000-0000-4000-8000-00000000f4ce@example.invalid";
export const FAKE_CLIENT_SECRET = "fake-action1-client-secret-not-a-real-secret";

export interface SeedUser {
  id: string;
  email: string;
  first_name?: string;
  last_name?: string;
  user_type: "Interactive" | "API";
  enabled: "yes" | "no";
  /** `Action1` for password users, or an SSO provider name. */
  identity_provider: string;
  /** Kept only by the stand-in to tell a password user has one; never returned. */
  password?: string;
  roles: string[];
}

export interface Seed {
  enterprise: { id: string; name: string; description: string };
  apiCredential: { clientId: string; clientSecret: string; userId: string };
  users: SeedUser[];
  roles: Action1Role[];
  templates: Action1SettingTemplate[];
  settings: Action1Setting[];
}

export const SEED_ADMIN_ID = "00000000-0000-4000-8000-00000000ad01";
export const SEED_ADMIN_EMAIL = "initial-admin@example.invalid";
export const SEED_API_USER_ID = "00000000-0000-4000-8000-0000000a9101";

export const BUILTIN_ROLES: readonly Action1Role[] = Object.freeze([
  {
    id: "viewer",
    name: "Viewer",
    description: "View all information within selected organizations.",
    object_types: ["Organization"],
  },
  {
    id: "manager",
    name: "Manager",
    description: "Viewer plus configuration changes within managed organizations.",
    object_types: ["Organization"],
  },
  {
    id: "organization_admin",
    name: "Organization Admin",
    description: "Manager plus assigning roles to existing users.",
    object_types: ["Organization"],
  },
  {
    id: "enterprise_admin",
    name: "Enterprise Admin",
    description: "Everything, enterprise-wide, including users and organizations.",
    object_types: ["Enterprise"],
  },
]);

export const SEED_TEMPLATES: readonly Action1SettingTemplate[] = Object.freeze([
  {
    id: "identity_provider",
    name: "Identity Provider",
    description: "Identity provider used to sign in to the Action1 console.",
    default_value: "Action1",
    value_type: "JSON",
    value_pattern: "",
    value_pattern_description:
      "Action1, Entra ID, Google, or a JSON object for Okta/Duo (unverified encoding)",
    available_scopes: ["Enterprise"],
    category: "sso",
    applicable_for: ["backend"],
  },
  {
    id: "disable_mfa_for_external_identity_providers",
    name: "Disable Action1 MFA for External Identity Providers",
    description:
      "Disables email-based multi-factor authentication (MFA) for Action1 when using " +
      "external identity providers",
    default_value: "No",
    value_type: "string",
    value_pattern: "^(Yes|No)$",
    value_pattern_description: "Yes or No",
    available_scopes: ["Enterprise"],
    category: "sso",
    applicable_for: ["backend"],
  },
  {
    id: "remote_desktop_prompt_timeout",
    name: "Remote Desktop Prompt Timeout",
    description: "Seconds before an unanswered remote desktop prompt times out.",
    default_value: "30",
    value_type: "number",
    value_pattern: "^[0-9]{1,3}$",
    value_pattern_description: "A number of seconds",
    available_scopes: ["Enterprise", "Organization", "Group"],
    category: "remote_desktop",
    applicable_for: ["agent"],
  },
]);

/** A fresh copy of the default fixture (callers may mutate it before starting the server). */
export function defaultSeed(): Seed {
  return structuredClone({
    enterprise: {
      id: "00000000-0000-4000-8000-0000000e0001",
      name: "Example Enterprise",
      description: "Local Action1 stand-in",
    },
    apiCredential: {
      clientId: FAKE_CLIENT_ID,
      clientSecret: FAKE_CLIENT_SECRET,
      userId: SEED_API_USER_ID,
    },
    users: [
      {
        id: SEED_ADMIN_ID,
        email: SEED_ADMIN_EMAIL,
        first_name: "Initial",
        last_name: "Admin",
        user_type: "Interactive",
        enabled: "yes",
        identity_provider: "Action1",
        password: "Fake-password-1-not-real",
        roles: ["enterprise_admin"],
      },
      {
        id: SEED_API_USER_ID,
        email: FAKE_CLIENT_ID,
        first_name: "Pulumi",
        user_type: "API",
        enabled: "yes",
        identity_provider: "Action1",
        password: FAKE_CLIENT_SECRET,
        roles: ["enterprise_admin"],
      },
    ],
    roles: [...BUILTIN_ROLES],
    templates: [...SEED_TEMPLATES],
    settings: [],
  } satisfies Seed);
}
