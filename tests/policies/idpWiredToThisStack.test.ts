import { idpWiredToThisStack } from "../../policies/idpWiredToThisStack";
import { baseline, OKTA_PROVIDER, T, withProps, withSpec } from "./fixtures";
import {
  messages,
  type ResourceSpec,
  runStackPolicy,
  stackArgs,
  UNKNOWN_VALUE,
  urnOf,
} from "./helpers";

const run = (specs: ResourceSpec[], config: object = {}) =>
  runStackPolicy(idpWiredToThisStack, stackArgs(specs, config));

const IDP = 'Action1 identity provider "action1-idp"';
const ORG = "https://dev-000000.okta.com[/oauth2/<server>]";
const LOCAL = "http://127.0.0.1:41109";

function idpDeps(dependsOn: Record<string, string[]>): ResourceSpec[] {
  return withSpec(baseline(), "action1-idp", { dependsOn });
}

describe("idp-wired-to-this-stack", () => {
  it("passes the baseline (clientId from the app, issuer on the provider's org)", async () => {
    expect(await run(baseline())).toEqual({ violations: [] });
  });

  it("fails a literal clientId", async () => {
    const outcome = await run(idpDeps({}));
    expect(messages(outcome)).toEqual([
      `${IDP} must take clientId from this stack's Okta app (the clientId output of ` +
        "okta:app/oAuth:OAuth); it is a literal.",
    ]);
    expect(outcome.violations[0]?.urn).toBe(urnOf(T.idp, "action1-idp"));
  });

  it("fails a clientId from another stack", async () => {
    const specs: ResourceSpec[] = [
      { type: "pulumi:pulumi:StackReference", name: "shared", props: { name: "org/shared/prod" } },
      ...idpDeps({ clientId: ["shared"] }),
    ];
    expect(messages(await run(specs))).toEqual([
      `${IDP} must take clientId from this stack's Okta app (the clientId output of ` +
        "okta:app/oAuth:OAuth); it comes from another stack " +
        '(pulumi:pulumi:StackReference "shared").',
    ]);
  });

  it("fails an issuer on another Okta org", async () => {
    const specs = withProps(baseline(), "action1-idp", { issuerUri: "https://evil.okta.com" });
    expect(messages(await run(specs))).toEqual([
      `${IDP} must take issuerUri from this stack's Okta org or authorization server (${ORG}); ` +
        'found "https://evil.okta.com".',
    ]);
  });

  it("fails an issuer that is not https or has a foreign path", async () => {
    for (const issuerUri of ["http://dev-000000.okta.com", "https://dev-000000.okta.com/x/y"]) {
      const specs = withProps(baseline(), "action1-idp", { issuerUri });
      expect(messages(await run(specs))).toEqual([
        `${IDP} must take issuerUri from this stack's Okta org or authorization server ` +
          `(${ORG}); found ${JSON.stringify(issuerUri)}.`,
      ]);
    }
  });

  it("accepts a custom server on the org and a configured custom domain", async () => {
    const custom = withProps(baseline(), "action1-idp", {
      issuerUri: "https://dev-000000.okta.com/oauth2/aus-fake",
    });
    expect(await run(custom)).toEqual({ violations: [] });
    const domain = withProps(baseline(), "action1-idp", {
      issuerUri: "https://login.example.invalid",
    });
    expect(await run(domain, { issuerHosts: ["login.example.invalid"] })).toEqual({
      violations: [],
    });
  });

  it("accepts the issuer at the provider's httpProxy (the sandbox's local Okta)", async () => {
    const proxied = { ...OKTA_PROVIDER, props: { ...OKTA_PROVIDER.props, httpProxy: LOCAL } };
    const at = (issuerUri: string) =>
      withSpec(withProps(baseline(), "action1-idp", { issuerUri }), "action1-app", {
        provider: proxied,
      });
    expect(await run(at(LOCAL))).toEqual({ violations: [] });
    expect(messages(await run(at("http://127.0.0.1:9")))).toEqual([
      `${IDP} must take issuerUri from this stack's Okta org or authorization server (${ORG} ` +
        `or ${LOCAL}[/oauth2/<server>]); found "http://127.0.0.1:9".`,
    ]);
  });

  it("accepts an issuer that comes from this stack's authorization server", async () => {
    const specs: ResourceSpec[] = [
      { type: T.server, name: "action1-server", props: { issuer: "https://x.example.invalid" } },
      ...withProps(baseline(), "action1-idp", { issuerUri: "https://x.example.invalid" }),
    ];
    const wired = specs.map((s) =>
      s.name === "action1-idp"
        ? { ...s, dependsOn: { ...s.dependsOn, issuerUri: ["action1-server"] } }
        : s,
    );
    expect(await run(wired)).toEqual({ violations: [] });
  });

  it("fails an issuer taken from a resource that is not Okta's", async () => {
    const specs: ResourceSpec[] = [
      { type: "random:index/randomString:RandomString", name: "junk", props: {} },
      ...baseline(),
    ];
    const wired = specs.map((s) =>
      s.name === "action1-idp" ? { ...s, dependsOn: { ...s.dependsOn, issuerUri: ["junk"] } } : s,
    );
    expect(messages(await run(wired))).toEqual([
      `${IDP} must take issuerUri from this stack's Okta org or authorization server; it comes ` +
        'from random:index/randomString:RandomString "junk".',
    ]);
  });

  it("does not check an issuer it has nothing to compare with", async () => {
    const specs = withSpec(
      withProps(baseline(), "action1-idp", { issuerUri: "https://a.b" }),
      "action1-app",
      {
        provider: undefined,
      },
    );
    expect(await run(specs)).toEqual({ violations: [] });
  });

  it("does not report an issuer unknown during preview", async () => {
    const specs = withProps(baseline(), "action1-idp", { issuerUri: UNKNOWN_VALUE });
    expect(await run(specs)).toEqual({ violations: [] });
  });
});
