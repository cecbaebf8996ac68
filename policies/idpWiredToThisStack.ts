/**
 * idp-wired-to-this-stack: Action1's identity provider takes its client id from this stack's Okta
 * app and its issuer from this stack's Okta org or authorization server, so a copied literal can
 * never point Action1 at another tenant's app.
 *
 * The org authorization server's issuer comes from an invoke (`getOauthAuthorizationServer`) or
 * from the provider's org URL, which leaves no resource dependency; such an issuer is accepted
 * when its host is this stack's Okta org (from the Okta provider the app uses, or the policy's
 * `issuerHosts` setting). When neither is known the issuer's host is not checked.
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

/** `<orgName>.<baseUrl>` of the Okta provider an app uses, when its config is known. */
function oktaOrgHost(app: PolicyResource): string | undefined {
  const provider = app.provider;
  if (!provider) {
    return undefined;
  }
  const orgName = readString(() => provider.props.orgName);
  const baseUrl = readString(() => provider.props.baseUrl);
  if (typeof orgName !== "string" || orgName === "") {
    return undefined;
  }
  return `${orgName}.${typeof baseUrl === "string" && baseUrl !== "" ? baseUrl : "okta.com"}`;
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
      const hosts = new Set<string>((config.issuerHosts ?? []).map((h) => h.toLowerCase()));
      for (const app of appsFor(idp, args.resources)) {
        const host = oktaOrgHost(app);
        if (host) {
          hosts.add(host.toLowerCase());
        }
      }
      if (hosts.size === 0) {
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
        url.protocol === "https:" &&
        hosts.has(url.host.toLowerCase()) &&
        ISSUER_PATH.test(url.pathname);
      if (!ok) {
        const expected = [...hosts].map((h) => `https://${h}[/oauth2/<server>]`).join(" or ");
        report(
          `${what} must take issuerUri from this stack's Okta org or authorization server ` +
            `(${expected}); found ${JSON.stringify(issuer ?? null)}.`,
          idp,
        );
      }
    }
  },
};
