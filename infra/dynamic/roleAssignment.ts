/**
 * `Action1RoleAssignment`: one Action1 user holding one role, as a dynamic resource
 * (`pulumi-nodejs:dynamic/action1:RoleAssignment`). The role is resolved at run time (Enterprise
 * Admin by id `enterprise_admin`, else by name; custom roles by name). The serialized provider
 * only loads `./roleAssignmentProvider` at run time.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadRuntime } from "./load";
import type { RoleAssignmentInputs, RoleAssignmentOutputs } from "./roleAssignmentProvider";

type Impl = typeof import("./roleAssignmentProvider");
const IMPL = "infra/dynamic/roleAssignmentProvider.ts";

export const roleAssignmentResourceProvider: pulumi.dynamic.ResourceProvider<
  RoleAssignmentInputs,
  RoleAssignmentOutputs
> = {
  configure: (req) => loadRuntime<Impl>(IMPL).roleAssignmentProvider.configure(req),
  check: (olds, news) => loadRuntime<Impl>(IMPL).roleAssignmentProvider.check(olds, news),
  diff: (id, olds, news) => loadRuntime<Impl>(IMPL).roleAssignmentProvider.diff(id, olds, news),
  create: (inputs) => loadRuntime<Impl>(IMPL).roleAssignmentProvider.create(inputs),
  read: (id, props) => loadRuntime<Impl>(IMPL).roleAssignmentProvider.read(id, props),
  update: (id, olds, news) => loadRuntime<Impl>(IMPL).roleAssignmentProvider.update(id, olds, news),
  delete: (id, props) => loadRuntime<Impl>(IMPL).roleAssignmentProvider.delete(id, props),
};

export interface Action1RoleAssignmentArgs {
  apiBaseUrl: pulumi.Input<string>;
  userId: pulumi.Input<string>;
  /** The user's email (a literal at preview time, so policies can join users and roles). */
  email: pulumi.Input<string>;
  /** Role id or name; `enterprise_admin` / `Enterprise Admin`. */
  role: pulumi.Input<string>;
}

export class Action1RoleAssignment extends pulumi.dynamic.Resource {
  declare readonly apiBaseUrl: pulumi.Output<string>;
  declare readonly userId: pulumi.Output<string>;
  declare readonly email: pulumi.Output<string>;
  declare readonly role: pulumi.Output<string>;
  declare readonly roleId: pulumi.Output<string>;
  declare readonly roleName: pulumi.Output<string>;

  constructor(name: string, args: Action1RoleAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      roleAssignmentResourceProvider,
      name,
      { ...args, roleId: undefined, roleName: undefined },
      opts,
      "action1",
      "RoleAssignment",
    );
  }
}
