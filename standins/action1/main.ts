/**
 * `npm run local:action1`: starts the local Action1 by hand and prints its URL and the fake
 * seeded API credential. Stops on Ctrl+C.
 */
import { Command } from "commander";
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, SEED_ADMIN_EMAIL } from "./seed";
import { startLocalAction1 } from "./server";

async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name("local-action1")
    .description("Start the local Action1 stand-in on 127.0.0.1 (fake data only)")
    .option("-p, --port <port>", "port to listen on (0 = random)", "0")
    .option("--token-ttl <seconds>", "access token lifetime in seconds", "3600")
    .parse(argv);
  const o = program.opts<{ port: string; tokenTtl: string }>();
  const local = await startLocalAction1({
    port: Number(o.port),
    tokenTtlSeconds: Number(o.tokenTtl),
  });
  process.stdout.write(
    [
      `Local Action1 listening: ${local.origin}`,
      `API base URL (action1-okta-sso:action1ApiBaseUrl): ${local.apiBaseUrl}`,
      "  a stack pointed here also needs action1-okta-sso:allowInsecureEndpoints: true",
      "  (the port changes every run unless --port is given)",
      `Fake API client ID (ACTION1_CLIENT_ID): ${FAKE_CLIENT_ID}`,
      `Fake API client secret (ACTION1_CLIENT_SECRET): ${FAKE_CLIENT_SECRET}`,
      `Initial Enterprise Admin (password user): ${SEED_ADMIN_EMAIL}`,
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
  const stop = () => {
    void local.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main(process.argv).catch((e: unknown) => {
  process.stderr.write(`local-action1: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
