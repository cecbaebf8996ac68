import fc from "fast-check";
import {
  decodeIdpValue,
  encodeIdpValue,
  isMasked,
  maskSecrets,
  providerOf,
} from "../../../infra/action1/idpSetting";

const SECRET = "fake-okta-client-secret-0123456789-not-real";

describe("the (unverified) identity-provider encoding", () => {
  test("Okta is a JSON string with client id, secret and issuer", () => {
    const v = encodeIdpValue({
      provider: "Okta",
      clientId: "0oafake",
      clientSecret: SECRET,
      issuerUri: "https://example.okta.com",
    });
    expect(JSON.parse(v)).toEqual({
      identity_provider: "Okta",
      client_id: "0oafake",
      client_secret: SECRET,
      issuer_uri: "https://example.okta.com",
    });
  });

  test("providers without OIDC fields stay bare names, as in Action1's Google example", () => {
    expect(encodeIdpValue({ provider: "Google" })).toBe("Google");
    expect(decodeIdpValue("Google")).toEqual({
      provider: "Google",
      format: "plain",
      secretMasked: false,
    });
    expect(providerOf(undefined)).toBe("Action1");
    expect(providerOf("{not json")).toBe("unknown");
  });

  test("reads other spellings of the keys and notices a masked secret", () => {
    expect(
      decodeIdpValue(
        '{"provider":"Okta","clientId":"a","clientSecret":"********","issuer":"https://x"}',
      ),
    ).toEqual({
      provider: "Okta",
      clientId: "a",
      clientSecret: undefined,
      issuerUri: "https://x",
      format: "json",
      secretMasked: true,
    });
    expect(["", "***", "••••", "<hidden>"].every(isMasked)).toBe(true);
    expect(isMasked(SECRET)).toBe(false);
  });

  test("property: decode(encode(v)) gives v back", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 9 }).filter((s) => !isMasked(s)),
        fc.webUrl(),
        (clientId, clientSecret, issuerUri) => {
          const d = decodeIdpValue(
            encodeIdpValue({ provider: "Okta", clientId, clientSecret, issuerUri }),
          );
          expect(d).toEqual({
            provider: "Okta",
            clientId,
            clientSecret,
            issuerUri,
            format: "json",
            secretMasked: false,
          });
        },
      ),
    );
  });

  test("maskSecrets hides secret-looking fields, also inside JSON strings", () => {
    const masked = maskSecrets({
      id: "1",
      password: "fake-pass-not-real",
      value: encodeIdpValue({
        provider: "Okta",
        clientId: "0oafake",
        clientSecret: SECRET,
        issuerUri: "https://example.okta.com",
      }),
    });
    expect(masked).toEqual({
      id: "1",
      password: "<masked, 18 chars>",
      value:
        'JSON:{"identity_provider":"Okta","client_id":"0oafake","client_secret":"<masked, 43 ' +
        'chars>","issuer_uri":"https://example.okta.com"}',
    });
    expect(JSON.stringify(masked)).not.toContain(SECRET);
  });
});
