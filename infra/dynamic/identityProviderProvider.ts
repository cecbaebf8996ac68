/**
 * Implementation of the `pulumi-nodejs:dynamic/action1:IdentityProvider` provider, loaded at run
 * time by `infra/dynamic/identityProvider.ts` through `loadRuntime` (never serialized).
 *
 * It writes Okta's client ID, client secret and issuer URI into Action1's enterprise
 * identity-provider advanced setting (template `identity_provider`; the value encoding lives in
 * `infra/action1/idpSetting.ts` and is UNVERIFIED, see there).
 *
 * - `check`: every problem at once, one failure per field, never echoing the secret; values
 *   unknown during preview are accepted as they are.
 * - `diff`: field by field, no network; the secret is compared through a keyed digest; a new
 *   `apiBaseUrl` (another tenant) replaces, everything else (rotation included) updates.
 * - `create`: adopts the enterprise's existing identity-provider setting (PATCH) rather than
 *   posting a second one. A setting that selects another SSO provider (Entra ID, Google, Duo) is
 *   only taken over when no enabled user signs in through it, or with the explicit input
 *   `replaceExistingProvider: true` (and even then not when no Enterprise Admin could sign in
 *   afterwards).
 * - `read`: reports what Action1 holds now (drift) and an empty id when the setting is gone;
 *   without previous state (`get`/import) it fails clearly (nothing says which tenant to ask).
 * - `update`: PATCHes the setting; returns the full outputs.
 * - `delete`: refuses while enabled Action1 users sign in through this provider and no enabled
 *   password-login Enterprise Admin is left, unless `deleteProtection` is `allow`.
 */
import { createHmac } from "node:crypto";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { Action1Client } from "../action1/client";
import { isNotFound } from "../action1/errors";
import {
  decodeIdpValue,
  encodeIdpValue,
  IDP_SCOPE,
  IDP_SETTING_CATEGORY,
  IDP_TEMPLATE_ID,
  PASSWORD_PROVIDER,
  providerOf,
} from "../action1/idpSetting";
import type { Action1Setting } from "../action1/types";
import { clientFor, configureCredentials } from "./action1Runtime";
import { isUnknown, UNKNOWN } from "./unknown";

export { UNKNOWN };

export const DELETE_PROTECTIONS = ["refuse-if-locks-out", "allow"] as const;
export type DeleteProtection = (typeof DELETE_PROTECTIONS)[number];

export interface IdentityProviderInputs {
  apiBaseUrl: string;
  provider: "Okta";
  clientId: string;
  clientSecret: string;
  issuerUri: string;
  scope: "Enterprise";
  deleteProtection: DeleteProtection;
  /**
   * Explicit opt-in to take over an existing setting that selects another SSO provider although
   * enabled users sign in through it (they lose SSO sign-in). Default false. Read at create only.
   */
  replaceExistingProvider?: boolean;
}

export interface IdentityProviderOutputs extends IdentityProviderInputs {
  settingId: string;
  /** Keyed digest of the client secret (`hmac-sha256:v1:…`); never the secret itself. */
  clientSecretDigest: string;
}

/** Fields compared by `diff`, in order; `clientSecret` goes through its digest. */
export const COMPARED_FIELDS = [
  "apiBaseUrl",
  "provider",
  "clientId",
  "clientSecret",
  "issuerUri",
  "scope",
  "deleteProtection",
] as const;

/** Fields whose change needs another setting (another tenant) instead of a PATCH. */
const REPLACING: readonly string[] = ["apiBaseUrl"];

/**
 * HMAC-SHA256 of the client secret. The key is derived from a fixed, versioned label and the
 * client ID, so the digest changes when either changes and cannot be matched across apps.
 * Limitation: the key is not secret; the digest is a fingerprint that relies on Okta client
 * secrets being long and random (it would not protect a guessable secret).
 */
export function clientSecretDigest(clientId: string, clientSecret: string): string {
  const key = `action1-okta-sso/IdentityProvider/clientSecretDigest/v1\u0000${clientId}`;
  return `hmac-sha256:v1:${createHmac("sha256", key).update(clientSecret).digest("base64url")}`;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

function checkUrl(
  field: string,
  value: unknown,
  what: string,
  extra: (u: URL) => string | undefined,
): dynamic.CheckFailure | undefined {
  if (isUnknown(value)) return undefined;
  if (typeof value !== "string" || value.trim() === "") {
    return { property: field, reason: `${field} is required: ${what}` };
  }
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return { property: field, reason: `${field} ${JSON.stringify(value)} is not a URL: ${what}` };
  }
  if (u.protocol !== "https:" && !(u.protocol === "http:" && LOOPBACK.has(u.hostname))) {
    return {
      property: field,
      reason: `${field} ${JSON.stringify(value)} must use https (http only for 127.0.0.1): ${what}`,
    };
  }
  if (u.search || u.hash || u.username || u.password) {
    return {
      property: field,
      reason: `${field} ${JSON.stringify(value)} must not carry a query, fragment or user info`,
    };
  }
  const more = extra(u);
  return more
    ? { property: field, reason: `${field} ${JSON.stringify(value)} ${more}` }
    : undefined;
}

/** Validates and completes inputs; exported for tests. */
export function checkInputs(news: Record<string, unknown>): dynamic.CheckResult {
  const failures: dynamic.CheckFailure[] = [];
  const push = (f: dynamic.CheckFailure | undefined) => f && failures.push(f);
  const inputs: Record<string, unknown> = {
    scope: "Enterprise",
    deleteProtection: "refuse-if-locks-out",
    ...news,
  };
  push(
    checkUrl(
      "apiBaseUrl",
      inputs.apiBaseUrl,
      "the Action1 REST base URL of the region, e.g. https://app.eu.action1.com/api/3.0",
      (u) => (/\/api\/3\.0\/?$/.test(u.pathname) ? undefined : 'must end with "/api/3.0"'),
    ),
  );
  if (typeof inputs.apiBaseUrl === "string") {
    inputs.apiBaseUrl = inputs.apiBaseUrl.replace(/\/+$/, "");
  }
  if (!isUnknown(inputs.provider) && inputs.provider !== "Okta") {
    push({
      property: "provider",
      reason: `provider ${JSON.stringify(inputs.provider)} is not supported; use "Okta"`,
    });
  }
  const id = inputs.clientId;
  if (!isUnknown(id) && (typeof id !== "string" || !/^[A-Za-z0-9._~-]{1,200}$/.test(id))) {
    push({
      property: "clientId",
      reason:
        `clientId ${JSON.stringify(id)} is not an Okta client ID (letters, digits, ".", "_", ` +
        '"~", "-"); use the OIDC app\'s client_id output',
    });
  }
  const secret = inputs.clientSecret;
  if (!isUnknown(secret)) {
    if (typeof secret !== "string" || secret.length < 8 || /\s/.test(secret)) {
      push({
        property: "clientSecret",
        reason:
          "clientSecret must be the OIDC app's client secret: at least 8 characters, no " +
          "whitespace (value not shown)",
      });
    }
  }
  push(
    checkUrl(
      "issuerUri",
      inputs.issuerUri,
      "the Okta issuer, e.g. https://example.okta.com or https://example.okta.com/oauth2/default",
      () =>
        String(inputs.issuerUri).endsWith("/")
          ? "must not end with a slash (the issuer must match Okta's exactly)"
          : undefined,
    ),
  );
  if (!isUnknown(inputs.scope) && inputs.scope !== "Enterprise") {
    push({
      property: "scope",
      reason:
        `scope ${JSON.stringify(inputs.scope)} is not supported; Action1's identity provider ` +
        'is enterprise-wide: use "Enterprise"',
    });
  }
  const dp = inputs.deleteProtection;
  if (!isUnknown(dp) && !DELETE_PROTECTIONS.includes(dp as DeleteProtection)) {
    push({
      property: "deleteProtection",
      reason:
        `deleteProtection ${JSON.stringify(dp)} is not allowed; use "refuse-if-locks-out" ` +
        '(default) or "allow"',
    });
  }
  const rep = inputs.replaceExistingProvider;
  if (rep !== undefined && !isUnknown(rep) && typeof rep !== "boolean") {
    push({
      property: "replaceExistingProvider",
      reason:
        `replaceExistingProvider ${JSON.stringify(rep)} must be true or false (default false: ` +
        "never take over another provider's setting while users sign in through it)",
    });
  }
  for (const k of ["settingId", "clientSecretDigest"]) delete inputs[k];
  return { inputs, failures };
}

/** The fields that differ between state (`olds`) and new inputs, without any network call. */
export function changedFields(
  olds: Partial<IdentityProviderOutputs>,
  news: Partial<IdentityProviderInputs>,
): string[] {
  const changed: string[] = [];
  for (const f of COMPARED_FIELDS) {
    const n = news[f];
    if (isUnknown(n)) {
      changed.push(f);
      continue;
    }
    if (f === "clientSecret") {
      const clientId = isUnknown(news.clientId) ? "" : String(news.clientId ?? "");
      const digest = clientSecretDigest(clientId, String(n ?? ""));
      if (digest !== olds.clientSecretDigest) changed.push(f);
      continue;
    }
    if ((olds[f] ?? "") !== (n ?? "")) changed.push(f);
  }
  return changed;
}

function outputs(id: string, inputs: IdentityProviderInputs): IdentityProviderOutputs {
  return {
    apiBaseUrl: inputs.apiBaseUrl,
    provider: inputs.provider,
    clientId: inputs.clientId,
    clientSecret: inputs.clientSecret,
    issuerUri: inputs.issuerUri,
    scope: inputs.scope,
    deleteProtection: inputs.deleteProtection,
    ...(inputs.replaceExistingProvider !== undefined
      ? { replaceExistingProvider: inputs.replaceExistingProvider }
      : {}),
    settingId: id,
    clientSecretDigest: clientSecretDigest(inputs.clientId, inputs.clientSecret),
  };
}

function settingValue(inputs: IdentityProviderInputs): string {
  return encodeIdpValue({
    provider: inputs.provider,
    clientId: inputs.clientId,
    clientSecret: inputs.clientSecret,
    issuerUri: inputs.issuerUri,
  });
}

/** The enterprise-scope identity-provider setting, if Action1 has one. */
export async function findIdpSetting(client: Action1Client): Promise<Action1Setting | undefined> {
  const settings = await client.listSettings({ category: IDP_SETTING_CATEGORY });
  return settings.find(
    (s) =>
      s.template_id === IDP_TEMPLATE_ID && (s.scope ?? []).some((x) => x.type === "Enterprise"),
  );
}

/**
 * Why deleting the setting would lock people out, or undefined when it would not: enabled
 * interactive users sign in through `provider`, and no enabled interactive Enterprise Admin signs
 * in with a password.
 */
export async function lockoutReason(
  client: Action1Client,
  provider: string,
): Promise<string | undefined> {
  const users = await client.listUsers({ userType: "Interactive" });
  const dependent = users.filter((u) => u.enabled === "yes" && u.identity_provider === provider);
  if (dependent.length === 0) return undefined;
  const role = await client.resolveRole("enterprise_admin");
  const admins = await client.listRoleUsers(role.id);
  const breakGlass = admins.filter(
    (u) =>
      u.enabled === "yes" &&
      u.user_type === "Interactive" &&
      (u.identity_provider ?? PASSWORD_PROVIDER) === PASSWORD_PROVIDER,
  );
  if (breakGlass.length > 0) return undefined;
  const shown = dependent
    .slice(0, 5)
    .map((u) => u.email)
    .join(", ");
  const more = dependent.length > 5 ? `, and ${dependent.length - 5} more` : "";
  return (
    `${dependent.length} enabled Action1 user(s) sign in through ${provider} (${shown}${more}) ` +
    "and no enabled Enterprise Admin signs in with a password, so nobody could sign in to " +
    "repair it"
  );
}

const list = (xs: readonly string[]) =>
  xs.slice(0, 5).join(", ") + (xs.length > 5 ? `, and ${xs.length - 5} more` : "");

/**
 * Why the existing setting (selecting `oldProvider`, not Okta) must not be taken over by Okta, or
 * undefined when it may. Enabled interactive users who sign in through an SSO provider other than
 * Okta lose their sign-in; with `replaceExistingProvider` that is accepted, unless no enabled
 * interactive Enterprise Admin would be left who signs in with Okta or a password.
 */
export async function takeoverRefusal(
  client: Action1Client,
  settingId: string,
  oldProvider: string,
  replaceExistingProvider: boolean,
): Promise<string | undefined> {
  const users = await client.listUsers({ userType: "Interactive" });
  const stays = (p: string | undefined) => p === "Okta" || (p ?? PASSWORD_PROVIDER) === "Action1";
  const dependent = users.filter((u) => u.enabled === "yes" && !stays(u.identity_provider));
  if (dependent.length === 0) return undefined;
  const role = await client.resolveRole("enterprise_admin");
  const admins = (await client.listRoleUsers(role.id)).filter(
    (u) => u.enabled === "yes" && (u.user_type ?? "Interactive") === "Interactive",
  );
  const adminIds = new Set(admins.map((a) => a.id));
  const canStillSignIn = admins.filter((a) => stays(a.identity_provider));
  const providers = [...new Set(dependent.map((u) => u.identity_provider ?? oldProvider))];
  const who = list(
    dependent.map((u) => (adminIds.has(u.id) ? `${u.email} (Enterprise Admin)` : u.email)),
  );
  const head =
    `Refusing to replace the enterprise identity provider ${oldProvider} with Okta (setting ` +
    `${settingId}): ${dependent.length} enabled Action1 user(s) sign in through ` +
    `${providers.join(", ")} and could no longer sign in: ${who}.`;
  if (canStillSignIn.length === 0) {
    return (
      `${head} None of the enabled Enterprise Admins signs in with Okta or a password, so ` +
      "nobody could sign in to repair it (replaceExistingProvider does not override this). " +
      "Give a password-login user the Enterprise Admin role in the Action1 console first."
    );
  }
  if (replaceExistingProvider) return undefined;
  return (
    `${head} Move them first (invite them as Okta users, or give them a password in the ` +
    "Action1 console), or, to cut them off knowingly, set replaceExistingProvider: true on " +
    "the IdentityProvider resource and run `pulumi up` again."
  );
}

export const identityProviderProvider: Required<
  dynamic.ResourceProvider<IdentityProviderInputs, IdentityProviderOutputs>
> = {
  async configure(req) {
    configureCredentials(req);
  },

  async check(_olds, news) {
    return checkInputs(news as unknown as Record<string, unknown>);
  },

  async diff(_id, olds, news) {
    const changed = changedFields(olds, news);
    if (changed.length === 0) return { changes: false };
    const replaces = changed.filter((f) => REPLACING.includes(f));
    return { changes: true, replaces, deleteBeforeReplace: false };
  },

  async create(inputs) {
    const client = clientFor(inputs.apiBaseUrl);
    const value = settingValue(inputs);
    const existing = await findIdpSetting(client);
    let setting: Action1Setting;
    if (existing) {
      // Adopt: one identity provider per enterprise; never post a second setting. Another SSO
      // provider's setting is taken over only when nobody depends on it (or on explicit opt-in).
      const old = providerOf(existing.value);
      if (old !== "Okta" && old !== PASSWORD_PROVIDER) {
        const refusal = await takeoverRefusal(
          client,
          existing.id,
          old,
          inputs.replaceExistingProvider === true,
        );
        if (refusal) throw new Error(refusal);
      }
      setting = await client.patchSetting(
        existing.id,
        { value, scope: [...IDP_SCOPE] },
        { sensitive: [inputs.clientSecret] },
      );
    } else {
      setting = await client.createSetting(
        { template_id: IDP_TEMPLATE_ID, value, scope: [...IDP_SCOPE] },
        { sensitive: [inputs.clientSecret] },
      );
    }
    return { id: setting.id, outs: outputs(setting.id, inputs) };
  },

  async read(id, state) {
    const props = (state ?? {}) as IdentityProviderOutputs;
    if (typeof props.apiBaseUrl !== "string" || props.apiBaseUrl === "") {
      throw new Error(
        `Cannot read the Action1 identity-provider setting ${JSON.stringify(id)} without its ` +
          "previous state (apiBaseUrl unknown): `get` and import of this dynamic resource are " +
          "not supported. Declare the IdentityProvider resource instead and run `pulumi up`: " +
          "create adopts the enterprise's existing setting.",
      );
    }
    const client = clientFor(props.apiBaseUrl);
    let setting: Action1Setting;
    try {
      setting = await client.getSetting(id);
    } catch (e) {
      if (isNotFound(e)) return { id: "", props: {} as IdentityProviderOutputs };
      throw e;
    }
    if (setting.template_id !== IDP_TEMPLATE_ID) {
      return { id: "", props: {} as IdentityProviderOutputs };
    }
    const live = decodeIdpValue(setting.value);
    // A masked secret cannot be compared: keep the last known one (its drift goes unseen).
    const secret = live.secretMasked ? props.clientSecret : (live.clientSecret ?? "");
    const clientId = live.clientId ?? "";
    return {
      id,
      props: {
        ...props,
        provider: live.provider as "Okta",
        clientId,
        clientSecret: secret,
        issuerUri: live.issuerUri ?? "",
        scope: (setting.scope ?? []).some((s) => s.type === "Enterprise")
          ? "Enterprise"
          : ((setting.scope?.[0]?.type ?? "") as "Enterprise"),
        settingId: id,
        clientSecretDigest: clientSecretDigest(clientId, secret),
      },
    };
  },

  async update(id, olds, news) {
    const changed = changedFields(olds, news).filter((f) => f !== "deleteProtection");
    if (changed.length > 0) {
      const client = clientFor(news.apiBaseUrl);
      try {
        await client.patchSetting(
          id,
          { value: settingValue(news), scope: [...IDP_SCOPE] },
          { sensitive: [news.clientSecret, olds.clientSecret] },
        );
      } catch (e) {
        if (isNotFound(e)) {
          throw new Error(
            `The Action1 identity-provider setting ${id} no longer exists (deleted outside ` +
              "Pulumi). Run `pulumi refresh` so Pulumi forgets it, then `pulumi up` to create " +
              "it again.",
          );
        }
        throw e;
      }
    }
    return { outs: outputs(id, news) };
  },

  async delete(id, props) {
    const client = clientFor(props.apiBaseUrl);
    if (props.deleteProtection !== "allow") {
      const reason = await lockoutReason(client, props.provider);
      if (reason) {
        throw new Error(
          `Refusing to delete the Action1 identity-provider setting ${id}: ${reason}. ` +
            "Give a password-login user the Enterprise Admin role (or re-enable one), or set " +
            'the stack config action1-okta-sso:idpDeleteProtection to "allow" ' +
            '(deleteProtection: "allow"), run `pulumi up` so the state records it, then delete ' +
            "again.",
        );
      }
    }
    // Limitation: an adopted setting is deleted too; Action1 then presumably falls back to
    // password sign-in (not verified against a live tenant).
    try {
      await client.deleteSetting(id);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
};
