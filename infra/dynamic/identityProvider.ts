/**
 * `Action1IdentityProvider`: Okta as Action1's enterprise identity provider, as a dynamic
 * resource (`pulumi-nodejs:dynamic/action1:IdentityProvider`).
 *
 * Only the small provider object below is serialized into state: each method loads the
 * implementation (`./identityProviderProvider`) at run time through `loadRuntime`, so state holds
 * no client code and no credential, and old state runs current code on refresh and delete.
 * Action1 API credentials arrive through `configure` (stack config
 * `action1-okta-sso:action1ClientId` / `action1ClientSecret`), never as inputs.
 *
 * The client secret is an input marked secret and is listed in `additionalSecretOutputs`; the
 * output `clientSecretDigest` is a keyed digest, never the secret.
 */
import * as pulumi from "@pulumi/pulumi";
import type {
  DeleteProtection,
  IdentityProviderInputs,
  IdentityProviderOutputs,
} from "./identityProviderProvider";
import { loadRuntime } from "./load";

type Impl = typeof import("./identityProviderProvider");
const IMPL = "infra/dynamic/identityProviderProvider.ts";

export const IDENTITY_PROVIDER_TOKEN = "pulumi-nodejs:dynamic/action1:IdentityProvider";

export const identityProviderResourceProvider: pulumi.dynamic.ResourceProvider<
  IdentityProviderInputs,
  IdentityProviderOutputs
> = {
  configure: (req) => loadRuntime<Impl>(IMPL).identityProviderProvider.configure(req),
  check: (olds, news) => loadRuntime<Impl>(IMPL).identityProviderProvider.check(olds, news),
  diff: (id, olds, news) => loadRuntime<Impl>(IMPL).identityProviderProvider.diff(id, olds, news),
  create: (inputs) => loadRuntime<Impl>(IMPL).identityProviderProvider.create(inputs),
  read: (id, props) => loadRuntime<Impl>(IMPL).identityProviderProvider.read(id, props),
  update: (id, olds, news) =>
    loadRuntime<Impl>(IMPL).identityProviderProvider.update(id, olds, news),
  delete: (id, props) => loadRuntime<Impl>(IMPL).identityProviderProvider.delete(id, props),
};

export interface Action1IdentityProviderArgs {
  /** Action1 REST base URL of the region, e.g. `https://app.eu.action1.com/api/3.0`. */
  apiBaseUrl: pulumi.Input<string>;
  /** Only `Okta`. Default `Okta`. */
  provider?: pulumi.Input<"Okta">;
  /** The Okta OIDC app's client ID. */
  clientId: pulumi.Input<string>;
  /** The Okta OIDC app's client secret (made secret here if it is not already). */
  clientSecret: pulumi.Input<string>;
  /** The Okta issuer URI (org or custom authorization server). */
  issuerUri: pulumi.Input<string>;
  /** Only `Enterprise`. Default `Enterprise`. */
  scope?: pulumi.Input<"Enterprise">;
  /** `refuse-if-locks-out` (default) or `allow`. */
  deleteProtection?: pulumi.Input<DeleteProtection>;
  /**
   * Take over an identity-provider setting that names another SSO provider (Entra ID, Google,
   * Duo) although enabled users still sign in through it. Default false: refused, naming them.
   */
  replaceExistingProvider?: pulumi.Input<boolean>;
}

export class Action1IdentityProvider extends pulumi.dynamic.Resource {
  declare readonly apiBaseUrl: pulumi.Output<string>;
  declare readonly provider: pulumi.Output<"Okta">;
  declare readonly clientId: pulumi.Output<string>;
  declare readonly clientSecret: pulumi.Output<string>;
  declare readonly issuerUri: pulumi.Output<string>;
  declare readonly scope: pulumi.Output<"Enterprise">;
  declare readonly deleteProtection: pulumi.Output<DeleteProtection>;
  declare readonly settingId: pulumi.Output<string>;
  declare readonly clientSecretDigest: pulumi.Output<string>;

  constructor(
    name: string,
    args: Action1IdentityProviderArgs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(
      identityProviderResourceProvider,
      name,
      {
        provider: "Okta",
        scope: "Enterprise",
        deleteProtection: "refuse-if-locks-out",
        ...args,
        clientSecret: pulumi.secret(args.clientSecret),
        settingId: undefined,
        clientSecretDigest: undefined,
      },
      {
        ...opts,
        additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "clientSecret"],
      },
      "action1",
      "IdentityProvider",
    );
  }
}
