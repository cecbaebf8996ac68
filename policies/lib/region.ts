/**
 * The Action1 region a stack deploys to, as the pack sees it, first match wins:
 * 1. the policy's own `region` setting;
 * 2. the stack config `action1-okta-sso:region`, when the pack's process has the stack's config
 *    (the SDK reads it from its environment; under mocks it is set directly);
 * 3. the stack name (the project's default region), from the SDK when one reached this process,
 *    else from the resource's URN (`urn:pulumi:<stack>::…`).
 * Checked with the CLI built from Go modules at 3.276.0: the policy pack's process gets neither
 * the stack name nor its config, so in CI the region comes from the URN; a stack whose name is
 * not a region and whose region is set in config needs the policy's `region` setting.
 */
import * as pulumi from "@pulumi/pulumi";
import { type Action1Region, findRegion, REGION_KEYS, REGIONS } from "../../infra/regions";

export type RegionLookup =
  | { readonly kind: "found"; readonly region: Action1Region; readonly from: string }
  /** An explicit setting names no Action1 region. */
  | { readonly kind: "invalid"; readonly key: string; readonly from: string }
  /** Not known: nothing set, or only a stack name that is not a region key. */
  | { readonly kind: "unknown"; readonly stack?: string };

interface Setting {
  readonly key: string;
  readonly from: string;
  readonly explicit: boolean;
}

/** The stack name in a URN, `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function stackFromUrn(urn: string): string | undefined {
  const m = /^urn:pulumi:([^:]+)::/.exec(urn);
  return m?.[1];
}

function sdkSetting(): Setting | undefined {
  try {
    const configured = new pulumi.Config("action1-okta-sso").get("region");
    if (configured) {
      return { key: configured, from: "stack config action1-okta-sso:region", explicit: true };
    }
    const stack = pulumi.getStack();
    // The SDK answers "stack" when no stack name reached this process at all.
    const unset = stack === "stack" && process.env.PULUMI_NODEJS_STACK === undefined;
    return stack && !unset
      ? { key: stack, from: `stack name "${stack}"`, explicit: false }
      : undefined;
  } catch {
    // No stack settings in this process.
    return undefined;
  }
}

export function lookupRegion(override: string | undefined, urn?: string): RegionLookup {
  const fromUrn = urn === undefined ? undefined : stackFromUrn(urn);
  const setting: Setting | undefined = override
    ? { key: override, from: "policy config region", explicit: true }
    : (sdkSetting() ??
      (fromUrn ? { key: fromUrn, from: `stack name "${fromUrn}"`, explicit: false } : undefined));
  if (!setting) {
    return { kind: "unknown" };
  }
  const region = findRegion(setting.key);
  if (region) {
    return { kind: "found", region, from: setting.from };
  }
  return setting.explicit
    ? { kind: "invalid", key: setting.key, from: setting.from }
    : { kind: "unknown", stack: setting.key };
}

export const REGION_LIST = REGION_KEYS.join(", ");

/** Every Action1 sign-in redirect URI, for when the stack's region is not known. */
export const ALL_REDIRECT_URIS: readonly string[] = Object.values(REGIONS).map(
  (r) => r.redirectUri,
);
