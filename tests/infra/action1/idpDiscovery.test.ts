import { discoverIdpSetting } from "../../../infra/action1/idpDiscovery";
import { encodeIdpValue } from "../../../infra/action1/idpSetting";
import { runDiscover } from "../../../scripts/discover-idp-setting";
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET } from "../../../standins/action1/seed";
import { type Harness, startHarness } from "../../helpers/action1Local";

const SECRET = "fake-okta-client-secret-0123456789-not-real";
const ENTERPRISE = [{ type: "Enterprise" as const, object: "All" }];

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  try {
    expect(h.contractProblems()).toEqual([]);
    // Discovery is read-only.
    expect(
      h.local.requests.filter((r) => r.method !== "GET" && r.path !== "/oauth2/token"),
    ).toEqual([]);
  } finally {
    await h.close();
  }
});

const okta = (extra: Record<string, string> = {}) =>
  JSON.stringify({
    ...JSON.parse(
      encodeIdpValue({
        provider: "Okta",
        clientId: "0oafake",
        clientSecret: SECRET,
        issuerUri: "https://example.okta.com",
      }),
    ),
    ...extra,
  });

describe("discoverIdpSetting", () => {
  test("no setting yet: says how to create one in the console", async () => {
    const d = await discoverIdpSetting(h.client);
    expect(d.verdict).toBe("unknown");
    expect(d.setting).toBeUndefined();
    expect(d.template).toMatchObject({ id: "identity_provider", category: "sso" });
    expect(d.ssoTemplates).toHaveLength(2);
    expect(d.notes).toEqual([
      "No identity-provider setting yet. Configure Okta once in the console (Configuration > " +
        "Advanced > Identity Provider), then run this again to see the stored shape.",
    ]);
  });

  test("an Okta setting in the project's encoding matches; the secret never shows", async () => {
    h.local.state.createSetting("identity_provider", okta(), ENTERPRISE, "console");
    const d = await discoverIdpSetting(h.client);
    expect(d.verdict).toBe("matches");
    expect(d.valueKeys).toEqual(["identity_provider", "client_id", "client_secret", "issuer_uri"]);
    expect(JSON.stringify(d)).not.toContain(SECRET);
  });

  test("another encoding is reported as differing, with both key lists", async () => {
    h.local.state.createSetting(
      "identity_provider",
      okta({ audience: "x" }),
      ENTERPRISE,
      "console",
    );
    const d = await discoverIdpSetting(h.client);
    expect(d.verdict).toBe("differs");
    expect(d.notes[0]).toBe(
      "The stored value has keys identity_provider, client_id, client_secret, issuer_uri, " +
        "audience; the project writes identity_provider, client_id, client_secret, issuer_uri. " +
        "Adjust infra/action1/idpSetting.ts before the first pulumi up.",
    );
  });

  test("a masked secret is noted", async () => {
    h.local.state.createSetting("identity_provider", okta(), ENTERPRISE, "console");
    h.local.state.maskSecretsOnRead = true;
    const d = await discoverIdpSetting(h.client);
    expect(d.notes).toContain(
      "Action1 returns the client secret masked: refresh cannot detect a secret changed in the " +
        "console.",
    );
  });
});

describe("scripts/discover-idp-setting.ts", () => {
  const io = (env: Record<string, string | undefined>) => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      io: { env, out: (t: string) => out.push(t), err: (t: string) => err.push(t) },
      out,
      err,
    };
  };
  const creds = { ACTION1_CLIENT_ID: FAKE_CLIENT_ID, ACTION1_CLIENT_SECRET: FAKE_CLIENT_SECRET };

  test("--help describes the options", async () => {
    const r = io({});
    expect(await runDiscover(["--help"], r.io)).toBe(0);
    const text = r.out.join("");
    expect(text).toContain("Usage: discover-idp-setting [options]");
    expect(text).toContain("--region <key>");
    expect(text).toContain("--api-base-url <url>");
  });

  test("names every missing input at once", async () => {
    const r = io({});
    expect(await runDiscover(["--region", "mars"], r.io)).toBe(2);
    expect(r.err.join("")).toBe(
      'discover-idp-setting: --region "mars" is not an Action1 region; use one of na, eu, au, ' +
        "na-2; set ACTION1_CLIENT_ID (an Action1 API credential allowed to read settings); set " +
        "ACTION1_CLIENT_SECRET (an Action1 API credential allowed to read settings)\n",
    );
  });

  test("prints the masked shape and the verdict", async () => {
    h.local.state.createSetting("identity_provider", okta(), ENTERPRISE, "console");
    const r = io(creds);
    expect(await runDiscover(["--api-base-url", h.local.apiBaseUrl], r.io)).toBe(0);
    const text = r.out.join("");
    expect(text).toContain("verdict: matches");
    expect(text).toContain("<masked, 43 chars>");
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(FAKE_CLIENT_SECRET);
  });
});
