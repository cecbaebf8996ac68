import { type LocalOkta, startLocalOkta } from "../../../../standins/okta/server";
import { arr, call, obj } from "../helpers";

describe("local Okta: authorization servers, policies and rules", () => {
  let okta: LocalOkta;
  beforeEach(async () => {
    okta = await startLocalOkta();
  });
  afterEach(async () => {
    await okta.close();
  });

  it("lists the seeded default server by name with the fields getServer reads", async () => {
    const list = arr(
      (await call(okta.origin, "GET", "/api/v1/authorizationServers?limit=200&q=default")).body,
    );
    expect(list).toHaveLength(1);
    expect(list[0]).toEqual(
      expect.objectContaining({
        id: "default",
        name: "default",
        description: "Default Authorization Server for your Applications",
        audiences: ["api://default"],
        issuer: `${okta.origin}/oauth2/default`,
        issuerMode: "ORG_URL",
        status: "ACTIVE",
        credentials: {
          signing: {
            kid: "fake-kid-default",
            rotationMode: "AUTO",
            lastRotated: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
            nextRotation: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
            use: "sig",
          },
        },
      }),
    );
    const none = arr((await call(okta.origin, "GET", "/api/v1/authorizationServers?q=zzz")).body);
    expect(none).toEqual([]);
  });

  it("creates, reads, updates, deactivates and deletes an access policy", async () => {
    const base = "/api/v1/authorizationServers/default/policies";
    const made = await call(okta.origin, "POST", base, {
      type: "OAUTH_AUTHORIZATION_POLICY",
      name: "Action1 access",
      description: "Action1 sign-in",
      status: "ACTIVE",
      priority: 1,
      conditions: { clients: { include: ["0oaclient"] } },
    });
    expect(made.status).toBe(201);
    const id = String(obj(made.body).id);
    const read = obj((await call(okta.origin, "GET", `${base}/${id}`)).body);
    expect(read).toEqual(
      expect.objectContaining({
        id,
        type: "OAUTH_AUTHORIZATION_POLICY",
        name: "Action1 access",
        status: "ACTIVE",
        conditions: { clients: { include: ["0oaclient"] } },
      }),
    );
    const put = await call(okta.origin, "PUT", `${base}/${id}`, {
      ...read,
      description: "changed",
    });
    expect(obj(put.body).description).toBe("changed");
    const off = await call(okta.origin, "POST", `${base}/${id}/lifecycle/deactivate`);
    expect(off.status).toBe(204);
    expect(obj((await call(okta.origin, "GET", `${base}/${id}`)).body).status).toBe("INACTIVE");
    expect((await call(okta.origin, "DELETE", `${base}/${id}`)).status).toBe(204);
    expect((await call(okta.origin, "GET", `${base}/${id}`)).status).toBe(404);
  });

  it("refuses a policy without clients, naming the field", async () => {
    const refused = await call(
      okta.origin,
      "POST",
      "/api/v1/authorizationServers/default/policies",
      { type: "OAUTH_AUTHORIZATION_POLICY", name: "x", conditions: {} },
    );
    expect(refused.status).toBe(400);
    expect(obj(refused.body).errorCauses).toEqual([
      { errorSummary: "conditions.clients.include: The field cannot be left blank." },
    ]);
  });

  it("creates a rule and reads back every field the plugin requires", async () => {
    const base = "/api/v1/authorizationServers/default/policies";
    const policyId = String(
      obj(
        (
          await call(okta.origin, "POST", base, {
            type: "OAUTH_AUTHORIZATION_POLICY",
            name: "p",
            conditions: { clients: { include: ["ALL_CLIENTS"] } },
          })
        ).body,
      ).id,
    );
    const rules = `${base}/${policyId}/rules`;
    const made = await call(okta.origin, "POST", rules, {
      name: "Action1 sign-in",
      priority: 1,
      type: "RESOURCE_ACCESS",
      conditions: {
        people: { groups: { include: ["00gadmins"] } },
        grantTypes: { include: ["authorization_code"] },
        scopes: { include: ["openid", "profile", "email"] },
      },
    });
    expect(made.status).toBe(201);
    const id = String(obj(made.body).id);
    const read = obj((await call(okta.origin, "GET", `${rules}/${id}`)).body);
    expect(read).toEqual({
      id,
      name: "Action1 sign-in",
      status: "ACTIVE",
      priority: 1,
      system: false,
      type: "RESOURCE_ACCESS",
      created: expect.any(String),
      lastUpdated: expect.any(String),
      conditions: {
        people: {
          users: { include: [], exclude: [] },
          groups: { include: ["00gadmins"], exclude: [] },
        },
        grantTypes: { include: ["authorization_code"] },
        scopes: { include: ["openid", "profile", "email"] },
      },
      actions: {
        token: {
          accessTokenLifetimeMinutes: 60,
          refreshTokenLifetimeMinutes: 0,
          refreshTokenWindowMinutes: 10080,
        },
      },
      _links: { self: { href: `${okta.origin}${rules}/${id}` } },
    });
    expect((await call(okta.origin, "DELETE", `${rules}/${id}`)).status).toBe(204);
  });

  it("requires type= on the org policies list", async () => {
    const refused = await call(okta.origin, "GET", "/api/v1/policies");
    expect(refused.status).toBe(400);
    expect(obj(refused.body).errorSummary).toBe("Api validation failed: type");
  });
});
