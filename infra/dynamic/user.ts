/**
 * `Action1User`: an interactive Action1 user as a dynamic resource
 * (`pulumi-nodejs:dynamic/action1:User`). The provider below is all that is serialized into
 * state: each method loads the implementation (`./userProvider`) at run time, so no client code
 * and no credential is captured. Credentials come through `configure` (stack config
 * `action1-okta-sso:action1ClientId` / `action1ClientSecret`), never as inputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadRuntime } from "./load";
import type { UserInputs, UserOutputs } from "./userProvider";

type Impl = typeof import("./userProvider");
const IMPL = "infra/dynamic/userProvider.ts";

export const userResourceProvider: pulumi.dynamic.ResourceProvider<UserInputs, UserOutputs> = {
  configure: (req) => loadRuntime<Impl>(IMPL).userProvider.configure(req),
  check: (olds, news) => loadRuntime<Impl>(IMPL).userProvider.check(olds, news),
  diff: (id, olds, news) => loadRuntime<Impl>(IMPL).userProvider.diff(id, olds, news),
  create: (inputs) => loadRuntime<Impl>(IMPL).userProvider.create(inputs),
  read: (id, props) => loadRuntime<Impl>(IMPL).userProvider.read(id, props),
  update: (id, olds, news) => loadRuntime<Impl>(IMPL).userProvider.update(id, olds, news),
  delete: (id, props) => loadRuntime<Impl>(IMPL).userProvider.delete(id, props),
};

export interface Action1UserArgs {
  apiBaseUrl: pulumi.Input<string>;
  email: pulumi.Input<string>;
  /** `okta`: invited as an SSO user; `password`: the existing break-glass account (adopted). */
  signIn: pulumi.Input<"okta" | "password">;
  /** Only `Interactive`; API credentials are never created by the provider. */
  userType?: pulumi.Input<"Interactive">;
  enabled?: pulumi.Input<boolean>;
  firstName?: pulumi.Input<string>;
  lastName?: pulumi.Input<string>;
}

export class Action1User extends pulumi.dynamic.Resource {
  declare readonly apiBaseUrl: pulumi.Output<string>;
  declare readonly email: pulumi.Output<string>;
  declare readonly signIn: pulumi.Output<"okta" | "password">;
  declare readonly userType: pulumi.Output<"Interactive">;
  declare readonly enabled: pulumi.Output<boolean>;
  declare readonly userId: pulumi.Output<string>;
  declare readonly identityProvider: pulumi.Output<string>;

  constructor(name: string, args: Action1UserArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      userResourceProvider,
      name,
      {
        userType: "Interactive",
        enabled: true,
        ...args,
        userId: undefined,
        identityProvider: undefined,
      },
      opts,
      "action1",
      "User",
    );
  }
}
