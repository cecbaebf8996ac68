import fc from "fast-check";
import {
  affectedStacks,
  GLOBAL_FILES,
  GLOBAL_FOLDERS,
  listStacks,
  normalizePath,
  parseFileList,
  stackOfFile,
  touchesAllStacks,
} from "../../../scripts/pipeline/affectedStacks";
import { tempProject } from "./fixtures";

const STACKS = ["au", "eu", "na", "na-2"];

describe("affectedStacks", () => {
  it.each<[string, string[], string[]]>([
    ["one stack file", ["Pulumi.eu.yaml"], ["eu"]],
    ["two stack files, sorted", ["Pulumi.na.yaml", "Pulumi.eu.yaml"], ["eu", "na"]],
    ["the project file", ["Pulumi.yaml"], STACKS],
    ["program code", ["infra/okta/app.ts"], STACKS],
    ["a policy", ["policies/keepEnterpriseAdmin.ts"], STACKS],
    ["the lock file", ["package-lock.json"], STACKS],
    ["the manifest", ["package.json"], STACKS],
    ["the compiler settings", ["tsconfig.json"], STACKS],
    ["docs only", ["docs/architecture.md", "README.md"], []],
    ["tests, scripts and workflows", ["tests/x.test.ts", "scripts/pipeline/cli.ts"], []],
    ["a workflow", [".github/workflows/deploy.yml"], []],
    ["a deleted stack's file", ["Pulumi.gone.yaml"], []],
    ["a stack file outside the root", ["docs/Pulumi.eu.yaml"], []],
    ["a nested package.json", ["standins/okta/package.json"], []],
    ["a folder that only starts like infra", ["infrastructure/notes.md"], []],
    ["a leading ./ is the same path", ["./Pulumi.na-2.yaml"], ["na-2"]],
    ["a file named like a global folder", ["infra"], []],
    ["a stack's policy pack config", ["policy-config/na.json"], ["na"]],
    ["a policy pack config of no stack", ["policy-config/gone.json"], []],
    ["a nested file under policy-config", ["policy-config/old/eu.json"], []],
    ["nothing", [], []],
  ])("%s", (_name, changed, expected) => {
    expect(affectedStacks(changed, STACKS)).toEqual(expected);
  });

  it("names a stack with dots in it", () => {
    expect(stackOfFile("Pulumi.eu.staging.yaml")).toBe("eu.staging");
    expect(affectedStacks(["Pulumi.eu.staging.yaml"], ["eu", "eu.staging"])).toEqual([
      "eu.staging",
    ]);
  });

  it("never takes Pulumi.yaml itself for a stack file", () => {
    expect(stackOfFile("Pulumi.yaml")).toBeUndefined();
    expect(stackOfFile("Pulumi..yaml")).toBeUndefined();
  });

  describe("properties", () => {
    const stackName = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/);
    const stacks = fc.uniqueArray(stackName, { maxLength: 6 });
    const docPath = fc.oneof(
      fc.stringMatching(/^docs\/[a-z]{1,8}\.md$/),
      fc.stringMatching(/^tests\/[a-z]{1,8}\.test\.ts$/),
      fc.constant("README.md"),
      fc.constant(".github/workflows/pull-request.yml"),
    );
    const globalPath = fc.oneof(
      fc.constantFrom(...GLOBAL_FILES),
      fc
        .tuple(fc.constantFrom(...GLOBAL_FOLDERS), fc.stringMatching(/^[a-z]{1,8}\.ts$/))
        .map(([folder, file]) => `${folder}${file}`),
    );
    const changeFor = (existing: string[]) =>
      fc.array(
        fc.oneof(
          docPath,
          globalPath,
          stackName.map((s) => `Pulumi.${s}.yaml`),
          existing.length > 0
            ? fc.constantFrom(...existing).map((s) => `Pulumi.${s}.yaml`)
            : docPath,
        ),
        { maxLength: 8 },
      );
    const scenario = stacks.chain((existing) =>
      fc.tuple(fc.constant(existing), changeFor(existing), changeFor(existing)),
    );

    it("answers a sorted, duplicate-free subset of the existing stacks", () => {
      fc.assert(
        fc.property(scenario, ([existing, a]) => {
          const result = affectedStacks(a, existing);
          expect(result).toEqual([...new Set(result)].sort());
          for (const s of result) expect(existing).toContain(s);
        }),
      );
    });

    it("is the union of the answers for the parts of a change", () => {
      fc.assert(
        fc.property(scenario, ([existing, a, b]) => {
          const union = [
            ...new Set([...affectedStacks(a, existing), ...affectedStacks(b, existing)]),
          ];
          expect(affectedStacks([...a, ...b], existing)).toEqual(union.sort());
        }),
      );
    });

    it("does not depend on the order of the changed files", () => {
      fc.assert(
        fc.property(scenario, ([existing, a]) => {
          expect(affectedStacks([...a].reverse(), existing)).toEqual(affectedStacks(a, existing));
        }),
      );
    });

    it("touches every stack when any global path changed, and none for docs only", () => {
      fc.assert(
        fc.property(
          stacks,
          fc.array(docPath, { maxLength: 5 }),
          globalPath,
          (existing, docs, global) => {
            expect(affectedStacks(docs, existing)).toEqual([]);
            expect(affectedStacks([...docs, global], existing)).toEqual([...existing].sort());
          },
        ),
      );
    });

    it("touches exactly the existing stacks whose files changed, when only stack files did", () => {
      fc.assert(
        fc.property(stacks, fc.array(stackName, { maxLength: 6 }), (existing, named) => {
          const files = named.map((s) => `Pulumi.${s}.yaml`);
          const expected = [...new Set(named.filter((s) => existing.includes(s)))].sort();
          expect(affectedStacks(files, existing)).toEqual(expected);
        }),
      );
    });
  });
});

describe("touchesAllStacks / normalizePath / parseFileList", () => {
  it("normalizes ./ prefixes and doubled slashes", () => {
    expect(normalizePath("./infra//okta/app.ts")).toBe("infra/okta/app.ts");
    expect(touchesAllStacks("./infra//okta/app.ts")).toBe(true);
  });

  it("splits git output into paths, dropping blank lines and CRs", () => {
    expect(parseFileList("Pulumi.eu.yaml\r\n\ninfra/index.ts\n")).toEqual([
      "Pulumi.eu.yaml",
      "infra/index.ts",
    ]);
  });
});

describe("listStacks", () => {
  it("lists one stack per Pulumi.<stack>.yaml, sorted, ignoring the rest", () => {
    const root = tempProject({
      "Pulumi.yaml": "name: x\n",
      "Pulumi.na.yaml": "",
      "Pulumi.eu.yaml": "",
      "Pulumi.eu.yml": "",
      "notes.md": "",
    });
    expect(listStacks(root)).toEqual(["eu", "na"]);
  });
});
