import { checkConfig, OktaClient, OktaHttpError } from "../../../../scripts/plugins/okta/client";
import { FAKE_OKTA_API_TOKEN } from "../../../../standins/okta/seed";
import { type LocalOkta, startLocalOkta } from "../../../../standins/okta/server";

describe("substitute Okta plugin: configuration and client", () => {
  it("refuses a missing proxy and token together, in one error", () => {
    expect(() => checkConfig({})).toThrow(
      "okta provider configuration: okta:httpProxy is not set: this substitute Okta plugin only " +
        "talks to a local Okta (set okta:httpProxy to http://127.0.0.1:PORT); for a real tenant " +
        "use the real plugin; no Okta credentials provided: set okta:apiToken (secret)",
    );
  });

  it("refuses a proxy that is not a loopback address, without naming the token", () => {
    let message = "";
    try {
      checkConfig({ httpProxy: "https://example.okta.com", apiToken: "fake-token-xyz" });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('okta:httpProxy host "example.okta.com" is not a loopback address');
    expect(message).not.toContain("fake-token-xyz");
  });

  it("accepts 127.0.0.1 and drops a trailing slash", () => {
    expect(checkConfig({ httpProxy: "http://127.0.0.1:1234/", apiToken: "t" })).toEqual({
      httpProxy: "http://127.0.0.1:1234",
      apiToken: "t",
    });
  });

  describe("against the local Okta", () => {
    let okta: LocalOkta;
    beforeEach(async () => {
      okta = await startLocalOkta();
    });
    afterEach(async () => {
      await okta.close();
    });

    it("sends proxy-style requests with the SSWS token", async () => {
      const client = new OktaClient({ httpProxy: okta.origin, apiToken: FAKE_OKTA_API_TOKEN });
      const me = await client.call("GET", "/api/v1/users/me");
      expect((me.profile as { login: string }).login).toBe("okta.admin@example.invalid");
      expect(okta.requests).toEqual([
        {
          method: "GET",
          path: "/api/v1/users/me",
          query: {},
          body: undefined,
          proxied: true,
          status: 200,
        },
      ]);
    });

    it("turns an Okta error into one message with summary, causes and status", async () => {
      const client = new OktaClient({ httpProxy: okta.origin, apiToken: FAKE_OKTA_API_TOKEN });
      const err = await client.call("GET", "/api/v1/groups/00gmissing").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OktaHttpError);
      expect((err as Error).message).toBe(
        "the API returned an error: Not found: Resource not found: 00gmissing (UserGroup). " +
          "Causes: none (GET /api/v1/groups/00gmissing: HTTP 404, E0000007)",
      );
    });
  });
});
