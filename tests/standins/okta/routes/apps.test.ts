import { type LocalOkta, startLocalOkta } from "../../../../standins/okta/server";
import { arr, call, obj } from "../helpers";

/** An OIDC web app as the Okta plugin builds it for the project. */
function webApp(overrides: { grant_types?: string[]; auth?: string; secret?: string } = {}) {
  return {
    name: "oidc_client",
    label: "Action1",
    signOnMode: "OPENID_CONNECT",
    visibility: { autoSubmitToolbar: false, hide: { iOS: true, web: true } },
    credentials: {
      oauthClient: {
        autoKeyRotation: true,
        token_endpoint_auth_method: overrides.auth ?? "client_secret_basic",
        pkce_required: true,
        ...(overrides.secret ? { client_secret: overrides.secret } : {}),
      },
    },
    settings: {
      implicitAssignment: false,
      oauthClient: {
        application_type: "web",
        grant_types: overrides.grant_types ?? ["authorization_code", "refresh_token"],
        response_types: ["code"],
        redirect_uris: ["https://app.action1.example.invalid/oidc/callback"],
        post_logout_redirect_uris: [],
        consent_method: "TRUSTED",
        issuer_mode: "ORG_URL",
        wildcard_redirect: "DISABLED",
      },
    },
  };
}

describe("local Okta: Apps API (OIDC)", () => {
  let okta: LocalOkta;
  beforeEach(async () => {
    okta = await startLocalOkta();
  });
  afterEach(async () => {
    await okta.close();
  });

  it("creates an active web app and answers in Okta's shape, with the secret", async () => {
    const made = await call(okta.origin, "POST", "/api/v1/apps?activate=true", webApp());
    expect(made.status).toBe(200);
    expect(made.headers["content-type"]).toBe("application/json");
    const app = obj(made.body);
    const id = String(app.id);
    expect(id).toMatch(/^0oa[0-9a-z]{17}$/);
    expect(app).toEqual({
      id,
      name: "oidc_client",
      label: "Action1",
      status: "ACTIVE",
      created: expect.any(String),
      lastUpdated: expect.any(String),
      signOnMode: "OPENID_CONNECT",
      accessibility: { selfService: false },
      visibility: { autoLaunch: false, autoSubmitToolbar: false, hide: { iOS: true, web: true } },
      features: [],
      credentials: {
        userNameTemplate: { template: "$" + "{source.login}", type: "BUILT_IN" },
        signing: { kid: `fake-kid-${id}` },
        oauthClient: {
          autoKeyRotation: true,
          client_id: id,
          token_endpoint_auth_method: "client_secret_basic",
          pkce_required: true,
          client_secret: expect.stringMatching(/^fake-client-secret-.*-not-a-real-secret$/),
        },
      },
      settings: {
        app: {},
        implicitAssignment: false,
        notifications: { vpn: { network: { connection: "DISABLED" } } },
        oauthClient: {
          application_type: "web",
          grant_types: ["authorization_code", "refresh_token"],
          response_types: ["code"],
          redirect_uris: ["https://app.action1.example.invalid/oidc/callback"],
          post_logout_redirect_uris: [],
          consent_method: "TRUSTED",
          issuer_mode: "ORG_URL",
          wildcard_redirect: "DISABLED",
        },
      },
      _links: expect.objectContaining({
        groups: { href: `${okta.origin}/api/v1/apps/${id}/groups` },
        users: { href: `${okta.origin}/api/v1/apps/${id}/users` },
        deactivate: { href: `${okta.origin}/api/v1/apps/${id}/lifecycle/deactivate` },
      }),
    });
    const links = obj(app._links);
    for (const link of Object.values(links)) {
      for (const entry of Array.isArray(link) ? link : [link]) {
        expect(typeof obj(entry).href).toBe("string");
      }
    }
  });

  it("creates an INACTIVE app with activate=false", async () => {
    const made = await call(okta.origin, "POST", "/api/v1/apps?activate=false", webApp());
    expect(obj(made.body).status).toBe("INACTIVE");
  });

  it("refuses a web app without authorization_code, with Okta's error shape", async () => {
    const refused = await call(
      okta.origin,
      "POST",
      "/api/v1/apps",
      webApp({ grant_types: ["client_credentials"] }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      errorCode: "E0000001",
      errorSummary: "Api validation failed: oauthClient",
      errorLink: "E0000001",
      errorId: expect.any(String),
      errorCauses: [
        {
          errorSummary:
            "'grant_types' must contain 'authorization_code' when 'application_type' is 'web'.",
        },
      ],
    });
    expect(okta.state.apps.size).toBe(0);
  });

  it("refuses token auth method none on a web app", async () => {
    const refused = await call(okta.origin, "POST", "/api/v1/apps", webApp({ auth: "none" }));
    expect(refused.status).toBe(400);
    expect(arr(obj(refused.body).errorCauses)).toEqual([
      {
        errorSummary:
          "token_endpoint_auth_method: 'none' is not allowed when 'application_type' is 'web'; " +
          "use client_secret_basic, client_secret_post, client_secret_jwt or private_key_jwt.",
      },
    ]);
  });

  it("reports every problem of an app at once", async () => {
    const body = webApp({ grant_types: ["refresh_token"], auth: "none" });
    (body as Record<string, unknown>).label = "";
    body.settings.oauthClient.issuer_mode = "CUSTOM_URL";
    const refused = await call(okta.origin, "POST", "/api/v1/apps", body);
    const causes = arr(obj(refused.body).errorCauses).map((c) => String(c.errorSummary));
    expect(causes).toEqual([
      "label: The field cannot be left blank.",
      "'grant_types' must contain 'authorization_code' when 'application_type' is 'web'.",
      "grant_types: 'refresh_token' needs 'authorization_code' (or another user grant).",
      expect.stringContaining("token_endpoint_auth_method: 'none' is not allowed"),
      "issuer_mode: 'CUSTOM_URL' needs a verified custom domain; the org has none (use ORG_URL).",
    ]);
  });

  it("reads an app without its secret; a replace with a new secret returns and keeps it", async () => {
    const made = obj((await call(okta.origin, "POST", "/api/v1/apps", webApp())).body);
    const id = String(made.id);
    const read = obj((await call(okta.origin, "GET", `/api/v1/apps/${id}`)).body);
    expect(obj(obj(read.credentials).oauthClient).client_secret).toBeUndefined();
    expect(read.settings).toEqual(made.settings);

    const rotated = "fake-rotated-secret-not-a-real-secret";
    const body = webApp({ secret: rotated });
    body.settings.oauthClient.grant_types = ["authorization_code"];
    const put = await call(okta.origin, "PUT", `/api/v1/apps/${id}`, body);
    expect(put.status).toBe(200);
    const replaced = obj(put.body);
    expect(obj(obj(replaced.credentials).oauthClient).client_secret).toBe(rotated);
    expect(obj(obj(replaced.credentials).oauthClient).client_id).toBe(id);
    expect(obj(obj(replaced.settings).oauthClient).grant_types).toEqual(["authorization_code"]);
    expect(okta.state.apps.get(id)?.clientSecret).toBe(rotated);
  });

  it("refuses to delete an ACTIVE app; deletes it after deactivation; 404 afterwards", async () => {
    const id = String(obj((await call(okta.origin, "POST", "/api/v1/apps", webApp())).body).id);
    const refused = await call(okta.origin, "DELETE", `/api/v1/apps/${id}`);
    expect(refused.status).toBe(403);
    expect(obj(refused.body).errorCode).toBe("E0000056");
    const off = await call(okta.origin, "POST", `/api/v1/apps/${id}/lifecycle/deactivate`);
    expect(off).toMatchObject({ status: 200, body: {} });
    expect(obj((await call(okta.origin, "GET", `/api/v1/apps/${id}`)).body).status).toBe(
      "INACTIVE",
    );
    expect((await call(okta.origin, "DELETE", `/api/v1/apps/${id}`)).status).toBe(204);
    const gone = await call(okta.origin, "GET", `/api/v1/apps/${id}`);
    expect(gone.status).toBe(404);
    expect(obj(gone.body).errorSummary).toBe(`Not found: Resource not found: ${id} (AppInstance)`);
  });

  it("lists exactly one system ACCESS_POLICY and links an app to it", async () => {
    const policies = arr(
      (await call(okta.origin, "GET", "/api/v1/policies?type=ACCESS_POLICY")).body,
    );
    expect(policies.filter((p) => p.system === true)).toHaveLength(1);
    for (const p of policies) {
      expect(p).toEqual(
        expect.objectContaining({ system: expect.any(Boolean), name: expect.any(String) }),
      );
      expect(p.type).toBe("ACCESS_POLICY");
    }
    const system = policies.find((p) => p.system === true) ?? {};
    const id = String(obj((await call(okta.origin, "POST", "/api/v1/apps", webApp())).body).id);
    const put = await call(okta.origin, "PUT", `/api/v1/apps/${id}/policies/${system.id}`);
    expect(put.status).toBe(204);
    const read = obj((await call(okta.origin, "GET", `/api/v1/apps/${id}`)).body);
    expect(obj(read._links).accessPolicy).toEqual({
      href: `${okta.origin}/api/v1/policies/${system.id}`,
    });
  });

  it("stores and returns the internal idToken settings", async () => {
    const id = String(obj((await call(okta.origin, "POST", "/api/v1/apps", webApp())).body).id);
    const path = `/api/v1/internal/apps/${id}/settings/oauth/idToken`;
    expect((await call(okta.origin, "GET", path)).body).toEqual({ claims: [] });
    const settings = { claims: [], issuerMode: "ORG_URL" };
    expect((await call(okta.origin, "POST", path, settings)).body).toEqual(settings);
    expect((await call(okta.origin, "GET", path)).body).toEqual(settings);
  });

  it("lists apps by label prefix", async () => {
    await call(okta.origin, "POST", "/api/v1/apps", webApp());
    const other = webApp();
    (other as Record<string, unknown>).label = "Other";
    await call(okta.origin, "POST", "/api/v1/apps", other);
    const found = arr((await call(okta.origin, "GET", "/api/v1/apps?q=act")).body);
    expect(found.map((a) => a.label)).toEqual(["Action1"]);
  });
});
