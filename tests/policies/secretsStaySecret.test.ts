import { Secret } from "@pulumi/policy";
import { isSecretValue, secretsStaySecret } from "../../policies/secretsStaySecret";
import { baseline, find, withProps, withSpec } from "./fixtures";
import {
  messages,
  remediationProps,
  resourceArgs,
  runResourcePolicy,
  UNKNOWN_VALUE,
} from "./helpers";

async function validate(name: string, specs = baseline()) {
  return messages(await runResourcePolicy(secretsStaySecret, resourceArgs(find(specs, name))));
}

function remediate(name: string, raw: Record<string, unknown>) {
  const spec = find(baseline(), name);
  const args = resourceArgs(spec, {});
  const remediate = secretsStaySecret.remediateResource;
  if (!remediate) {
    throw new Error("secrets-stay-secret has no remediation");
  }
  return remediate({ ...args, props: remediationProps(raw) }) as
    | Record<string, unknown>
    | undefined;
}

describe("secrets-stay-secret", () => {
  it("passes every baseline resource", async () => {
    for (const s of baseline()) {
      expect(await validate(s.name)).toEqual([]);
    }
  });

  it("remediates by default, the only level at which CrossGuard shows secretness", () => {
    expect(secretsStaySecret.enforcementLevel).toBe("remediate");
  });

  describe("remediation", () => {
    it("makes a plain-text identity-provider client secret secret", () => {
      const raw = { ...find(baseline(), "action1-idp").props };
      const fixed = remediate("action1-idp", raw);
      expect(isSecretValue(fixed?.clientSecret)).toBe(true);
      expect((fixed?.clientSecret as Secret | undefined)?.value).toBe("fake-secret-not-real");
      expect(fixed?.clientId).toBe(raw.clientId);
    });

    it("makes a plain-text Okta clientBasicSecret secret", () => {
      const fixed = remediate("action1-app", { ...find(baseline(), "action1-app").props });
      expect(isSecretValue(fixed?.clientBasicSecret)).toBe(true);
    });

    it("changes nothing when the secrets are already secret", () => {
      const raw = {
        ...find(baseline(), "action1-idp").props,
        clientSecret: new Secret("fake-secret-not-real"),
      };
      expect(remediate("action1-idp", raw)).toBeUndefined();
    });

    it("keeps a secret that is unknown during preview secret", () => {
      const raw = { ...find(baseline(), "action1-idp").props, clientSecret: UNKNOWN_VALUE };
      const fixed = remediate("action1-idp", raw);
      expect((fixed?.clientSecret as Secret | undefined)?.value).toBe(UNKNOWN_VALUE);
    });

    it("makes Action1 credentials on an Action1 resource secret", () => {
      const raw = { ...find(baseline(), "breakglass").props, action1ClientSecret: "fake-not-real" };
      const fixed = remediate("breakglass", raw);
      expect(isSecretValue(fixed?.action1ClientSecret)).toBe(true);
    });

    it("leaves resources without secret inputs alone", () => {
      expect(remediate("action1-app-group-admins", { appId: "x", groupId: "y" })).toBeUndefined();
    });
  });

  it("fails Action1 credentials as inputs of an Action1 resource", async () => {
    const specs = withProps(baseline(), "okta-admin-enterprise-admin", {
      action1ClientId: "fake-id",
      action1ClientSecret: UNKNOWN_VALUE,
    });
    expect(await validate("okta-admin-enterprise-admin", specs)).toEqual([
      'Action1 role assignment "okta-admin-enterprise-admin" must not take Action1 API ' +
        "credentials as inputs (found action1ClientId, action1ClientSecret); the provider reads " +
        "them from the secret stack config action1-okta-sso:action1ClientId and " +
        "action1-okta-sso:action1ClientSecret.",
    ]);
  });

  it("fails an identity provider that does not mark clientSecret as a secret output", async () => {
    const specs = withSpec(baseline(), "action1-idp", { opts: { protect: true } });
    expect(await validate("action1-idp", specs)).toEqual([
      'Action1 identity provider "action1-idp" must list clientSecret in additionalSecretOutputs ' +
        "so that the client secret stays secret in state and outputs.",
    ]);
  });
});
