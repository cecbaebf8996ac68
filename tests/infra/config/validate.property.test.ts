/**
 * Property: validation accepts exactly the valid configs. Configs are generated from atoms whose
 * validity is labelled by hand (not computed by the validator's code), and an independent oracle
 * combines the labels with the cross-key rules as docs/guides/okta-stacks.md states them.
 */
import fc from "fast-check";
import { ConfigError } from "../../../infra/config/problems";
import { parseConfig, type RawConfig, validateConfig } from "../../../infra/config/validate";

const P = "action1-okta-sso";
const SECRET_TOKEN = "fake-okta-token-not-a-real-secret";
const SECRET_A1 = "fake-action1-secret-not-a-real-secret";

/** A value with a hand-written verdict. */
interface Atom<T = string> {
  readonly v: T;
  readonly ok: boolean;
}
const atom = <T>(v: T, ok: boolean): Atom<T> => ({ v, ok });

/** Mostly values from `usual`, sometimes from `any`, so valid and invalid configs both occur. */
function mostly<T>(usual: fc.Arbitrary<T>, any: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.noBias(fc.oneof({ weight: 15, arbitrary: usual }, { weight: 1, arbitrary: any }));
}
/** Mostly the atoms labelled valid. */
function pick<T>(...pool: Atom<T>[]): fc.Arbitrary<Atom<T>> {
  return mostly(fc.constantFrom(...pool.filter((a) => a.ok)), fc.constantFrom(...pool));
}

const REGION_URI: Record<string, string> = {
  na: "https://app.action1.com/sso/login",
  eu: "https://app.eu.action1.com/sso/login",
  au: "https://app.au.action1.com/sso/login",
  "na-2": "https://app.na-2.action1.com/sso/login",
};

const stacks = mostly(
  fc.constantFrom("na", "eu", "au", "na-2", "NA"),
  fc.constantFrom("na", "dev", "prod-eu"),
);
const regions = mostly(
  fc.constantFrom<string | undefined>(undefined, ""),
  fc.constantFrom<string | undefined>(undefined, "", "na", "eu", "EU", "au", "mars"),
);
const grants = mostly<readonly string[]>(
  fc.constantFrom<readonly string[]>(
    ["authorization_code"],
    ["authorization_code", "refresh_token"],
    ["refresh_token", "client_credentials", "authorization_code"],
  ),
  fc.array(
    fc.constantFrom(
      "authorization_code",
      "refresh_token",
      "client_credentials",
      "implicit",
      "password",
    ),
    { maxLength: 4 },
  ),
);
/** Redirect URIs: [uri, https, has fragment, on an Action1 host]. */
type Uri = readonly [string, boolean, boolean, boolean];
const uris = mostly<readonly Uri[]>(
  fc.constantFrom<readonly Uri[]>(
    [],
    [["https://app.au.action1.com/sso/login/extra", true, false, true]],
  ),
  fc.array(
    fc.constantFrom(
      ["https://app.action1.com/sso/login", true, false, true] as const,
      ["https://app.eu.action1.com/sso/login", true, false, true] as const,
      ["https://app.au.action1.com/sso/login/extra", true, false, true] as const,
      ["https://sso.example.invalid/cb", true, false, false] as const,
      ["http://app.action1.com/sso/login", false, false, true] as const,
      ["https://app.eu.action1.com/sso/login#frag", true, true, true] as const,
    ),
    { maxLength: 3 },
  ),
);
const authMethods = pick(
  atom<string | undefined>(undefined, true),
  atom<string | undefined>("client_secret_basic", true),
  atom<string | undefined>("client_secret_post", true),
  atom<string | undefined>("none", false),
  atom<string | undefined>("private_key_jwt", false),
);
const issuerModes = mostly(
  fc.constantFrom<string | undefined>(undefined, "ORG_URL", "DYNAMIC"),
  fc.constantFrom<string | undefined>("CUSTOM_URL", "ORG"),
);
const domains = pick(
  atom<string | undefined>(undefined, true),
  atom<string | undefined>("", true),
  atom<string | undefined>("login.example.invalid", true),
  atom<string | undefined>("https://login.example.invalid", false),
);
/** implicitAssignment: mostly unset or false (true never passes: groups are required). */
const implicitFlags = mostly(
  fc.constantFrom(
    atom<string | undefined>(undefined, true),
    atom<string | undefined>("false", true),
  ),
  fc.constantFrom(atom<string | undefined>("true", true), atom<string | undefined>("yes", false)),
);
const bools = pick(
  atom<string | undefined>(undefined, true),
  atom<string | undefined>("true", true),
  atom<string | undefined>("false", true),
  atom<string | undefined>("yes", false),
);
/** Group names: [name, acceptable on its own]. */
const groupLists = mostly<readonly Atom[] | undefined>(
  fc.constantFrom<readonly Atom[] | undefined>(
    [atom("Action1 Admins", true)],
    [atom("Action1 Helpdesk", true), atom("Action1 Admins", true)],
  ),
  fc.option(
    fc.array(
      fc.constantFrom(
        atom("Action1 Admins", true),
        atom("Action1 Helpdesk", true),
        atom("action1 admins", true),
        atom(" Action1 Admins", false),
        atom("", false),
      ),
      { maxLength: 3 },
    ),
    { nil: undefined },
  ),
);
const servers = pick(
  atom<string | undefined>(undefined, true),
  atom<string | undefined>("org", true),
  atom<string | undefined>("Action1 EU", true),
  atom<string | undefined>("  ", false),
);
const emails = pick(
  atom("alice@example.invalid", true),
  atom("ALICE@Example.invalid", true),
  atom("bob.b@example.invalid", true),
  atom("dave@example.invalid", true),
  atom("erin+action1@example.invalid", true),
  atom("frank@sub.example.invalid", true),
  atom("not-an-email", false),
  atom("carol@", false),
);
const users = fc.array(
  fc.record({
    email: emails,
    signIn: pick(atom("okta", true), atom("password", true), atom("sso", false)),
    roles: pick(
      atom("Enterprise Admin", true),
      atom("Enterprise Admin, Helpdesk", true),
      atom("A,,B", false),
      atom("Enterprise Admin, enterprise_admin", false),
      atom("Helpdesk, HELPDESK", false),
      atom("", false),
    ),
    state: pick(
      atom<string | undefined>(undefined, true),
      atom<string | undefined>("disabled", true),
      atom<string | undefined>("enabled", true),
      atom<string | undefined>("maybe", false),
    ),
  }),
  { maxLength: 2 },
);

const models = fc.record({
  stack: stacks,
  region: regions,
  grantTypes: fc.option(grants, { nil: undefined }),
  extraRedirectUris: fc.option(uris, { nil: undefined }),
  allowNonAction1: bools,
  authMethod: authMethods,
  issuerMode: issuerModes,
  customDomain: domains,
  implicitAssignment: implicitFlags,
  hideAppTile: bools,
  groups: groupLists,
  server: servers,
  users: fc.option(users, { nil: undefined }),
  hasA1Secret: mostly(fc.constant(true), fc.boolean()),
  hasOktaToken: mostly(fc.constant(true), fc.boolean()),
});
type Model = typeof models extends fc.Arbitrary<infer M> ? M : never;

function toRaw(m: Model): RawConfig {
  const values: Record<string, string> = {
    "okta:orgName": "example-org",
    "okta:baseUrl": "okta.com",
    [`${P}:action1ClientId`]: "fake-action1-client-id-not-real",
  };
  const put = (key: string, v: string | undefined) => {
    if (v !== undefined) values[`${P}:${key}`] = v;
  };
  if (m.hasOktaToken) values["okta:apiToken"] = SECRET_TOKEN;
  if (m.hasA1Secret) put("action1ClientSecret", SECRET_A1);
  put("region", m.region);
  put("grantTypes", m.grantTypes && JSON.stringify(m.grantTypes));
  put(
    "extraRedirectUris",
    m.extraRedirectUris && JSON.stringify(m.extraRedirectUris.map((u) => u[0])),
  );
  put("allowNonAction1RedirectUris", m.allowNonAction1.v);
  put("tokenEndpointAuthMethod", m.authMethod.v);
  put("issuerMode", m.issuerMode);
  put("customDomain", m.customDomain.v);
  put("implicitAssignment", m.implicitAssignment.v);
  put("hideAppTile", m.hideAppTile.v);
  put("groups", m.groups && JSON.stringify(m.groups.map((g) => g.v)));
  put("authorizationServer", m.server.v);
  put(
    "users",
    m.users &&
      JSON.stringify(
        m.users.map((u) =>
          [u.email.v, u.signIn.v, u.roles.v, ...(u.state.v ? [u.state.v] : [])].join(" | "),
        ),
      ),
  );
  const secretKeys = new Set(["okta:apiToken", `${P}:action1ClientId`, `${P}:action1ClientSecret`]);
  return { stack: m.stack, values, secretKeys, env: {} };
}

/** The oracle: the documented rules, restated over the labelled atoms. */
function oracle(m: Model): boolean {
  const regionKey = (m.region ?? "") === "" ? m.stack : (m.region as string);
  const regionUri = REGION_URI[regionKey.toLowerCase()];
  if (!regionUri) return false;

  const g = m.grantTypes ?? ["authorization_code", "refresh_token"];
  const allowedGrants = ["authorization_code", "refresh_token", "client_credentials"];
  if (g.some((x) => !allowedGrants.includes(x))) return false;
  if (new Set(g).size !== g.length) return false;
  if (!g.includes("authorization_code")) return false;

  if (!m.allowNonAction1.ok) return false;
  const allowOther = m.allowNonAction1.v === "true";
  const listed = [regionUri];
  for (const [uri, https, fragment, action1Host] of m.extraRedirectUris ?? []) {
    if (!https || fragment || (!allowOther && !action1Host) || listed.includes(uri)) return false;
    listed.push(uri);
  }

  if (!m.authMethod.ok) return false;
  if (m.issuerMode === "ORG") return false;
  if (!m.customDomain.ok) return false;
  if (m.issuerMode === "CUSTOM_URL" && !m.customDomain.v) return false;
  if (m.issuerMode !== "CUSTOM_URL" && m.customDomain.v) return false;
  if (!m.hideAppTile.ok || !m.implicitAssignment.ok) return false;

  if (m.groups === undefined) return false;
  if (m.groups.some((x) => !x.ok)) return false;
  if (new Set(m.groups.map((x) => x.v.toLowerCase())).size !== m.groups.length) return false;
  if (!m.server.ok) return false;
  const implicit = m.implicitAssignment.v === "true";
  if (implicit && m.groups.length > 0) return false;
  if (m.groups.length === 0) return false;
  if (implicit && m.server.v !== undefined && m.server.v !== "org") return false;

  const seen = new Set<string>();
  for (const u of m.users ?? []) {
    if (!u.email.ok || !u.signIn.ok || !u.roles.ok || !u.state.ok) return false;
    const k = u.email.v.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
  }
  return m.hasA1Secret && m.hasOktaToken;
}

describe("validateConfig against an independent oracle", () => {
  it("accepts exactly the valid configs", () => {
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(models, (m) => {
        const raw = toRaw(m);
        const result = validateConfig(raw);
        const expected = oracle(m);
        expect(result.ok).toBe(expected);
        if (result.ok) {
          valid++;
          expect(result.config.app.redirectUris).toEqual([
            REGION_URI[(m.region || m.stack).toLowerCase()],
            ...(m.extraRedirectUris ?? []).map((u) => u[0]),
          ]);
        } else {
          invalid++;
          expect(result.problems.length).toBeGreaterThan(0);
          let message = "";
          try {
            parseConfig(raw);
          } catch (err) {
            expect(err).toBeInstanceOf(ConfigError);
            message = (err as Error).message;
          }
          expect(message).toContain(`Invalid config for stack "${m.stack}"`);
          expect(message).not.toContain(SECRET_TOKEN);
          expect(message).not.toContain(SECRET_A1);
        }
      }),
      { numRuns: 1500 },
    );
    // Both sides must really be exercised, or the property proves little.
    expect(valid).toBeGreaterThan(300);
    expect(invalid).toBeGreaterThan(300);
  });
});
