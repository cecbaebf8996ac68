/**
 * How Okta's client ID, client secret and issuer URI are written into Action1's enterprise
 * "Identity Provider" advanced setting. THE ENCODING IS UNVERIFIED: keep every guess here.
 *
 * What is documented (../shared/docs/action1-api.md, section 5):
 * - there is no SSO endpoint; the console's Identity Provider is the advanced setting with
 *   template `identity_provider`, scope Enterprise, under `/setting-templates/all` and
 *   `/settings/all`;
 * - Action1's only example selects Google:
 *   `{"template_id":"identity_provider","value":"Google",`
 *   `"scope":[{"type":"Enterprise","object":"All"}]}`;
 * - the Duo guide says the console asks for Client ID, Client Secret and Issuer URI in that
 *   setting; Okta's guide is truncated there (same fields assumed).
 *
 * What is guessed (to be confirmed with `scripts/discover-idp-setting.ts` on a test tenant before
 * the first `pulumi up`):
 * - the value of an Okta setting is a JSON string (settings have `value_type` JSON, and JSON
 *   values travel as strings):
 *   `{"identity_provider":"Okta","client_id":"…","client_secret":"…","issuer_uri":"…"}`;
 * - plain provider names (`"Google"`, `"Action1"`) stay plain strings, as in the example;
 * - the scope object is `"All"` as in Action1's IdP example (the schema's enum says `all`);
 * - Action1 may return the secret masked; `decodeIdpValue` reports that instead of guessing.
 *
 * If the discovery shows another shape, change `encodeIdpValue`/`decodeIdpValue` (and the field
 * aliases below) only; the provider, the local Action1 and the tests all go through them.
 */
import type { Action1SettingScope } from "./types";

export const IDP_TEMPLATE_ID = "identity_provider";
export const IDP_SETTING_CATEGORY = "sso";
/** Enterprise-wide scope, spelled as in Action1's identity-provider example. */
export const IDP_SCOPE: readonly Action1SettingScope[] = Object.freeze([
  Object.freeze({ type: "Enterprise" as const, object: "All" }),
]);
/** Identity providers Action1 knows (`identity_provider` of a user). `Action1` = password. */
export const PASSWORD_PROVIDER = "Action1";
export const SSO_PROVIDERS: readonly string[] = Object.freeze([
  "Okta",
  "Duo",
  "Entra ID",
  "Google",
]);
/** Providers that need client ID, secret and issuer (Entra ID and Google need none). */
export const OIDC_PROVIDERS: readonly string[] = Object.freeze(["Okta", "Duo"]);

export interface IdpSettingValue {
  provider: string;
  clientId?: string;
  clientSecret?: string;
  issuerUri?: string;
}

export interface DecodedIdpValue extends IdpSettingValue {
  /** The stored value was JSON (`json`), a bare provider name (`plain`) or unreadable. */
  format: "json" | "plain" | "unknown";
  /** True when a secret field is present but masked/empty, so it cannot be compared. */
  secretMasked: boolean;
}

// Field names accepted when reading (first one is the name written).
const PROVIDER_KEYS = ["identity_provider", "provider", "name", "type"];
const CLIENT_ID_KEYS = ["client_id", "clientId", "ClientID", "client-id"];
const SECRET_KEYS = ["client_secret", "clientSecret", "ClientSecret", "client-secret"];
const ISSUER_KEYS = ["issuer_uri", "issuerUri", "issuer", "issuer_url", "IssuerURI"];

/** The setting value for a provider (plain name, or JSON for OIDC providers). */
export function encodeIdpValue(v: IdpSettingValue): string {
  if (!OIDC_PROVIDERS.includes(v.provider)) return v.provider;
  return JSON.stringify({
    [PROVIDER_KEYS[0] as string]: v.provider,
    [CLIENT_ID_KEYS[0] as string]: v.clientId ?? "",
    [SECRET_KEYS[0] as string]: v.clientSecret ?? "",
    [ISSUER_KEYS[0] as string]: v.issuerUri ?? "",
  });
}

/** Reads a setting value written by Action1 or by `encodeIdpValue`. Never throws. */
export function decodeIdpValue(raw: unknown): DecodedIdpValue {
  if (typeof raw !== "string" || raw.trim() === "") {
    return { provider: PASSWORD_PROVIDER, format: "unknown", secretMasked: false };
  }
  const text = raw.trim();
  if (!text.startsWith("{")) {
    return { provider: text, format: "plain", secretMasked: false };
  }
  let obj: Record<string, unknown>;
  try {
    obj = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { provider: "unknown", format: "unknown", secretMasked: false };
  }
  const pick = (keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = obj[k];
      if (typeof v === "string") return v;
    }
    return undefined;
  };
  const secret = pick(SECRET_KEYS);
  const masked = secret !== undefined && isMasked(secret);
  return {
    provider: pick(PROVIDER_KEYS) ?? "unknown",
    clientId: pick(CLIENT_ID_KEYS),
    clientSecret: masked ? undefined : secret,
    issuerUri: pick(ISSUER_KEYS),
    format: "json",
    secretMasked: masked,
  };
}

/** The provider a setting selects (`Action1` when there is no setting). */
export function providerOf(value: unknown): string {
  return decodeIdpValue(value).provider;
}

/** True for values a server uses to hide a secret ("", "****", "••••", "<hidden>"). */
export function isMasked(v: string): boolean {
  return v === "" || /^[*•xX#]+$/.test(v) || /^<?(hidden|redacted|masked)>?$/i.test(v);
}

const SECRET_NAME = /secret|password|token|private|credential|api[_-]?key/i;

/**
 * A copy of any JSON-like value with secret-looking fields masked, recursing into strings that
 * hold JSON (as setting values do). Used by the discovery script; shows length, never content.
 */
export function maskSecrets(value: unknown, keyName = ""): unknown {
  if (typeof value === "string") {
    if (SECRET_NAME.test(keyName)) return value === "" ? "" : `<masked, ${value.length} chars>`;
    const t = value.trim();
    if (t.startsWith("{") || t.startsWith("[")) {
      try {
        return `JSON:${JSON.stringify(maskSecrets(JSON.parse(t)))}`;
      } catch {
        return value;
      }
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, keyName));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskSecrets(v, k)]),
    );
  }
  return value;
}
