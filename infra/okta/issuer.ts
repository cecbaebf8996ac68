import * as okta from "@pulumi/okta";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config";
import { signInScopes } from "./app";

export interface Issuer {
  /** The issuer URI Action1 validates tokens against. */
  readonly issuerUri: pulumi.Output<string>;
  /** Set for a custom authorization server. */
  readonly authServerId?: pulumi.Output<string>;
  readonly policy?: okta.auth.ServerPolicy;
  readonly rule?: okta.auth.ServerPolicyRule;
}

/**
 * The org authorization server (`https://<orgName>.<baseUrl>`, or the custom domain when the
 * app's issuer mode is CUSTOM_URL) or a named custom server. A custom server only issues tokens
 * to a client that an access policy and rule cover, so those are declared here: this app's
 * client only, its grant types, the sign-in scopes, the assigned groups.
 */
export function defineIssuer(
  name: string,
  config: StackConfig,
  clientId: pulumi.Input<string>,
  groupIds: pulumi.Input<string[]>,
  opts?: pulumi.CustomResourceOptions,
): Issuer {
  const server = config.authorizationServer;
  if (server.kind === "org") {
    const uri =
      config.app.issuerMode === "CUSTOM_URL" && config.app.customDomain
        ? `https://${config.app.customDomain}`
        : config.okta.orgUrl;
    return { issuerUri: pulumi.output(uri) };
  }

  const found = pulumi.output(findAuthServer(server.name, config.stack));
  const authServerId = found.id;
  const region = config.region.name;
  const description = `Action1 SSO (${region}): lets the ${config.app.label} app sign in`;
  const policy = new okta.auth.ServerPolicy(
    `${name}-policy`,
    {
      authServerId,
      name: `${config.app.label} (${config.region.key})`,
      description,
      priority: 1,
      status: "ACTIVE",
      clientWhitelists: [clientId],
    },
    opts,
  );
  // Limitation: client_credentials (if configured) is left out of this sign-in rule; a
  // machine-to-machine token from a custom server would need a rule of its own.
  // Priority 1 puts the policy and rule first; Okta renumbers the server's other policies.
  const grants = config.app.grantTypes.filter(
    (g) => g === "authorization_code" || g === "refresh_token",
  );
  const rule = new okta.auth.ServerPolicyRule(
    `${name}-rule`,
    {
      authServerId,
      policyId: policy.id,
      name: `${config.app.label} sign-in`,
      priority: 1,
      status: "ACTIVE",
      type: "RESOURCE_ACCESS",
      grantTypeWhitelists: grants,
      scopeWhitelists: signInScopes(config),
      groupWhitelists: groupIds,
    },
    opts,
  );
  return { issuerUri: found.issuer, authServerId, policy, rule };
}

/** A custom authorization server by exact name; a missing or inactive one is a clear error. */
export async function findAuthServer(
  name: string,
  stack: string,
): Promise<{ id: string; issuer: string }> {
  let found: okta.auth.GetServerResult;
  try {
    found = await okta.auth.getServer({ name });
  } catch (err) {
    const reason = ((err instanceof Error ? err.message : String(err)).split("\n")[0] ?? "").trim();
    throw new Error(
      `Okta authorization server "${name}" was not found${reason ? ` (${reason})` : ""}. ` +
        "Fix: create it (API " +
        `Access Management), or set authorizationServer to org in Pulumi.${stack}.yaml.`,
    );
  }
  if (found.status !== "ACTIVE") {
    throw new Error(
      `Okta authorization server "${name}" is ${found.status}, so it issues no tokens. Fix: ` +
        `activate it in Okta, or set authorizationServer to org in Pulumi.${stack}.yaml.`,
    );
  }
  return { id: found.id, issuer: found.issuer };
}
