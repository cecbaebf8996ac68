/**
 * The one seam between the pipeline steps and the processes they start (`pulumi`, `git`).
 * Steps take a `Runner`, so tests inject a recording runner and assert the exact argv and
 * environment, while the CLI uses `spawnRunner`.
 */
import { spawn } from "node:child_process";

export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Called with each complete stdout line as it arrives (for progress output). */
  readonly onStdoutLine?: (line: string) => void;
}

export interface RunResult {
  /** Exit code; a process killed by a signal reports 128 + signal number, like a shell. */
  readonly code: number;
  /** Everything the process printed on stdout. */
  readonly stdout: string;
}

export type Runner = (
  command: string,
  args: readonly string[],
  options: RunOptions,
) => Promise<RunResult>;

const SIGNALS: Readonly<Record<string, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** Starts the command without a shell; stderr streams straight to this process's stderr. */
export const spawnRunner: Runner = (command, args, options) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const chunks: Buffer[] = [];
    let pending = "";
    child.stdout.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      if (!options.onStdoutLine) return;
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) options.onStdoutLine(line);
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new Error(
              `cannot start '${command}': not found. Install it, or set PULUMI_BIN to the ` +
                "pulumi binary (e.g. .engine/bin/pulumi)",
            )
          : error,
      );
    });
    child.on("close", (code, signal) => {
      if (options.onStdoutLine && pending !== "") options.onStdoutLine(pending);
      const exit = code ?? 128 + (signal ? (SIGNALS[signal] ?? 0) : 0);
      resolve({ code: exit, stdout: Buffer.concat(chunks).toString("utf8") });
    });
  });
