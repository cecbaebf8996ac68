import { type LocalOkta, startLocalOkta } from "../../../../standins/okta/server";
import { call, obj } from "../helpers";

describe("local Okta: well-known documents (no token needed)", () => {
  let okta: LocalOkta;
  beforeAll(async () => {
    okta = await startLocalOkta();
  });
  afterAll(async () => {
    await okta.close();
  });

  it("says the org is Identity Engine (idx)", async () => {
    const answer = await call(
      okta.origin,
      "GET",
      "/.well-known/okta-organization",
      undefined,
      null,
    );
    expect(answer.status).toBe(200);
    expect(obj(answer.body)).toMatchObject({
      id: "00o1fakeorg0000000001",
      pipeline: "idx",
      _links: { organization: { href: okta.origin } },
    });
  });

  it.each(["oauth-authorization-server", "openid-configuration"])(
    "serves the org server's %s metadata with the org URL as issuer",
    async (doc) => {
      const answer = await call(okta.origin, "GET", `/.well-known/${doc}`, undefined, null);
      const meta = obj(answer.body);
      expect(meta.issuer).toBe(okta.origin);
      expect(meta.authorization_endpoint).toBe(`${okta.origin}/oauth2/v1/authorize`);
      expect(meta.token_endpoint).toBe(`${okta.origin}/oauth2/v1/token`);
      expect(meta.grant_types_supported).toEqual(
        expect.arrayContaining(["authorization_code", "refresh_token"]),
      );
    },
  );

  it("serves a custom server's metadata under /oauth2/{id}, and 404s an unknown one", async () => {
    const meta = obj(
      (await call(okta.origin, "GET", "/oauth2/default/.well-known/openid-configuration")).body,
    );
    expect(meta.issuer).toBe(`${okta.origin}/oauth2/default`);
    expect(meta.token_endpoint).toBe(`${okta.origin}/oauth2/default/v1/token`);
    const missing = await call(
      okta.origin,
      "GET",
      "/oauth2/ausnope/.well-known/openid-configuration",
    );
    expect(missing.status).toBe(404);
  });
});

describe("local Okta playing a named org (orgUrl)", () => {
  let okta: LocalOkta;
  beforeAll(async () => {
    okta = await startLocalOkta({ orgUrl: "https://example-org.okta.com/" });
  });
  afterAll(async () => {
    await okta.close();
  });

  it("names the org URL as issuer everywhere, while links still point at the server", async () => {
    const org = obj((await call(okta.origin, "GET", "/.well-known/openid-configuration")).body);
    expect(org.issuer).toBe("https://example-org.okta.com");
    expect(org.token_endpoint).toBe("https://example-org.okta.com/oauth2/v1/token");
    const server = obj(
      (await call(okta.origin, "GET", "/api/v1/authorizationServers/default")).body,
    );
    expect(server.issuer).toBe("https://example-org.okta.com/oauth2/default");
    expect(obj(obj(server._links).self).href).toBe(
      `${okta.origin}/api/v1/authorizationServers/default`,
    );
  });
});
