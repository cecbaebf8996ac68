import fc from "fast-check";
import {
  backendOf,
  checkCredentials,
  formatCredentialProblems,
  readStackFile,
  type StackFileFacts,
} from "../../../scripts/pipeline/credentials";
import { COMPLETE_STACK_FILE, tempProject } from "./fixtures";

const SECURE = [
  "okta:apiToken",
  "action1-okta-sso:action1ClientId",
  "action1-okta-sso:action1ClientSecret",
];
/** A stack file made by `pulumi stack init` on a self-managed backend, secrets set. */
const PASSPHRASE_STACK: StackFileFacts = {
  exists: true,
  hasEncryptionSalt: true,
  secureKeys: SECURE,
  plainKeys: ["okta:orgName"],
};
/** The same on Pulumi Cloud (no salt: the service encrypts). */
const CLOUD_STACK: StackFileFacts = { ...PASSPHRASE_STACK, hasEncryptionSalt: false };
const noFile = () => false;

const PASSPHRASE_PROBLEM =
  "none of PULUMI_CONFIG_PASSPHRASE | PULUMI_CONFIG_PASSPHRASE_FILE is fully set: the " +
  "passphrase secrets provider of Pulumi.eu.yaml needs one of them. Fix: store the stack " +
  "passphrase as the CI secret PULUMI_CONFIG_PASSPHRASE (an empty passphrase is refused here: in " +
  "CI it means the secret is missing)";
const AWS_ALTERNATIVES =
  "none of AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY | AWS_ROLE_ARN + " +
  "AWS_WEB_IDENTITY_TOKEN_FILE | AWS_PROFILE is fully set";

describe("checkCredentials", () => {
  it("passes Pulumi Cloud with a token and a complete stack file", () => {
    const check = checkCredentials({ PULUMI_ACCESS_TOKEN: "pul-fake" }, "eu", CLOUD_STACK, noFile);
    expect(check).toEqual({
      ok: true,
      backend: "Pulumi Cloud (https://api.pulumi.com)",
      secretsProvider: "Pulumi Cloud",
      problems: [],
    });
  });

  it("fails closed on Pulumi Cloud without a token, naming the variable and the fix", () => {
    const check = checkCredentials({}, "eu", CLOUD_STACK, noFile);
    expect(formatCredentialProblems("preview", "eu", check)).toBe(
      [
        "check-credentials: cannot run preview for stack 'eu' (backend: Pulumi Cloud " +
          "(https://api.pulumi.com); secrets: Pulumi Cloud): 1 problem",
        "  - PULUMI_ACCESS_TOKEN is not set or empty: the Pulumi Cloud (https://api.pulumi.com) " +
          "backend needs it. Fix: store a Pulumi access token as the CI secret " +
          "PULUMI_ACCESS_TOKEN (locally: `pulumi login` or export it), or set PULUMI_BACKEND_URL " +
          "to a self-managed backend",
      ].join("\n"),
    );
  });

  it("treats an empty or blank value as missing (GitHub's value for an unset secret)", () => {
    for (const token of ["", "   "]) {
      const check = checkCredentials({ PULUMI_ACCESS_TOKEN: token }, "eu", CLOUD_STACK, noFile);
      expect(check.ok).toBe(false);
      expect(check.problems[0]).toMatch(/^PULUMI_ACCESS_TOKEN is not set or empty: /);
    }
  });

  it("needs the token for a self-hosted Pulumi Cloud too", () => {
    const env = { PULUMI_BACKEND_URL: "https://pulumi.example.invalid" };
    const check = checkCredentials(env, "eu", CLOUD_STACK, noFile);
    expect(check.backend).toBe("Pulumi Cloud (self-hosted, https://)");
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]).toMatch(/^PULUMI_ACCESS_TOKEN is not set or empty: /);
  });

  it("needs the passphrase on a self-managed backend, and refuses an empty one", () => {
    const env = { PULUMI_BACKEND_URL: "file:///var/state", PULUMI_CONFIG_PASSPHRASE: "" };
    const check = checkCredentials(env, "eu", PASSPHRASE_STACK, noFile);
    expect(check.backend).toBe("self-managed (file://)");
    expect(check.secretsProvider).toBe("passphrase");
    expect(check.problems).toEqual([PASSPHRASE_PROBLEM]);
  });

  it("takes the passphrase provider for a self-managed stack file without salt or provider", () => {
    const env = { PULUMI_BACKEND_URL: "file:///var/state" };
    const check = checkCredentials(env, "eu", CLOUD_STACK, noFile);
    expect(check.secretsProvider).toBe("passphrase");
    expect(check.problems).toEqual([PASSPHRASE_PROBLEM]);
  });

  it("needs the passphrase on Pulumi Cloud when the stack file has a salt", () => {
    const check = checkCredentials({ PULUMI_ACCESS_TOKEN: "t" }, "eu", PASSPHRASE_STACK, noFile);
    expect(check.problems).toEqual([PASSPHRASE_PROBLEM]);
  });

  it("accepts a passphrase file that exists, and names one that does not", () => {
    const env = {
      PULUMI_BACKEND_URL: "file:///var/state",
      PULUMI_CONFIG_PASSPHRASE_FILE: "/run/secrets/pass",
    };
    expect(checkCredentials(env, "eu", PASSPHRASE_STACK, () => true).ok).toBe(true);
    expect(checkCredentials(env, "eu", PASSPHRASE_STACK, noFile).problems).toEqual([
      "PULUMI_CONFIG_PASSPHRASE_FILE names a file that does not exist (/run/secrets/pass): the " +
        "passphrase secrets provider of Pulumi.eu.yaml needs it. Fix: point it at the file " +
        "that holds the passphrase, or set PULUMI_CONFIG_PASSPHRASE instead",
    ]);
  });

  it("lists every problem at once, backend first, for S3 state with KMS secrets", () => {
    const facts = { ...CLOUD_STACK, secretsProvider: "awskms://alias/pulumi?region=eu-west-1" };
    const check = checkCredentials({ PULUMI_BACKEND_URL: "s3://state-bucket" }, "eu", facts);
    expect(formatCredentialProblems("deploy", "eu", check)).toBe(
      [
        "check-credentials: cannot run deploy for stack 'eu' (backend: self-managed (s3://); " +
          "secrets: awskms): 2 problems",
        `  - ${AWS_ALTERNATIVES}: the S3 state backend needs one of them. Fix: store AWS ` +
          "credentials as CI secrets (or assume a role before this step)",
        `  - ${AWS_ALTERNATIVES}: the awskms secrets provider of Pulumi.eu.yaml needs one of ` +
          "them. Fix: store AWS credentials allowed to use the KMS key as CI secrets",
      ].join("\n"),
    );
    const withKeys = {
      PULUMI_BACKEND_URL: "s3://b",
      AWS_ACCESS_KEY_ID: "A",
      AWS_SECRET_ACCESS_KEY: "B",
    };
    expect(checkCredentials(withKeys, "eu", facts).ok).toBe(true);
    const halfKeys = { PULUMI_BACKEND_URL: "s3://b", AWS_ACCESS_KEY_ID: "A" };
    expect(checkCredentials(halfKeys, "eu", facts).problems).toHaveLength(2);
  });

  it("names only the missing half of a pair", () => {
    const facts = { ...CLOUD_STACK, secretsProvider: "hashivault://pulumi" };
    const env = { PULUMI_ACCESS_TOKEN: "t", VAULT_SERVER_URL: "https://vault.example.invalid" };
    expect(checkCredentials(env, "eu", facts).problems).toEqual([
      "VAULT_SERVER_TOKEN is not set or empty: the hashivault secrets provider of Pulumi.eu.yaml " +
        "needs VAULT_SERVER_URL and VAULT_SERVER_TOKEN. Fix: store the Vault address and a token " +
        "allowed to use the transit key as CI secrets",
    ]);
  });

  it("checks Azure Blob state: the account and one way to sign in", () => {
    const env = { PULUMI_BACKEND_URL: "azblob://state", PULUMI_CONFIG_PASSPHRASE: "p" };
    expect(checkCredentials(env, "eu", PASSPHRASE_STACK).problems).toEqual([
      "AZURE_STORAGE_ACCOUNT is not set or empty: the Azure Blob state backend needs it. Fix: " +
        "set AZURE_STORAGE_ACCOUNT to the storage account name",
      "none of AZURE_STORAGE_KEY | AZURE_STORAGE_SAS_TOKEN | AZURE_CLIENT_ID + AZURE_TENANT_ID + " +
        "AZURE_CLIENT_SECRET | AZURE_CLIENT_ID + AZURE_TENANT_ID + AZURE_FEDERATED_TOKEN_FILE is " +
        "fully set: the Azure Blob state backend needs one of them. Fix: store a storage key, a " +
        "SAS token or a service principal as CI secrets",
    ]);
    const ok = { ...env, AZURE_STORAGE_ACCOUNT: "acct", AZURE_STORAGE_KEY: "k" };
    expect(checkCredentials(ok, "eu", PASSPHRASE_STACK).ok).toBe(true);
  });

  it("checks Google Cloud Storage state and gcpkms secrets", () => {
    const facts = { ...CLOUD_STACK, secretsProvider: "gcpkms://projects/p/keys/k" };
    const env = { PULUMI_BACKEND_URL: "gs://state" };
    expect(checkCredentials(env, "eu", facts).problems).toHaveLength(2);
    expect(checkCredentials({ ...env, GOOGLE_CREDENTIALS: "{}" }, "eu", facts).ok).toBe(true);
  });

  it("refuses an unknown backend scheme without printing the URL", () => {
    const env = {
      PULUMI_BACKEND_URL: "ftp://user:fake-password@host",
      PULUMI_CONFIG_PASSPHRASE: "p",
    };
    const check = checkCredentials(env, "eu", PASSPHRASE_STACK);
    expect(check.problems).toEqual([
      "PULUMI_BACKEND_URL has the unsupported scheme 'ftp' (allowed: https://, http://, file://, " +
        "s3://, azblob://, gs://; unset means Pulumi Cloud). Fix: set it to the URL of the " +
        "backend that holds the stacks' state",
    ]);
    expect(formatCredentialProblems("preview", "eu", check)).not.toContain("fake-password");
  });

  it("refuses an unknown secrets provider", () => {
    const facts = { ...CLOUD_STACK, secretsProvider: "custom://key" };
    expect(checkCredentials({ PULUMI_ACCESS_TOKEN: "t" }, "eu", facts).problems).toEqual([
      "Pulumi.eu.yaml names the unsupported secrets provider 'custom' (allowed: passphrase, " +
        "awskms, azurekeyvault, gcpkms, hashivault, or none for Pulumi Cloud). Fix: `pulumi " +
        "stack change-secrets-provider` to a supported one",
    ]);
  });

  it("fails when the stack file is missing", () => {
    const facts = { exists: false, hasEncryptionSalt: false, secureKeys: [], plainKeys: [] };
    const check = checkCredentials({ PULUMI_ACCESS_TOKEN: "t" }, "na-2", facts);
    expect(check.secretsProvider).toBe("unknown");
    expect(check.problems).toEqual([
      "Pulumi.na-2.yaml does not exist: every region stack needs its stack file. Fix: run " +
        "`pulumi stack init na-2` and commit Pulumi.na-2.yaml (see docs/guides/gitops.md)",
    ]);
  });

  it("needs the Okta and Action1 credentials as secrets in the stack file", () => {
    const facts: StackFileFacts = {
      exists: true,
      hasEncryptionSalt: false,
      secureKeys: [],
      plainKeys: ["action1-okta-sso:action1ClientSecret"],
    };
    expect(checkCredentials({ PULUMI_ACCESS_TOKEN: "t" }, "eu", facts).problems).toEqual([
      "Pulumi.eu.yaml has no secret okta:apiToken (nor okta:accessToken, okta:privateKey) and " +
        "OKTA_API_TOKEN is not set: the Okta provider cannot authenticate. Fix: `pulumi config " +
        "set --secret okta:apiToken --stack eu` and commit Pulumi.eu.yaml",
      "Pulumi.eu.yaml has no secret action1-okta-sso:action1ClientId: the Action1 providers " +
        "cannot authenticate. Fix: `pulumi config set --secret action1-okta-sso:action1ClientId " +
        "--stack eu` and commit Pulumi.eu.yaml",
      "Pulumi.eu.yaml holds action1-okta-sso:action1ClientSecret as plain text: it must be a " +
        "secret. Fix: `pulumi config set --secret action1-okta-sso:action1ClientSecret --stack " +
        "eu`, rotate the credential, and commit Pulumi.eu.yaml",
    ]);
  });

  it("accepts the Okta token from OKTA_API_TOKEN instead of the stack file", () => {
    const facts = { ...CLOUD_STACK, secureKeys: SECURE.slice(1) };
    expect(checkCredentials({ PULUMI_ACCESS_TOKEN: "t" }, "eu", facts).ok).toBe(false);
    const env = { PULUMI_ACCESS_TOKEN: "t", OKTA_API_TOKEN: "fake" };
    expect(checkCredentials(env, "eu", facts).ok).toBe(true);
  });

  it("never prints the value of any variable", () => {
    const names = [
      "PULUMI_ACCESS_TOKEN",
      "PULUMI_CONFIG_PASSPHRASE",
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AZURE_STORAGE_KEY",
      "VAULT_SERVER_TOKEN",
      "OKTA_API_TOKEN",
    ];
    const backends = [
      "",
      "file:///s",
      "s3://b",
      "azblob://c",
      "gs://g",
      "https://p.example.invalid",
    ];
    const providers = [undefined, "passphrase", "awskms://k", "hashivault://k", "gcpkms://k"];
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...names), fc.stringMatching(/^secret-[A-Za-z0-9]{12}$/)),
        fc.constantFrom(...backends),
        fc.constantFrom(...providers),
        fc.boolean(),
        (values, backend, provider, complete) => {
          const facts: StackFileFacts = {
            ...PASSPHRASE_STACK,
            ...(provider ? { secretsProvider: provider } : {}),
            secureKeys: complete ? SECURE : [],
          };
          const env = { ...values, PULUMI_BACKEND_URL: backend };
          const text = formatCredentialProblems(
            "preview",
            "eu",
            checkCredentials(env, "eu", facts),
          );
          for (const value of Object.values(values)) expect(text).not.toContain(value);
        },
      ),
    );
  });
});

describe("backendOf", () => {
  it.each([
    [undefined, "cloud", ""],
    ["  ", "cloud", ""],
    ["https://api.pulumi.com", "cloud", "https"],
    ["FILE:///x", "diy", "file"],
    ["s3://b?region=eu-west-1", "diy", "s3"],
    ["azblob://c", "diy", "azblob"],
    ["gs://g", "diy", "gs"],
    ["/just/a/path", "invalid", ""],
  ])("%s → %s", (url, kind, scheme) => {
    expect(backendOf(url === undefined ? {} : { PULUMI_BACKEND_URL: url })).toEqual({
      kind,
      scheme,
    });
  });
});

describe("readStackFile", () => {
  it("reads salt, provider and which keys are secret, never the values", () => {
    const root = tempProject({
      "Pulumi.eu.yaml": `secretsprovider: awskms://alias/x\n${COMPLETE_STACK_FILE}`,
    });
    expect(readStackFile(root, "eu")).toEqual({
      exists: true,
      secretsProvider: "awskms://alias/x",
      hasEncryptionSalt: true,
      secureKeys: SECURE,
      plainKeys: ["okta:orgName"],
    });
  });

  it("reports a missing file and an empty one", () => {
    const root = tempProject({ "Pulumi.na.yaml": "" });
    expect(readStackFile(root, "eu").exists).toBe(false);
    expect(readStackFile(root, "na")).toEqual({
      exists: true,
      hasEncryptionSalt: false,
      secureKeys: [],
      plainKeys: [],
    });
  });
});
