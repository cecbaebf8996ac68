/**
 * idp-wired-to-this-stack: Action1's identity provider takes its client id from this stack's Okta
 * app and its issuer from this stack's Okta org or authorization server, so a copied literal can
 * never point Action1 at another tenant's app.
 *
 * The org authorization server's issuer comes from an invoke (`getOauthAuthorizationServer`) or
 * from the provider's org URL, which leaves no resource dependency; such an issuer is accepted
 * when it is on this stack's Okta org as the app's Okta provider reaches it (`orgName` and
 * `baseUrl`, or its `httpProxy`), or on a host in the policy's `issuerHosts` setting. When none
 * of these is known the issuer is not checked.
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { EXCEPTIONS_SCHEMA, reporterFor } from "./lib/exceptions";
import { readString } from "./lib/known";
import { appsFor, ofType, sourcesOf } from "./lib/links";
import { describe, TOKENS } from "./lib/tokens";

export const IDP_WIRED_TO_THIS_STACK = "idp-wired-to-this-stack";

export interface IdpWiredConfig {
  /** Extra accepted issuer hosts, e.g. the Okta custom domain. */
  issuerHosts?: string[];
}

/** An issuer path: the org server ("" or "/") or a custom server ("/oauth2/<id>"). */
const ISSUER_PATH = /^(\/?|\/oauth2\/[A-Za-z0-9_-]+\/?)$/;

/**
 * The origins the Okta provider of an app reaches its org at: `https://<orgName>.<baseUrl>`, and
 * its `httpProxy` when set (the sandbox points the provider at a local Okta that way, and the
 * issuer it reports is then the proxy's origin).
 */
function oktaOrgOrigins(app: PolicyResource): string[] {
  const provider = app.provider;
  if (!provider) {
    return [];
  }
  const orgName = readString(() => provider.props.orgName);
  const baseUrl = readString(() => provider.props.baseUrl);
  const proxy = readString(() => provider.props.httpProxy);
  const origins: string[] = [];
  if (typeof orgName === "string" && orgName !== "") {
    const base = typeof baseUrl === "string" && baseUrl !== "" ? baseUrl : "okta.com";
    origins.push(`https://${orgName}.${base}`);
  }
  if (typeof proxy === "string" && proxy !== "") {
    try {
      origins.push(new URL(proxy).origin);
    } catch {
      // Not a URL: the provider would fail on it anyway.
    }
  }
  return origins;
}

function origin(source: PolicyResource): string {
  return source.type === "pulumi:pulumi:StackReference"
    ? `another stack (${describe(source)})`
    : describe(source);
}

export const idpWiredToThisStack: StackValidationPolicy = {
  name: IDP_WIRED_TO_THIS_STACK,
  description:
    "Requires Action1's identity provider to take its client id and issuer from this stack's " +
    "Okta app and Okta org, not from literals.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Pass the app's clientId output (app.clientId) and the issuer from this stack's Okta org or " +
    "authorization server to the identity provider instead of a pasted value.",
  configSchema: {
    properties: {
      issuerHosts: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Issuer hosts accepted besides the Okta provider's org, e.g. a custom domain.",
      },
      exceptions: EXCEPTIONS_SCHEMA,
    },
  },
  validateStack: (args, reportViolation) => {
    const config = args.getConfig<IdpWiredConfig>();
    const report = reporterFor(IDP_WIRED_TO_THIS_STACK, config, reportViolation);
    for (const idp of ofType(args.resources, TOKENS.action1IdentityProvider)) {
      const what = describe(idp);
      const clientSources = sourcesOf(idp, "clientId");
      if (!clientSources.some((s) => s.type === TOKENS.oktaApp)) {
        const from =
          clientSources.length === 0
            ? "it is a literal"
            : `it comes from ${clientSources.map(origin).join(", ")}`;
        report(
          `${what} must take clientId from this stack's Okta app (the clientId output of ` +
            `${TOKENS.oktaApp}); ${from}.`,
          idp,
        );
      }

      const issuerSources = sourcesOf(idp, "issuerUri");
      if (issuerSources.some((s) => s.type.startsWith("okta:"))) {
        continue;
      }
      if (issuerSources.length > 0) {
        report(
          `${what} must take issuerUri from this stack's Okta org or authorization server; it ` +
            `comes from ${issuerSources.map(origin).join(", ")}.`,
          idp,
        );
        continue;
      }
      const issuer = readString(() => idp.props.issuerUri);
      if (typeof issuer !== "string" && issuer !== undefined) {
        continue; // unknown during preview: an invoke's result, checked once known
      }
      const origins = new Set<string>(
        (config.issuerHosts ?? []).map((h) => `https://${h.toLowerCase()}`),
      );
      for (const app of appsFor(idp, args.resources)) {
        for (const o of oktaOrgOrigins(app)) {
          origins.add(o.toLowerCase());
        }
      }
      if (origins.size === 0) {
        continue; // nothing to compare with: see the module comment
      }
      let url: URL | undefined;
      try {
        url = issuer === undefined ? undefined : new URL(issuer);
      } catch {
        url = undefined;
      }
      const ok =
        url !== undefined &&
        origins.has(url.origin.toLowerCase()) &&
        ISSUER_PATH.test(url.pathname);
      if (!ok) {
        const expected = [...origins].map((o) => `${o}[/oauth2/<server>]`).join(" or ");
        report(
          `${what} must take issuerUri from this stack's Okta org or authorization server ` +
            `(${expected}); found ${JSON.stringify(issuer ?? null)}.`,
          idp,
        );
      }
    }
  },
};
