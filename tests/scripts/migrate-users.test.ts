/** The migrate-users CLI: options, dry run, apply with a JSON report, and a real SIGKILL. */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../scripts/migrate-users";
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET } from "../../standins/action1/seed";
import { FAKE_OKTA_API_TOKEN } from "../../standins/okta/seed";
import {
  APP_ID,
  BREAK_GLASS,
  enabledWithEmail,
  HELPDESK,
  rolesOf,
  startWorld,
  type World,
} from "./migration/fixtures";

const PEOPLE = [
  { email: "ann@example.invalid", roles: ["enterprise_admin", HELPDESK.id] },
  { email: "bob@example.invalid", roles: ["viewer"] },
  { email: "cy@example.invalid", roles: [] },
];

let world: World;
let dir: string;
let out: string[];
let err: string[];
beforeEach(async () => {
  world = await startWorld(PEOPLE);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrate-cli-"));
  out = [];
  err = [];
  jest.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  jest.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
});
afterEach(async () => {
  jest.restoreAllMocks();
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");
  await world.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const env = (): NodeJS.ProcessEnv => ({
  ACTION1_API_BASE_URL: world.a1.apiBaseUrl,
  ACTION1_CLIENT_ID: FAKE_CLIENT_ID,
  ACTION1_CLIENT_SECRET: FAKE_CLIENT_SECRET,
  OKTA_ORG_URL: world.okta.origin,
  OKTA_API_TOKEN: FAKE_OKTA_API_TOKEN,
  OKTA_APP_ID: APP_ID,
});
const cli = (...args: string[]) => ["node", "migrate-users", ...args];

describe("migrate-users CLI", () => {
  it("lists every problem with the options at once and exits 2", async () => {
    const code = await main(
      cli("--except", "nope", "--action1-url", "http://app.example.invalid"),
      {},
    );
    expect(code).toBe(2);
    expect(err).toEqual([
      "migrate-users: cannot start:\n" +
        "  - choose the users: --users <emails> or --all (with --except <break-glass>)\n" +
        "  - --except only works with --all\n" +
        '  - --users/--except: "nope" is not an email address (name@domain)\n' +
        '  - --action1-url / ACTION1_API_BASE_URL: "http://app.example.invalid" must use https:// ' +
        "(http:// only for 127.0.0.1)\n" +
        "  - --okta-url / OKTA_ORG_URL is not set\n" +
        "  - --okta-app-id / OKTA_APP_ID is not set\n" +
        "  - environment variable ACTION1_CLIENT_ID is not set\n" +
        "  - environment variable ACTION1_CLIENT_SECRET is not set\n" +
        "  - environment variable OKTA_API_TOKEN is not set",
      "Run with --help for the options.",
    ]);
  });

  it("dry run by default: prints the plan, changes nothing", async () => {
    const code = await main(cli("--users", "BOB@example.invalid"), env());
    expect(code).toBe(0);
    expect(out.join("\n")).toBe(
      [
        "bob@example.invalid",
        "  roles to restore: Viewer",
        "  steps: record-roles -> revoke-roles -> retire-old -> invite -> restore-roles -> verify",
        `break-glass admin(s) kept throughout: ann@example.invalid, ${BREAK_GLASS}`,
        "\nDry run: nothing was changed. Add --apply to migrate.",
      ].join("\n"),
    );
    expect(
      world.a1.requests.filter((r) => r.method !== "GET" && r.path !== "/oauth2/token"),
    ).toEqual([]);
  });

  it("applies and prints the JSON report; never prints a secret", async () => {
    const journal = path.join(dir, "j.jsonl");
    const report = path.join(dir, "report.json");
    const code = await main(
      cli(
        "--all",
        "--except",
        BREAK_GLASS,
        "--apply",
        "--json",
        "--journal",
        journal,
        "--report",
        report,
      ),
      env(),
    );
    expect(code).toBe(0);
    const printed = JSON.parse(out.join("\n"));
    expect(printed).toEqual(JSON.parse(fs.readFileSync(report, "utf8")));
    expect(printed.summary).toEqual({
      migrated: 3,
      "rolled-back": 0,
      failed: 0,
      stopped: 0,
      skipped: 0,
    });
    expect(
      printed.users.map((u: { email: string; roles: string[] }) => [u.email, u.roles]),
    ).toEqual([
      ["ann@example.invalid", ["Enterprise Admin", "Helpdesk"]],
      ["bob@example.invalid", ["Viewer"]],
      ["cy@example.invalid", []],
    ]);
    // Progress without a TTY: one plain line per user.
    expect(err.filter((l) => /^\[\d\/3\] /.test(l))).toHaveLength(3);
    const everything = [...out, ...err, fs.readFileSync(journal, "utf8")].join("\n");
    for (const secret of [FAKE_CLIENT_SECRET, FAKE_OKTA_API_TOKEN]) {
      expect(everything).not.toContain(secret);
    }
  });

  it("resumes after the process is killed with SIGKILL mid-run", async () => {
    const journal = path.join(dir, "j.jsonl");
    // Slow enough that the kill lands inside the migration.
    world.a1.faults.add({ times: 10_000, action: { kind: "latency", ms: 25 } });
    const child = spawn(
      path.resolve("node_modules/.bin/ts-node"),
      [
        "--transpile-only",
        "scripts/migrate-users.ts",
        "--all",
        "--except",
        BREAK_GLASS,
        "--apply",
        "--concurrency",
        "1",
        "--journal",
        journal,
      ],
      { env: { ...process.env, ...env() }, stdio: "ignore" },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    // Kill once Bob's roles were recorded (Ann done, Bob in progress).
    const deadline = Date.now() + 60_000;
    for (;;) {
      const text = fs.existsSync(journal) ? fs.readFileSync(journal, "utf8") : "";
      if (/"email":"bob@example.invalid","step":"revoke-roles","phase":"begin"/.test(text)) break;
      if (Date.now() > deadline) throw new Error("the child never reached Bob");
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const before = enabledWithEmail(world, "bob@example.invalid");
    expect(before.map((u) => u.identity_provider)).not.toEqual(["Okta"]);

    world.a1.faults.clear();
    const code = await main(
      cli("--all", "--except", BREAK_GLASS, "--apply", "--journal", journal),
      env(),
    );
    expect(code).toBe(0);
    for (const p of PEOPLE) {
      const now = enabledWithEmail(world, p.email);
      expect(now.map((u) => u.identity_provider)).toEqual(["Okta"]);
      expect(rolesOf(world, now[0]?.id ?? "")).toEqual([...p.roles].sort());
    }
    expect(world.a1.timeline.filter((t) => t.enabledPasswordEnterpriseAdmins < 1)).toEqual([]);
  }, 90_000);
});
