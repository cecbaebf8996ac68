/**
 * Pulumi program entry (`Pulumi.yaml` main). Config is read and validated first: an invalid
 * config fails here with one error, before any resource is registered.
 */

import { action1Outputs, defineAction1 } from "./action1Stack";
import { loadConfig } from "./config";
import { defineStack } from "./stack";

// The Okta app is protected and kept on destroy: deleting it would lock out everyone who signs in
// with Okta. Tearing a stack down is a deliberate `pulumi state unprotect` first.
const stack = defineStack(loadConfig(), { appOptions: { protect: true, retainOnDelete: true } });
const action1 = action1Outputs(defineAction1(stack));

export const region = stack.outputs.region;
export const action1ApiBaseUrl = stack.outputs.action1ApiBaseUrl;
export const redirectUri = stack.outputs.redirectUri;
export const clientId = stack.outputs.clientId;
export const clientSecret = stack.outputs.clientSecret;
export const issuerUri = stack.outputs.issuerUri;
export const assignedGroups = stack.outputs.assignedGroups;
/** The Okta app's id, for `npm run check-okta-access -- --app-id …` and the migration. */
export const oktaAppId = stack.app.id;
export const identityProviderSettingId = action1.identityProviderSettingId;
export const managedUsers = action1.managedUsers;
