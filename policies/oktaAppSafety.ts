/**
 * okta-app-safety: the Okta OIDC app that Action1 signs in through is a web app using the
 * authorization-code flow with PKCE and a client secret, and redirects only over https, first to
 * Action1's sign-in URI for the stack's region. Checked on the app's inputs as it is registered.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { EXCEPTIONS_SCHEMA, resourceReporter } from "./lib/exceptions";
import { isKnown, read, readString, UNKNOWN } from "./lib/known";
import { ALL_REDIRECT_URIS, lookupRegion, REGION_LIST } from "./lib/region";
import { describe, TOKENS } from "./lib/tokens";

export const OKTA_APP_SAFETY = "okta-app-safety";

/** Token endpoint auth methods that prove the client with a secret. */
export const SECRET_AUTH_METHODS: readonly string[] = [
  "client_secret_basic",
  "client_secret_post",
  "client_secret_jwt",
];
/** What the Okta provider uses when `tokenEndpointAuthMethod` is left out. */
const PROVIDER_DEFAULT_AUTH_METHOD = "client_secret_basic";

export interface RegionSetting {
  /** Overrides the region taken from stack config or the stack name. */
  region?: string;
}

function list(values: readonly unknown[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(", ")}]`;
}

export const oktaAppSafety: ResourceValidationPolicy = {
  name: OKTA_APP_SAFETY,
  description:
    "Requires the Okta app to be a web app with authorization code, PKCE, a client secret and " +
    "https redirects that start with Action1's sign-in URI for the stack's region.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set type "web", grantTypes with "authorization_code" and without "implicit", pkceRequired ' +
    "true, tokenEndpointAuthMethod client_secret_basic (or _post/_jwt), and redirectUris " +
    "starting with the region's URI from infra/regions.ts (the program does this unless " +
    "config overrides it).",
  configSchema: {
    properties: {
      region: { type: "string", description: `Action1 region key: ${REGION_LIST}.` },
      exceptions: EXCEPTIONS_SCHEMA,
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== TOKENS.oktaApp) {
      return;
    }
    const report = resourceReporter(OKTA_APP_SAFETY, args, reportViolation);
    const app = describe(args);
    const props = args.props;

    const type = readString(() => props.type);
    if (isKnown(type) && type !== "web") {
      report(`${app} must be a web app (type "web"); found ${JSON.stringify(type ?? null)}.`);
    }

    const grants = read(() => props.grantTypes as unknown);
    if (isKnown(grants)) {
      const g = Array.isArray(grants) ? grants : [];
      if (!g.includes("authorization_code")) {
        report(`${app} must allow the authorization_code grant; grantTypes are ${list(g)}.`);
      }
      if (g.includes("implicit")) {
        report(`${app} must not allow the implicit grant; remove "implicit" from grantTypes.`);
      }
    }

    const pkce = read(() => props.pkceRequired as unknown);
    if (isKnown(pkce) && pkce !== true) {
      report(
        `${app} must require PKCE (pkceRequired: true); found ${JSON.stringify(pkce ?? null)}.`,
      );
    }

    const method = readString(() => props.tokenEndpointAuthMethod);
    if (isKnown(method) && !SECRET_AUTH_METHODS.includes(method ?? PROVIDER_DEFAULT_AUTH_METHOD)) {
      report(
        `${app} must authenticate with a client secret (tokenEndpointAuthMethod ` +
          `${SECRET_AUTH_METHODS.join(", ")}); found ${JSON.stringify(method)}.`,
      );
    }

    const uris = read(() => props.redirectUris as unknown);
    if (uris === UNKNOWN) {
      return;
    }
    const redirectUris = Array.isArray(uris) ? uris.map(String) : [];
    for (const uri of redirectUris.filter((u) => !u.startsWith("https://"))) {
      report(`${app} must use https redirect URIs; ${JSON.stringify(uri)} is not https.`);
    }
    const first = redirectUris[0];
    const found = first === undefined ? "none" : JSON.stringify(first);
    const region = lookupRegion(args.getConfig<RegionSetting>().region, args.urn);
    if (region.kind === "found") {
      if (first !== region.region.redirectUri) {
        report(
          `${app} must list Action1's sign-in URI for region ${region.region.key} ` +
            `(${region.region.redirectUri}, from ${region.from}) first in redirectUris; ` +
            `found ${found}.`,
        );
      }
    } else if (region.kind === "invalid") {
      report(
        `${app} cannot be checked against its region: ${JSON.stringify(region.key)} (from ` +
          `${region.from}) is not an Action1 region (${REGION_LIST}); set ` +
          "action1-okta-sso:region or this policy's region setting.",
      );
    } else if (first === undefined || !ALL_REDIRECT_URIS.includes(first)) {
      report(
        `${app} must list an Action1 sign-in URI (https://<Action1 host>/sso/login) first in ` +
          `redirectUris; found ${found}. The pack could not tell the stack's region` +
          `${region.stack ? ` (stack "${region.stack}" is not a region key)` : ""}; set this ` +
          "policy's region setting to check the exact URI.",
      );
    }
  },
};

export const OKTA_APP_EXTRA_REDIRECT_URIS = "okta-app-extra-redirect-uris";

export const oktaAppExtraRedirectUris: ResourceValidationPolicy = {
  name: OKTA_APP_EXTRA_REDIRECT_URIS,
  description:
    "Flags redirect URIs on the Okta app beyond Action1's own, since each one is another place " +
    "a sign-in code can be sent.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Remove the URI from config extraRedirectUris, or list the app in this policy's exceptions " +
    "with the reason it needs the URI.",
  configSchema: { properties: { exceptions: EXCEPTIONS_SCHEMA } },
  validateResource: (args, reportViolation) => {
    if (args.type !== TOKENS.oktaApp) {
      return;
    }
    const report = resourceReporter(OKTA_APP_EXTRA_REDIRECT_URIS, args, reportViolation);
    const uris = read(() => args.props.redirectUris as unknown);
    if (!isKnown(uris) || !Array.isArray(uris)) {
      return;
    }
    for (const uri of uris.slice(1)) {
      report(
        `${describe(args)} allows extra redirect URI ${JSON.stringify(uri)} besides Action1's ` +
          `${JSON.stringify(uris[0])}; remove it unless something else must sign in through ` +
          "this app.",
      );
    }
  },
};
