import type { OperationReport } from "../../../scripts/pipeline/events";
import {
  escapeMarkdown,
  MAX_SUMMARY_CHARS,
  outcomeOf,
  renderSummary,
  summaryMarker,
} from "../../../scripts/pipeline/summary";

const EMPTY: OperationReport = {
  changes: {},
  resources: [],
  violations: [],
  errors: [],
  unparsedLines: 0,
};

const BLOCKED: OperationReport = {
  changes: { create: 1, same: 3, update: 1 },
  resources: [
    {
      op: "update",
      urn: "urn:pulumi:eu::p::okta:app/oAuth:OAuth::action1",
      type: "okta:app/oAuth:OAuth",
      name: "action1",
      diffs: ["label"],
    },
    {
      op: "create",
      urn: "urn:pulumi:eu::p::pulumi-nodejs:dynamic/action1:User::ann",
      type: "pulumi-nodejs:dynamic/action1:User",
      name: "ann",
      diffs: [],
    },
  ],
  violations: [
    {
      policyPack: "action1-okta-sso-policies",
      policy: "keep-enterprise-admin",
      level: "mandatory",
      urn: "urn:pulumi:eu::p::pulumi-nodejs:dynamic/action1:User::ann",
      message: "No enabled Enterprise Admin would be left.\nKeep one.",
      exceptions: [],
    },
    {
      policyPack: "action1-okta-sso-policies",
      policy: "okta-app-safety",
      level: "advisory",
      message: "Tile is hidden",
      exceptions: [],
    },
  ],
  errors: ["error: preview failed"],
  result: "failed",
  unparsedLines: 0,
};

describe("renderSummary", () => {
  it("renders a blocked preview exactly", () => {
    expect(
      renderSummary({
        kind: "preview",
        stack: "eu",
        code: 255,
        report: BLOCKED,
        runUrl: "https://github.example.invalid/o/r/actions/runs/7",
      }),
    ).toBe(
      [
        "<!-- action1-okta-sso:preview:eu -->",
        "### Pulumi preview — stack `eu`: ⛔ blocked by policy (1 mandatory violation)",
        "",
        "| operation | resources |",
        "|---|---|",
        "| create | 1 |",
        "| unchanged | 3 |",
        "| update | 1 |",
        "",
        "#### Policy violations (2)",
        "",
        "| level | policy | resource | message |",
        "|---|---|---|---|",
        "| mandatory | action1-okta-sso-policies/keep-enterprise-admin | ann | No enabled " +
          "Enterprise Admin would be left.<br>Keep one. |",
        "| advisory | action1-okta-sso-policies/okta-app-safety | stack | Tile is hidden |",
        "",
        "#### Errors (1)",
        "",
        "- error: preview failed",
        "",
        "<details><summary>Resources (2)</summary>",
        "",
        "| operation | type | name | changed properties |",
        "|---|---|---|---|",
        "| update | okta:app/oAuth:OAuth | action1 | label |",
        "| create | pulumi-nodejs:dynamic/action1:User | ann |  |",
        "",
        "</details>",
        "",
        "[Full log](https://github.example.invalid/o/r/actions/runs/7)",
        "",
      ].join("\n"),
    );
  });

  it("renders a passing preview and an empty one", () => {
    const passing = renderSummary({
      kind: "preview",
      stack: "na",
      code: 0,
      report: { ...BLOCKED, violations: [], errors: [], result: "succeeded" },
    });
    expect(passing.split("\n")[1]).toBe(
      "### Pulumi preview — stack `na`: ✅ passed, 2 resources to change",
    );
    const empty = renderSummary({ kind: "preview", stack: "na", code: 255, report: EMPTY });
    expect(empty).toBe(
      [
        "<!-- action1-okta-sso:preview:na -->",
        "### Pulumi preview — stack `na`: ❌ failed (exit code 255)",
        "",
        "_The engine reported no change summary (the run stopped early)._",
        "",
      ].join("\n"),
    );
  });

  it("titles drift checks and deploys", () => {
    const drift = { ...BLOCKED, violations: [], errors: [] };
    const head = (kind: "drift-check" | "deploy", code: number, report: OperationReport) =>
      renderSummary({ kind, stack: "eu", code, report }).split("\n").slice(0, 2);
    expect(head("drift-check", 255, drift)).toEqual([
      "<!-- action1-okta-sso:drift-check:eu -->",
      "### Drift check — stack `eu`: ❌ drift detected (2 resources differ from the code)",
    ]);
    expect(head("drift-check", 0, { ...EMPTY, changes: { same: 5 } })[1]).toBe(
      "### Drift check — stack `eu`: ✅ no drift",
    );
    expect(head("deploy", 0, drift)[1]).toBe(
      "### Pulumi deploy — stack `eu`: ✅ deployed (2 resources changed)",
    );
  });

  it("stays under GitHub's comment limit, saying how many resources it left out", () => {
    const resources = Array.from({ length: 3000 }, (_, i) => ({
      op: "create",
      urn: `urn:pulumi:eu::p::pulumi-nodejs:dynamic/action1:User::user-${i}`,
      type: "pulumi-nodejs:dynamic/action1:User",
      name: `user-${i}@example.invalid`,
      diffs: [],
    }));
    const text = renderSummary({
      kind: "preview",
      stack: "eu",
      code: 0,
      report: { ...EMPTY, changes: { create: 3000 }, resources },
    });
    expect(text.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    const shown = text.split("\n").filter((l) => l.startsWith("| create | pulumi-nodejs")).length;
    expect(shown).toBeGreaterThan(100);
    expect(text).toContain(`_${3000 - shown} more not shown: see the full log._`);
    expect(text.trimEnd().endsWith("</details>")).toBe(true);
  });

  it("cuts one very long message so that it cannot crowd out the rest", () => {
    const long = "x".repeat(5000);
    const text = renderSummary({
      kind: "preview",
      stack: "eu",
      code: 255,
      report: { ...EMPTY, errors: [long] },
    });
    expect(text).toContain(`- ${"x".repeat(1000)} […]`);
    expect(text).not.toContain("x".repeat(1001));
  });
});

describe("escapeMarkdown", () => {
  it("keeps engine text from breaking tables, opening HTML or mentioning people", () => {
    expect(escapeMarkdown("a|b <img src=x> @team `code` &amp;\nnext")).toBe(
      "a\\|b &lt;img src=x&gt; &#64;team &#96;code&#96; &amp;amp;<br>next",
    );
  });
});

describe("outcomeOf / summaryMarker", () => {
  it("decides the outcome from the exit code and the events", () => {
    expect(outcomeOf("preview", 0, EMPTY)).toBe("passed");
    expect(outcomeOf("preview", 255, EMPTY)).toBe("failed");
    expect(outcomeOf("preview", 255, BLOCKED)).toBe("blocked");
    expect(outcomeOf("deploy", 255, BLOCKED)).toBe("blocked");
    expect(outcomeOf("drift-check", 255, { ...EMPTY, changes: { update: 1 } })).toBe("drift");
    // Changes with exit 0 still count as drift: the check fails closed.
    expect(outcomeOf("drift-check", 0, { ...EMPTY, changes: { delete: 1 } })).toBe("drift");
    expect(outcomeOf("drift-check", 255, EMPTY)).toBe("failed");
  });

  it("marks each step and stack differently", () => {
    expect(summaryMarker("preview", "eu")).toBe("<!-- action1-okta-sso:preview:eu -->");
    expect(summaryMarker("preview", "eu")).not.toBe(summaryMarker("preview", "na"));
  });
});
