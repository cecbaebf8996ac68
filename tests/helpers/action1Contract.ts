import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import type { RecordedRequest } from "../../standins/action1/server";
import { readSharedDoc, sharedDocPath } from "./sharedDocs";

type Json = Record<string, unknown>;

export const OPENAPI_PATH = sharedDocPath("action1", "action1-openapi.json");

export interface ContractException {
  id: string;
  reason: string;
  /** Patches the (copied) document. */
  patch?: (doc: Json) => void;
}

const schemas = (doc: Json): Record<string, Json> =>
  (doc.components as { schemas: Record<string, Json> }).schemas;
const props = (s: Json | undefined): Record<string, Json> =>
  (s?.properties ?? {}) as Record<string, Json>;
const op = (doc: Json, path: string, method: string): Json =>
  ((doc.paths as Record<string, Json>)[path] as Record<string, Json>)[method] as Json;
const bodySchema = (o: Json): Json =>
  ((o.requestBody as Json).content as Record<string, Json>)["application/json"]?.schema as Json;

/** Every place where we knowingly depart from the document, with the reason. */
export const CONTRACT_EXCEPTIONS: readonly ContractException[] = [
  {
    id: "result-page-counts",
    reason:
      "ResultPage.total_items/limit are typed string, but Action1's own examples and clients " +
      "(PSAction1, action1-python-client) see numbers as well as strings.",
    patch: (doc) => {
      const p = props(schemas(doc).ResultPage);
      p.total_items = { type: ["string", "number"] };
      p.limit = { type: ["string", "number"] };
    },
  },
  {
    id: "relative-uris",
    reason:
      'self/next_page/prev_page/roles are declared format "uri", but Action1 sends paths such ' +
      'as "/API/users/1" (the document\'s own examples), which are URI references.',
    patch: (doc) => {
      const s = schemas(doc);
      for (const [schema, fields] of [
        ["Base", ["self"]],
        ["ResultPage", ["next_page", "prev_page"]],
        ["User", ["roles"]],
      ] as const) {
        for (const f of fields) {
          const p = props(s[schema])[f];
          if (p) p.format = "uri-reference";
        }
      }
    },
  },
  {
    id: "error-status-number",
    reason: "Error.status is typed string, but every example in the document has a number.",
    patch: (doc) => {
      props(schemas(doc).Error).status = { type: ["string", "number"] };
    },
  },
  {
    id: "user-variants-overlap",
    reason:
      "User and the POST/PATCH /users bodies use oneOf over variants that overlap (the API " +
      "variant does not pin user_type; the SSO variant requires only email), so a valid password " +
      "user matches two variants and oneOf can never pass. Checked as anyOf.",
    patch: (doc) => {
      const user = schemas(doc).User as { allOf: Json[] };
      const variants = user.allOf[1] as Json;
      variants.anyOf = variants.oneOf;
      delete variants.oneOf;
      for (const [p, m] of [
        ["/users", "post"],
        ["/users/{userId}", "patch"],
      ] as const) {
        const b = bodySchema(op(doc, p, m));
        b.anyOf = b.oneOf;
        delete b.oneOf;
      }
    },
  },
  {
    id: "setting-template-value-type",
    reason:
      "SettingTemplateDefault.value_type allows only string/number while its JSON and image " +
      "variants require JSON/image(PNG) on top of it, so those variants can never validate " +
      "(Setting.value_type lists all four). Allowed all four, and oneOf checked as anyOf.",
    patch: (doc) => {
      const s = schemas(doc);
      props(s.SettingTemplateDefault).value_type = {
        type: "string",
        enum: ["JSON", "string", "number", "image(PNG)"],
      };
      const t = s.SettingTemplate as Json;
      t.anyOf = t.oneOf;
      delete t.oneOf;
    },
  },
  {
    id: "setting-scope-object",
    reason:
      'SettingScope.object is an enum of placeholders ("all", "{orgId}", "{groupId}"), and the ' +
      'document\'s own identity-provider example sends "All". Any string is accepted.',
    patch: (doc) => {
      props(schemas(doc).SettingScope).object = { type: "string" };
    },
  },
  {
    id: "token-lifetime",
    reason:
      "OAuth.expires_in is the constant 3600 on the real server; the local Action1 issues " +
      "short-lived tokens on purpose to test renewal.",
    patch: (doc) => {
      props(schemas(doc).OAuth).expires_in = { type: "number", minimum: 1 };
    },
  },
  {
    id: "token-form-body",
    reason:
      "POST /oauth2/token documents only a JSON body; Action1's docs (curl example) and several " +
      "clients send application/x-www-form-urlencoded, which the real server accepts.",
  },
  {
    id: "undocumented-statuses",
    reason:
      "429 (with details.retry_after) is not in the document although Action1 sends it " +
      "(APIScripts, PSAction1); 404 and 5xx are not listed per operation. Checked against Error.",
  },
  {
    id: "setting-templates-paging",
    reason:
      "GET /setting-templates/all declares only `filter` but answers a ResultPage; the client " +
      "pages it with from/limit (and may filter by category) like every other list.",
  },
];

const EXTRA_QUERY: Record<string, string[]> = {
  "GET /setting-templates/all": ["from", "limit", "category"],
};

export class Action1Contract {
  private readonly ajv: Ajv2020;
  private readonly doc: Json;
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; re: RegExp; params: number }[];

  constructor() {
    this.doc = JSON.parse(readSharedDoc(OPENAPI_PATH)) as Json;
    for (const e of CONTRACT_EXCEPTIONS) e.patch?.(this.doc);
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ ...this.doc, $id: "oas" });
    this.templates = Object.keys(this.doc.paths as Json).map((t) => ({
      template: t,
      re: new RegExp(`^${t.replace(/\{[^}]+\}/g, "[^/]+")}$`),
      params: (t.match(/\{/g) ?? []).length,
    }));
  }

  /** Problems with one recorded exchange; empty when it follows the document. */
  checkExchange(r: RecordedRequest): string[] {
    const problems: string[] = [];
    const where = `${r.method} ${r.path}`;
    const tpl = this.templates
      .filter((t) => t.re.test(r.path))
      .sort((a, b) => a.params - b.params)[0];
    if (!tpl) return [`${where}: path not in the document`];
    const pathItem = (this.doc.paths as Record<string, Json>)[tpl.template] as Json;
    const operation = pathItem[r.method.toLowerCase()] as Json | undefined;
    if (!operation) return [`${where}: method not in the document for ${tpl.template}`];
    const opPointer = `oas#/paths/${escapePointer(tpl.template)}/${r.method.toLowerCase()}`;

    // Query parameters: declared, and valid.
    const declared = new Map<string, Json>();
    for (const p of [
      ...((pathItem.parameters as Json[]) ?? []),
      ...((operation.parameters as Json[]) ?? []),
    ]) {
      const param = this.deref(p);
      if (param.in === "query") declared.set(param.name as string, param.schema as Json);
    }
    const extra = EXTRA_QUERY[`${r.method} ${tpl.template}`] ?? [];
    for (const [k, v] of Object.entries(r.query)) {
      const schema = declared.get(k);
      if (!schema) {
        if (!extra.includes(k)) problems.push(`${where}: query parameter "${k}" not documented`);
        continue;
      }
      const value = ["number", "integer"].includes(schema.type as string) ? Number(v) : v;
      const validate = this.ajv.compile(schema);
      if (!validate(value)) {
        problems.push(`${where}: query ${k}=${v}: ${this.ajv.errorsText(validate.errors)}`);
      }
    }

    // Request body.
    const reqBody = operation.requestBody as Json | undefined;
    if (r.body !== undefined) {
      const json = r.contentType.includes("application/json");
      const form = r.contentType.includes("application/x-www-form-urlencoded");
      if (!reqBody) {
        problems.push(`${where}: a body was sent but the operation takes none`);
      } else if (!json && !(form && tpl.template === "/oauth2/token")) {
        problems.push(`${where}: body content type "${r.contentType}" not documented`);
      } else {
        const errs = this.validate(
          `${opPointer}/requestBody/content/application~1json/schema`,
          r.body,
        );
        if (errs) problems.push(`${where}: request body: ${errs}`);
      }
    } else if (reqBody?.required === true) {
      problems.push(`${where}: the required body is missing`);
    }

    // Answer.
    if (r.status === 0) return problems; // dropped on purpose: nothing was answered
    const responses = operation.responses as Record<string, Json>;
    const status = String(r.status);
    let pointer: string | undefined;
    if (responses[status]) {
      const resp = this.deref(responses[status] as Json);
      const content = resp.content as Record<string, Json> | undefined;
      if (content?.["application/json"]?.schema) {
        const base = responses[status]?.$ref
          ? `oas${(responses[status] as Json).$ref as string}`
          : `${opPointer}/responses/${status}`;
        pointer = `${base}/content/application~1json/schema`;
      }
    } else if (r.status === 404 || r.status === 429 || r.status >= 500) {
      pointer = "oas#/components/schemas/Error"; // exception "undocumented-statuses"
    } else {
      problems.push(`${where}: status ${status} not documented`);
    }
    if (pointer) {
      const errs = this.validate(pointer, r.response);
      if (errs) problems.push(`${where} -> ${status}: answer: ${errs}`);
      if (r.status === 429) {
        const d = (r.response as { details?: { retry_after?: unknown } }).details;
        if (d && typeof d.retry_after !== "number") {
          problems.push(`${where} -> 429: details.retry_after must be a number`);
        }
      }
    }
    return problems;
  }

  /** Problems across many exchanges. */
  checkAll(requests: readonly RecordedRequest[]): string[] {
    return requests.flatMap((r) => this.checkExchange(r));
  }

  private validate(pointer: string, data: unknown): string | undefined {
    let v = this.cache.get(pointer);
    if (!v) {
      v = this.ajv.compile({ $ref: pointer });
      this.cache.set(pointer, v);
    }
    return v(data) ? undefined : this.ajv.errorsText(v.errors, { separator: "; " });
  }

  private deref(o: Json): Json {
    let cur = o;
    while (typeof cur.$ref === "string") {
      const parts = (cur.$ref as string).replace(/^#\//, "").split("/").map(unescapePointer);
      cur = parts.reduce<Json>((acc, k) => acc[k] as Json, this.doc);
    }
    return cur;
  }
}

function escapePointer(segment: string): string {
  return segment
    .replace(/~/g, "~0")
    .replace(/\//g, "~1")
    .replace(/\{/g, "%7B")
    .replace(/\}/g, "%7D");
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

let shared: Action1Contract | undefined;
/** One compiled contract per test file. */
export function action1Contract(): Action1Contract {
  shared ??= new Action1Contract();
  return shared;
}
