/**
 * Action1 regions. Every region-specific fact lives in this one table: a new region is one row
 * here (if Action1 opens one) and one `Pulumi.<region>.yaml` stack file.
 */
export interface Action1Region {
  /** Stack-friendly key, also the default stack name for the region. */
  readonly key: string;
  /** Human name, as Action1's documentation calls it. */
  readonly name: string;
  /** Console host, e.g. `app.eu.action1.com`. */
  readonly host: string;
  /** REST API base URL: `https://<host>/api/3.0`. */
  readonly apiBaseUrl: string;
  /** Sign-in redirect URI that Okta must allow: `https://<host>/sso/login`. */
  readonly redirectUri: string;
}

function region(key: string, name: string, host: string): Action1Region {
  return {
    key,
    name,
    host,
    apiBaseUrl: `https://${host}/api/3.0`,
    redirectUri: `https://${host}/sso/login`,
  };
}

export const REGIONS: Readonly<Record<string, Action1Region>> = Object.freeze({
  na: region("na", "North America", "app.action1.com"),
  eu: region("eu", "Europe", "app.eu.action1.com"),
  au: region("au", "Australia", "app.au.action1.com"),
  // NA-2's redirect URI follows the pattern; Action1's Okta guide does not list it yet.
  "na-2": region("na-2", "North America 2", "app.na-2.action1.com"),
});

export const REGION_KEYS: readonly string[] = Object.freeze(Object.keys(REGIONS));

/** The region for a key, or undefined. Keys are matched case-insensitively. */
export function findRegion(key: string): Action1Region | undefined {
  return REGIONS[key.toLowerCase()];
}

/** Every Action1 console host, for checks that a redirect URI points at Action1. */
export const ACTION1_HOSTS: readonly string[] = Object.freeze(
  Object.values(REGIONS).map((r) => r.host),
);
