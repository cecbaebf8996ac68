import type * as groupsModule from "../../../infra/okta/groups";
import { fakeOktaDirectory, runProgram } from "../../helpers/pulumiMocks";

const DIRECTORY = fakeOktaDirectory({
  groups: [
    { id: "00g-a", name: "Action1 Admins" },
    { id: "00g-a-eu", name: "Action1 Admins EU" },
    { id: "00g-ops-1", name: "Ops Team North" },
    { id: "00g-ops-2", name: "Ops Team South" },
    { id: "00g-help", name: "Action1 Helpdesk Tier 2" },
  ],
});

/** The groups module, loaded under mocks that answer from DIRECTORY. */
async function groupsUnderMocks() {
  const run = await runProgram<typeof groupsModule>({
    program: "infra/okta/groups.ts",
    stack: "na",
    config: {},
    invoke: DIRECTORY,
  });
  return run;
}

// Tested as a function: inside the whole program a failed lookup also rejects the assignment's
// registration, which Jest reports as a crash (Pulumi reports it as the program's error).
describe("findGroupByExactName", () => {
  it("returns the exact match even when other groups start with the same name", async () => {
    const { exports } = await groupsUnderMocks();
    await expect(exports.findGroupByExactName("Action1 Admins", "na")).resolves.toEqual({
      name: "Action1 Admins",
      id: "00g-a",
    });
  });

  it("rejects the single partial match the provider would use with only a warning", async () => {
    const { exports } = await groupsUnderMocks();
    await expect(exports.findGroupByExactName("Action1 Helpdesk", "na")).rejects.toThrow(
      'Okta group "Action1 Helpdesk" was not found: the only group starting with that name is ' +
        '"Action1 Helpdesk Tier 2", and names must match exactly. Fix: create the group in ' +
        "Okta, or fix its name under groups in Pulumi.na.yaml.",
    );
  });

  it("names an ambiguous prefix as such", async () => {
    const { exports } = await groupsUnderMocks();
    await expect(exports.findGroupByExactName("Ops Team", "eu")).rejects.toThrow(
      'Okta group "Ops Team" is ambiguous: no group has exactly this name and several start ' +
        'with it (group starting with name "Ops Team" matches 2 groups, select a more precise ' +
        "name). Fix: use the exact name of one group in Pulumi.eu.yaml.",
    );
  });

  it("names a missing group and the fix", async () => {
    const { exports } = await groupsUnderMocks();
    await expect(exports.findGroupByExactName("Nobody", "na")).rejects.toThrow(
      'Okta group "Nobody" was not found (group with name "Nobody" does not exist). Fix: ' +
        "create the group in Okta, or fix its name under groups in Pulumi.na.yaml.",
    );
  });
});
