import { z } from "zod";
import { ACTION1_HOSTS, type Action1Region, findRegion, REGION_KEYS } from "../regions";
import {
  AUTH_METHODS,
  CONSENT_METHODS,
  DELETE_PROTECTIONS,
  fullKey,
  GRANT_TYPES,
  ISSUER_MODES,
  KEYS,
  type KeySpec,
  PROJECT,
  REFRESH_ROTATIONS,
} from "./keys";
import { ConfigError, NOT_SET, type Problem, SECRET, showValue } from "./problems";
import { emailKey, parseUser, USER_FORMAT, type UserSpec } from "./users";

/** Config as the program receives it: every value a string, keys with namespace. */
export interface RawConfig {
  readonly stack: string;
  readonly values: Readonly<Record<string, string | undefined>>;
  /** Full keys Pulumi marks secret; undefined when the runtime cannot tell. */
  readonly secretKeys?: ReadonlySet<string>;
  /** Environment the Okta provider plugin also reads (OKTA_*). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export type GrantType = (typeof GRANT_TYPES)[number];
export type IssuerMode = (typeof ISSUER_MODES)[number];
export type AuthorizationServer = { kind: "org" } | { kind: "custom"; name: string };

/** The validated config of one stack. Action1 credentials are checked, never carried. */
export interface StackConfig {
  readonly stack: string;
  readonly region: Action1Region;
  readonly action1ApiBaseUrl: string;
  readonly allowInsecureEndpoints: boolean;
  readonly okta: {
    readonly orgName: string;
    readonly baseUrl: string;
    /** `okta:httpProxy`: replaces the org URL (sandbox). */
    readonly httpProxy?: string;
    /** `https://<orgName>.<baseUrl>`, also with a proxy (it only carries the requests). */
    readonly orgUrl: string;
  };
  readonly app: {
    readonly label: string;
    readonly grantTypes: readonly GrantType[];
    /** The region's redirect URI first, then `extraRedirectUris` in order. */
    readonly redirectUris: readonly string[];
    readonly tokenEndpointAuthMethod: (typeof AUTH_METHODS)[number];
    readonly consentMethod: (typeof CONSENT_METHODS)[number];
    readonly issuerMode: IssuerMode;
    readonly customDomain?: string;
    readonly refreshTokenRotation: (typeof REFRESH_ROTATIONS)[number];
    readonly hideAppTile: boolean;
    readonly implicitAssignment: boolean;
  };
  readonly groups: readonly string[];
  readonly authorizationServer: AuthorizationServer;
  readonly clientSecretRotation: string;
  readonly users: readonly UserSpec[];
  readonly idpDeleteProtection: (typeof DELETE_PROTECTIONS)[number];
}

export type ValidationResult =
  | { readonly ok: true; readonly config: StackConfig }
  | { readonly ok: false; readonly problems: readonly Problem[] };

interface IssueParams {
  allowed?: string;
  fix?: string;
  value?: unknown;
  /** Show the value as `[secret]`. */
  secret?: boolean;
}

type Ctx = z.RefinementCtx;

function report(ctx: Ctx, message: string, params: IssueParams = {}, path: number[] = []): void {
  ctx.addIssue({ code: "custom", message, params: { ...params }, path });
}

const HOST_RE =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

function list(values: readonly string[]): string {
  return values.join(", ");
}

function oneOf<T extends string>(values: readonly T[], what: string) {
  return z.string().transform((v, ctx): T => {
    if (!(values as readonly string[]).includes(v)) {
      report(ctx, `${JSON.stringify(v)} is not ${what}`, { allowed: list(values) });
      return z.NEVER;
    }
    return v as T;
  });
}

const bool = z.string().transform((v, ctx) => {
  if (v !== "true" && v !== "false") {
    report(ctx, "is not a boolean", { allowed: "true or false" });
    return z.NEVER;
  }
  return v === "true";
});

const stringList = z.string().transform((v, ctx): string[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    report(ctx, "is not a list", { allowed: "a YAML list of strings" });
    return z.NEVER;
  }
  const result = z.array(z.string()).safeParse(parsed);
  if (!result.success) {
    if (!Array.isArray(parsed)) {
      report(ctx, "is not a list", { allowed: "a YAML list of strings", value: parsed });
    } else {
      parsed.forEach((item, i) => {
        if (typeof item !== "string") {
          report(ctx, "is not a string", { allowed: "text", value: item }, [i]);
        }
      });
    }
    return z.NEVER;
  }
  return result.data;
});

function nonEmpty(what: string) {
  return z.string().transform((v, ctx) => {
    if (v.trim() === "") {
      report(ctx, `is empty`, { allowed: what });
      return z.NEVER;
    }
    return v.trim();
  });
}

function httpsUrl(v: string): URL | undefined {
  try {
    return new URL(v);
  } catch {
    return undefined;
  }
}

const grantTypes = (stack: string) =>
  stringList.transform((items, ctx): GrantType[] => {
    const fix = `remove it from grantTypes in Pulumi.${stack}.yaml`;
    const seen = new Set<string>();
    items.forEach((g, i) => {
      if (g === "implicit") {
        report(
          ctx,
          "the implicit grant is not allowed: it returns tokens in the browser URL, and Action1 " +
            "signs in with the authorization code flow",
          { allowed: list(GRANT_TYPES), value: g, fix },
          [i],
        );
      } else if (!(GRANT_TYPES as readonly string[]).includes(g)) {
        report(
          ctx,
          `${JSON.stringify(g)} is not a grant type this app may use`,
          { value: g, allowed: list(GRANT_TYPES), fix },
          [i],
        );
      } else if (seen.has(g)) {
        report(
          ctx,
          `${JSON.stringify(g)} is listed twice`,
          { value: g, allowed: "each grant type once", fix },
          [i],
        );
      }
      seen.add(g);
    });
    return items as GrantType[];
  });

export function validateConfig(raw: RawConfig): ValidationResult {
  const { stack } = raw;
  const env = raw.env ?? {};
  const problems: Problem[] = [];
  const set = (key: string, example: string) =>
    `set it in Pulumi.${stack}.yaml, e.g. pulumi config set --stack ${stack} ${key} ${example}`;
  const secretSet = (key: string) =>
    `pulumi config set --stack ${stack} --secret ${key} (never commit it in plaintext)`;

  const decoded: Record<string, unknown> = {};

  function decodeKey<T>(
    spec: KeySpec,
    schema: z.ZodType<T>,
    allowed: string,
    fix: string,
  ): T | undefined {
    const given = raw.values[fullKey(spec.name)];
    const text = given ?? defaultText(spec);
    if (text === undefined) {
      problems.push({
        key: spec.name,
        value: NOT_SET,
        problem: "is required and not set",
        allowed,
        fix: spec.secret ? secretSet(spec.name) : fix,
      });
      return undefined;
    }
    const result = schema.safeParse(text);
    if (result.success) {
      decoded[spec.name] = result.data;
      return result.data;
    }
    for (const issue of result.error.issues) {
      const params = ("params" in issue ? issue.params : undefined) as IssueParams | undefined;
      const path = issue.path.map((p) => `[${String(p)}]`).join("");
      const shown =
        spec.secret || params?.secret
          ? SECRET
          : showValue(params && "value" in params ? params.value : text);
      problems.push({
        key: `${spec.name}${path}`,
        value: shown,
        problem: issue.message,
        allowed: params?.allowed ?? allowed,
        fix: params?.fix ?? fix,
      });
    }
    return undefined;
  }

  const spec = (name: string): KeySpec => {
    const s = KEYS.find((k) => k.name === name);
    if (!s) throw new Error(`internal: no config key ${name}`);
    return s;
  };

  // ---- single keys -------------------------------------------------------------------------
  const regionText = decodeKey(spec("region"), z.string(), list(REGION_KEYS), set("region", "na"));
  const apiBaseText = decodeKey(
    spec("action1ApiBaseUrl"),
    z.string(),
    "https://<Action1 host>/api/3.0",
    set("action1ApiBaseUrl", "https://app.action1.com/api/3.0"),
  );
  decodeKey(
    spec("action1ClientId"),
    nonEmpty("an Action1 API client ID"),
    "an Action1 API client ID",
    secretSet("action1ClientId"),
  );
  decodeKey(
    spec("action1ClientSecret"),
    nonEmpty("an Action1 API client secret"),
    "an Action1 API client secret",
    secretSet("action1ClientSecret"),
  );
  const allowInsecure = decodeKey(
    spec("allowInsecureEndpoints"),
    bool,
    "true or false",
    set("allowInsecureEndpoints", "false"),
  );
  const label = decodeKey(
    spec("appLabel"),
    nonEmpty("a non-empty label"),
    "a non-empty label",
    set("appLabel", "Action1"),
  );
  const grants = decodeKey(
    spec("grantTypes"),
    grantTypes(stack),
    list(GRANT_TYPES),
    `edit grantTypes in Pulumi.${stack}.yaml`,
  );
  const extraUris = decodeKey(
    spec("extraRedirectUris"),
    stringList,
    "a list of https URLs",
    `edit extraRedirectUris in Pulumi.${stack}.yaml`,
  );
  const allowNonAction1 = decodeKey(
    spec("allowNonAction1RedirectUris"),
    bool,
    "true or false",
    set("allowNonAction1RedirectUris", "false"),
  );
  const authMethod = decodeKey(
    spec("tokenEndpointAuthMethod"),
    z.string().transform((v, ctx) => {
      if (v === "none") {
        report(ctx, '"none" makes a public client, which Okta rejects for a web app', {
          allowed: list(AUTH_METHODS),
        });
        return z.NEVER;
      }
      if (!(AUTH_METHODS as readonly string[]).includes(v)) {
        report(ctx, `${JSON.stringify(v)} is not a supported token endpoint auth method`, {
          allowed: list(AUTH_METHODS),
        });
        return z.NEVER;
      }
      return v as (typeof AUTH_METHODS)[number];
    }),
    list(AUTH_METHODS),
    set("tokenEndpointAuthMethod", "client_secret_basic"),
  );
  const consent = decodeKey(
    spec("consentMethod"),
    oneOf(CONSENT_METHODS, "a consent method"),
    list(CONSENT_METHODS),
    set("consentMethod", "TRUSTED"),
  );
  const issuerMode = decodeKey(
    spec("issuerMode"),
    oneOf(ISSUER_MODES, "an issuer mode"),
    list(ISSUER_MODES),
    set("issuerMode", "ORG_URL"),
  );
  const customDomain = decodeKey(
    spec("customDomain"),
    z.string().transform((v, ctx) => {
      const d = v.trim();
      if (d !== "" && !HOST_RE.test(d)) {
        report(ctx, "is not a host name (no scheme, no path)", {
          allowed: "a host name like login.example.com",
        });
        return z.NEVER;
      }
      return d;
    }),
    "a host name like login.example.com",
    set("customDomain", "login.example.com"),
  );
  const rotation = decodeKey(
    spec("refreshTokenRotation"),
    oneOf(REFRESH_ROTATIONS, "a refresh token rotation"),
    list(REFRESH_ROTATIONS),
    set("refreshTokenRotation", "STATIC"),
  );
  const hideAppTile = decodeKey(
    spec("hideAppTile"),
    bool,
    "true or false",
    set("hideAppTile", "false"),
  );
  const implicitAssignment = decodeKey(
    spec("implicitAssignment"),
    bool,
    "true or false",
    set("implicitAssignment", "false"),
  );
  const groups = decodeKey(
    spec("groups"),
    stringList.transform((items, ctx) => {
      // Okta group names are unique regardless of case, so two spellings are the same group.
      const seen = new Set<string>();
      items.forEach((g, i) => {
        if (g.trim() === "")
          report(ctx, "is empty", { value: g, allowed: "an Okta group name" }, [i]);
        else if (g.trim() !== g)
          report(
            ctx,
            "has leading or trailing spaces (group names match exactly)",
            { value: g, allowed: "an exact Okta group name" },
            [i],
          );
        else if (seen.has(g.toLowerCase()))
          report(
            ctx,
            "is listed twice (group names are compared case-insensitively)",
            { value: g, allowed: "each group once" },
            [i],
          );
        seen.add(g.toLowerCase());
      });
      return items;
    }),
    "a list of exact Okta group names",
    `list the Okta groups under ${fullKey("groups")} in Pulumi.${stack}.yaml`,
  );
  const authServer = decodeKey(
    spec("authorizationServer"),
    nonEmpty("org, or a custom authorization server name"),
    "org, or a custom authorization server name",
    set("authorizationServer", "org"),
  );
  const secretRotation = decodeKey(
    spec("clientSecretRotation"),
    nonEmpty("any non-empty text"),
    "any non-empty text",
    set("clientSecretRotation", "2"),
  );
  const users = decodeKey(
    spec("users"),
    stringList.transform((items, ctx): UserSpec[] => {
      const out: UserSpec[] = [];
      const seen = new Map<string, number>();
      items.forEach((entry, i) => {
        const { user, issues } = parseUser(entry);
        for (const u of issues) report(ctx, u.problem, { value: entry, allowed: u.allowed }, [i]);
        if (!user) return;
        const k = emailKey(user.email);
        const first = seen.get(k);
        if (first !== undefined) {
          report(
            ctx,
            `repeats the email of users[${first}] (emails are compared case-insensitively)`,
            { value: entry, allowed: "each email once" },
            [i],
          );
        } else seen.set(k, i);
        out.push(user);
      });
      return out;
    }),
    `a list of ${USER_FORMAT}`,
    `edit users in Pulumi.${stack}.yaml`,
  );
  const deleteProtection = decodeKey(
    spec("idpDeleteProtection"),
    oneOf(DELETE_PROTECTIONS, "a delete protection"),
    list(DELETE_PROTECTIONS),
    set("idpDeleteProtection", "refuse-if-locks-out"),
  );

  // ---- unknown keys (typos) -----------------------------------------------------------------
  const known = new Set(KEYS.map((k) => fullKey(k.name)));
  for (const key of Object.keys(raw.values).sort()) {
    if (!key.startsWith(`${PROJECT}:`) || known.has(key)) continue;
    const name = key.slice(PROJECT.length + 1);
    const near = closest(
      name,
      KEYS.map((k) => k.name),
    );
    problems.push({
      key: name,
      value: raw.secretKeys?.has(key) ? SECRET : showValue(raw.values[key]),
      problem: `is not a config key of this project${near ? ` (did you mean ${near}?)` : ""}`,
      allowed: "the keys declared in Pulumi.yaml",
      fix: `rename or remove it in Pulumi.${stack}.yaml`,
    });
  }

  // ---- region, endpoints ---------------------------------------------------------------------
  let region: Action1Region | undefined;
  if (regionText !== undefined) {
    const key = regionText.trim() === "" ? stack : regionText.trim();
    region = findRegion(key);
    if (!region) {
      problems.push(
        regionText.trim() === ""
          ? {
              key: "region",
              value: NOT_SET,
              problem: `is not set and the stack name "${stack}" is not a region key`,
              allowed: list(REGION_KEYS),
              fix: set("region", "na"),
            }
          : {
              key: "region",
              value: showValue(regionText),
              problem: "is not an Action1 region",
              allowed: list(REGION_KEYS),
              fix: set("region", "na"),
            },
      );
    }
  }

  let apiBaseUrl: string | undefined;
  if (apiBaseText !== undefined && region) {
    apiBaseUrl =
      apiBaseText.trim() === "" ? region.apiBaseUrl : apiBaseText.trim().replace(/\/+$/, "");
    const problem = action1EndpointProblem(apiBaseUrl, region, allowInsecure === true);
    if (problem) {
      problems.push({
        key: "action1ApiBaseUrl",
        value: showValue(apiBaseText),
        problem,
        allowed:
          `${region.apiBaseUrl} (the region's own API); a loopback URL such as ` +
          "http://127.0.0.1:<port>/api/3.0 only with allowInsecureEndpoints",
        fix: `remove action1ApiBaseUrl from Pulumi.${stack}.yaml to use ${region.apiBaseUrl}`,
      });
      apiBaseUrl = undefined;
    }
  }

  // ---- Okta provider config ------------------------------------------------------------------
  const okta = oktaProviderConfig(raw, env, allowInsecure === true, problems);

  // ---- cross-key rules -----------------------------------------------------------------------
  // Cross-key rules also run on a list whose items had problems, so one run reports them all.
  const rawList = (name: string): string[] | undefined => {
    const r = stringList.safeParse(raw.values[fullKey(name)] ?? defaultText(spec(name)) ?? "");
    return r.success ? r.data : undefined;
  };
  const grantsSeen = grants ?? rawList("grantTypes");
  const groupsSeen = groups ?? rawList("groups");
  if (grantsSeen) {
    const grants = grantsSeen;
    if (!grants.includes("authorization_code")) {
      problems.push({
        key: "grantTypes",
        value: showValue(grants),
        problem: 'has no "authorization_code": a web app must allow the authorization code flow',
        allowed: list(GRANT_TYPES),
        fix: `add authorization_code to grantTypes in Pulumi.${stack}.yaml`,
      });
      if (grants.includes("refresh_token")) {
        problems.push({
          key: "grantTypes",
          value: showValue(grants),
          problem: '"refresh_token" needs "authorization_code" (refresh tokens come from it)',
          allowed: "refresh_token only together with authorization_code",
          fix: `add authorization_code to grantTypes in Pulumi.${stack}.yaml`,
        });
      }
    }
  }

  const redirectUris: string[] = [];
  if (region) redirectUris.push(region.redirectUri);
  if (extraUris && allowNonAction1 !== undefined) {
    extraUris.forEach((uri, i) => {
      const problem = redirectProblem(uri, allowNonAction1, redirectUris);
      if (problem) {
        problems.push({
          key: `extraRedirectUris[${i}]`,
          value: showValue(uri),
          problem,
          allowed: allowNonAction1
            ? "an https URL without fragment, not listed before"
            : `an https URL on an Action1 console host (${list(ACTION1_HOSTS)})`,
          fix: allowNonAction1
            ? `fix or remove it in Pulumi.${stack}.yaml`
            : `fix or remove it in Pulumi.${stack}.yaml (allowNonAction1RedirectUris: true ` +
              "allows other hosts)",
        });
      } else redirectUris.push(uri);
    });
  }

  if (issuerMode === "CUSTOM_URL" && customDomain === "") {
    problems.push({
      key: "customDomain",
      value: NOT_SET,
      problem: "is required when issuerMode is CUSTOM_URL",
      allowed: "the Okta custom domain host name, like login.example.com",
      fix: `${set("customDomain", "login.example.com")}, or use issuerMode ORG_URL`,
    });
  }

  if (issuerMode !== undefined && issuerMode !== "CUSTOM_URL" && customDomain) {
    problems.push({
      key: "customDomain",
      value: showValue(customDomain),
      problem: `is set but issuerMode is ${issuerMode}, so Okta would ignore it`,
      allowed: "a custom domain only with issuerMode CUSTOM_URL",
      fix: `remove customDomain, or set issuerMode to CUSTOM_URL, in Pulumi.${stack}.yaml`,
    });
  }
  if (rotation === "ROTATE" && grantsSeen && !grantsSeen.includes("refresh_token")) {
    problems.push({
      key: "refreshTokenRotation",
      value: "ROTATE",
      problem: 'rotates refresh tokens, but grantTypes has no "refresh_token"',
      allowed: "ROTATE only together with the refresh_token grant; otherwise STATIC",
      fix: `set refreshTokenRotation to STATIC, or add refresh_token to grantTypes, in Pulumi.${stack}.yaml`,
    });
  }

  if (implicitAssignment === true && groupsSeen && groupsSeen.length > 0) {
    problems.push({
      key: "implicitAssignment",
      value: "true",
      problem:
        `cannot be combined with groups (${groupsSeen.length} listed): Okta rejects group ` +
        "assignments to an app in Federation Broker Mode",
      allowed: "false when groups are listed",
      fix: `set implicitAssignment to false, or remove groups, in Pulumi.${stack}.yaml`,
    });
  }
  if (groups && groups.length === 0) {
    problems.push({
      key: "groups",
      value: showValue(groups),
      problem: "is empty: users reach the app only through groups",
      allowed: "one or more exact Okta group names",
      fix: `list the Okta groups under ${fullKey("groups")} in Pulumi.${stack}.yaml`,
    });
  }
  if (implicitAssignment === true && authServer !== undefined && authServer !== "org") {
    problems.push({
      key: "implicitAssignment",
      value: "true",
      problem:
        "cannot be combined with a custom authorization server: its access rule is " +
        "scoped to the assigned groups",
      allowed: "false with a custom authorization server",
      fix: `set implicitAssignment to false and list groups in Pulumi.${stack}.yaml`,
    });
  }

  if (problems.length > 0) return { ok: false, problems };

  // Every value below was decoded (a missing one would have produced a problem).
  const must = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error("internal: config decoded without a value");
    return v;
  };
  const customDomainValue = must(customDomain);
  return {
    ok: true,
    config: {
      stack,
      region: must(region),
      action1ApiBaseUrl: must(apiBaseUrl),
      allowInsecureEndpoints: must(allowInsecure),
      okta: must(okta),
      app: {
        label: must(label),
        grantTypes: must(grants),
        redirectUris,
        tokenEndpointAuthMethod: must(authMethod),
        consentMethod: must(consent),
        issuerMode: must(issuerMode),
        ...(customDomainValue === "" ? {} : { customDomain: customDomainValue }),
        refreshTokenRotation: must(rotation),
        hideAppTile: must(hideAppTile),
        implicitAssignment: must(implicitAssignment),
      },
      groups: must(groups),
      authorizationServer:
        must(authServer) === "org" ? { kind: "org" } : { kind: "custom", name: must(authServer) },
      clientSecretRotation: must(secretRotation),
      users: must(users),
      idpDeleteProtection: must(deleteProtection),
    },
  };
}

/** Validates, or throws the one {@link ConfigError} listing every problem. */
export function parseConfig(raw: RawConfig): StackConfig {
  const result = validateConfig(raw);
  if (result.ok) return result.config;
  throw new ConfigError(raw.stack, result.problems, secretValues(raw));
}

/** Values that must never appear in an error: declared secrets and keys Pulumi marks secret. */
export function secretValues(raw: RawConfig): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(raw.values)) {
    if (value === undefined) continue;
    const declared = KEYS.some((k) => k.secret && fullKey(k.name) === key);
    if (declared || SECRET_PROVIDER_KEYS.includes(key) || raw.secretKeys?.has(key)) out.push(value);
  }
  for (const name of ["OKTA_API_TOKEN", "OKTA_ACCESS_TOKEN", "OKTA_API_PRIVATE_KEY"]) {
    const v = raw.env?.[name];
    if (v) out.push(v);
  }
  return out;
}

const SECRET_PROVIDER_KEYS = ["okta:apiToken", "okta:accessToken", "okta:privateKey"];

function defaultText(spec: KeySpec): string | undefined {
  if (spec.default === undefined) return undefined;
  return typeof spec.default === "string" ? spec.default : JSON.stringify(spec.default);
}

function endpointProblem(url: string, allowInsecure: boolean): string | undefined {
  const u = httpsUrl(url);
  if (!u || (u.protocol !== "https:" && u.protocol !== "http:")) return "is not an http(s) URL";
  if (u.username || u.password) return "must not carry credentials";
  if (u.protocol === "http:") {
    if (!allowInsecure) return "uses plain http, which needs allowInsecureEndpoints: true";
    if (!LOOPBACK.has(u.hostname)) return "uses plain http on a host other than 127.0.0.1";
  }
  return undefined;
}

/**
 * The Action1 API URL receives the Action1 API credentials, so it may only be the region's own
 * host (credentials work in one region only), or a loopback stand-in for the sandbox and tests.
 */
function action1EndpointProblem(
  url: string,
  region: Action1Region,
  allowInsecure: boolean,
): string | undefined {
  const problem = endpointProblem(url, allowInsecure);
  if (problem) return problem;
  const u = httpsUrl(url) as URL;
  if (u.search !== "" || u.hash !== "" || url.includes("?") || url.includes("#")) {
    return "must not have a query or fragment";
  }
  if (u.pathname !== "/api/3.0") return 'must end with the API path "/api/3.0"';
  if (LOOPBACK.has(u.hostname)) {
    return allowInsecure
      ? undefined
      : "is a loopback URL, which needs allowInsecureEndpoints: true";
  }
  if (u.hostname !== region.host) {
    return (
      `is not on the ${region.name} region's Action1 host ${region.host} (Action1 API ` +
      "credentials work only in their own region, and are sent to this URL)"
    );
  }
  return undefined;
}

function redirectProblem(
  uri: string,
  allowOtherHosts: boolean,
  before: readonly string[],
): string | undefined {
  const u = httpsUrl(uri);
  if (!u) return "is not a URL";
  if (u.protocol !== "https:") return "is not https";
  if (u.hash !== "" || uri.includes("#")) return "has a fragment, which OAuth forbids";
  if (uri.includes("*")) return "has a wildcard";
  if (!allowOtherHosts && !ACTION1_HOSTS.includes(u.hostname)) {
    return `is not on an Action1 console host`;
  }
  if (before.includes(uri)) return "is already listed (the region's redirect URI comes first)";
  return undefined;
}

function oktaProviderConfig(
  raw: RawConfig,
  env: Readonly<Record<string, string | undefined>>,
  allowInsecure: boolean,
  problems: Problem[],
): StackConfig["okta"] | undefined {
  const { stack } = raw;
  const get = (key: string, envName: string) => {
    const v = raw.values[`okta:${key}`] ?? env[envName];
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  };
  // Checked for form only: whether the org exists is known once the provider configures.
  const orgName = get("orgName", "OKTA_ORG_NAME");
  const baseUrl = get("baseUrl", "OKTA_BASE_URL");
  const httpProxy = get("httpProxy", "OKTA_HTTP_PROXY");
  const before = problems.length;
  if (orgName === undefined) {
    problems.push({
      key: "okta:orgName",
      value: NOT_SET,
      problem: "is required: it names the Okta org",
      allowed: "the org's subdomain, e.g. example-org for https://example-org.okta.com",
      fix: `pulumi config set --stack ${stack} okta:orgName example-org`,
    });
  } else if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i.test(orgName) || /-admin$/i.test(orgName)) {
    problems.push({
      key: "okta:orgName",
      value: showValue(orgName),
      problem: "is not an Okta org name",
      allowed: "letters, digits and dashes, without the -admin suffix",
      fix: `pulumi config set --stack ${stack} okta:orgName example-org`,
    });
  }
  if (baseUrl === undefined) {
    problems.push({
      key: "okta:baseUrl",
      value: NOT_SET,
      problem: "is required: it is the Okta domain after the org name",
      allowed: "okta.com, oktapreview.com, okta-emea.com or another Okta domain",
      fix: `pulumi config set --stack ${stack} okta:baseUrl okta.com`,
    });
  } else if (!HOST_RE.test(baseUrl)) {
    problems.push({
      key: "okta:baseUrl",
      value: showValue(baseUrl),
      problem: "is not a domain (no scheme, no org name)",
      allowed: "okta.com, oktapreview.com, okta-emea.com or another Okta domain",
      fix: `pulumi config set --stack ${stack} okta:baseUrl okta.com`,
    });
  }
  if (httpProxy !== undefined) {
    const problem = endpointProblem(httpProxy, allowInsecure);
    if (problem) {
      problems.push({
        key: "okta:httpProxy",
        value: showValue(httpProxy),
        problem,
        allowed: "an https URL; http://127.0.0.1 only with allowInsecureEndpoints (sandbox)",
        fix: `pulumi config rm --stack ${stack} okta:httpProxy`,
      });
    }
  }
  const hasCredential = ["apiToken", "accessToken", "privateKey"].some(
    (k) => (raw.values[`okta:${k}`] ?? "").trim() !== "",
  );
  const hasEnvCredential = ["OKTA_API_TOKEN", "OKTA_ACCESS_TOKEN", "OKTA_API_PRIVATE_KEY"].some(
    (k) => (env[k] ?? "").trim() !== "",
  );
  if (!hasCredential && !hasEnvCredential) {
    problems.push({
      key: "okta:apiToken",
      value: NOT_SET,
      problem: "no Okta credential is set (okta:apiToken, okta:accessToken or okta:privateKey)",
      allowed: "an Okta API token, or an OAuth service app's key with its scopes",
      fix: secretSetProvider(stack, "okta:apiToken"),
    });
  }
  for (const key of SECRET_PROVIDER_KEYS) {
    const v = raw.values[key];
    if (v !== undefined && raw.secretKeys && !raw.secretKeys.has(key)) {
      problems.push({
        key,
        value: SECRET,
        problem: "is stored in plaintext in the stack file",
        allowed: "an encrypted (secret) value",
        fix: secretSetProvider(stack, key),
      });
    }
  }
  if (problems.length > before || orgName === undefined || baseUrl === undefined) return undefined;
  return {
    orgName,
    baseUrl,
    ...(httpProxy === undefined ? {} : { httpProxy }),
    // The proxy is only a transport (the sandbox's local Okta plays the org): the org's issuer,
    // which Action1 is given, stays https://<orgName>.<baseUrl>.
    orgUrl: `https://${orgName}.${baseUrl}`,
  };
}

function secretSetProvider(stack: string, key: string): string {
  return `pulumi config set --stack ${stack} --secret ${key} (never commit it in plaintext)`;
}

/** The candidate nearest to `name` (case-insensitive edit distance <= 3), if any. */
function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
