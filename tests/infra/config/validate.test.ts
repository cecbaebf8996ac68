import { ConfigError } from "../../../infra/config/problems";
import { parseConfig, type RawConfig, validateConfig } from "../../../infra/config/validate";
import { REGIONS } from "../../../infra/regions";

const P = "action1-okta-sso";
const OKTA_TOKEN = "fake-okta-token-not-a-real-secret";
const A1_ID = "fake-action1-client-id-not-real";
const A1_SECRET = "fake-action1-secret-not-a-real-secret";

const BASE: Record<string, string> = {
  "okta:orgName": "example-org",
  "okta:baseUrl": "okta.com",
  "okta:apiToken": OKTA_TOKEN,
  [`${P}:action1ClientId`]: A1_ID,
  [`${P}:action1ClientSecret`]: A1_SECRET,
  [`${P}:groups`]: '["Action1 Admins"]',
};
const SECRET_KEYS = ["okta:apiToken", `${P}:action1ClientId`, `${P}:action1ClientSecret`];

/** BASE with project keys (short names) and okta keys (with namespace) overridden. */
function raw(over: Record<string, string | undefined> = {}, stack = "na"): RawConfig {
  const values: Record<string, string | undefined> = { ...BASE };
  for (const [k, v] of Object.entries(over)) {
    const key = k.includes(":") ? k : `${P}:${k}`;
    if (v === undefined) delete values[key];
    else values[key] = v;
  }
  return { stack, values, secretKeys: new Set(SECRET_KEYS), env: {} };
}

/** The problem lines of the error (without the header). */
function lines(over: Record<string, string | undefined>, stack = "na"): string[] {
  try {
    parseConfig(raw(over, stack));
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message.split("\n").slice(1);
  }
  throw new Error("config was accepted");
}

describe("valid config", () => {
  it("applies every default and puts the region's redirect URI first", () => {
    const result = validateConfig(raw());
    expect(result).toEqual({
      ok: true,
      config: {
        stack: "na",
        region: REGIONS.na,
        action1ApiBaseUrl: "https://app.action1.com/api/3.0",
        allowInsecureEndpoints: false,
        okta: {
          orgName: "example-org",
          baseUrl: "okta.com",
          orgUrl: "https://example-org.okta.com",
        },
        app: {
          label: "Action1",
          grantTypes: ["authorization_code", "refresh_token"],
          redirectUris: ["https://app.action1.com/sso/login"],
          tokenEndpointAuthMethod: "client_secret_basic",
          consentMethod: "TRUSTED",
          issuerMode: "ORG_URL",
          refreshTokenRotation: "STATIC",
          hideAppTile: false,
          implicitAssignment: false,
        },
        groups: ["Action1 Admins"],
        authorizationServer: { kind: "org" },
        clientSecretRotation: "1",
        users: [],
        idpDeleteProtection: "refuse-if-locks-out",
      },
    });
  });

  it("lets config region override the stack name, and keeps extra redirect URIs in order", () => {
    const result = validateConfig(
      raw(
        {
          region: "au",
          extraRedirectUris: JSON.stringify([
            "https://app.eu.action1.com/sso/login",
            "https://app.action1.com/sso/login",
          ]),
          grantTypes: '["authorization_code","client_credentials"]',
          authorizationServer: "Action1 AU",
          issuerMode: "CUSTOM_URL",
          customDomain: "login.example.com",
        },
        "production-au",
      ),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.config.region.key).toBe("au");
    expect(result.config.app.redirectUris).toEqual([
      "https://app.au.action1.com/sso/login",
      "https://app.eu.action1.com/sso/login",
      "https://app.action1.com/sso/login",
    ]);
    expect(result.config.app.grantTypes).toEqual(["authorization_code", "client_credentials"]);
    expect(result.config.authorizationServer).toEqual({ kind: "custom", name: "Action1 AU" });
    expect(result.config.app.customDomain).toBe("login.example.com");
  });

  it("accepts the sandbox: http loopback endpoints with allowInsecureEndpoints", () => {
    const result = validateConfig(
      raw({
        allowInsecureEndpoints: "true",
        action1ApiBaseUrl: "http://127.0.0.1:4010/api/3.0/",
        "okta:httpProxy": "http://127.0.0.1:4020",
      }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.config.action1ApiBaseUrl).toBe("http://127.0.0.1:4010/api/3.0");
    // The proxy carries the requests; the org (and its issuer) keeps its https name.
    expect(result.config.okta.orgUrl).toBe("https://example-org.okta.com");
    expect(result.config.okta.httpProxy).toBe("http://127.0.0.1:4020");
  });

  it("parses users, comparing nothing case-sensitively", () => {
    const result = validateConfig(
      raw({
        users: JSON.stringify([
          "breakglass@example.invalid | password | Enterprise Admin",
          " Alice@Example.invalid|okta|Enterprise Admin, Helpdesk | disabled ",
        ]),
      }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.config.users).toEqual([
      {
        email: "breakglass@example.invalid",
        signIn: "password",
        roles: ["Enterprise Admin"],
        enabled: true,
      },
      {
        email: "Alice@Example.invalid",
        signIn: "okta",
        roles: ["Enterprise Admin", "Helpdesk"],
        enabled: false,
      },
    ]);
  });

  it("takes Okta org and credential from the OKTA_* environment the plugin also reads", () => {
    const values = { ...raw().values };
    delete values["okta:orgName"];
    delete values["okta:baseUrl"];
    delete values["okta:apiToken"];
    const result = validateConfig({
      stack: "na",
      values,
      env: { OKTA_ORG_NAME: "env-org", OKTA_BASE_URL: "oktapreview.com", OKTA_API_TOKEN: "x-fake" },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.config.okta.orgUrl).toBe("https://env-org.oktapreview.com");
  });
});

describe("each invalid-config rule has its exact message", () => {
  const cases: [string, Record<string, string | undefined>, string[], string?][] = [
    [
      "unknown region",
      { region: "mars" },
      [
        '- region = "mars": is not an Action1 region. Allowed: na, eu, au, na-2. Fix: set it in ' +
          "Pulumi.na.yaml, e.g. pulumi config set --stack na region na.",
      ],
    ],
    [
      "stack name that is no region, without region",
      {},
      [
        '- region = (not set): is not set and the stack name "dev" is not a region key. Allowed: ' +
          "na, eu, au, na-2. Fix: set it in Pulumi.dev.yaml, e.g. pulumi config set --stack dev " +
          "region na.",
      ],
      "dev",
    ],
    [
      "plain-http API URL without allowInsecureEndpoints",
      { action1ApiBaseUrl: "http://127.0.0.1:4010/api/3.0" },
      [
        '- action1ApiBaseUrl = "http://127.0.0.1:4010/api/3.0": uses plain http, which needs ' +
          "allowInsecureEndpoints: true. Allowed: https://app.action1.com/api/3.0 (the region's own " +
          "API); a loopback URL such as http://127.0.0.1:<port>/api/3.0 only with " +
          "allowInsecureEndpoints. Fix: remove action1ApiBaseUrl from Pulumi.na.yaml to use " +
          "https://app.action1.com/api/3.0.",
      ],
    ],
    [
      "plain-http API URL on a non-loopback host",
      { action1ApiBaseUrl: "http://api.example.invalid/api/3.0", allowInsecureEndpoints: "true" },
      [
        '- action1ApiBaseUrl = "http://api.example.invalid/api/3.0": uses plain http on a host ' +
          "other than 127.0.0.1. Allowed: https://app.action1.com/api/3.0 (the region's own " +
          "API); a loopback URL such as http://127.0.0.1:<port>/api/3.0 only with " +
          "allowInsecureEndpoints. Fix: remove action1ApiBaseUrl from Pulumi.na.yaml to use " +
          "https://app.action1.com/api/3.0.",
      ],
    ],
    [
      "missing Action1 credentials",
      { action1ClientId: undefined, action1ClientSecret: undefined },
      [
        "- action1ClientId = (not set): is required and not set. Allowed: an Action1 API client " +
          "ID. Fix: pulumi config set --stack na --secret action1ClientId (never commit it in " +
          "plaintext).",
        "- action1ClientSecret = (not set): is required and not set. Allowed: an Action1 API " +
          "client secret. Fix: pulumi config set --stack na --secret action1ClientSecret (never " +
          "commit it in plaintext).",
      ],
    ],
    [
      "the implicit grant",
      { grantTypes: '["authorization_code","implicit"]' },
      [
        '- grantTypes[1] = "implicit": the implicit grant is not allowed: it returns tokens in ' +
          "the browser URL, and Action1 signs in with the authorization code flow. Allowed: " +
          "authorization_code, refresh_token, client_credentials. Fix: remove it from grantTypes " +
          "in Pulumi.na.yaml.",
      ],
    ],
    [
      "an unknown grant type and a repeated one",
      { grantTypes: '["authorization_code","password","authorization_code"]' },
      [
        '- grantTypes[1] = "password": "password" is not a grant type this app may use. ' +
          "Allowed: authorization_code, refresh_token, client_credentials. Fix: remove it from " +
          "grantTypes in Pulumi.na.yaml.",
        '- grantTypes[2] = "authorization_code": "authorization_code" is listed twice. Allowed: ' +
          "each grant type once. Fix: remove it from grantTypes in Pulumi.na.yaml.",
      ],
    ],
    [
      "a web app without authorization_code",
      { grantTypes: '["client_credentials"]' },
      [
        '- grantTypes = ["client_credentials"]: has no "authorization_code": a web app must ' +
          "allow the authorization code flow. Allowed: authorization_code, refresh_token, " +
          "client_credentials. Fix: add authorization_code to grantTypes in Pulumi.na.yaml.",
      ],
    ],
    [
      "refresh_token without authorization_code",
      { grantTypes: '["refresh_token"]' },
      [
        '- grantTypes = ["refresh_token"]: has no "authorization_code": a web app must allow ' +
          "the authorization code flow. Allowed: authorization_code, refresh_token, " +
          "client_credentials. Fix: add authorization_code to grantTypes in Pulumi.na.yaml.",
        '- grantTypes = ["refresh_token"]: "refresh_token" needs "authorization_code" (refresh ' +
          "tokens come from it). Allowed: refresh_token only together with authorization_code. " +
          "Fix: add authorization_code to grantTypes in Pulumi.na.yaml.",
      ],
    ],
    [
      "grantTypes that is not a list",
      { grantTypes: "authorization_code" },
      [
        '- grantTypes = "authorization_code": is not a list. Allowed: a YAML list of strings. ' +
          "Fix: edit grantTypes in Pulumi.na.yaml.",
      ],
    ],
    [
      "auth method none",
      { tokenEndpointAuthMethod: "none" },
      [
        '- tokenEndpointAuthMethod = "none": "none" makes a public client, which Okta rejects ' +
          "for a web app. Allowed: client_secret_basic, client_secret_post. Fix: set it in " +
          "Pulumi.na.yaml, e.g. pulumi config set --stack na tokenEndpointAuthMethod " +
          "client_secret_basic.",
      ],
    ],
    [
      "an unsupported auth method",
      { tokenEndpointAuthMethod: "private_key_jwt" },
      [
        '- tokenEndpointAuthMethod = "private_key_jwt": "private_key_jwt" is not a supported ' +
          "token endpoint auth method. Allowed: client_secret_basic, client_secret_post. Fix: " +
          "set it in Pulumi.na.yaml, e.g. pulumi config set --stack na tokenEndpointAuthMethod " +
          "client_secret_basic.",
      ],
    ],
    [
      "CUSTOM_URL without a custom domain",
      { issuerMode: "CUSTOM_URL" },
      [
        "- customDomain = (not set): is required when issuerMode is CUSTOM_URL. Allowed: the " +
          "Okta custom domain host name, like login.example.com. Fix: set it in Pulumi.na.yaml, " +
          "e.g. pulumi config set --stack na customDomain login.example.com, or use issuerMode " +
          "ORG_URL.",
      ],
    ],
    [
      "a custom domain with a scheme",
      { customDomain: "https://login.example.com" },
      [
        '- customDomain = "https://login.example.com": is not a host name (no scheme, no ' +
          "path). Allowed: a host name like login.example.com. Fix: set it in Pulumi.na.yaml, " +
          "e.g. pulumi config set --stack na customDomain login.example.com.",
      ],
    ],
    [
      "implicit assignment with groups",
      { implicitAssignment: "true" },
      [
        "- implicitAssignment = true: cannot be combined with groups (1 listed): Okta rejects " +
          "group assignments to an app in Federation Broker Mode. Allowed: false when groups are " +
          "listed. Fix: set implicitAssignment to false, or remove groups, in Pulumi.na.yaml.",
      ],
    ],
    [
      "implicit assignment with a custom authorization server",
      { implicitAssignment: "true", groups: "[]", authorizationServer: "Action1 NA" },
      [
        "- groups = []: is empty: users reach the app only through groups. Allowed: one or more " +
          "exact Okta group names. Fix: list the Okta groups under action1-okta-sso:groups in " +
          "Pulumi.na.yaml.",
        "- implicitAssignment = true: cannot be combined with a custom authorization server: " +
          "its access rule is scoped to the assigned groups. Allowed: false with a custom " +
          "authorization server. Fix: set implicitAssignment to false and list groups in " +
          "Pulumi.na.yaml.",
      ],
    ],
    [
      "an Action1 API URL on another host, region, path or with a query",
      { action1ApiBaseUrl: "https://collector.example.invalid/api/3.0" },
      [
        '- action1ApiBaseUrl = "https://collector.example.invalid/api/3.0": is not on the North ' +
          "America region's Action1 host app.action1.com (Action1 API credentials work only in " +
          "their own region, and are sent to this URL). Allowed: https://app.action1.com/api/3.0 " +
          "(the region's own API); a loopback URL such as http://127.0.0.1:<port>/api/3.0 only " +
          "with allowInsecureEndpoints. Fix: remove action1ApiBaseUrl from Pulumi.na.yaml to use " +
          "https://app.action1.com/api/3.0.",
      ],
    ],
    [
      "an Action1 API URL without the API path",
      { action1ApiBaseUrl: "https://app.action1.com/api/2.0?x=1" },
      [
        '- action1ApiBaseUrl = "https://app.action1.com/api/2.0?x=1": must not have a query or ' +
          "fragment. Allowed: https://app.action1.com/api/3.0 (the region's own API); a loopback " +
          "URL such as http://127.0.0.1:<port>/api/3.0 only with allowInsecureEndpoints. Fix: " +
          "remove action1ApiBaseUrl from Pulumi.na.yaml to use https://app.action1.com/api/3.0.",
      ],
    ],
    [
      "a custom domain Okta would ignore, and refresh rotation without refresh tokens",
      {
        customDomain: "login.example.invalid",
        grantTypes: '["authorization_code"]',
        refreshTokenRotation: "ROTATE",
      },
      [
        '- customDomain = "login.example.invalid": is set but issuerMode is ORG_URL, so Okta ' +
          "would ignore it. Allowed: a custom domain only with issuerMode CUSTOM_URL. Fix: " +
          "remove customDomain, or set issuerMode to CUSTOM_URL, in Pulumi.na.yaml.",
        "- refreshTokenRotation = ROTATE: rotates refresh tokens, but grantTypes has no " +
          '"refresh_token". Allowed: ROTATE only together with the refresh_token grant; ' +
          "otherwise STATIC. Fix: set refreshTokenRotation to STATIC, or add refresh_token to " +
          "grantTypes, in Pulumi.na.yaml.",
      ],
    ],
    [
      "a non-https redirect URI",
      { extraRedirectUris: '["http://app.action1.com/sso/login"]' },
      [
        '- extraRedirectUris[0] = "http://app.action1.com/sso/login": is not https. Allowed: ' +
          "an https URL on an Action1 console host (app.action1.com, app.eu.action1.com, " +
          "app.au.action1.com, app.na-2.action1.com). Fix: fix or remove it in Pulumi.na.yaml " +
          "(allowNonAction1RedirectUris: true allows other hosts).",
      ],
    ],
    [
      "a non-Action1 redirect URI",
      { extraRedirectUris: '["https://sso.example.invalid/callback"]' },
      [
        '- extraRedirectUris[0] = "https://sso.example.invalid/callback": is not on an Action1 ' +
          "console host. Allowed: an https URL on an Action1 console host (app.action1.com, " +
          "app.eu.action1.com, app.au.action1.com, app.na-2.action1.com). Fix: fix or remove it " +
          "in Pulumi.na.yaml (allowNonAction1RedirectUris: true allows other hosts).",
      ],
    ],
    [
      "a non-https redirect URI even when other hosts are allowed",
      {
        extraRedirectUris: '["http://sso.example.invalid/callback"]',
        allowNonAction1RedirectUris: "true",
      },
      [
        '- extraRedirectUris[0] = "http://sso.example.invalid/callback": is not https. ' +
          "Allowed: an https URL without fragment, not listed before. Fix: fix or remove it in " +
          "Pulumi.na.yaml.",
      ],
    ],
    [
      "a redirect URI repeating the region's",
      { extraRedirectUris: '["https://app.action1.com/sso/login"]' },
      [
        '- extraRedirectUris[0] = "https://app.action1.com/sso/login": is already listed (the ' +
          "region's redirect URI comes first). Allowed: an https URL on an Action1 console host " +
          "(app.action1.com, app.eu.action1.com, app.au.action1.com, app.na-2.action1.com). Fix: " +
          "fix or remove it in Pulumi.na.yaml (allowNonAction1RedirectUris: true allows other " +
          "hosts).",
      ],
    ],
    [
      "a redirect URI with a fragment",
      { extraRedirectUris: '["https://app.eu.action1.com/sso/login#x"]' },
      [
        '- extraRedirectUris[0] = "https://app.eu.action1.com/sso/login#x": has a fragment, ' +
          "which OAuth forbids. Allowed: an https URL on an Action1 console host " +
          "(app.action1.com, app.eu.action1.com, app.au.action1.com, app.na-2.action1.com). Fix: " +
          "fix or remove it in Pulumi.na.yaml (allowNonAction1RedirectUris: true allows other " +
          "hosts).",
      ],
    ],
    [
      "no groups without implicit assignment",
      { groups: "[]" },
      [
        "- groups = []: is empty: users reach the app only through groups. Allowed: one or more " +
          "exact Okta group names. Fix: list the Okta groups under action1-okta-sso:groups in " +
          "Pulumi.na.yaml.",
      ],
    ],
    [
      "missing groups",
      { groups: undefined },
      [
        "- groups = (not set): is required and not set. Allowed: a list of exact Okta group " +
          "names. Fix: list the Okta groups under action1-okta-sso:groups in Pulumi.na.yaml.",
      ],
    ],
    [
      "a repeated group and one with stray spaces",
      { groups: '["Action1 Admins"," Action1 Helpdesk","action1 ADMINS"]' },
      [
        '- groups[1] = " Action1 Helpdesk": has leading or trailing spaces (group names match ' +
          "exactly). Allowed: an exact Okta group name. Fix: list the Okta groups under " +
          "action1-okta-sso:groups in Pulumi.na.yaml.",
        '- groups[2] = "action1 ADMINS": is listed twice (group names are compared ' +
          "case-insensitively). Allowed: each group once. Fix: list the Okta groups under " +
          "action1-okta-sso:groups in Pulumi.na.yaml.",
      ],
    ],
    [
      "a boolean that is not one",
      { hideAppTile: "yes" },
      [
        '- hideAppTile = "yes": is not a boolean. Allowed: true or false. Fix: set it in ' +
          "Pulumi.na.yaml, e.g. pulumi config set --stack na hideAppTile false.",
      ],
    ],
    [
      "bad enum values",
      { consentMethod: "ASK", refreshTokenRotation: "rotate", idpDeleteProtection: "never" },
      [
        '- consentMethod = "ASK": "ASK" is not a consent method. Allowed: TRUSTED, REQUIRED. ' +
          "Fix: set it in Pulumi.na.yaml, e.g. pulumi config set --stack na consentMethod " +
          "TRUSTED.",
        '- refreshTokenRotation = "rotate": "rotate" is not a refresh token rotation. Allowed: ' +
          "STATIC, ROTATE. Fix: set it in Pulumi.na.yaml, e.g. pulumi config set --stack na " +
          "refreshTokenRotation STATIC.",
        '- idpDeleteProtection = "never": "never" is not a delete protection. Allowed: ' +
          "refuse-if-locks-out, allow. Fix: set it in Pulumi.na.yaml, e.g. pulumi config set " +
          "--stack na idpDeleteProtection refuse-if-locks-out.",
      ],
    ],
    [
      "users: bad email, sign-in, roles, state, field count",
      {
        users: JSON.stringify([
          "not-an-email | sso | Enterprise Admin,  | maybe",
          "bob@example.invalid | okta",
        ]),
      },
      [
        '- users[0] = "not-an-email | sso | Enterprise Admin,  | maybe": email "not-an-email" ' +
          "is not an email address. Allowed: name@domain. Fix: edit users in Pulumi.na.yaml.",
        '- users[0] = "not-an-email | sso | Enterprise Admin,  | maybe": sign-in "sso" is not a ' +
          "sign-in method. Allowed: okta or password. Fix: edit users in Pulumi.na.yaml.",
        '- users[0] = "not-an-email | sso | Enterprise Admin,  | maybe": roles "Enterprise ' +
          'Admin," has an empty role. Allowed: one or more non-empty role names separated by ' +
          "commas. Fix: edit users in Pulumi.na.yaml.",
        '- users[0] = "not-an-email | sso | Enterprise Admin,  | maybe": state "maybe" is not a ' +
          "user state. Allowed: enabled or disabled (default enabled). Fix: edit users in " +
          "Pulumi.na.yaml.",
        '- users[1] = "bob@example.invalid | okta": has 2 "|"-separated field(s), expected 3 or ' +
          '4. Allowed: "email | okta or password | role, role [| enabled or disabled]". Fix: ' +
          "edit users in Pulumi.na.yaml.",
      ],
    ],
    [
      "users: the same email twice, in other case",
      {
        users: JSON.stringify([
          "alice@example.invalid | okta | Enterprise Admin",
          "ALICE@example.invalid | password | Helpdesk",
        ]),
      },
      [
        '- users[1] = "ALICE@example.invalid | password | Helpdesk": repeats the email of ' +
          "users[0] (emails are compared case-insensitively). Allowed: each email once. Fix: " +
          "edit users in Pulumi.na.yaml.",
      ],
    ],
    [
      "users: one role named twice (id and name of Enterprise Admin)",
      {
        users: JSON.stringify([
          "alice@example.invalid | okta | Enterprise Admin, enterprise_admin",
        ]),
      },
      [
        '- users[0] = "alice@example.invalid | okta | Enterprise Admin, enterprise_admin": roles ' +
          '"Enterprise Admin, enterprise_admin" name one role twice ("Enterprise Admin", ' +
          '"enterprise_admin"). Allowed: each role once (enterprise_admin and Enterprise Admin ' +
          "are the same role). Fix: edit users in Pulumi.na.yaml.",
      ],
    ],
    [
      "a typo in a key",
      { grantType: '["authorization_code"]' },
      [
        '- grantType = "[\\"authorization_code\\"]": is not a config key of this project (did ' +
          "you mean grantTypes?). Allowed: the keys declared in Pulumi.yaml. Fix: rename or " +
          "remove it in Pulumi.na.yaml.",
      ],
    ],
    [
      "no Okta org and domain",
      { "okta:orgName": undefined, "okta:baseUrl": "https://okta.com" },
      [
        "- okta:orgName = (not set): is required: it names the Okta org. Allowed: the org's " +
          "subdomain, e.g. example-org for https://example-org.okta.com. Fix: pulumi config set " +
          "--stack na okta:orgName example-org.",
        '- okta:baseUrl = "https://okta.com": is not a domain (no scheme, no org name). ' +
          "Allowed: okta.com, oktapreview.com, okta-emea.com or another Okta domain. Fix: " +
          "pulumi config set --stack na okta:baseUrl okta.com.",
      ],
    ],
    [
      "an admin org URL",
      { "okta:orgName": "example-org-admin" },
      [
        '- okta:orgName = "example-org-admin": is not an Okta org name. Allowed: letters, ' +
          "digits and dashes, without the -admin suffix. Fix: pulumi config set --stack na " +
          "okta:orgName example-org.",
      ],
    ],
    [
      "no Okta credential",
      { "okta:apiToken": undefined },
      [
        "- okta:apiToken = (not set): no Okta credential is set (okta:apiToken, " +
          "okta:accessToken or okta:privateKey). Allowed: an Okta API token, or an OAuth service " +
          "app's key with its scopes. Fix: pulumi config set --stack na --secret okta:apiToken " +
          "(never commit it in plaintext).",
      ],
    ],
    [
      "a plain-http Okta proxy without allowInsecureEndpoints",
      { "okta:httpProxy": "http://127.0.0.1:4020" },
      [
        '- okta:httpProxy = "http://127.0.0.1:4020": uses plain http, which needs ' +
          "allowInsecureEndpoints: true. Allowed: an https URL; http://127.0.0.1 only with " +
          "allowInsecureEndpoints (sandbox). Fix: pulumi config rm --stack na okta:httpProxy.",
      ],
    ],
  ];

  it.each(cases)("%s", (_name, over, expected, stack = "na") => {
    expect(lines(over, stack)).toEqual(expected);
  });

  it("rejects an Okta API token stored in plaintext, without showing it", () => {
    const input = raw();
    const result = validateConfig({
      ...input,
      secretKeys: new Set(SECRET_KEYS.filter((k) => k !== "okta:apiToken")),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        key: "okta:apiToken",
        value: "[secret]",
        problem: "is stored in plaintext in the stack file",
        allowed: "an encrypted (secret) value",
        fix: "pulumi config set --stack na --secret okta:apiToken (never commit it in plaintext)",
      },
    ]);
  });
});

describe("all problems at once", () => {
  it("names the stack and lists every problem in one error, with no secret in it", () => {
    const over = {
      region: "mars",
      action1ClientSecret: undefined,
      grantTypes: '["implicit","refresh_token"]',
      tokenEndpointAuthMethod: "none",
      issuerMode: "CUSTOM_URL",
      implicitAssignment: "true",
      extraRedirectUris: '["http://evil.example.invalid/cb"]',
      // A secret pasted into a plain key must still not appear in the error.
      appLabel: "",
      users: JSON.stringify([
        `${A1_ID} | okta | Enterprise Admin`,
        `x@y.invalid | ${OKTA_TOKEN} | r`,
      ]),
      "okta:orgName": undefined,
    };
    let error: unknown;
    try {
      parseConfig(raw(over, "eu"));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e.stackName).toBe("eu");
    const keys = e.problems.map((p) => p.key);
    expect(keys).toEqual([
      "action1ClientSecret",
      "appLabel",
      "grantTypes[0]",
      "tokenEndpointAuthMethod",
      "users[0]",
      "users[1]",
      "region",
      "okta:orgName",
      "grantTypes",
      "grantTypes",
      "extraRedirectUris[0]",
      "customDomain",
      "implicitAssignment",
    ]);
    expect(e.message.split("\n")[0]).toBe(
      'Invalid config for stack "eu" (13 problems); nothing was deployed:',
    );
    expect(e.message.split("\n")).toHaveLength(14);
    for (const secret of [OKTA_TOKEN, A1_ID, A1_SECRET]) {
      expect(e.message).not.toContain(secret);
      expect(JSON.stringify(e.problems)).not.toContain(secret);
    }
    expect(e.message).toContain("[secret] | okta | Enterprise Admin");
  });
});
