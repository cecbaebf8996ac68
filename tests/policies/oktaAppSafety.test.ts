import { oktaAppExtraRedirectUris, oktaAppSafety } from "../../policies/oktaAppSafety";
import { baseline, EU_REDIRECT, find, NA_REDIRECT, withProps } from "./fixtures";
import { messages, resourceArgs, runResourcePolicy, UNKNOWN_VALUE } from "./helpers";

const APP = 'Okta app "action1-app"';

async function check(patch: Record<string, unknown>, config: object = { region: "na" }) {
  const spec = find(withProps(baseline(), "action1-app", patch), "action1-app");
  return messages(await runResourcePolicy(oktaAppSafety, resourceArgs(spec, config)));
}

describe("okta-app-safety", () => {
  it("passes the baseline app", async () => {
    expect(await check({})).toEqual([]);
  });

  it("ignores resources that are not the Okta app", async () => {
    const idp = find(baseline(), "action1-idp");
    const outcome = await runResourcePolicy(oktaAppSafety, resourceArgs(idp, { region: "na" }));
    expect(outcome.violations).toEqual([]);
  });

  it("fails a browser app", async () => {
    expect(await check({ type: "browser" })).toEqual([
      `${APP} must be a web app (type "web"); found "browser".`,
    ]);
  });

  it("fails without the authorization_code grant", async () => {
    expect(await check({ grantTypes: ["client_credentials"] })).toEqual([
      `${APP} must allow the authorization_code grant; grantTypes are ["client_credentials"].`,
    ]);
  });

  it("fails with the implicit grant", async () => {
    expect(await check({ grantTypes: ["authorization_code", "implicit"] })).toEqual([
      `${APP} must not allow the implicit grant; remove "implicit" from grantTypes.`,
    ]);
  });

  it("fails when PKCE is not required", async () => {
    expect(await check({ pkceRequired: false })).toEqual([
      `${APP} must require PKCE (pkceRequired: true); found false.`,
    ]);
  });

  it("fails a public client (no secret-based auth method)", async () => {
    expect(await check({ tokenEndpointAuthMethod: "none" })).toEqual([
      `${APP} must authenticate with a client secret (tokenEndpointAuthMethod ` +
        'client_secret_basic, client_secret_post, client_secret_jwt); found "none".',
    ]);
  });

  it("accepts the other secret-based methods and the provider default", async () => {
    expect(await check({ tokenEndpointAuthMethod: "client_secret_post" })).toEqual([]);
    expect(await check({ tokenEndpointAuthMethod: "client_secret_jwt" })).toEqual([]);
    expect(await check({ tokenEndpointAuthMethod: undefined })).toEqual([]);
  });

  it("fails a plain-http redirect URI", async () => {
    expect(await check({ redirectUris: [NA_REDIRECT, "http://example.invalid/cb"] })).toEqual([
      `${APP} must use https redirect URIs; "http://example.invalid/cb" is not https.`,
    ]);
  });

  it("fails when the first redirect URI is another region's", async () => {
    expect(await check({ redirectUris: [EU_REDIRECT] })).toEqual([
      `${APP} must list Action1's sign-in URI for region na (${NA_REDIRECT}, from policy config ` +
        `region) first in redirectUris; found "${EU_REDIRECT}".`,
    ]);
  });

  it("fails with no redirect URI", async () => {
    expect(await check({ redirectUris: [] })).toEqual([
      `${APP} must list Action1's sign-in URI for region na (${NA_REDIRECT}, from policy config ` +
        "region) first in redirectUris; found none.",
    ]);
  });

  it("checks the eu URI for region eu", async () => {
    expect(await check({ redirectUris: [EU_REDIRECT] }, { region: "eu" })).toEqual([]);
    expect((await check({}, { region: "eu" }))[0]).toContain(
      `for region eu (${EU_REDIRECT}, from policy config region)`,
    );
  });

  it("reports a region that Action1 does not have", async () => {
    expect(await check({}, { region: "mars" })).toEqual([
      `${APP} cannot be checked against its region: "mars" (from policy config region) is not ` +
        "an Action1 region (na, eu, au, na-2); set action1-okta-sso:region or this policy's " +
        "region setting.",
    ]);
  });

  it("takes the region from the stack name in the URN", async () => {
    const spec = { ...find(baseline(), "action1-app"), stack: "eu" };
    const outcome = await runResourcePolicy(oktaAppSafety, resourceArgs(spec, {}));
    expect(messages(outcome)).toEqual([
      `${APP} must list Action1's sign-in URI for region eu (${EU_REDIRECT}, from stack name ` +
        `"eu") first in redirectUris; found "${NA_REDIRECT}".`,
    ]);
  });

  it("without a known region, requires some Action1 sign-in URI first", async () => {
    const app = { ...find(baseline(), "action1-app"), stack: "prod" };
    const run = async (props: Record<string, unknown>) =>
      messages(await runResourcePolicy(oktaAppSafety, resourceArgs({ ...app, props }, {})));
    expect(await run(app.props)).toEqual([]);
    expect(await run({ ...app.props, redirectUris: ["https://example.invalid/sso"] })).toEqual([
      `${APP} must list an Action1 sign-in URI (https://<Action1 host>/sso/login) first in ` +
        'redirectUris; found "https://example.invalid/sso". The pack could not tell the stack\'s ' +
        'region (stack "prod" is not a region key); set this policy\'s region setting to check ' +
        "the exact URI.",
    ]);
  });

  it("skips an exception with a written reason", async () => {
    const exceptions = [{ resource: "action1-app", reason: "test tenant, PKCE fix in OKTA-42" }];
    expect(await check({ pkceRequired: false }, { region: "na", exceptions })).toEqual([]);
  });

  it("rejects an exception without a reason", async () => {
    const exceptions = [{ resource: "action1-app", reason: " " }];
    await expect(check({}, { region: "na", exceptions })).rejects.toThrow(
      'invalid policy config: okta-app-safety.exceptions[0].reason for "action1-app" is missing ' +
        "or shorter than 10 characters: write why the exception is acceptable.",
    );
  });

  it("does not report values unknown during preview", async () => {
    const unknowns = {
      type: UNKNOWN_VALUE,
      grantTypes: [UNKNOWN_VALUE],
      pkceRequired: UNKNOWN_VALUE,
      tokenEndpointAuthMethod: UNKNOWN_VALUE,
      redirectUris: UNKNOWN_VALUE,
    };
    expect(await check(unknowns)).toEqual([]);
  });
});

describe("okta-app-extra-redirect-uris", () => {
  async function extra(redirectUris: unknown) {
    const spec = find(withProps(baseline(), "action1-app", { redirectUris }), "action1-app");
    return messages(await runResourcePolicy(oktaAppExtraRedirectUris, resourceArgs(spec)));
  }

  it("passes Action1's URI alone", async () => {
    expect(await extra([NA_REDIRECT])).toEqual([]);
  });

  it("flags each extra URI", async () => {
    expect(await extra([NA_REDIRECT, "https://tools.example.invalid/cb"])).toEqual([
      `${APP} allows extra redirect URI "https://tools.example.invalid/cb" besides Action1's ` +
        `"${NA_REDIRECT}"; remove it unless something else must sign in through this app.`,
    ]);
  });

  it("is advisory by default", () => {
    expect(oktaAppExtraRedirectUris.enforcementLevel).toBe("advisory");
  });

  it("does not report an unknown list", async () => {
    expect(await extra(UNKNOWN_VALUE)).toEqual([]);
  });
});
