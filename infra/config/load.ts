import * as pulumi from "@pulumi/pulumi";
import { parseConfig, type RawConfig, type StackConfig } from "./validate";

/**
 * Reads the stack's whole config once from the Pulumi runtime and validates it. Throws one
 * `ConfigError` (naming the stack, listing every problem, no secret in it) before the program
 * registers any resource.
 */
export function loadConfig(): StackConfig {
  return parseConfig(readRawConfig());
}

export function readRawConfig(): RawConfig {
  const values = pulumi.runtime.allConfig();
  return {
    stack: pulumi.getStack(),
    values,
    secretKeys: secretKeysOf(Object.keys(values)),
    env: {
      OKTA_ORG_NAME: process.env.OKTA_ORG_NAME,
      OKTA_BASE_URL: process.env.OKTA_BASE_URL,
      OKTA_HTTP_PROXY: process.env.OKTA_HTTP_PROXY,
      OKTA_API_TOKEN: process.env.OKTA_API_TOKEN,
      OKTA_ACCESS_TOKEN: process.env.OKTA_ACCESS_TOKEN,
      OKTA_API_PRIVATE_KEY: process.env.OKTA_API_PRIVATE_KEY,
    },
  };
}

/**
 * Which keys Pulumi marks secret. The SDK's `isConfigSecret` is internal (not in its typings),
 * so it is looked up defensively; without it the plaintext check on okta:apiToken is skipped.
 */
function secretKeysOf(keys: readonly string[]): ReadonlySet<string> | undefined {
  const runtime = pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean };
  const isSecret = runtime.isConfigSecret;
  if (typeof isSecret !== "function") return undefined;
  return new Set(keys.filter((k) => isSecret(k)));
}
