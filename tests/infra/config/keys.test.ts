/**
 * Pulumi.yaml declares every project key exactly as infra/config/keys.ts lists them, in the
 * shape the Pulumi CLI accepts (its project schema: type string/integer/boolean/array, arrays with
 * `items`, defaults of the declared type), and the shipped stack files hold no secret.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { fullKey, KEYS, PROJECT } from "../../../infra/config/keys";
import { validateConfig } from "../../../infra/config/validate";
import { ROOT, stackFileConfig } from "../../helpers/pulumiMocks";

interface Declared {
  type?: unknown;
  items?: { type?: unknown };
  default?: unknown;
  secret?: unknown;
  description?: unknown;
}

const project = parseYaml(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as {
  name: string;
  main: string;
  config: Record<string, Declared>;
};

describe("Pulumi.yaml", () => {
  it("names the project and the program entry", () => {
    expect(project.name).toBe(PROJECT);
    expect(project.main).toBe("infra/index.ts");
    expect(fs.existsSync(path.join(ROOT, project.main))).toBe(true);
  });

  it("declares exactly the keys infra/config/keys.ts lists, with the same metadata", () => {
    const declared = Object.entries(project.config).map(([name, d]) => ({
      name,
      type: d.type,
      ...(d.default === undefined ? {} : { default: d.default }),
      ...(d.secret ? { secret: true } : {}),
      description: d.description,
    }));
    expect(declared).toEqual(KEYS.map((k) => ({ ...k })));
  });

  it.each(Object.entries(project.config))("declares %s as the Pulumi CLI accepts it", (_, d) => {
    expect(["string", "integer", "boolean", "array"]).toContain(d.type);
    expect(typeof d.description).toBe("string");
    if (d.type === "array") expect(d.items).toEqual({ type: "string" });
    else expect(d.items).toBeUndefined();
    // A default is never encrypted, so a secret key has none (the CLI would reject the stack).
    if (d.secret) expect(d.default).toBeUndefined();
    if (d.default !== undefined) {
      const ok =
        d.type === "array"
          ? Array.isArray(d.default) && d.default.every((x) => typeof x === "string")
          : typeof d.default === d.type;
      expect(ok).toBe(true);
    }
  });
});

describe.each(["na", "eu"])("Pulumi.%s.yaml", (stack) => {
  const file = stackFileConfig(stack);

  it("holds no secret, encrypted or plain", () => {
    const secretish = ["okta:apiToken", "okta:accessToken", "okta:privateKey"].concat(
      KEYS.filter((k) => k.secret).map((k) => fullKey(k.name)),
    );
    expect(Object.keys(file.values).filter((k) => secretish.includes(k))).toEqual([]);
    expect(file.secretKeys).toEqual([]);
  });

  it("uses only declared keys, its name is a region, and it is valid once secrets are set", () => {
    const result = validateConfig({
      stack,
      values: {
        ...file.values,
        "okta:apiToken": "fake-okta-token-not-a-real-secret",
        [fullKey("action1ClientId")]: "fake-action1-client-id-not-real",
        [fullKey("action1ClientSecret")]: "fake-action1-secret-not-real",
      },
      secretKeys: new Set([
        "okta:apiToken",
        fullKey("action1ClientId"),
        fullKey("action1ClientSecret"),
      ]),
      env: {},
    });
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it("says clearly which secrets are missing when none are set", () => {
    const result = validateConfig({ stack, values: file.values, secretKeys: new Set(), env: {} });
    const fix = (key: string) =>
      `${key}: pulumi config set --stack ${stack} --secret ${key} (never commit it in plaintext)`;
    expect(result.ok ? [] : result.problems.map((p) => `${p.key}: ${p.fix}`)).toEqual([
      fix("action1ClientId"),
      fix("action1ClientSecret"),
      fix("okta:apiToken"),
    ]);
  });
});
