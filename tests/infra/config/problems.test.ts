import { ConfigError, redact, showValue } from "../../../infra/config/problems";

describe("redact", () => {
  it("replaces every occurrence, longest secret first, also in JSON-escaped form", () => {
    const secrets = ['fake"quoted"secret', "fake-token", "fake-token-longer"];
    const text = `a fake-token-longer b fake-token c ${JSON.stringify('x fake"quoted"secret')}`;
    expect(redact(text, secrets)).toBe('a [secret] b [secret] c "x [secret]"');
  });

  it("leaves values shorter than 4 characters alone (they would blank ordinary words)", () => {
    expect(redact("a b abc", ["a", "abc"])).toBe("a b abc");
  });
});

describe("showValue", () => {
  it("shows JSON, marks unset values and shortens long ones", () => {
    expect(showValue("na")).toBe('"na"');
    expect(showValue(undefined)).toBe("(not set)");
    expect(showValue("x".repeat(200))).toBe(`"${"x".repeat(78)}…`);
  });
});

describe("ConfigError", () => {
  it("counts problems in its first line and redacts its problem list too", () => {
    const e = new ConfigError(
      "na",
      [{ key: "appLabel", value: '"fake-secret-x"', problem: "p", allowed: "a", fix: "f" }],
      ["fake-secret-x"],
    );
    expect(e.message).toBe(
      'Invalid config for stack "na" (1 problem); nothing was deployed:\n' +
        '- appLabel = "[secret]": p. Allowed: a. Fix: f.',
    );
    expect(e.problems[0]?.value).toBe('"[secret]"');
    expect(e.stackName).toBe("na");
    expect(e.name).toBe("ConfigError");
  });
});
