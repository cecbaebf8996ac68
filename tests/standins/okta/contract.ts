import * as fs from "node:fs";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { readSharedDoc, sharedDocPath } from "../../helpers/sharedDocs";

/**
 * Contract check of the local Okta's answers against Okta's own Management API document
 * (../shared/okta/okta-management-openapi-2026.06.3.yaml, read at test time, never copied):
 * ajv over the document's component schemas. Departures from the document, each with why:
 *  - `nullable: true` without a `type` (OpenAPI 3.0 allows it, ajv refuses it) is dropped, so
 *    those few properties are checked without their null allowance.
 */
const DOC = sharedDocPath("okta", "okta-management-openapi-2026.06.3.yaml");

let ajv: Ajv | undefined;

function dropUntypedNullable(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) dropUntypedNullable(item);
  } else if (node !== null && typeof node === "object") {
    const obj = node as Record<string, unknown>;
    if (obj.nullable !== undefined && obj.type === undefined) delete obj.nullable;
    for (const value of Object.values(obj)) dropUntypedNullable(value);
  }
}

export function oktaContractAvailable(): boolean {
  return fs.existsSync(DOC);
}

/** The validator of one component schema, e.g. `schemaFor("Group")`. */
export function schemaFor(name: string): ValidateFunction {
  if (!ajv) {
    const doc = parse(readSharedDoc(DOC)) as { components: unknown };
    dropUntypedNullable(doc.components);
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: "okta", components: doc.components });
  }
  const validate = ajv.getSchema(`okta#/components/schemas/${name}`);
  if (!validate) throw new Error(`the Okta document has no schema ${name}`);
  return validate;
}

/** ajv's errors for `value` against the named schema, as readable lines ([] when valid). */
export function contractErrors(name: string, value: unknown): string[] {
  const validate = schemaFor(name);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${name}${e.instancePath} ${e.message ?? ""}`);
}
