import * as pulumi from "@pulumi/pulumi";

const registered: { type: string; name: string; inputs: Record<string, unknown> }[] = [];
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs });
      const id = `${args.name}-id`;
      const extra = args.type.endsWith(":User") ? { userId: `uid-${args.name}` } : {};
      return { id, state: { ...args.inputs, ...extra } };
    },
    call: () => ({}),
  },
  "action1-okta-sso",
  "na",
);

import { declareUsers } from "../../../infra/dynamic/user";

describe("declareUsers under mocks", () => {
  it("declares one user per entry and one assignment per distinct role", async () => {
    const { users, roles } = declareUsers(
      [
        {
          email: " Ann@Example.invalid",
          signIn: "okta",
          roles: ["Enterprise Admin", "enterprise_admin", "Helpdesk"],
        },
        {
          email: "glass@example.invalid",
          signIn: "password",
          roles: ["Enterprise Admin"],
          enabled: true,
        },
      ],
      "https://app.action1.com/api/3.0",
    );
    await new Promise<void>((resolve) =>
      pulumi.all(roles.map((r) => r.roleId)).apply(() => resolve()),
    );
    await new Promise<void>((resolve) =>
      users.get("ann@example.invalid")?.userId.apply(() => resolve()),
    );
    const strip = ({ __provider: _p, ...rest }: Record<string, unknown>) => rest;
    // Registration is asynchronous: compare in name order.
    const byName = [...registered].sort((a, b) => a.name.localeCompare(b.name));
    const expected: [string, string, Record<string, unknown>][] = [
      [
        "pulumi-nodejs:dynamic/action1:User",
        "ann@example.invalid",
        {
          apiBaseUrl: "https://app.action1.com/api/3.0",
          email: "Ann@Example.invalid",
          signIn: "okta",
          userType: "Interactive",
          enabled: true,
        },
      ],
      [
        "pulumi-nodejs:dynamic/action1:User",
        "glass@example.invalid",
        {
          apiBaseUrl: "https://app.action1.com/api/3.0",
          email: "glass@example.invalid",
          signIn: "password",
          userType: "Interactive",
          enabled: true,
        },
      ],
      [
        "pulumi-nodejs:dynamic/action1:RoleAssignment",
        "ann@example.invalid/enterprise_admin",
        {
          apiBaseUrl: "https://app.action1.com/api/3.0",
          userId: "uid-ann@example.invalid",
          email: "Ann@Example.invalid",
          role: "Enterprise Admin",
        },
      ],
      [
        "pulumi-nodejs:dynamic/action1:RoleAssignment",
        "ann@example.invalid/helpdesk",
        {
          apiBaseUrl: "https://app.action1.com/api/3.0",
          userId: "uid-ann@example.invalid",
          email: "Ann@Example.invalid",
          role: "Helpdesk",
        },
      ],
      [
        "pulumi-nodejs:dynamic/action1:RoleAssignment",
        "glass@example.invalid/enterprise_admin",
        {
          apiBaseUrl: "https://app.action1.com/api/3.0",
          userId: "uid-glass@example.invalid",
          email: "glass@example.invalid",
          role: "Enterprise Admin",
        },
      ],
    ];
    expected.sort((a, b) => a[1].localeCompare(b[1]));
    expect(byName.map((r) => [r.type, r.name, strip(r.inputs)])).toEqual(expected);
  });
});
