/**
 * A small program for the capture tests (tests/policies/programUnderMocks.test.ts): the project's
 * real resource classes wired the way the stack program wires them, with literal inputs.
 *
 * Config: `action1-okta-sso:oneAdmin` ("true") declares a single Enterprise Admin, which breaks
 * keep-enterprise-admin.
 */
import * as okta from "@pulumi/okta";
import * as pulumi from "@pulumi/pulumi";
import { Action1IdentityProvider } from "../../../infra/dynamic/identityProvider";
import { Action1RoleAssignment } from "../../../infra/dynamic/roleAssignment";
import { Action1User } from "../../../infra/dynamic/user";

const config = new pulumi.Config("action1-okta-sso");
const oneAdmin = config.getBoolean("oneAdmin") ?? false;
const apiBaseUrl = "https://app.action1.com/api/3.0";

const app = new okta.app.OAuth(
  "fixture-app",
  {
    label: "Action1",
    type: "web",
    grantTypes: ["authorization_code"],
    responseTypes: ["code"],
    pkceRequired: true,
    tokenEndpointAuthMethod: "client_secret_basic",
    redirectUris: ["https://app.action1.com/sso/login"],
    implicitAssignment: false,
    clientBasicSecret: pulumi.secret("fake-client-secret-not-real"),
  },
  { protect: true },
);
new okta.app.GroupAssignment("fixture-group", { appId: app.id, groupId: "00g-fake-admins" });

new Action1IdentityProvider(
  "fixture-idp",
  {
    apiBaseUrl,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    issuerUri: "https://fixture-org.okta.com",
  },
  { protect: true },
);

const admins = [
  { name: "fixture-breakglass", email: "breakglass@example.invalid", signIn: "password" as const },
  { name: "fixture-okta-admin", email: "okta.admin@example.invalid", signIn: "okta" as const },
];
for (const a of oneAdmin ? admins.slice(0, 1) : admins) {
  const user = new Action1User(
    a.name,
    { apiBaseUrl, email: a.email, signIn: a.signIn },
    { protect: a.signIn === "password" },
  );
  new Action1RoleAssignment(`${a.name}-enterprise-admin`, {
    apiBaseUrl,
    userId: user.userId,
    email: a.email,
    role: "Enterprise Admin",
  });
}
