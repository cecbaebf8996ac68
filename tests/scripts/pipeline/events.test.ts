import {
  blockingViolations,
  changeCount,
  parseEngineEvents,
  plainText,
  splitUrn,
} from "../../../scripts/pipeline/events";
import { eventLines } from "./fixtures";

const APP = "urn:pulumi:eu::action1-okta-sso::okta:app/oAuth:OAuth::action1";
const USER =
  "urn:pulumi:eu::action1-okta-sso::action1:index:Sso$pulumi-nodejs:dynamic/action1:User::ann";

describe("parseEngineEvents", () => {
  const stream = eventLines([
    { preludeEvent: { config: { "okta:apiToken": "[secret]" } } },
    {
      resourcePreEvent: {
        metadata: {
          op: "same",
          urn: "urn:pulumi:eu::action1-okta-sso::pulumi:pulumi:Stack::action1-okta-sso-eu",
          type: "pulumi:pulumi:Stack",
        },
      },
    },
    {
      resourcePreEvent: {
        metadata: {
          op: "update",
          urn: APP,
          type: "okta:app/oAuth:OAuth",
          diffs: ["label", "hideWeb"],
          new: { inputs: { clientSecret: "[secret]", label: "Action1 EU" } },
        },
        planning: true,
      },
    },
    // The same step again (the engine repeats it when it runs): kept once.
    { resourcePreEvent: { metadata: { op: "update", urn: APP, type: "okta:app/oAuth:OAuth" } } },
    {
      resourcePreEvent: {
        metadata: { op: "create", urn: USER, type: "pulumi-nodejs:dynamic/action1:User" },
      },
    },
    {
      policyEvent: {
        resourceUrn: USER,
        message: "<{%reset%}>Ann would lose sign-in.\nAdd a password admin.<{%reset%}>\n",
        color: "raw",
        policyName: "sso-needs-someone-who-can-sign-in",
        policyPackName: "action1-okta-sso-policies",
        policyPackVersion: "0.1.0",
        enforcementLevel: "mandatory",
      },
    },
    {
      policyEvent: {
        message: "Tile hidden",
        policyName: "okta-app-safety",
        policyPackName: "action1-okta-sso-policies",
        enforcementLevel: "advisory",
      },
    },
    {
      diagnosticEvent: {
        message: "\u001b[31merror: preview failed\u001b[0m\n",
        severity: "error",
        color: "raw",
      },
    },
    { diagnosticEvent: { message: "just info", severity: "info" } },
    {
      summaryEvent: {
        maybeCorrupt: false,
        durationSeconds: 3,
        resourceChanges: { same: 4, update: 1, create: 1 },
        PolicyPacks: {},
        isPreview: true,
        result: "failed",
      },
    },
  ]);

  it("keeps changes, violations, errors and the result; drops unchanged resources", () => {
    const report = parseEngineEvents(`${stream}panic: not json\n`);
    expect(report).toEqual({
      changes: { same: 4, update: 1, create: 1 },
      resources: [
        {
          op: "update",
          urn: APP,
          type: "okta:app/oAuth:OAuth",
          name: "action1",
          diffs: ["label", "hideWeb"],
        },
        {
          op: "create",
          urn: USER,
          type: "pulumi-nodejs:dynamic/action1:User",
          name: "ann",
          diffs: [],
        },
      ],
      violations: [
        {
          policyPack: "action1-okta-sso-policies",
          policy: "sso-needs-someone-who-can-sign-in",
          level: "mandatory",
          urn: USER,
          message: "Ann would lose sign-in.\nAdd a password admin.",
          exceptions: [],
        },
        {
          policyPack: "action1-okta-sso-policies",
          policy: "okta-app-safety",
          level: "advisory",
          message: "Tile hidden",
          exceptions: [],
        },
      ],
      errors: ["error: preview failed"],
      result: "failed",
      unparsedLines: 1,
    });
    expect(JSON.stringify(report)).not.toContain("[secret]");
    expect(blockingViolations(report).map((v) => v.policy)).toEqual([
      "sso-needs-someone-who-can-sign-in",
    ]);
    expect(changeCount(report)).toBe(2);
  });

  it("does not block on a mandatory violation that an exception covers", () => {
    const report = parseEngineEvents(
      eventLines([
        {
          policyEvent: {
            message: "m",
            policyName: "p",
            policyPackName: "pack",
            enforcementLevel: "mandatory",
            exceptions: [{ id: "EXC-7", reason: "break-glass review 2026-11" }],
          },
        },
      ]),
    );
    expect(report.violations[0]?.exceptions).toEqual(["EXC-7"]);
    expect(blockingViolations(report)).toEqual([]);
  });

  it("counts planned steps when the run stopped before its summary", () => {
    const report = parseEngineEvents(
      eventLines([{ resourcePreEvent: { metadata: { op: "delete", urn: APP } } }]),
    );
    expect(report.changes).toEqual({});
    expect(report.result).toBeUndefined();
    expect(report.resources[0]?.type).toBe("okta:app/oAuth:OAuth");
    expect(changeCount(report)).toBe(1);
  });

  it("counts distinct resources, not the summary's steps (refresh and replacement steps)", () => {
    const report = parseEngineEvents(
      eventLines([
        { resourcePreEvent: { metadata: { op: "update", urn: USER } } },
        { summaryEvent: { resourceChanges: { update: 2, same: 3 } } },
      ]),
    );
    expect(changeCount(report)).toBe(1);
  });

  it("shows the steps of a replacement as one replaced resource", () => {
    const report = parseEngineEvents(
      eventLines(
        ["create-replacement", "replace", "delete-replaced"].map((op) => ({
          resourcePreEvent: { metadata: { op, urn: USER } },
        })),
      ),
    );
    expect(report.resources.map((r) => r.op)).toEqual(["replace"]);
    expect(changeCount(report)).toBe(1);
  });

  it("treats refresh and read steps as no change", () => {
    const report = parseEngineEvents(
      eventLines([
        { resourcePreEvent: { metadata: { op: "refresh", urn: APP } } },
        { summaryEvent: { resourceChanges: { same: 2, refresh: 2, read: 1 } } },
      ]),
    );
    expect(report.resources).toEqual([]);
    expect(changeCount(report)).toBe(0);
  });

  it("reads empty output as an empty report", () => {
    expect(parseEngineEvents("")).toEqual({
      changes: {},
      resources: [],
      violations: [],
      errors: [],
      unparsedLines: 0,
    });
  });
});

describe("splitUrn / plainText", () => {
  it("takes the innermost type and the name", () => {
    expect(splitUrn(USER)).toEqual({ type: "pulumi-nodejs:dynamic/action1:User", name: "ann" });
    expect(splitUrn("not-a-urn")).toEqual({ type: "", name: "not-a-urn" });
  });

  it("removes colour tags and ANSI escapes", () => {
    expect(plainText("<{%fg 1%}>red\u001b[0m  \n")).toBe("red");
  });
});
