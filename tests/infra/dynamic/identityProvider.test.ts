import * as pulumi from "@pulumi/pulumi";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { decodeIdpValue } from "../../../infra/action1/idpSetting";
import {
  IDENTITY_PROVIDER_TOKEN,
  identityProviderResourceProvider,
} from "../../../infra/dynamic/identityProvider";
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET } from "../../../standins/action1/seed";
import { type LocalAction1, startLocalAction1 } from "../../../standins/action1/server";
import { action1Contract } from "../../helpers/action1Contract";

const OKTA_SECRET = "fake-okta-client-secret-0123456789-not-real";
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
// eslint-free require: require-from-string is a dependency of @pulumi/pulumi.
const requireFromString: (code: string) => { handler: () => dynamic.ResourceProvider } = require(
  require.resolve("require-from-string", {
    paths: [require.resolve("@pulumi/pulumi")],
  }),
);

let local: LocalAction1;
beforeAll(async () => {
  local = await startLocalAction1();
  process.env.ACTION1_CLIENT_ID = FAKE_CLIENT_ID;
  process.env.ACTION1_CLIENT_SECRET = FAKE_CLIENT_SECRET;
});
afterAll(async () => {
  expect(action1Contract().checkAll(local.requests)).toEqual([]);
  delete process.env.ACTION1_CLIENT_ID;
  delete process.env.ACTION1_CLIENT_SECRET;
  await local.close();
});

async function serialized(): Promise<string> {
  const { text } = await pulumi.runtime.serializeFunction(() => identityProviderResourceProvider, {
    allowSecrets: false,
  });
  return text;
}

describe("serialized provider (__provider)", () => {
  test("is a small loader: no client code, no credential", async () => {
    const text = await serialized();
    expect(text).toContain(JSON.stringify("infra/dynamic/identityProviderProvider.ts"));
    expect(text).toContain("loadRuntime");
    expect(text).not.toContain(FAKE_CLIENT_SECRET);
    expect(text).not.toContain("Action1Client");
    expect(text).not.toContain("fetch(");
    expect(text.length).toBeLessThan(8_000);
  });

  test("round trip: the deserialized copy runs check and create on the local Action1", async () => {
    const text = await serialized();
    const provider = requireFromString(text).handler();
    // The deserialized code runs outside Jest's sandbox, on the real `process`, as in the
    // engine's provider host: give it the credentials there, and no JEST_WORKER_ID, so the loader
    // makes TypeScript loadable itself.
    const real = requireFromString(
      "module.exports = { handler: () => process }",
    ).handler() as unknown as NodeJS.Process;
    const saved = { ...real.env };
    real.env.ACTION1_CLIENT_ID = FAKE_CLIENT_ID;
    real.env.ACTION1_CLIENT_SECRET = FAKE_CLIENT_SECRET;
    delete real.env.JEST_WORKER_ID;
    try {
      const news = {
        apiBaseUrl: local.apiBaseUrl,
        provider: "Okta",
        clientId: "0oafakeroundtrip01",
        clientSecret: OKTA_SECRET,
        issuerUri: "https://example.okta.com",
      };
      const checked = await provider.check?.({}, news);
      expect(checked?.failures).toEqual([]);
      const created = await provider.create(checked?.inputs);
      expect(created.id).toBe(local.state.idpSetting()?.id);
      expect(created.outs.clientSecretDigest).toMatch(/^hmac-sha256:v1:/);
      expect(decodeIdpValue(local.state.idpSetting()?.value)).toMatchObject({
        provider: "Okta",
        clientId: "0oafakeroundtrip01",
        clientSecret: OKTA_SECRET,
        issuerUri: "https://example.okta.com",
      });
    } finally {
      for (const k of ["ACTION1_CLIENT_ID", "ACTION1_CLIENT_SECRET"]) delete real.env[k];
      Object.assign(real.env, saved);
    }
  });
});

describe("Action1IdentityProvider under mocks", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  let opts: pulumi.CustomResourceOptions | undefined;

  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return { id: "setting-1", state: { ...args.inputs, settingId: "setting-1" } };
        },
        call: () => ({}),
      },
      "action1-okta-sso",
      "eu",
    );
  });

  test("registers the token with secret client secret and additionalSecretOutputs", async () => {
    const { Action1IdentityProvider } = await import("../../../infra/dynamic/identityProvider");
    const idp = new Action1IdentityProvider(
      "okta-idp",
      {
        apiBaseUrl: "https://app.eu.action1.com/api/3.0",
        clientId: pulumi.output("0oafakemocks0001"),
        clientSecret: OKTA_SECRET,
        issuerUri: "https://example.okta.com",
      },
      {
        // Sees the options the class hands to the engine (mocks ignore them).
        transformations: [
          (args) => {
            if (args.type === IDENTITY_PROVIDER_TOKEN) {
              opts = args.opts as pulumi.CustomResourceOptions;
            }
            return undefined;
          },
        ],
      },
    );
    const settingId = await new Promise((r) => idp.settingId.apply(r));
    expect(settingId).toBe("setting-1");
    const args = registered.find((r) => r.name === "okta-idp");
    expect(args?.type).toBe("pulumi-nodejs:dynamic/action1:IdentityProvider");
    expect(typeof args?.inputs.__provider).toBe("string");
    expect(args?.inputs.__provider).not.toContain(OKTA_SECRET);
    expect(args?.inputs.clientSecret).toEqual({
      [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270",
      value: OKTA_SECRET,
    });
    expect(args?.inputs).toMatchObject({
      provider: "Okta",
      scope: "Enterprise",
      deleteProtection: "refuse-if-locks-out",
      clientId: "0oafakemocks0001",
    });
    expect(opts?.additionalSecretOutputs).toEqual(["clientSecret"]);
    expect(await new Promise((r) => pulumi.isSecret(idp.clientSecret).then(r))).toBe(true);
  });
});
