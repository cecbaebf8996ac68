/**
 * Where the tests find Action1's and Okta's published OpenAPI documents: the read-only `shared/`
 * folder that sits next to this repository (`../shared`, as in CI), or the folder named by
 * ACTION1_OKTA_SSO_SHARED. They are read at test time and never copied into the repository.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const REPO_ROOT = resolve(__dirname, "..", "..");

export function sharedDocPath(...parts: string[]): string {
  const root = process.env.ACTION1_OKTA_SSO_SHARED ?? join(REPO_ROOT, "..", "shared");
  return join(root, ...parts);
}

/** The document's text, or an error that says where it was looked for and how to provide it. */
export function readSharedDoc(file: string): string {
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: the contract tests check requests and answers against Action1's and ` +
        "Okta's published OpenAPI documents, kept in the shared/ folder beside this repository. " +
        "Place shared/ next to the clone (../shared), or set ACTION1_OKTA_SSO_SHARED to its path.",
    );
  }
  return readFileSync(file, "utf8");
}
