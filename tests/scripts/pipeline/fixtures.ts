/** Shared fixtures for the pipeline tests: temporary project folders and a recording runner. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StepContext } from "../../../scripts/pipeline/context";
import type { Runner, RunOptions, RunResult } from "../../../scripts/pipeline/runner";

/** A stack file whose secrets are set (values are obviously fake ciphertext). */
export const COMPLETE_STACK_FILE = [
  "encryptionsalt: v1:fake-salt-not-real:v1:fake:fake",
  "config:",
  "  okta:orgName: example-org",
  "  okta:apiToken:",
  "    secure: v1:fake-ciphertext-not-real",
  "  action1-okta-sso:action1ClientId:",
  "    secure: v1:fake-ciphertext-not-real",
  "  action1-okta-sso:action1ClientSecret:",
  "    secure: v1:fake-ciphertext-not-real",
  "",
].join("\n");

/** A project folder with the given files (path → content). */
export function tempProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "pipeline-test-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(root, name), content);
  return root;
}

export interface RecordedCall {
  readonly command: string;
  readonly args: readonly string[];
  readonly options: RunOptions;
}

/** A runner that records each call and answers with the next scripted result. */
export function recordingRunner(results: RunResult[]): { runner: Runner; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const runner: Runner = async (command, args, options) => {
    calls.push({ command, args: [...args], options });
    const next = results.shift();
    if (!next) throw new Error(`unexpected extra call: ${command} ${args.join(" ")}`);
    if (options.onStdoutLine)
      for (const line of next.stdout.split("\n")) options.onStdoutLine(line);
    return next;
  };
  return { runner, calls };
}

/** The environment of a fully configured Pulumi Cloud run (fake token). */
export const CLOUD_ENV: NodeJS.ProcessEnv = Object.freeze({
  PATH: "/usr/bin",
  PULUMI_ACCESS_TOKEN: "pul-fake-token-not-real",
  PULUMI_CONFIG_PASSPHRASE: "fake-passphrase-not-real",
});

export function context(
  projectRoot: string,
  runner: Runner,
  env: NodeJS.ProcessEnv = CLOUD_ENV,
): StepContext & { logged: string[] } {
  const logged: string[] = [];
  return { projectRoot, env, runner, log: (line) => logged.push(line), logged };
}

/** JSON lines of engine events, as `pulumi --json` prints them. */
export function eventLines(events: readonly object[]): string {
  return `${events.map((e, i) => JSON.stringify({ sequence: i, timestamp: 1, ...e })).join("\n")}\n`;
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/**
 * A local stand-in for the GitHub REST endpoints the pipeline uses, on 127.0.0.1: GET answers
 * `pages[page - 1]` (an empty list past the end), PATCH answers `{id, number}` from the path,
 * POST answers `{id: 99, number: 99}`; `status` overrides the code of writes (with GitHub's
 * refusal text).
 */
export async function fakeGitHub(
  pages: object[][],
  status: { patch?: number; post?: number } = {},
): Promise<{ url: string; seen: SeenRequest[]; close: () => Promise<void> }> {
  const seen: SeenRequest[] = [];
  const refused = '{"message":"Resource not accessible by integration"}';
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const url = new URL(req.url ?? "/", "http://x");
      res.setHeader("content-type", "application/json");
      if (req.method === "GET") {
        const page = Number(url.searchParams.get("page") ?? "1");
        res.end(JSON.stringify(pages[page - 1] ?? []));
      } else if (req.method === "PATCH") {
        res.statusCode = status.patch ?? 200;
        const id = Number(url.pathname.split("/").pop());
        res.end(status.patch ? refused : JSON.stringify({ id, number: id }));
      } else {
        res.statusCode = status.post ?? 201;
        res.end(status.post ? refused : '{"id":99,"number":99}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v3/`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
