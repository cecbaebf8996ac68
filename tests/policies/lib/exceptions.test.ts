import { isExcepted, readExceptions, reporterFor } from "../../../policies/lib/exceptions";

const URN = "urn:pulumi:na::action1-okta-sso::okta:app/oAuth:OAuth::action1-app";

describe("policy exceptions", () => {
  it("reads entries with a resource and a written reason", () => {
    const exceptions = [{ resource: " action1-app ", reason: "  pilot until 2027-01, OPS-3  " }];
    expect(readExceptions("okta-app-safety", { exceptions })).toEqual([
      { resource: "action1-app", reason: "pilot until 2027-01, OPS-3" },
    ]);
    expect(readExceptions("okta-app-safety", {})).toEqual([]);
  });

  it("lists every bad entry in one error", () => {
    const exceptions = [{ reason: "a good enough reason" }, { resource: "idp", reason: "short" }];
    expect(() => readExceptions("p", { exceptions })).toThrow(
      "invalid policy config: p.exceptions[0].resource is missing: give the resource's Pulumi " +
        'name or URN; p.exceptions[1].reason for "idp" is missing or shorter than 10 ' +
        "characters: write why the exception is acceptable.",
    );
  });

  it("rejects exceptions that are not a list", () => {
    expect(() => readExceptions("p", { exceptions: "idp" })).toThrow(
      "policy config p.exceptions must be a list of {resource, reason}; found string.",
    );
  });

  it("matches a resource by Pulumi name or URN", () => {
    const byName = [{ resource: "action1-app", reason: "a written reason" }];
    const byUrn = [{ resource: URN, reason: "a written reason" }];
    expect(isExcepted(byName, { name: "action1-app", urn: URN })).toBe(true);
    expect(isExcepted(byUrn, { name: "action1-app", urn: URN })).toBe(true);
    expect(isExcepted(byName, { name: "action1-app-2", urn: `${URN}-2` })).toBe(false);
  });

  it("drops excepted violations and keeps stack-wide ones", () => {
    const seen: [string, string | undefined][] = [];
    const report = reporterFor(
      "p",
      { exceptions: [{ resource: "action1-app", reason: "a written reason" }] },
      (message, urn) => seen.push([message, urn]),
    );
    report("on the app", { name: "action1-app", urn: URN });
    report("on another", { name: "other", urn: "urn:other" });
    report("stack-wide");
    expect(seen).toEqual([
      ["on another", "urn:other"],
      ["stack-wide", undefined],
    ]);
  });
});
