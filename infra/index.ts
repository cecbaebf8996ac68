/**
 * Pulumi program entry (`Pulumi.yaml` main). Config is read and validated first: an invalid
 * config fails here with one error, before any resource is registered.
 */
import { loadConfig } from "./config";
import { defineStack } from "./stack";

const stack = defineStack(loadConfig());

export const region = stack.outputs.region;
export const action1ApiBaseUrl = stack.outputs.action1ApiBaseUrl;
export const redirectUri = stack.outputs.redirectUri;
export const clientId = stack.outputs.clientId;
export const clientSecret = stack.outputs.clientSecret;
export const issuerUri = stack.outputs.issuerUri;
export const assignedGroups = stack.outputs.assignedGroups;
