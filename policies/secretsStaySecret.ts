/**
 * secrets-stay-secret: the Okta client secret and Action1 API credentials are secret values
 * wherever they appear in inputs.
 *
 * CrossGuard 1.21 unwraps secrets before `validateResource` runs, so a validation cannot tell a
 * secret from plain text. Only `remediateResource` sees the wrapping; at the default level
 * `remediate` this policy therefore makes any plain-text secret input secret before the resource
 * is registered, so it never reaches state or previews in plain text. At `mandatory` or
 * `advisory` only the structural checks below run (documented in docs/guides/policies.md).
 */
import { type ResourceValidationPolicy, Secret } from "@pulumi/policy";
import { EXCEPTIONS_SCHEMA, resourceReporter } from "./lib/exceptions";
import { ACTION1_TOKENS, describe, TOKENS } from "./lib/tokens";

export const SECRETS_STAY_SECRET = "secrets-stay-secret";

/** Inputs that hold a secret, by resource type. */
export const SECRET_INPUTS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  [TOKENS.action1IdentityProvider]: ["clientSecret"],
  [TOKENS.oktaApp]: ["clientBasicSecret"],
});

/** Inputs that would carry Action1 API credentials; Action1 resources must have none. */
export const CREDENTIAL_INPUTS: readonly string[] = ["action1ClientId", "action1ClientSecret"];

const PROXY_FLAG = "__isSpecialProxy";
const PROXY_TARGET = "__getSpecialProxyTarget";

/** The plain object under CrossGuard's proxies, where secrets are still `Secret` wrappers. */
function unproxied(props: Record<string, unknown>): Record<string, unknown> {
  let target: Record<string, unknown> = props;
  while (target[PROXY_FLAG] === true) {
    target = target[PROXY_TARGET] as Record<string, unknown>;
  }
  return target;
}

/** True for a `Secret` wrapper (matched by shape too: tests may load a second copy). */
export function isSecretValue(value: unknown): boolean {
  return (
    value instanceof Secret ||
    (typeof value === "object" &&
      value !== null &&
      value.constructor.name === "Secret" &&
      "value" in value)
  );
}

function secretInputsOf(type: string): readonly string[] {
  const own = SECRET_INPUTS[type] ?? [];
  return ACTION1_TOKENS.includes(type) ? [...own, ...CREDENTIAL_INPUTS] : own;
}

export const secretsStaySecret: ResourceValidationPolicy = {
  name: SECRETS_STAY_SECRET,
  description:
    "Keeps the Okta client secret and Action1 API credentials secret wherever they appear in " +
    "resource inputs.",
  enforcementLevel: "remediate",
  severity: "critical",
  remediationSteps:
    "Pass secrets as secret Outputs (config.requireSecret, random.RandomPassword.result, " +
    "pulumi.secret). Never give Action1 resources API credentials as inputs: the provider reads " +
    "them from the secret stack config action1-okta-sso:action1ClientId/action1ClientSecret. The " +
    "identity provider must list clientSecret in additionalSecretOutputs.",
  configSchema: { properties: { exceptions: EXCEPTIONS_SCHEMA } },
  remediateResource: (args) => {
    const names = secretInputsOf(args.type);
    if (names.length === 0) {
      return undefined;
    }
    const raw = unproxied(args.props);
    const plain = names.filter((n) => raw[n] !== undefined && raw[n] !== null);
    const toWrap = plain.filter((n) => !isSecretValue(raw[n]));
    if (toWrap.length === 0) {
      return undefined;
    }
    const fixed: Record<string, unknown> = { ...raw };
    for (const n of toWrap) {
      fixed[n] = new Secret(raw[n]);
    }
    return fixed;
  },
  validateResource: (args, reportViolation) => {
    const report = resourceReporter(SECRETS_STAY_SECRET, args, reportViolation);
    if (ACTION1_TOKENS.includes(args.type)) {
      // Key presence only: reading a value could hit an unknown, and the value is never shown.
      const present = CREDENTIAL_INPUTS.filter((k) => Object.keys(args.props).includes(k));
      if (present.length > 0) {
        report(
          `${describe(args)} must not take Action1 API credentials as inputs (found ` +
            `${present.join(", ")}); the provider reads them from the secret stack config ` +
            "action1-okta-sso:action1ClientId and action1-okta-sso:action1ClientSecret.",
        );
      }
    }
    if (
      args.type === TOKENS.action1IdentityProvider &&
      !args.opts.additionalSecretOutputs.includes("clientSecret")
    ) {
      report(
        `${describe(args)} must list clientSecret in additionalSecretOutputs so that the client ` +
          "secret stays secret in state and outputs.",
      );
    }
  },
};
