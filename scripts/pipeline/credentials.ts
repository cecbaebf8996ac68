/**
 * Fail-closed credential check, run before any step that talks to the Pulumi backend.
 *
 * GitHub Actions turns a secret that is not configured into an empty string, so a job that only
 * "uses whatever is there" would run with no credentials and might pass for the wrong reason (or
 * fail much later with an obscure error). This check names every missing variable at once, says
 * why it is needed and how to provide it, and never prints a value.
 *
 * What is required follows from two choices:
 * - the backend, from `PULUMI_BACKEND_URL` (unset: Pulumi Cloud);
 * - the secrets provider, from the stack file (`secretsprovider:`, or `encryptionsalt:` for the
 *   passphrase provider; neither: the backend's default, i.e. Pulumi Cloud's own encryption or
 *   the passphrase provider for a self-managed backend).
 * The stack file must also hold the Okta and Action1 credentials as secrets (or the environment
 * must provide the Okta token), because the program cannot run without them.
 *
 * Known limit: it checks that credentials are present, not that they work; a revoked token
 * passes here and fails in Pulumi with Pulumi's own message.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";

export type Operation = "preview" | "deploy" | "drift-check";

/** A requirement is met when every variable of at least one alternative is set and not blank. */
interface Requirement {
  readonly what: string;
  readonly alternatives: readonly (readonly string[])[];
  readonly fix: string;
}

export interface CredentialCheck {
  readonly ok: boolean;
  /** e.g. `Pulumi Cloud (https://api.pulumi.com)`, `self-managed (s3://)`. */
  readonly backend: string;
  /** e.g. `passphrase`, `awskms`, `Pulumi Cloud`. */
  readonly secretsProvider: string;
  readonly problems: readonly string[];
}

export interface StackFileFacts {
  /** False when `Pulumi.<stack>.yaml` does not exist. */
  readonly exists: boolean;
  readonly secretsProvider?: string;
  readonly hasEncryptionSalt: boolean;
  /** Config keys whose value is a `secure:` value. */
  readonly secureKeys: readonly string[];
  /** Config keys with a plain value. */
  readonly plainKeys: readonly string[];
}

const NAMESPACE = "action1-okta-sso";
const OKTA_SECRET_KEYS = ["okta:apiToken", "okta:accessToken", "okta:privateKey"];

const AWS: Requirement["alternatives"] = [
  ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"],
  ["AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE"],
  ["AWS_PROFILE"],
];
const AZURE_IDENTITY: Requirement["alternatives"] = [
  ["AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_CLIENT_SECRET"],
  ["AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_FEDERATED_TOKEN_FILE"],
];
const GOOGLE: Requirement["alternatives"] = [
  ["GOOGLE_APPLICATION_CREDENTIALS"],
  ["GOOGLE_CREDENTIALS"],
];

/** Key-management secrets providers: the credentials each needs and how to supply them. */
const KMS_PROVIDERS: Readonly<Record<string, Omit<Requirement, "what">>> = {
  awskms: {
    alternatives: AWS,
    fix: "store AWS credentials allowed to use the KMS key as CI secrets",
  },
  azurekeyvault: {
    alternatives: AZURE_IDENTITY,
    fix: "store a service principal allowed to use the key as CI secrets",
  },
  gcpkms: {
    alternatives: GOOGLE,
    fix: "store a service account key allowed to use the key as GOOGLE_CREDENTIALS",
  },
  hashivault: {
    alternatives: [["VAULT_SERVER_URL", "VAULT_SERVER_TOKEN"]],
    fix: "store the Vault address and a token allowed to use the transit key as CI secrets",
  },
};

/** Reads what the check needs from `Pulumi.<stack>.yaml`; never returns a value. */
export function readStackFile(projectRoot: string, stack: string): StackFileFacts {
  const path = join(projectRoot, `Pulumi.${stack}.yaml`);
  if (!existsSync(path)) {
    return { exists: false, hasEncryptionSalt: false, secureKeys: [], plainKeys: [] };
  }
  const doc = (parseYaml(readFileSync(path, "utf8")) ?? {}) as Record<string, unknown>;
  const config = (doc.config ?? {}) as Record<string, unknown>;
  const secureKeys: string[] = [];
  const plainKeys: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    const secure = typeof value === "object" && value !== null && "secure" in value;
    (secure ? secureKeys : plainKeys).push(key);
  }
  return {
    exists: true,
    secretsProvider:
      typeof doc.secretsprovider === "string" && doc.secretsprovider !== ""
        ? doc.secretsprovider
        : undefined,
    hasEncryptionSalt: typeof doc.encryptionsalt === "string" && doc.encryptionsalt !== "",
    secureKeys,
    plainKeys,
  };
}

function isSet(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name];
  return value !== undefined && value.trim() !== "";
}

function describeAlternatives(alternatives: Requirement["alternatives"]): string {
  return alternatives.map((group) => group.join(" + ")).join(" | ");
}

function unmet(env: NodeJS.ProcessEnv, req: Requirement): string | undefined {
  if (req.alternatives.some((group) => group.every((name) => isSet(env, name)))) return undefined;
  const only = req.alternatives.length === 1 ? req.alternatives[0] : undefined;
  if (only !== undefined) {
    const missing = only.filter((name) => !isSet(env, name));
    const verb = missing.length === 1 ? "is" : "are";
    return `${missing.join(", ")} ${verb} not set or empty: ${req.what} needs ${
      only.length === 1 ? "it" : only.join(" and ")
    }. Fix: ${req.fix}`;
  }
  return (
    `none of ${describeAlternatives(req.alternatives)} is fully set: ${req.what} needs one ` +
    `of them. Fix: ${req.fix}`
  );
}

/** Where the Pulumi backend is, from `PULUMI_BACKEND_URL` alone (the value is never printed). */
export function backendOf(env: NodeJS.ProcessEnv): {
  kind: "cloud" | "diy" | "invalid";
  scheme: string;
} {
  const url = (env.PULUMI_BACKEND_URL ?? "").trim();
  if (url === "") return { kind: "cloud", scheme: "" };
  const match = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url);
  const scheme = match?.[1]?.toLowerCase() ?? "";
  if (scheme === "https" || scheme === "http") return { kind: "cloud", scheme };
  if (["file", "s3", "azblob", "gs"].includes(scheme)) return { kind: "diy", scheme };
  return { kind: "invalid", scheme };
}

/**
 * Checks the environment (and the stack file's facts) for everything `operation` on `stack`
 * needs. Pure: the environment and stack file facts are arguments.
 */
export function checkCredentials(
  env: NodeJS.ProcessEnv,
  stack: string,
  stackFile: StackFileFacts,
  fileExists: (path: string) => boolean = existsSync,
): CredentialCheck {
  const problems: string[] = [];
  // Checked as they are named, so problems come in order: backend, secrets, stack file.
  const requirements = {
    push(req: Requirement) {
      const problem = unmet(env, req);
      if (problem !== undefined) problems.push(problem);
    },
  };
  const backend = backendOf(env);
  let backendName: string;

  if (backend.kind === "cloud") {
    backendName =
      backend.scheme === ""
        ? "Pulumi Cloud (https://api.pulumi.com)"
        : `Pulumi Cloud (self-hosted, ${backend.scheme}://)`;
    requirements.push({
      what: `the ${backendName} backend`,
      alternatives: [["PULUMI_ACCESS_TOKEN"]],
      fix:
        "store a Pulumi access token as the CI secret PULUMI_ACCESS_TOKEN (locally: " +
        "`pulumi login` or export it), or set PULUMI_BACKEND_URL to a self-managed backend",
    });
  } else if (backend.kind === "diy") {
    backendName = `self-managed (${backend.scheme}://)`;
    if (backend.scheme === "s3") {
      requirements.push({
        what: "the S3 state backend",
        alternatives: AWS,
        fix: "store AWS credentials as CI secrets (or assume a role before this step)",
      });
    } else if (backend.scheme === "azblob") {
      requirements.push({
        what: "the Azure Blob state backend",
        alternatives: [["AZURE_STORAGE_ACCOUNT"]],
        fix: "set AZURE_STORAGE_ACCOUNT to the storage account name",
      });
      requirements.push({
        what: "the Azure Blob state backend",
        alternatives: [["AZURE_STORAGE_KEY"], ["AZURE_STORAGE_SAS_TOKEN"], ...AZURE_IDENTITY],
        fix: "store a storage key, a SAS token or a service principal as CI secrets",
      });
    } else if (backend.scheme === "gs") {
      requirements.push({
        what: "the Google Cloud Storage state backend",
        alternatives: GOOGLE,
        fix: "store a service account key as the CI secret GOOGLE_CREDENTIALS",
      });
    }
  } else {
    backendName = `unsupported (${backend.scheme === "" ? "no scheme" : `${backend.scheme}://`})`;
    problems.push(
      `PULUMI_BACKEND_URL has ${
        backend.scheme === "" ? "no URL scheme" : `the unsupported scheme '${backend.scheme}'`
      } (allowed: https://, http://, file://, s3://, azblob://, gs://; unset means Pulumi Cloud). ` +
        "Fix: set it to the URL of the backend that holds the stacks' state",
    );
  }

  const stackFileName = `Pulumi.${stack}.yaml`;
  let secretsProvider: string;
  if (!stackFile.exists) {
    secretsProvider = "unknown";
    problems.push(
      `${stackFileName} does not exist: every region stack needs its stack file. Fix: run ` +
        `\`pulumi stack init ${stack}\` and commit ${stackFileName} (see docs/guides/gitops.md)`,
    );
  } else {
    const declared = stackFile.secretsProvider;
    const scheme = declared ? (/^([a-z0-9]+):\/\//i.exec(declared)?.[1] ?? declared) : undefined;
    if (scheme === "passphrase" || (scheme === undefined && stackFile.hasEncryptionSalt)) {
      secretsProvider = "passphrase";
    } else if (scheme === undefined) {
      secretsProvider = backend.kind === "cloud" ? "Pulumi Cloud" : "passphrase";
    } else {
      secretsProvider = scheme;
    }
    switch (secretsProvider) {
      case "passphrase": {
        const file = env.PULUMI_CONFIG_PASSPHRASE_FILE?.trim() ?? "";
        if (file !== "" && !fileExists(file)) {
          problems.push(
            `PULUMI_CONFIG_PASSPHRASE_FILE names a file that does not exist (${file}): the ` +
              `passphrase secrets provider of ${stackFileName} needs it. Fix: point it at the ` +
              "file that holds the passphrase, or set PULUMI_CONFIG_PASSPHRASE instead",
          );
        } else if (file === "") {
          requirements.push({
            what: `the passphrase secrets provider of ${stackFileName}`,
            alternatives: [["PULUMI_CONFIG_PASSPHRASE"], ["PULUMI_CONFIG_PASSPHRASE_FILE"]],
            fix:
              "store the stack passphrase as the CI secret PULUMI_CONFIG_PASSPHRASE (an empty " +
              "passphrase is refused here: in CI it means the secret is missing)",
          });
        }
        break;
      }
      case "Pulumi Cloud":
        break;
      default: {
        const kms = Object.hasOwn(KMS_PROVIDERS, secretsProvider)
          ? KMS_PROVIDERS[secretsProvider]
          : undefined;
        if (kms) {
          requirements.push({
            what: `the ${secretsProvider} secrets provider of ${stackFileName}`,
            ...kms,
          });
          break;
        }
        problems.push(
          `${stackFileName} names the unsupported secrets provider '${secretsProvider}' ` +
            "(allowed: passphrase, awskms, azurekeyvault, gcpkms, hashivault, or none for Pulumi " +
            "Cloud). Fix: `pulumi stack change-secrets-provider` to a supported one",
        );
      }
    }
    problems.push(...stackSecretProblems(env, stack, stackFile));
  }

  return {
    ok: problems.length === 0,
    backend: backendName,
    secretsProvider,
    problems,
  };
}

/** The Okta token and the Action1 API credential must be encrypted secrets in the stack file. */
function stackSecretProblems(
  env: NodeJS.ProcessEnv,
  stack: string,
  facts: StackFileFacts,
): string[] {
  const file = `Pulumi.${stack}.yaml`;
  const problems: string[] = [];
  const oktaInFile = OKTA_SECRET_KEYS.some((k) => facts.secureKeys.includes(k));
  if (!oktaInFile && !isSet(env, "OKTA_API_TOKEN")) {
    problems.push(
      `${file} has no secret okta:apiToken (nor okta:accessToken, okta:privateKey) and OKTA_API_TOKEN is not ` +
        `set: the Okta provider cannot authenticate. Fix: \`pulumi config set --secret ` +
        `okta:apiToken --stack ${stack}\` and commit ${file}`,
    );
  }
  for (const key of [`${NAMESPACE}:action1ClientId`, `${NAMESPACE}:action1ClientSecret`]) {
    if (facts.secureKeys.includes(key)) continue;
    problems.push(
      facts.plainKeys.includes(key)
        ? `${file} holds ${key} as plain text: it must be a secret. Fix: \`pulumi config set ` +
            `--secret ${key} --stack ${stack}\`, rotate the credential, and commit ${file}`
        : `${file} has no secret ${key}: the Action1 providers cannot authenticate. Fix: ` +
            `\`pulumi config set --secret ${key} --stack ${stack}\` and commit ${file}`,
    );
  }
  return problems;
}

/** One message for all problems, e.g. for stderr and a CI annotation. */
export function formatCredentialProblems(
  operation: Operation,
  stack: string,
  check: CredentialCheck,
): string {
  const n = check.problems.length;
  return [
    `check-credentials: cannot run ${operation} for stack '${stack}' ` +
      `(backend: ${check.backend}; secrets: ${check.secretsProvider}): ` +
      `${n} problem${n === 1 ? "" : "s"}`,
    ...check.problems.map((p) => `  - ${p}`),
  ].join("\n");
}
