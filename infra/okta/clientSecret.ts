import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/**
 * Okta's rules for a client secret you bring yourself (Management API
 * `ApplicationCredentialsOAuthClient.client_secret`): 14 to 100 characters; at least 32 for
 * `client_secret_jwt`. We use 64 characters from the URL-unreserved set (letters, digits,
 * `-._~`): they need no escaping in client_secret_basic (form-url-encoded, RFC 6749 §2.3.1)
 * or client_secret_post, nor in Action1's API or a shell.
 */
export const CLIENT_SECRET_LENGTH = 64;
export const CLIENT_SECRET_SPECIALS = "-._~";

export interface ClientSecret {
  readonly resource: random.RandomPassword;
  /** Always a secret Output (wrapped here: `additionalSecretOutputs` is engine-only). */
  readonly value: pulumi.Output<string>;
}

/**
 * The app's client secret. Changing `rotation` (config `clientSecretRotation`) replaces the
 * password, which updates the Okta app and, later, Action1's identity provider.
 */
export function defineClientSecret(
  name: string,
  rotation: string,
  opts?: pulumi.CustomResourceOptions,
): ClientSecret {
  const resource = new random.RandomPassword(
    name,
    {
      length: CLIENT_SECRET_LENGTH,
      lower: true,
      upper: true,
      numeric: true,
      special: true,
      overrideSpecial: CLIENT_SECRET_SPECIALS,
      minLower: 4,
      minUpper: 4,
      minNumeric: 4,
      minSpecial: 2,
      keepers: { rotation },
    },
    { ...opts, additionalSecretOutputs: ["result"] },
  );
  return { resource, value: pulumi.secret(resource.result) };
}
