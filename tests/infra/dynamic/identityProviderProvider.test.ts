import fc from "fast-check";
import { decodeIdpValue, encodeIdpValue } from "../../../infra/action1/idpSetting";
import { resetRuntime } from "../../../infra/dynamic/action1Runtime";
import {
  COMPARED_FIELDS,
  changedFields,
  checkInputs,
  clientSecretDigest,
  type IdentityProviderInputs,
  type IdentityProviderOutputs,
  identityProviderProvider as p,
  UNKNOWN,
} from "../../../infra/dynamic/identityProviderProvider";
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, SEED_ADMIN_ID } from "../../../standins/action1/seed";
import { type LocalAction1, startLocalAction1 } from "../../../standins/action1/server";
import { action1Contract } from "../../helpers/action1Contract";

const OKTA_SECRET = "fake-okta-client-secret-0123456789-not-real";
const ROTATED = "fake-okta-rotated-secret-9876543210-not-real";

let local: LocalAction1;
let inputs: IdentityProviderInputs;

beforeEach(async () => {
  local = await startLocalAction1();
  resetRuntime();
  process.env.ACTION1_CLIENT_ID = FAKE_CLIENT_ID;
  process.env.ACTION1_CLIENT_SECRET = FAKE_CLIENT_SECRET;
  inputs = {
    apiBaseUrl: local.apiBaseUrl,
    provider: "Okta",
    clientId: "0oafakeclientid0001",
    clientSecret: OKTA_SECRET,
    issuerUri: "https://example.okta.com/oauth2/default",
    scope: "Enterprise",
    deleteProtection: "refuse-if-locks-out",
  };
});

afterEach(async () => {
  try {
    expect(action1Contract().checkAll(local.requests)).toEqual([]);
  } finally {
    delete process.env.ACTION1_CLIENT_ID;
    delete process.env.ACTION1_CLIENT_SECRET;
    await local.close();
  }
});

const writes = () => local.requests.filter((r) => r.method !== "GET" && r.path !== "/oauth2/token");
const trace = () =>
  local.requests.filter((r) => r.path !== "/oauth2/token").map((r) => `${r.method} ${r.path}`);
const liveValue = () => decodeIdpValue(local.state.idpSetting()?.value);

async function created(): Promise<{ id: string; outs: IdentityProviderOutputs }> {
  const r = await p.create(inputs);
  return { id: r.id, outs: r.outs as IdentityProviderOutputs };
}

function oktaUser(email: string, admin: boolean) {
  const u = local.state.createUser(
    { email, user_type: "Interactive", enabled: "yes", identity_provider: "Okta" },
    "console",
  );
  if (admin) local.state.assignRole("enterprise_admin", u.id, "console");
  return u;
}

describe("check", () => {
  test("accepts valid inputs and fills the defaults", async () => {
    const { scope: _s, deleteProtection: _d, ...minimal } = inputs;
    const r = await p.check({} as IdentityProviderInputs, minimal as IdentityProviderInputs);
    expect(r.failures).toEqual([]);
    expect(r.inputs).toEqual(inputs);
  });

  test("reports every problem at once, one per field, never the secret", async () => {
    const r = checkInputs({
      apiBaseUrl: "http://app.eu.action1.com/api/3.0",
      provider: "Duo",
      clientId: "has spaces",
      clientSecret: "short",
      issuerUri: "https://example.okta.com/",
      scope: "Organization",
      deleteProtection: "never",
    });
    expect(r.failures).toEqual([
      {
        property: "apiBaseUrl",
        reason:
          'apiBaseUrl "http://app.eu.action1.com/api/3.0" must use https (http only for ' +
          "127.0.0.1): the Action1 REST base URL of the region, e.g. " +
          "https://app.eu.action1.com/api/3.0",
      },
      { property: "provider", reason: 'provider "Duo" is not supported; use "Okta"' },
      {
        property: "clientId",
        reason:
          'clientId "has spaces" is not an Okta client ID (letters, digits, ".", "_", "~", ' +
          '"-"); use the OIDC app\'s client_id output',
      },
      {
        property: "clientSecret",
        reason:
          "clientSecret must be the OIDC app's client secret: at least 8 characters, no " +
          "whitespace (value not shown)",
      },
      {
        property: "issuerUri",
        reason:
          'issuerUri "https://example.okta.com/" must not end with a slash (the issuer must ' +
          "match Okta's exactly)",
      },
      {
        property: "scope",
        reason:
          'scope "Organization" is not supported; Action1\'s identity provider is ' +
          'enterprise-wide: use "Enterprise"',
      },
      {
        property: "deleteProtection",
        reason:
          'deleteProtection "never" is not allowed; use "refuse-if-locks-out" (default) or "allow"',
      },
    ]);
    expect(JSON.stringify(r.failures)).not.toContain("short");
  });

  test("missing values and a base URL without /api/3.0 are named", () => {
    const r = checkInputs({ apiBaseUrl: "https://app.action1.com", provider: "Okta" });
    expect(r.failures?.map((f) => f.property)).toEqual([
      "apiBaseUrl",
      "clientId",
      "clientSecret",
      "issuerUri",
    ]);
    expect(r.failures?.[0]?.reason).toBe(
      'apiBaseUrl "https://app.action1.com" must end with "/api/3.0"',
    );
    expect(r.failures?.[3]?.reason).toBe(
      "issuerUri is required: the Okta issuer, e.g. https://example.okta.com or " +
        "https://example.okta.com/oauth2/default",
    );
  });

  test("tolerates values unknown during preview", () => {
    const r = checkInputs({
      apiBaseUrl: local.apiBaseUrl,
      provider: "Okta",
      clientId: UNKNOWN,
      clientSecret: UNKNOWN,
      issuerUri: UNKNOWN,
    });
    expect(r.failures).toEqual([]);
    expect(local.requests).toEqual([]);
  });
});

describe("diff (no network)", () => {
  test("empty when nothing changed", async () => {
    const { outs } = await created();
    const before = local.requests.length;
    expect(await p.diff("id", outs, { ...inputs })).toEqual({ changes: false });
    expect(local.requests.length).toBe(before);
  });

  test("a rotated secret is an update, a new tenant a replacement", async () => {
    const { outs } = await created();
    expect(await p.diff("id", outs, { ...inputs, clientSecret: ROTATED })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(
      await p.diff("id", outs, { ...inputs, apiBaseUrl: "https://app.eu.action1.com/api/3.0" }),
    ).toEqual({ changes: true, replaces: ["apiBaseUrl"], deleteBeforeReplace: false });
    expect(changedFields(outs, { ...inputs, clientSecret: UNKNOWN })).toEqual(["clientSecret"]);
  });

  test("property: exactly the changed fields are reported", () => {
    const outs = {
      ...inputs,
      settingId: "s",
      clientSecretDigest: clientSecretDigest(inputs.clientId, inputs.clientSecret),
    };
    fc.assert(
      fc.property(fc.subarray([...COMPARED_FIELDS]), (fields) => {
        const news: Record<string, unknown> = { ...inputs };
        for (const f of fields) news[f] = `${news[f]}-changed`;
        const got = changedFields(outs, news as unknown as IdentityProviderInputs);
        // A new client ID also changes the secret's digest key.
        const want = new Set<string>(fields);
        if (fields.includes("clientId")) want.add("clientSecret");
        expect(got).toEqual(COMPARED_FIELDS.filter((f) => want.has(f)));
      }),
    );
  });
});

describe("create", () => {
  test("posts the setting once, with the encoded Okta values; outputs hold a digest", async () => {
    const { id, outs } = await created();
    expect(trace()).toEqual(["GET /settings/all", "POST /settings/all"]);
    expect(local.requests[0]?.body).toEqual({
      client_id: FAKE_CLIENT_ID,
      client_secret: FAKE_CLIENT_SECRET,
    });
    expect(writes()[0]?.body).toEqual({
      template_id: "identity_provider",
      value: encodeIdpValue({
        provider: "Okta",
        clientId: inputs.clientId,
        clientSecret: OKTA_SECRET,
        issuerUri: inputs.issuerUri,
      }),
      scope: [{ type: "Enterprise", object: "All" }],
    });
    expect(outs).toEqual({
      ...inputs,
      settingId: id,
      clientSecretDigest: clientSecretDigest(inputs.clientId, OKTA_SECRET),
    });
    expect(outs.clientSecretDigest).toMatch(/^hmac-sha256:v1:[A-Za-z0-9_-]{43}$/);
    expect(outs.clientSecretDigest).not.toContain(OKTA_SECRET);
    expect(local.state.currentIdentityProvider()).toBe("Okta");
  });

  test("adopts an existing identity-provider setting instead of posting a duplicate", async () => {
    const existing = local.state.createSetting(
      "identity_provider",
      "Google",
      [{ type: "Enterprise", object: "All" }],
      "console",
    );
    const { id } = await created();
    expect(id).toBe(existing.id);
    // Nobody signs in through Google: taken over after looking at the users.
    expect(trace()).toEqual([
      "GET /settings/all",
      "GET /users",
      `PATCH /settings/all/${existing.id}`,
    ]);
    expect(local.state.settings.size).toBe(1);
    expect(liveValue()).toMatchObject({ provider: "Okta", clientSecret: OKTA_SECRET });
  });

  test("new users are Okta users once the setting exists (no password needed)", async () => {
    await created();
    const u = local.state.createUser(
      {
        email: "after@example.invalid",
        user_type: "Interactive",
        enabled: "yes",
        identity_provider: local.state.currentIdentityProvider(),
      },
      "console",
    );
    expect(u.identity_provider).toBe("Okta");
  });

  test("credentials come from configure when it ran, else from the environment", async () => {
    process.env.ACTION1_CLIENT_SECRET = "fake-wrong-env-secret-not-real";
    const config = new Map([
      ["action1-okta-sso:action1ClientId", FAKE_CLIENT_ID],
      ["action1-okta-sso:action1ClientSecret", FAKE_CLIENT_SECRET],
    ]);
    await p.configure({
      config: {
        get: (k: string) => config.get(k),
        require: (k: string) => config.get(k) ?? "",
      },
    });
    await created();
    expect(local.requests[0]?.body).toEqual({
      client_id: FAKE_CLIENT_ID,
      client_secret: FAKE_CLIENT_SECRET,
    });
  });

  test("wrong credentials fail with a message naming the config keys, not the secret", async () => {
    process.env.ACTION1_CLIENT_SECRET = "fake-wrong-env-secret-not-real";
    const err = await p.create(inputs).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toContain("Check action1-okta-sso:action1ClientId / action1ClientSecret");
    expect(err?.message).not.toContain("fake-wrong-env-secret-not-real");
    expect(err?.message).not.toContain(OKTA_SECRET);
  });
});

describe("read", () => {
  test("no drift: the same outputs", async () => {
    const { id, outs } = await created();
    const r = await p.read(id, outs);
    expect(r).toEqual({ id, props: outs });
  });

  test("drift made in the console shows up, and the next diff/update repairs it", async () => {
    const { id, outs } = await created();
    local.state.updateSetting(
      id,
      {
        value: encodeIdpValue({
          provider: "Okta",
          clientId: inputs.clientId,
          clientSecret: "fake-console-typed-secret-not-real",
          issuerUri: "https://other.okta.com",
        }),
      },
      "console",
    );
    const r = await p.read(id, outs);
    const drifted = r.props as IdentityProviderOutputs;
    expect(drifted.issuerUri).toBe("https://other.okta.com");
    expect(drifted.clientSecretDigest).toBe(
      clientSecretDigest(inputs.clientId, "fake-console-typed-secret-not-real"),
    );
    expect(changedFields(drifted, inputs)).toEqual(["clientSecret", "issuerUri"]);
    await p.update(id, drifted, inputs);
    expect(liveValue()).toMatchObject({ clientSecret: OKTA_SECRET, issuerUri: inputs.issuerUri });
  });

  test("a provider switched in the console is drift too", async () => {
    const { id, outs } = await created();
    local.state.updateSetting(id, { value: "Google" }, "console");
    const props = (await p.read(id, outs)).props as IdentityProviderOutputs;
    expect(props.provider).toBe("Google");
    expect(changedFields(props, inputs)).toEqual([
      "provider",
      "clientId",
      "clientSecret",
      "issuerUri",
    ]);
  });

  test("a secret Action1 returns masked keeps the last known secret and digest", async () => {
    const { id, outs } = await created();
    local.state.maskSecretsOnRead = true;
    const r = await p.read(id, outs);
    expect(r).toEqual({ id, props: outs });
  });

  test("a vanished setting is reported as gone", async () => {
    const { id, outs } = await created();
    local.state.deleteSetting(id, "console");
    expect(await p.read(id, outs)).toEqual({ id: "", props: {} });
  });
});

describe("update", () => {
  test("rotation is a PATCH of the same setting and returns the full outputs", async () => {
    const { id, outs } = await created();
    const r = await p.update(id, outs, { ...inputs, clientSecret: ROTATED });
    expect(r.outs).toEqual({
      ...inputs,
      clientSecret: ROTATED,
      settingId: id,
      clientSecretDigest: clientSecretDigest(inputs.clientId, ROTATED),
    });
    expect(trace().slice(2)).toEqual([`PATCH /settings/all/${id}`]);
    expect(liveValue().clientSecret).toBe(ROTATED);
    expect(local.state.settings.size).toBe(1);
  });

  test("changing only deleteProtection calls nothing", async () => {
    const { id, outs } = await created();
    const before = local.requests.length;
    const r = await p.update(id, outs, { ...inputs, deleteProtection: "allow" });
    expect(r.outs?.deleteProtection).toBe("allow");
    expect(local.requests.length).toBe(before);
  });

  test("a setting deleted outside Pulumi: says to refresh", async () => {
    const { id, outs } = await created();
    local.state.deleteSetting(id, "console");
    await expect(p.update(id, outs, { ...inputs, clientSecret: ROTATED })).rejects.toThrow(
      `The Action1 identity-provider setting ${id} no longer exists (deleted outside Pulumi). ` +
        "Run `pulumi refresh` so Pulumi forgets it, then `pulumi up` to create it again.",
    );
  });
});

describe("delete", () => {
  test("refuses while Okta users depend on it and no password admin is left", async () => {
    const { id, outs } = await created();
    oktaUser("okta-admin@example.invalid", true);
    oktaUser("okta-user@example.invalid", false);
    local.state.updateUser(SEED_ADMIN_ID, { enabled: "no" }, "console");
    await expect(p.delete(id, outs)).rejects.toThrow(
      `Refusing to delete the Action1 identity-provider setting ${id}: 2 enabled Action1 ` +
        "user(s) sign in through Okta (okta-admin@example.invalid, okta-user@example.invalid) " +
        "and no enabled Enterprise Admin signs in with a password, so nobody could sign in to " +
        "repair it. Give a password-login user the Enterprise Admin role (or re-enable one), or " +
        'set the stack config action1-okta-sso:idpDeleteProtection to "allow" ' +
        '(deleteProtection: "allow"), run `pulumi up` so the state records it, then delete again.',
    );
    expect(local.state.settings.has(id)).toBe(true);
    expect(writes().map((r) => r.method)).toEqual(["POST"]);
  });

  test("deletes when a password Enterprise Admin remains (the break-glass account)", async () => {
    const { id, outs } = await created();
    oktaUser("okta-admin@example.invalid", true);
    await p.delete(id, outs);
    expect(local.state.settings.has(id)).toBe(false);
    expect(local.state.currentIdentityProvider()).toBe("Action1");
  });

  test('deletes when deleteProtection is "allow"', async () => {
    const { id, outs } = await created();
    oktaUser("okta-admin@example.invalid", true);
    local.state.updateUser(SEED_ADMIN_ID, { enabled: "no" }, "console");
    await p.delete(id, { ...outs, deleteProtection: "allow" });
    expect(local.state.settings.has(id)).toBe(false);
  });

  test("deletes when nobody uses Okta; a vanished setting is not an error", async () => {
    const { id, outs } = await created();
    local.state.updateUser(SEED_ADMIN_ID, { enabled: "no" }, "console");
    await p.delete(id, outs);
    expect(local.state.settings.has(id)).toBe(false);
    await p.delete(id, outs);
  });
});

describe("create over another SSO provider's setting", () => {
  const entra = () =>
    local.state.createSetting(
      "identity_provider",
      "Entra ID",
      [{ type: "Enterprise", object: "All" }],
      "console",
    );
  const entraUser = (email: string, admin: boolean) => {
    const u = local.state.createUser(
      { email, user_type: "Interactive", enabled: "yes", identity_provider: "Entra ID" },
      "console",
    );
    if (admin) local.state.assignRole("enterprise_admin", u.id, "console");
    return u;
  };

  test("refuses while enabled users sign in through it, naming them and the way out", async () => {
    const setting = entra();
    entraUser("ent.admin@example.invalid", true);
    entraUser("ent.user@example.invalid", false);
    await expect(p.create(inputs)).rejects.toThrow(
      `Refusing to replace the enterprise identity provider Entra ID with Okta (setting ` +
        `${setting.id}): 2 enabled Action1 user(s) sign in through Entra ID and could no ` +
        "longer sign in: ent.admin@example.invalid (Enterprise Admin), " +
        "ent.user@example.invalid. Move them first (invite them as Okta users, or give them a " +
        "password in the Action1 console), or, to cut them off knowingly, set " +
        "replaceExistingProvider: true on the IdentityProvider resource and run `pulumi up` " +
        "again.",
    );
    expect(writes()).toEqual([]);
    expect(local.state.idpSetting()?.value).toBe("Entra ID");
  });

  test("takes it over with replaceExistingProvider: true (a password admin remains)", async () => {
    const setting = entra();
    entraUser("ent.admin@example.invalid", true);
    const r = await p.create({ ...inputs, replaceExistingProvider: true });
    expect(r.id).toBe(setting.id);
    expect(r.outs).toMatchObject({ replaceExistingProvider: true, settingId: setting.id });
    expect(writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      `PATCH /settings/all/${setting.id}`,
    ]);
    expect(liveValue().provider).toBe("Okta");
  });

  test("never when no admin could sign in afterwards, even with the opt-in", async () => {
    const setting = entra();
    local.state.updateUser(SEED_ADMIN_ID, { enabled: "no" }, "console");
    entraUser("ent.admin@example.invalid", true);
    await expect(p.create({ ...inputs, replaceExistingProvider: true })).rejects.toThrow(
      `Refusing to replace the enterprise identity provider Entra ID with Okta (setting ` +
        `${setting.id}): 1 enabled Action1 user(s) sign in through Entra ID and could no ` +
        "longer sign in: ent.admin@example.invalid (Enterprise Admin). None of the enabled " +
        "Enterprise Admins signs in with Okta or a password, so nobody could sign in to repair " +
        "it (replaceExistingProvider does not override this). Give a password-login user the " +
        "Enterprise Admin role in the Action1 console first.",
    );
    expect(writes()).toEqual([]);
  });

  test("an Okta setting is adopted without looking at users", async () => {
    const setting = local.state.createSetting(
      "identity_provider",
      encodeIdpValue({ provider: "Okta", clientId: "0oaold", clientSecret: ROTATED }),
      [{ type: "Enterprise", object: "All" }],
      "console",
    );
    await created();
    expect(trace()).toEqual(["GET /settings/all", `PATCH /settings/all/${setting.id}`]);
  });

  test("check: replaceExistingProvider must be a boolean", () => {
    const r = checkInputs({ ...inputs, replaceExistingProvider: "yes" });
    expect(r.failures).toEqual([
      {
        property: "replaceExistingProvider",
        reason:
          'replaceExistingProvider "yes" must be true or false (default false: never take over ' +
          "another provider's setting while users sign in through it)",
      },
    ]);
    expect(checkInputs({ ...inputs, replaceExistingProvider: UNKNOWN }).failures).toEqual([]);
  });
});

describe("read without previous state (get / import)", () => {
  test("fails clearly instead of crashing", async () => {
    const setting = local.state.createSetting(
      "identity_provider",
      "Okta",
      [{ type: "Enterprise", object: "All" }],
      "console",
    );
    const msg =
      `Cannot read the Action1 identity-provider setting "${setting.id}" without its previous ` +
      "state (apiBaseUrl unknown): `get` and import of this dynamic resource are not " +
      "supported. Declare the IdentityProvider resource instead and run `pulumi up`: create " +
      "adopts the enterprise's existing setting.";
    await expect(p.read(setting.id)).rejects.toThrow(msg);
    await expect(p.read(setting.id, {} as IdentityProviderOutputs)).rejects.toThrow(msg);
  });
});
