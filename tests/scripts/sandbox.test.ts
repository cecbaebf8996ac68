import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { sandboxAction1Seed } from "../../scripts/sandbox";
import { defaultSeed } from "../../standins/action1/seed";
import { projectRoot } from "../helpers/engine";

/** Every `password` user of every shipped Pulumi.<stack>.yaml, as "email | roles". */
function shippedPasswordUsers(): string[] {
  return fs
    .readdirSync(projectRoot)
    .filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f))
    .flatMap((f) => {
      const doc = parse(fs.readFileSync(path.join(projectRoot, f), "utf8"));
      const users: unknown = doc?.config?.["action1-okta-sso:users"];
      return (Array.isArray(users) ? users : []).map(String);
    })
    .filter((line) => line.split("|")[1]?.trim() === "password");
}

describe("sandbox: the local Action1 seed", () => {
  it("adds each shipped break-glass user as an enabled password Enterprise Admin", () => {
    const seed = sandboxAction1Seed();
    const added = seed.users.slice(defaultSeed().users.length);
    const expected = shippedPasswordUsers().map((line) => line.split("|")[0]?.trim());
    expect(expected.length).toBeGreaterThan(0);
    expect(added.map((u) => u.email)).toEqual(expected);
    for (const user of added) {
      expect(user).toMatchObject({
        user_type: "Interactive",
        enabled: "yes",
        identity_provider: "Action1",
        roles: ["enterprise_admin"],
      });
    }
    expect(new Set(seed.users.map((u) => u.id)).size).toBe(seed.users.length);
  });

  it("adds the custom Helpdesk role the na config names", () => {
    expect(sandboxAction1Seed().roles.map((r) => r.name)).toContain("Helpdesk");
  });
});
