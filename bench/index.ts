/**
 * `npm run bench`: runs the benchmarks and prints their figures. Options (environment):
 * BENCH_USERS (default 5000), BENCH_LATENCY_MS (20), BENCH_RATE (150 requests/s),
 * BENCH_CONCURRENCY (16).
 */
import { benchMigrateUsers } from "./migrateUsers.bench";

const num = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    throw new Error(`${name}="${raw}" is not allowed; give a positive number`);
  }
  return n;
};

async function main(): Promise<void> {
  const options = {
    users: num("BENCH_USERS", 5000),
    latencyMs: num("BENCH_LATENCY_MS", 20),
    ratePerSecond: num("BENCH_RATE", 150),
    concurrency: num("BENCH_CONCURRENCY", 16),
  };
  console.log(`migrate-users benchmark: ${JSON.stringify(options)}`);
  const figures = await benchMigrateUsers(options);
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(width)}  ${v}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
