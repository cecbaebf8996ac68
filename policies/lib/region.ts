/**
 * The Action1 region a stack deploys to, as the pack sees it: the policy's own `region` setting,
 * else the stack config `action1-okta-sso:region`, else the stack name (the project's default).
 * Since Pulumi 3.221 the language host gives the pack the stack's name and config through its
 * environment; when neither is there (other hosts, tests) the region is simply not known.
 */
import * as pulumi from "@pulumi/pulumi";
import { type Action1Region, findRegion, REGION_KEYS, REGIONS } from "../../infra/regions";

export type RegionLookup =
  | { readonly kind: "found"; readonly region: Action1Region; readonly from: string }
  | { readonly kind: "invalid"; readonly key: string; readonly from: string }
  | { readonly kind: "unknown" };

function stackSetting(): { key: string; from: string } | undefined {
  try {
    const configured = new pulumi.Config("action1-okta-sso").get("region");
    if (configured) {
      return { key: configured, from: "stack config action1-okta-sso:region" };
    }
    const stack = pulumi.getStack();
    // The SDK answers "stack" when no stack name reached this process at all.
    const unset = stack === "stack" && process.env.PULUMI_NODEJS_STACK === undefined;
    return stack && !unset ? { key: stack, from: `stack name "${stack}"` } : undefined;
  } catch {
    // No stack settings in this process: the region is not known.
    return undefined;
  }
}

export function lookupRegion(override: string | undefined): RegionLookup {
  const setting = override ? { key: override, from: "policy config region" } : stackSetting();
  if (!setting) {
    return { kind: "unknown" };
  }
  const region = findRegion(setting.key);
  return region
    ? { kind: "found", region, from: setting.from }
    : { kind: "invalid", key: setting.key, from: setting.from };
}

export const REGION_LIST = REGION_KEYS.join(", ");

/** Every Action1 sign-in redirect URI, for when the stack's region is not known. */
export const ALL_REDIRECT_URIS: readonly string[] = Object.values(REGIONS).map(
  (r) => r.redirectUri,
);
