import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readJournal } from "../../../scripts/migration/journal";
import { reportTable } from "../../../scripts/migration/report";
import { type RunOptions, runMigration } from "../../../scripts/migration/run";
import { SEED_ADMIN_ID } from "../../../standins/action1/seed";
import {
  APP_ID,
  BREAK_GLASS,
  enabledWithEmail,
  HELPDESK,
  rolesOf,
  startWorld,
  type World,
} from "./fixtures";

const PEOPLE = [
  { email: "Ann@Example.invalid", roles: ["enterprise_admin", HELPDESK.id] },
  { email: "bob@example.invalid", roles: ["viewer"] },
];

let world: World;
let dir: string;
beforeEach(async () => {
  world = await startWorld(PEOPLE);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrate-"));
});
afterEach(async () => {
  await world.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const options = (over: Partial<RunOptions> = {}): RunOptions => ({
  selection: { kind: "emails", emails: ["ann@example.invalid", "BOB@example.invalid"] },
  apply: false,
  rollback: false,
  journalPath: path.join(dir, "journal.jsonl"),
  concurrency: 2,
  oldAccount: "rename",
  ...over,
});
const deps = () => ({ action1: world.action1, okta: world.oktaPort, log: () => {} });
const writes = () =>
  world.a1.requests
    .filter((r) => r.method !== "GET" && r.path !== "/oauth2/token")
    .map((r) => `${r.method} ${r.path}${r.body === undefined ? "" : ` ${JSON.stringify(r.body)}`}`);

describe("migrate-users run", () => {
  it("dry run prints every step and the roles to restore, and changes nothing", async () => {
    const result = await runMigration(options(), deps());
    expect(result.kind).toBe("dry-run");
    if (result.kind !== "dry-run") return;
    expect(result.lines).toEqual([
      "ann@example.invalid [Enterprise Admin]",
      "  roles to restore: Enterprise Admin, Helpdesk",
      "  steps: record-roles -> revoke-roles -> retire-old -> invite -> restore-roles -> verify",
      "bob@example.invalid",
      "  roles to restore: Viewer",
      "  steps: record-roles -> revoke-roles -> retire-old -> invite -> restore-roles -> verify",
      `break-glass admin(s) kept throughout: ${BREAK_GLASS}`,
    ]);
    expect(writes()).toEqual([]);
    expect(fs.existsSync(options().journalPath)).toBe(false);
    // Okta preconditions went through the Okta API.
    expect(world.okta.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      [
        "GET /api/v1/users/ann%40example.invalid",
        "GET /api/v1/users/bob%40example.invalid",
        `GET /api/v1/apps/${APP_ID}/users/${world.okta.state.findUser("ann@example.invalid")?.id}`,
        `GET /api/v1/apps/${APP_ID}/users/${world.okta.state.findUser("bob@example.invalid")?.id}`,
      ].sort(),
    );
  });

  it("refuses a plan that takes the break-glass admin, and changes nothing", async () => {
    const result = await runMigration(
      options({ selection: { kind: "all", except: [] }, apply: true }),
      deps(),
    );
    expect(result.kind).toBe("refused");
    if (result.kind !== "refused") return;
    expect(result.problems).toEqual([
      "refused: no enabled interactive password Enterprise Admin would remain outside the users " +
        `being migrated (admins in the set: ${BREAK_GLASS}, ann@example.invalid); keep a ` +
        "break-glass password admin out of the migration (e.g. --except <email>) or make " +
        "another password user an Enterprise Admin first",
      // All problems at once: the break-glass admin has no Okta account either.
      `Okta: ${BREAK_GLASS} does not exist in Okta; create it there first`,
    ]);
    expect(writes()).toEqual([]);
  });

  it("refuses when a user cannot sign in to Okta, naming each problem", async () => {
    await world.close();
    world = await startWorld([
      { email: "sue@example.invalid", roles: ["viewer"], okta: "SUSPENDED" },
      { email: "una@example.invalid", roles: [], okta: "unassigned" },
      { email: "max@example.invalid", roles: [], okta: "missing" },
    ]);
    const result = await runMigration(
      options({
        selection: { kind: "all", except: [BREAK_GLASS] },
        apply: true,
      }),
      deps(),
    );
    expect(result.kind === "refused" && result.problems).toEqual([
      "Okta: sue@example.invalid is SUSPENDED in Okta (must be ACTIVE to sign in); activate it " +
        "first",
      `Okta: una@example.invalid is not assigned to the Okta app ${APP_ID}; assign the user, ` +
        "or add it to a group assigned to the app",
      "Okta: max@example.invalid does not exist in Okta; create it there first",
    ]);
    expect(writes()).toEqual([]);
  });

  it("applies: every step in order, same roles, SSO users, journal before and after", async () => {
    const result = await runMigration(
      options({ selection: { kind: "emails", emails: ["ann@example.invalid"] }, apply: true }),
      deps(),
    );
    expect(result.kind).toBe("done");
    if (result.kind !== "done") return;
    const ann = enabledWithEmail(world, "ann@example.invalid");
    expect(ann.map((u) => [u.email, u.identity_provider])).toEqual([
      ["Ann@Example.invalid", "Okta"],
    ]);
    const newId = ann[0]?.id ?? "";
    const oldId = world.ids.get("ann@example.invalid") ?? "";
    expect(rolesOf(world, newId)).toEqual([HELPDESK.id, "enterprise_admin"].sort());
    expect(writes()).toEqual([
      `DELETE /roles/enterprise_admin/users/${oldId}`,
      `DELETE /roles/${HELPDESK.id}/users/${oldId}`,
      `PATCH /users/${oldId} {"email":"Ann+pre-sso-000000000000@Example.invalid","enabled":"no"}`,
      `POST /users {"email":"Ann@Example.invalid","first_name":"First0","last_name":"Last0"}`,
      `POST /roles/enterprise_admin/users/${newId}`,
      `POST /roles/${HELPDESK.id}/users/${newId}`,
    ]);
    const steps = readJournal(options().journalPath).flatMap((r) =>
      r.kind === "step" ? [`${r.step}:${r.phase}`] : r.kind === "user" ? [r.outcome] : [],
    );
    expect(steps).toEqual([
      "record-roles:begin",
      "record-roles:done",
      "revoke-roles:begin",
      "revoke-roles:done",
      "retire-old:begin",
      "retire-old:done",
      "invite:begin",
      "invite:done",
      "restore-roles:begin",
      "restore-roles:done",
      "verify:begin",
      "verify:done",
      "migrated",
    ]);
    expect(result.report.summary).toEqual({
      migrated: 1,
      "rolled-back": 0,
      failed: 0,
      stopped: 0,
      skipped: 0,
    });
    expect(reportTable(result.report).split("\n")).toEqual([
      "user                 outcome   roles                       new user id                           note",
      "-------------------  --------  --------------------------  ------------------------------------  ----",
      `ann@example.invalid  migrated  Enterprise Admin, Helpdesk  ${newId}`,
      "",
      "0 migrated, 0 rolled back, 0 failed, 0 stopped, 0 skipped".replace(
        "0 migrated",
        "1 migrated",
      ),
    ]);
    // A second run finds nothing to do for Ann.
    const again = await runMigration(
      options({ selection: { kind: "emails", emails: ["ann@example.invalid"] }, apply: true }),
      deps(),
    );
    expect(again.kind === "done" && again.report.skipped).toEqual([
      { email: "ann@example.invalid", reason: "already migrated (journal)" },
    ]);
    expect(world.a1.timeline.every((t) => t.enabledPasswordEnterpriseAdmins >= 1)).toBe(true);
    expect(world.a1.state.users.get(SEED_ADMIN_ID)?.enabled).toBe("yes");
  });

  it("deletes the old account with --old-account delete", async () => {
    const result = await runMigration(
      options({
        selection: { kind: "emails", emails: ["bob@example.invalid"] },
        apply: true,
        oldAccount: "delete",
      }),
      deps(),
    );
    expect(result.kind === "done" && result.report.summary.migrated).toBe(1);
    const oldId = world.ids.get("bob@example.invalid") ?? "";
    expect(writes()).toContain(`DELETE /users/${oldId}`);
    expect(world.a1.state.users.get(oldId)?.email).toBe("Deleted_bob@example.invalid");
  });

  it("stops between steps on Ctrl-C and a re-run finishes the same users", async () => {
    let steps = 0;
    const first = await runMigration(options({ apply: true, concurrency: 1 }), {
      ...deps(),
      // Ctrl-C arrives while Ann's third step runs: no new step starts after it.
      shouldStop: () => ++steps > 3,
    });
    expect(first.kind === "done" && first.report.users.map((u) => [u.email, u.outcome])).toEqual([
      ["ann@example.invalid", "stopped"],
      ["bob@example.invalid", "stopped"],
    ]);
    const done = readJournal(options().journalPath).flatMap((r) =>
      r.kind === "step" && r.phase === "done" ? [`${r.email} ${r.step}`] : [],
    );
    expect(done).toEqual([
      "ann@example.invalid record-roles",
      "ann@example.invalid revoke-roles",
      "ann@example.invalid retire-old",
    ]);
    const second = await runMigration(options({ apply: true }), deps());
    expect(
      second.kind === "done" && second.report.users.map((u) => [u.email, u.outcome, u.resumed]),
    ).toEqual([
      ["ann@example.invalid", "migrated", true],
      ["bob@example.invalid", "migrated", false],
    ]);
    expect(enabledWithEmail(world, "ann@example.invalid").map((u) => u.identity_provider)).toEqual([
      "Okta",
    ]);
  });
});
