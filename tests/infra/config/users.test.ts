import { parseUser, sameEmail } from "../../../infra/config/users";

describe("parseUser", () => {
  it("parses the four fields, trimming spaces, enabled by default", () => {
    expect(parseUser("  a@example.invalid|okta|  Enterprise Admin ,Helpdesk ")).toEqual({
      user: {
        email: "a@example.invalid",
        signIn: "okta",
        roles: ["Enterprise Admin", "Helpdesk"],
        enabled: true,
      },
      issues: [],
    });
    expect(parseUser("b@example.invalid | password | Enterprise Admin | disabled").user).toEqual({
      email: "b@example.invalid",
      signIn: "password",
      roles: ["Enterprise Admin"],
      enabled: false,
    });
  });

  it("reports a wrong number of fields as one issue", () => {
    expect(parseUser("a@example.invalid | okta | r | enabled | extra").issues).toEqual([
      {
        problem: 'has 5 "|"-separated field(s), expected 3 or 4',
        allowed: '"email | okta or password | role, role [| enabled or disabled]"',
      },
    ]);
  });
});

describe("sameEmail", () => {
  it("compares case-insensitively and ignores surrounding spaces", () => {
    expect(sameEmail("Alice@Example.INVALID ", "alice@example.invalid")).toBe(true);
    expect(sameEmail("alice@example.invalid", "alice2@example.invalid")).toBe(false);
  });
});
