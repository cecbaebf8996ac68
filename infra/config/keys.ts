/**
 * The project's config keys: the one list that `Pulumi.yaml` declares (a test keeps the two
 * equal) and that `validate.ts` decodes. Values reach the program as strings (Pulumi passes
 * booleans as "true"/"false" and arrays as JSON text), so each key names how to decode it.
 */

/** The project name, which is also the namespace of every project config key. */
export const PROJECT = "action1-okta-sso";

export type KeyType = "string" | "boolean" | "array";

export interface KeySpec {
  /** Key without namespace, as `Pulumi.yaml` declares it. */
  readonly name: string;
  readonly type: KeyType;
  /** Default as Pulumi.yaml declares it; undefined means the key is required. */
  readonly default?: string | boolean | readonly string[];
  readonly secret?: boolean;
  readonly description: string;
}

export const GRANT_TYPES = ["authorization_code", "refresh_token", "client_credentials"] as const;
export const AUTH_METHODS = ["client_secret_basic", "client_secret_post"] as const;
export const CONSENT_METHODS = ["TRUSTED", "REQUIRED"] as const;
export const ISSUER_MODES = ["ORG_URL", "CUSTOM_URL", "DYNAMIC"] as const;
export const REFRESH_ROTATIONS = ["STATIC", "ROTATE"] as const;
export const SIGN_IN_METHODS = ["okta", "password"] as const;
export const DELETE_PROTECTIONS = ["refuse-if-locks-out", "allow"] as const;

export const KEYS: readonly KeySpec[] = [
  {
    name: "region",
    type: "string",
    default: "",
    description:
      "Action1 region key (na, eu, au, na-2). Empty means the stack name is the region key.",
  },
  {
    name: "action1ApiBaseUrl",
    type: "string",
    default: "",
    description:
      "Action1 REST API base URL. Empty means the region's. http://127.0.0.1 only with " +
      "allowInsecureEndpoints (sandbox).",
  },
  {
    name: "action1ClientId",
    type: "string",
    secret: true,
    description: "Action1 API credential client ID. Set with: pulumi config set --secret.",
  },
  {
    name: "action1ClientSecret",
    type: "string",
    secret: true,
    description: "Action1 API credential client secret. Set with: pulumi config set --secret.",
  },
  {
    name: "allowInsecureEndpoints",
    type: "boolean",
    default: false,
    description: "Allow plain-http loopback endpoints (sandbox and tests only).",
  },
  { name: "appLabel", type: "string", default: "Action1", description: "Okta app label." },
  {
    name: "grantTypes",
    type: "array",
    default: ["authorization_code", "refresh_token"],
    description:
      "OAuth grant types of the Okta app: authorization_code (required), refresh_token, " +
      "client_credentials.",
  },
  {
    name: "extraRedirectUris",
    type: "array",
    default: [],
    description: "Redirect URIs after the region's own; https only, order kept.",
  },
  {
    name: "allowNonAction1RedirectUris",
    type: "boolean",
    default: false,
    description: "Allow extra redirect URIs on hosts other than Action1's consoles.",
  },
  {
    name: "tokenEndpointAuthMethod",
    type: "string",
    default: "client_secret_basic",
    description: "Token endpoint auth method: client_secret_basic or client_secret_post.",
  },
  {
    name: "consentMethod",
    type: "string",
    default: "TRUSTED",
    description: "Okta consent method: TRUSTED or REQUIRED.",
  },
  {
    name: "issuerMode",
    type: "string",
    default: "ORG_URL",
    description: "Okta issuer mode: ORG_URL, CUSTOM_URL (needs customDomain) or DYNAMIC.",
  },
  {
    name: "customDomain",
    type: "string",
    default: "",
    description: "Okta custom domain host name (for issuerMode CUSTOM_URL).",
  },
  {
    name: "refreshTokenRotation",
    type: "string",
    default: "STATIC",
    description: "Refresh token rotation: STATIC or ROTATE.",
  },
  {
    name: "hideAppTile",
    type: "boolean",
    default: false,
    description: "Hide the app tile on the Okta dashboard (web and iOS).",
  },
  {
    name: "implicitAssignment",
    type: "boolean",
    default: false,
    description: "Okta Federation Broker Mode; cannot be combined with groups.",
  },
  {
    name: "groups",
    type: "array",
    description: "Okta group names (exact) assigned to the app; users reach the app only so.",
  },
  {
    name: "authorizationServer",
    type: "string",
    default: "org",
    description: "Issuer: 'org' (the org authorization server) or a custom server's name.",
  },
  {
    name: "clientSecretRotation",
    type: "string",
    default: "1",
    description: "Rotation keeper: change it to generate a new client secret.",
  },
  {
    name: "users",
    type: "array",
    default: [],
    description:
      "Action1 users, one string each: 'email | okta or password | role, role [| disabled]'.",
  },
  {
    name: "idpDeleteProtection",
    type: "string",
    default: "refuse-if-locks-out",
    description: "Deleting the Action1 identity provider: refuse-if-locks-out or allow.",
  },
];

export function fullKey(name: string): string {
  return `${PROJECT}:${name}`;
}
