/**
 * Resource type tokens the pack polices. The Action1 tokens come from the module/type arguments of
 * the dynamic resources (docs/architecture.md); the Okta ones from @pulumi/okta 7.
 */
export const TOKENS = Object.freeze({
  action1User: "pulumi-nodejs:dynamic/action1:User",
  action1RoleAssignment: "pulumi-nodejs:dynamic/action1:RoleAssignment",
  action1IdentityProvider: "pulumi-nodejs:dynamic/action1:IdentityProvider",
  oktaApp: "okta:app/oAuth:OAuth",
  oktaGroupAssignment: "okta:app/groupAssignment:GroupAssignment",
  oktaAuthServer: "okta:auth/server:Server",
  oktaProvider: "pulumi:providers:okta",
});

/** Every dynamic Action1 token; Action1 API credentials must never be an input of these. */
export const ACTION1_TOKENS: readonly string[] = Object.freeze([
  TOKENS.action1User,
  TOKENS.action1RoleAssignment,
  TOKENS.action1IdentityProvider,
]);

/** Short human names used in violation messages, e.g. `Okta app "action1-app"`. */
const KIND_NAMES: Readonly<Record<string, string>> = Object.freeze({
  [TOKENS.action1User]: "Action1 user",
  [TOKENS.action1RoleAssignment]: "Action1 role assignment",
  [TOKENS.action1IdentityProvider]: "Action1 identity provider",
  [TOKENS.oktaApp]: "Okta app",
  [TOKENS.oktaGroupAssignment]: "Okta group assignment",
  [TOKENS.oktaAuthServer]: "Okta authorization server",
});

/** `Okta app "name"`: how messages name a resource. */
export function describe(resource: { type: string; name: string }): string {
  return `${KIND_NAMES[resource.type] ?? resource.type} "${resource.name}"`;
}
