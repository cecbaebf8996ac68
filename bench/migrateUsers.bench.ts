/**
 * Benchmark: migrate N password users (default 5,000) to Okta SSO against the local Action1 with
 * per-request latency and a request-rate limit that answers 429 with `retry_after`, and the
 * local Okta for the preconditions. Reports API calls per user, 429s, and users per minute.
 *
 * Figures are throughput and ratios on a shared machine; nothing here asserts a speed.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runMigration } from "../scripts/migration/run";
import type { FaultAction } from "../standins/action1/faults";
import {
  BREAK_GLASS,
  enabledWithEmail,
  HELPDESK,
  startWorld,
} from "../tests/scripts/migration/fixtures";

export interface BenchOptions {
  users: number;
  /** Mean added latency per Action1 request, ms (uniform in [0.5x, 1.5x]). */
  latencyMs: number;
  /** Requests per second the local Action1 accepts before answering 429. */
  ratePerSecond: number;
  concurrency: number;
}

export async function benchMigrateUsers(o: BenchOptions): Promise<Record<string, number | string>> {
  const roleFor = (i: number): string[] =>
    i % 50 === 0
      ? ["enterprise_admin"]
      : i % 3 === 0
        ? ["viewer", HELPDESK.id]
        : i % 3 === 1
          ? ["viewer"]
          : [];
  const people = Array.from({ length: o.users }, (_, i) => ({
    email: `user${i}@example.invalid`,
    roles: roleFor(i),
  }));
  const world = await startWorld(people, { maxRetries: 10, pageSize: 200 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-migrate-"));

  // Latency and a one-second sliding-window rate limit in front of the local Action1's faults.
  const window: number[] = [];
  let limited = 0;
  const take = world.a1.faults.take.bind(world.a1.faults);
  world.a1.faults.take = (method: string, p: string): FaultAction[] => {
    const now = Date.now();
    while (window.length > 0 && (window[0] as number) <= now - 1000) window.shift();
    const latency: FaultAction = { kind: "latency", ms: o.latencyMs * (0.5 + Math.random()) };
    if (window.length >= o.ratePerSecond) {
      limited += 1;
      return [latency, { kind: "status", status: 429, retryAfterSeconds: 1 }];
    }
    window.push(now);
    return [latency, ...take(method, p)];
  };

  const started = process.hrtime.bigint();
  const result = await runMigration(
    {
      selection: { kind: "all", except: [BREAK_GLASS] },
      apply: true,
      rollback: false,
      journalPath: path.join(dir, "journal.jsonl"),
      concurrency: o.concurrency,
      oldAccount: "rename",
    },
    { action1: world.action1, okta: world.oktaPort, log: () => {} },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.kind !== "done") throw new Error(`benchmark run was ${result.kind}`);

  const calls = world.a1.requests.filter((r) => r.path !== "/oauth2/token");
  const wrong = people.filter((p) => {
    const now = enabledWithEmail(world, p.email);
    return now.length !== 1 || now[0]?.identity_provider !== "Okta";
  });
  const minAdmins = Math.min(...world.a1.timeline.map((t) => t.enabledPasswordEnterpriseAdmins));
  const byMethod = (m: string) => calls.filter((r) => r.method === m).length;
  const figures = {
    users: o.users,
    concurrency: o.concurrency,
    "latency ms (mean)": o.latencyMs,
    "rate limit req/s": o.ratePerSecond,
    migrated: result.report.summary.migrated,
    "failed or wrong": result.report.summary.failed + wrong.length,
    "min password Enterprise Admins": minAdmins,
    "wall seconds": Number(seconds.toFixed(1)),
    "users per minute": Number(((o.users / seconds) * 60).toFixed(0)),
    "Action1 calls": calls.length,
    "Action1 calls per user": Number((calls.length / o.users).toFixed(2)),
    "  GET per user": Number((byMethod("GET") / o.users).toFixed(2)),
    "  writes per user": Number(((calls.length - byMethod("GET")) / o.users).toFixed(2)),
    "429 answers": limited,
    "429 per user": Number((limited / o.users).toFixed(2)),
    "Okta calls per user": Number((world.okta.requests.length / o.users).toFixed(2)),
    "accepted req/s (mean)": Number(((calls.length - limited) / seconds).toFixed(1)),
  };
  await world.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return figures;
}
