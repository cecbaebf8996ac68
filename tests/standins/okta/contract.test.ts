import { defaultOktaSeed } from "../../../standins/okta/seed";
import { type LocalOkta, startLocalOkta } from "../../../standins/okta/server";
import { contractErrors } from "./contract";
import { arr, call, obj } from "./helpers";

jest.setTimeout(60_000);

describe("local Okta answers match Okta's Management API document", () => {
  let okta: LocalOkta;
  let appId = "";
  beforeAll(async () => {
    const seed = defaultOktaSeed();
    seed.apps.push({
      id: "0oa1seededapp00000001",
      label: "Seeded",
      users: ["alice.admin@example.invalid"],
    });
    okta = await startLocalOkta({ seed });
    const made = await call(okta.origin, "POST", "/api/v1/apps", {
      name: "oidc_client",
      label: "Action1",
      signOnMode: "OPENID_CONNECT",
      credentials: { oauthClient: { token_endpoint_auth_method: "client_secret_basic" } },
      settings: {
        oauthClient: {
          application_type: "web",
          grant_types: ["authorization_code"],
          redirect_uris: ["https://app.action1.example.invalid/cb"],
        },
      },
    });
    appId = String(obj(made.body).id);
  });
  afterAll(async () => {
    await okta.close();
  });

  // [schema, method, path (":app" is the created app's id), answer is a list]
  const cases: [string, string, string, boolean][] = [
    ["User", "GET", "/api/v1/users/me", false],
    ["User", "GET", "/api/v1/users", true],
    ["Group", "GET", "/api/v1/groups?q=Action1", true],
    ["AppUser", "GET", "/api/v1/apps/0oa1seededapp00000001/users", true],
    ["OpenIdConnectApplication", "GET", "/api/v1/apps/:app", false],
    ["AuthorizationServer", "GET", "/api/v1/authorizationServers", true],
    ["AuthorizationServerPolicy", "GET", "/api/v1/authorizationServers/default/policies", true],
    ["AccessPolicy", "GET", "/api/v1/policies?type=ACCESS_POLICY", true],
    ["WellKnownOrgMetadata", "GET", "/.well-known/okta-organization", false],
    ["Error", "GET", "/api/v1/users/nobody@example.invalid", false],
  ];

  it.each(cases)("%s: %s %s", async (schema, method, route, isList) => {
    const answer = await call(okta.origin, method, route.replace(":app", appId));
    const items = isList ? arr(answer.body) : [answer.body];
    expect(items.length).toBeGreaterThan(0);
    expect(items.flatMap((item) => contractErrors(schema, item))).toEqual([]);
  });

  it("ApplicationGroupAssignment: PUT answer", async () => {
    const group = okta.state.findGroupByName("Action1 Admins")?.id;
    const put = await call(okta.origin, "PUT", `/api/v1/apps/${appId}/groups/${group}`, {});
    expect(contractErrors("ApplicationGroupAssignment", put.body)).toEqual([]);
  });

  it("AuthorizationServerPolicyRule: the default rule", async () => {
    const policies = arr(
      (await call(okta.origin, "GET", "/api/v1/authorizationServers/default/policies")).body,
    );
    const rules = arr(
      (
        await call(
          okta.origin,
          "GET",
          `/api/v1/authorizationServers/default/policies/${policies[0]?.id}/rules`,
        )
      ).body,
    );
    expect(rules.flatMap((r) => contractErrors("AuthorizationServerPolicyRule", r))).toEqual([]);
  });
});
