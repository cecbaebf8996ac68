import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACK_NAME, policies } from "../../policies/policies";
import { baseline, withProps, withSpec } from "./fixtures";
import { runPack } from "./helpers";

const POLICIES_DIR = join(__dirname, "../../policies");

describe("the policy pack", () => {
  it("has a version and the pinned SDKs in its own package.json", () => {
    const pkg = JSON.parse(readFileSync(join(POLICIES_DIR, "package.json"), "utf8"));
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.dependencies["@pulumi/policy"]).toBe("1.21.0");
    expect(pkg.dependencies["@pulumi/pulumi"]).toBe("3.276.0");
    expect(pkg.dependencies.typescript).toBeDefined();
  });

  it("names the pack in PulumiPolicy.yaml as index.ts does", () => {
    const yaml = readFileSync(join(POLICIES_DIR, "PulumiPolicy.yaml"), "utf8");
    expect(yaml).toContain(`name: ${PACK_NAME}\n`);
    expect(yaml).toContain("runtime: nodejs\n");
    expect(PACK_NAME).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  describe.each(policies.map((p) => [p.name, p] as const))("%s", (name, p) => {
    it("has a unique kebab-case name other than the reserved 'all'", () => {
      expect(name).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
      expect(policies.filter((q) => q.name === name)).toHaveLength(1);
    });

    it("has a one-sentence description, a level, a severity and remediation text", () => {
      expect(p.description).toMatch(/^[A-Z][^.]*(\.[^ .][^.]*)*\.$/);
      expect(["advisory", "mandatory", "remediate"]).toContain(p.enforcementLevel);
      expect(p.severity).toBeDefined();
      expect(p.remediationSteps?.length ?? 0).toBeGreaterThan(40);
    });

    it("takes exceptions with a required written reason, or a reason for weaker settings", () => {
      const props = p.configSchema?.properties ?? {};
      const exceptions = props.exceptions as { items?: { required?: string[] } } | undefined;
      if (exceptions) {
        expect(exceptions.items?.required).toEqual(["resource", "reason"]);
      } else {
        expect(props.reason).toBeDefined();
      }
    });
  });

  it("passes the compliant baseline with no violation at all", async () => {
    expect(await runPack(policies, baseline(), { "okta-app-safety": { region: "na" } })).toEqual(
      [],
    );
  });

  it("reports at the policy's own level by default", async () => {
    const specs = withSpec(baseline(), "action1-app", { opts: { protect: false } });
    const found = await runPack(policies, specs, { "okta-app-safety": { region: "na" } });
    expect(found.map((v) => [v.policy, v.level])).toEqual([
      ["protect-what-locks-people-out", "advisory"],
    ]);
  });

  it("lets the pack config raise a level", async () => {
    const specs = withSpec(baseline(), "action1-app", { opts: { protect: false } });
    const config = {
      "okta-app-safety": { region: "na" },
      "protect-what-locks-people-out": "mandatory" as const,
    };
    const found = await runPack(policies, specs, config);
    expect(found.map((v) => [v.policy, v.level])).toEqual([
      ["protect-what-locks-people-out", "mandatory"],
    ]);
  });

  it("lets the pack config lower or disable a level", async () => {
    const specs = withProps(baseline(), "action1-app", { pkceRequired: false });
    const advisory = await runPack(policies, specs, {
      "okta-app-safety": { enforcementLevel: "advisory", region: "na" },
    });
    expect(advisory.map((v) => [v.policy, v.level])).toEqual([["okta-app-safety", "advisory"]]);
    const off = await runPack(policies, specs, { "okta-app-safety": "disabled" });
    expect(off).toEqual([]);
  });

  it("reports a lock-out as mandatory", async () => {
    const specs = withProps(baseline(), "breakglass", { enabled: false });
    const found = await runPack(policies, specs, { "okta-app-safety": { region: "na" } });
    expect(found.map((v) => [v.policy, v.level])).toEqual([
      ["keep-enterprise-admin", "mandatory"],
      ["keep-enterprise-admin", "mandatory"],
    ]);
  });
});
