import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/**
 * Okta's rules for a client secret you bring yourself (Management API
 * `ApplicationCredentialsOAuthClient.client_secret`): 14 to 100 characters; at least 32 for
 * `client_secret_jwt`; Okta documents no narrower character set. We use 64 characters of
 * letters, digits and `-._`: these stay unchanged under both URL encoding (RFC 3986 unreserved)
 * and form encoding (client_secret_basic form-encodes id and secret, RFC 6749 §2.3.1; the WHATWG
 * form encoder turns `~` into `%7E`, so `~` is left out), so a client that skips the encoding
 * still sends the right secret, and Action1's API and shells need no escaping either.
 */
export const CLIENT_SECRET_LENGTH = 64;
export const CLIENT_SECRET_SPECIALS = "-._";

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
