/**
 * Crash safety of the migration: kill it at every step boundary in turn (after each durable
 * journal record, and after each change Action1 applied but the journal does not know yet), with
 * and without 429s, 500s, token expiry and dropped connections; then resume and check that every
 * user exists once, as an SSO user, with exactly the old roles, and that the local Action1's
 * timeline never had zero enabled (password) Enterprise Admins.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { foldJournal, readJournal } from "../../../scripts/migration/journal";
import type { MigrationAction1 } from "../../../scripts/migration/ports";
import { type RunDeps, type RunOptions, runMigration } from "../../../scripts/migration/run";
import { SEED_ADMIN_EMAIL, SEED_ADMIN_ID } from "../../../standins/action1/seed";
import {
  enabledWithEmail,
  HELPDESK,
  type PersonSpec,
  rolesOf,
  startWorld,
  type World,
} from "./fixtures";

const PEOPLE: PersonSpec[] = [
  { email: "Ann@Example.invalid", roles: ["enterprise_admin", HELPDESK.id] },
  { email: "bob@example.invalid", roles: ["viewer"] },
  { email: "cy@example.invalid", roles: [] },
];
const EMAILS = PEOPLE.map((p) => p.email.toLowerCase());

class Killed extends Error {
  constructor() {
    super("killed (test)");
  }
}

const WRITES = ["assignRole", "unassignRole", "deleteUser", "patchUser", "inviteSsoUser"];

/** The port of a process that can die: after death every call fails before it is sent. */
function mortal(port: MigrationAction1, life: Life): MigrationAction1 {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(port)) {
    wrapped[name] = async (...args: unknown[]) => {
      if (life.dead) throw new Killed();
      const result = await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
      if (WRITES.includes(name)) {
        life.writes += 1;
        if (life.writes === life.killAfterWrite) life.die();
      }
      if (life.dead) throw new Killed();
      return result;
    };
  }
  return wrapped as unknown as MigrationAction1;
}

interface Life {
  dead: boolean;
  records: number;
  writes: number;
  killAfterRecord?: number;
  killAfterWrite?: number;
  die(): void;
}

let dir: string;
let world: World;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrate-faults-"));
});
afterEach(async () => {
  await world?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const options = (over: Partial<RunOptions> = {}): RunOptions => ({
  selection: { kind: "all", except: [SEED_ADMIN_EMAIL] },
  apply: true,
  rollback: false,
  journalPath: path.join(dir, "journal.jsonl"),
  concurrency: 2,
  oldAccount: "rename",
  ...over,
});

/** Runs once with a process that dies at the given point; returns what it counted. */
async function runUntilKilled(kill: { afterRecord?: number; afterWrite?: number }) {
  const life: Life = {
    dead: false,
    records: 0,
    writes: 0,
    killAfterRecord: kill.afterRecord,
    killAfterWrite: kill.afterWrite,
    die: () => {},
  };
  const deps: RunDeps = {
    action1: mortal(world.action1, life),
    okta: world.oktaPort,
    log: () => {},
    onJournal: (journal) => {
      life.die = () => {
        life.dead = true;
        journal.seal();
      };
      journal.onAppend = () => {
        life.records += 1;
        if (life.records === life.killAfterRecord) {
          life.die();
          throw new Killed();
        }
      };
    },
  };
  let killed = false;
  try {
    await runMigration(options(), deps);
  } catch (err) {
    killed = true;
    expect(life.dead).toBe(true);
    expect(String(err)).toMatch(/killed \(test\)|is closed/);
  }
  return { ...life, killed };
}

function injectChaos(w: World) {
  const f = w.a1.faults;
  f.add({
    method: "POST",
    path: "/users",
    action: { kind: "status", status: 429, retryAfterSeconds: 0 },
  });
  f.add({ method: "POST", path: "/users", action: { kind: "dropAfterApply" } });
  f.add({
    method: "GET",
    path: /^\/users\/[^/]+\/roles$/,
    times: 2,
    action: { kind: "status", status: 500 },
  });
  f.add({
    method: "GET",
    path: /^\/roles\/[^/]+\/users$/,
    action: { kind: "status", status: 429 },
  });
  f.add({ method: "DELETE", path: /^\/roles\//, action: { kind: "drop" } });
  f.add({ method: "DELETE", path: /^\/roles\//, action: { kind: "dropAfterApply" } });
  f.add({ method: "POST", path: /^\/roles\/.+\/users\/.+$/, action: { kind: "dropAfterApply" } });
  f.add({ method: "PATCH", action: { kind: "dropAfterApply" } });
  f.add({ method: "GET", path: /^\/users\/[^/]+$/, action: { kind: "expireToken" } });
  f.add({
    method: "POST",
    path: /^\/roles\/.+\/users\/.+$/,
    action: { kind: "status", status: 502 },
  });
}

function expectMigratedExactlyOnce(w: World) {
  for (const p of PEOPLE) {
    const now = enabledWithEmail(w, p.email);
    expect(now.map((u) => [u.email, u.identity_provider])).toEqual([[p.email, "Okta"]]);
    expect(rolesOf(w, now[0]?.id ?? "")).toEqual([...p.roles].sort());
    // The old password account is disabled, renamed and holds nothing.
    const old = w.a1.state.users.get(w.ids.get(p.email.toLowerCase()) ?? "");
    expect([old?.enabled, old?.email.includes("+pre-sso-")]).toEqual(["no", true]);
    expect(rolesOf(w, old?.id ?? "")).toEqual([]);
    // Invited exactly once.
    const created = w.a1.timeline.filter(
      (t) =>
        t.kind === "user.created" && t.detail.toLowerCase().includes(` ${p.email.toLowerCase()} `),
    );
    expect(created).toHaveLength(1);
  }
  // Never a moment without an enabled interactive (and password, break-glass) Enterprise Admin.
  expect(w.a1.timeline.filter((t) => t.enabledInteractiveEnterpriseAdmins < 1)).toEqual([]);
  expect(w.a1.timeline.filter((t) => t.enabledPasswordEnterpriseAdmins < 1)).toEqual([]);
  expect(w.a1.state.users.get(SEED_ADMIN_ID)?.enabled).toBe("yes");
  const states = foldJournal(readJournal(options().journalPath));
  expect(EMAILS.map((e) => states.get(e)?.outcome)).toEqual(["migrated", "migrated", "migrated"]);
  const outcomes = readJournal(options().journalPath).filter(
    (r) => r.kind === "user" && r.outcome === "migrated",
  );
  expect(outcomes).toHaveLength(PEOPLE.length);
}

async function resume(chaos: boolean) {
  if (chaos) injectChaos(world);
  const result = await runMigration(options(), {
    action1: world.action1,
    okta: world.oktaPort,
    log: () => {},
  });
  expect(result.kind).toBe("done");
  if (result.kind !== "done") return;
  expect(result.report.summary.failed).toBe(0);
}

describe.each([
  ["clean", false],
  ["with 429s, 500s, token expiry and dropped connections", true],
])("migration killed at every step boundary (%s)", (_label, chaos) => {
  it("resumes to every user present once, SSO, same roles, never zero admins", async () => {
    // A run that is never killed tells how many boundaries there are.
    world = await startWorld(PEOPLE);
    if (chaos) injectChaos(world);
    const full = await runUntilKilled({});
    expect(full.killed).toBe(false);
    expectMigratedExactlyOnce(world);
    if (chaos) expect(world.a1.faults.pending()).toEqual([]);
    await world.close();
    expect(full.records).toBe(PEOPLE.length * 13);
    expect(full.writes).toBe(12);

    const points = [
      ...Array.from({ length: full.records }, (_, i) => ({ afterRecord: i + 1 })),
      ...Array.from({ length: full.writes }, (_, i) => ({ afterWrite: i + 1 })),
    ];
    for (const point of points) {
      world = await startWorld(PEOPLE);
      fs.rmSync(options().journalPath, { force: true });
      if (chaos) injectChaos(world);
      const first = await runUntilKilled(point);
      expect(first.killed).toBe(true);
      await resume(chaos);
      try {
        expectMigratedExactlyOnce(world);
      } catch (err) {
        throw new Error(`after a kill at ${JSON.stringify(point)}: ${(err as Error).message}`);
      }
      await world.close();
    }
    world = await startWorld([]); // for afterEach
  }, 120_000);
});

describe("rollback", () => {
  /** Runs the migration and kills it when Bob's `step` reaches `phase` in the journal. */
  async function killBobAt(
    opts: ReturnType<typeof options>,
    step: string,
    phase: "begin" | "done",
  ): Promise<void> {
    await expect(
      runMigration(opts, {
        action1: world.action1,
        okta: world.oktaPort,
        log: () => {},
        onJournal: (j) => {
          j.onAppend = (r) => {
            if (
              r.kind === "step" &&
              r.email === "bob@example.invalid" &&
              r.step === step &&
              r.phase === phase
            ) {
              j.seal();
              throw new Killed();
            }
          };
        },
      }),
    ).rejects.toThrow();
  }

  it("restores a user killed before the re-invite, and refuses one that may be invited", async () => {
    world = await startWorld(PEOPLE);
    // With one user at a time: Ann's records are 1..13; 6 = retire-old done.
    const opts = options({ concurrency: 1 });
    await killBobAt(opts, "invite", "begin");
    const plan = await runMigration(
      { ...opts, rollback: true, apply: false },
      {
        action1: world.action1,
        okta: world.oktaPort,
        log: () => {},
      },
    );
    expect(plan.kind === "dry-run" && plan.lines).toEqual([
      `bob@example.invalid: would restore Viewer to ${world.ids.get("bob@example.invalid")} ` +
        "(done so far: record-roles, revoke-roles, retire-old)",
    ]);
    const result = await runMigration(
      { ...opts, rollback: true },
      {
        action1: world.action1,
        okta: world.oktaPort,
        log: () => {},
      },
    );
    expect(
      result.kind === "done" && result.report.users.map((u) => [u.email, u.outcome, u.error]),
    ).toEqual([
      [
        "bob@example.invalid",
        "failed",
        "cannot roll back: the SSO account may already exist (invite started); re-run without " +
          "--rollback to finish this user",
      ],
    ]);
    // Same again, but killed before Bob's invite began: rollback restores the password user.
    await world.close();
    world = await startWorld(PEOPLE);
    fs.rmSync(opts.journalPath, { force: true });
    await killBobAt(opts, "retire-old", "done");
    const bobId = world.ids.get("bob@example.invalid") ?? "";
    expect(world.a1.state.users.get(bobId)?.enabled).toBe("no");
    const rolled = await runMigration(
      { ...opts, rollback: true },
      {
        action1: world.action1,
        okta: world.oktaPort,
        log: () => {},
      },
    );
    expect(rolled.kind === "done" && rolled.report.summary["rolled-back"]).toBe(1);
    const bob = world.a1.state.users.get(bobId);
    expect([bob?.email, bob?.enabled, bob?.identity_provider]).toEqual([
      "bob@example.invalid",
      "yes",
      "Action1",
    ]);
    expect(rolesOf(world, bobId)).toEqual(["viewer"]);
    // Ann finished before the kill and stays migrated; a later run can migrate Bob again.
    const again = await runMigration(opts, {
      action1: world.action1,
      okta: world.oktaPort,
      log: () => {},
    });
    expect(again.kind === "done" && again.report.summary.migrated).toBe(2);
    expectMigratedExactlyOnce(world);
  });
});
