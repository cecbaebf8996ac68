import type * as okta from "@pulumi/okta";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "./config";
import { defineOidcApp } from "./okta/app";
import { defineClientSecret } from "./okta/clientSecret";
import { type AssignedGroup, assignGroups } from "./okta/groups";
import { defineIssuer } from "./okta/issuer";

/** What the stack exports (the Action1 step and operators read these). */
export interface StackOutputs {
  readonly region: string;
  readonly action1ApiBaseUrl: string;
  readonly redirectUri: string;
  readonly clientId: pulumi.Output<string>;
  /** Secret. */
  readonly clientSecret: pulumi.Output<string>;
  readonly issuerUri: pulumi.Output<string>;
  readonly assignedGroups: pulumi.Output<AssignedGroup[]>;
}

/** Everything `defineStack` declares, for the program to build on (Action1 IdP and users). */
export interface OktaStack {
  readonly config: StackConfig;
  readonly app: okta.app.OAuth;
  readonly clientId: pulumi.Output<string>;
  /** Secret. */
  readonly clientSecret: pulumi.Output<string>;
  readonly issuerUri: pulumi.Output<string>;
  readonly groups: pulumi.Output<AssignedGroup[]>;
  readonly groupIds: pulumi.Output<string[]>;
  readonly groupAssignments: readonly okta.app.GroupAssignment[];
  readonly accessPolicy?: { policy: okta.auth.ServerPolicy; rule: okta.auth.ServerPolicyRule };
  readonly outputs: StackOutputs;
}

export interface DefineStackOptions {
  /**
   * Resource options for the Okta app, e.g. `{ protect: true }` (the advisory policy
   * protect-what-locks-people-out asks for it; it also blocks `pulumi destroy`).
   */
  readonly appOptions?: pulumi.CustomResourceOptions;
}

/** Declares the Okta side of Action1 SSO for one validated stack config. */
export function defineStack(config: StackConfig, options: DefineStackOptions = {}): OktaStack {
  const secret = defineClientSecret("action1-client-secret", config.clientSecretRotation);
  const app = defineOidcApp("action1-oidc-app", config, secret.value, options.appOptions);
  const { groups, assignments } = assignGroups(app.id, config.groups, config.stack);
  const groupIds = groups.apply((gs) => gs.map((g) => g.id));
  const issuer = defineIssuer("action1-issuer", config, app.clientId, groupIds);
  const clientSecret = pulumi.secret(secret.value);
  return {
    config,
    app,
    clientId: app.clientId,
    clientSecret,
    issuerUri: issuer.issuerUri,
    groups,
    groupIds,
    groupAssignments: assignments,
    ...(issuer.policy && issuer.rule
      ? { accessPolicy: { policy: issuer.policy, rule: issuer.rule } }
      : {}),
    outputs: {
      region: config.region.key,
      action1ApiBaseUrl: config.action1ApiBaseUrl,
      redirectUri: config.region.redirectUri,
      clientId: app.clientId,
      clientSecret,
      issuerUri: issuer.issuerUri,
      // Resolves once every assignment exists, so consumers never see an unassigned group.
      assignedGroups: pulumi.all(assignments.map((a) => a.id)).apply(() => groups),
    },
  };
}
