/**
 * Every policy of the pack, in catalogue order. Importing this module starts nothing: tests use it
 * directly, and index.ts hands it to `new PolicyPack`.
 */
import type { Policies } from "@pulumi/policy";
import { idpWiredToThisStack } from "./idpWiredToThisStack";
import { keepEnterpriseAdmin } from "./keepEnterpriseAdmin";
import { oktaAppNoImplicitAssignmentWithGroups } from "./oktaAppAssignments";
import { oktaAppExtraRedirectUris, oktaAppSafety } from "./oktaAppSafety";
import { protectWhatLocksPeopleOut } from "./protectWhatLocksPeopleOut";
import { secretsStaySecret } from "./secretsStaySecret";
import { ssoNeedsSomeoneWhoCanSignIn } from "./ssoNeedsSomeoneWhoCanSignIn";

export const PACK_NAME = "action1-okta-sso";

export const policies: Policies = [
  keepEnterpriseAdmin,
  ssoNeedsSomeoneWhoCanSignIn,
  oktaAppSafety,
  oktaAppExtraRedirectUris,
  oktaAppNoImplicitAssignmentWithGroups,
  idpWiredToThisStack,
  secretsStaySecret,
  protectWhatLocksPeopleOut,
];
