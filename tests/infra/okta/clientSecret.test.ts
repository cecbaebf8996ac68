import fc from "fast-check";
import type * as secretModule from "../../../infra/okta/clientSecret";
import { CLIENT_SECRET_LENGTH, CLIENT_SECRET_SPECIALS } from "../../../infra/okta/clientSecret";
import { runProgram } from "../../helpers/pulumiMocks";

/** Okta's bounds for a client secret you supply (Management API schema); client_secret_jwt's. */
const OKTA_MIN = 14;
const OKTA_MAX = 100;
const JWT_MIN = 32;
const UNRESERVED = /^[A-Za-z0-9\-._~]+$/;
/** Characters the WHATWG form encoder (URLSearchParams) leaves as they are. */
const FORM_SAFE = /^[A-Za-z0-9*\-._]+$/;

describe("client secret rules", () => {
  it("has a length Okta accepts for every auth method", () => {
    expect(CLIENT_SECRET_LENGTH).toBeGreaterThanOrEqual(Math.max(OKTA_MIN, JWT_MIN));
    expect(CLIENT_SECRET_LENGTH).toBeLessThanOrEqual(OKTA_MAX);
  });

  it("draws only characters that survive form-url-encoding unchanged", () => {
    const letters = "abcdefghijklmnopqrstuvwxyz";
    const alphabet = `${letters}${letters.toUpperCase()}0123456789${CLIENT_SECRET_SPECIALS}`;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), {
          minLength: CLIENT_SECRET_LENGTH,
          maxLength: CLIENT_SECRET_LENGTH,
        }),
        (chars) => {
          const secret = chars.join("");
          expect(secret).toMatch(UNRESERVED);
          expect(secret).toMatch(FORM_SAFE);
          // client_secret_basic form-url-encodes the secret before base64 (RFC 6749 §2.3.1).
          expect(new URLSearchParams({ s: secret }).toString()).toBe(`s=${secret}`);
        },
      ),
    );
  });

  it("declares the RandomPassword with the keeper and returns a secret value", async () => {
    const run = await runProgram<typeof secretModule>({
      program: "infra/okta/clientSecret.ts",
      stack: "na",
      config: {},
      state: () => ({ result: "fake-client-secret-not-real-0123456789" }),
    });
    const secret = run.exports.defineClientSecret("s", "2026-12");
    expect(await run.value(secret.value)).toBe("fake-client-secret-not-real-0123456789");
    expect(await run.isSecret(secret.value)).toBe(true);
    await run.settle();
    expect(run.world.one("random:index/randomPassword:RandomPassword").inputs).toMatchObject({
      length: 64,
      overrideSpecial: "-._",
      keepers: { rotation: "2026-12" },
    });
  });
});
