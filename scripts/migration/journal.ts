/**
 * The migration journal: an append-only JSON-lines file. Every step of every user is written
 * (and fsync'ed) before it starts and after it ends, so that a crash, Ctrl-C or kill at any point
 * leaves enough on disk to finish each user exactly once with the same roles.
 *
 * A torn last line (the process died while writing it) is ignored; any other unreadable line is
 * an error naming the line, because guessing would risk losing a user.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  type AnyStep,
  type OldAccountMode,
  STEPS,
  type StepName,
  type UserSnapshot,
} from "./types";

export type Phase = "begin" | "done" | "failed";

export interface StepData {
  /** record-roles/done: what to restore. */
  snapshot?: UserSnapshot;
  /** invite/done: the id of the new SSO user. */
  newUserId?: string;
  /** retire-old/begin: how the old account is retired (needed to undo it). */
  oldAccount?: OldAccountMode;
}

export type JournalRecord =
  | { v: 1; t: string; kind: "run"; runId: string; mode: "apply" | "rollback"; pid: number }
  | {
      v: 1;
      t: string;
      kind: "step";
      runId: string;
      email: string;
      step: AnyStep;
      phase: Phase;
      data?: StepData;
      error?: string;
    }
  | { v: 1; t: string; kind: "user"; runId: string; email: string; outcome: UserOutcome };

export type UserOutcome = "migrated" | "rolled-back" | "failed";

/** What the journal says about one user. */
export interface UserJournalState {
  email: string;
  snapshot?: UserSnapshot;
  done: Set<AnyStep>;
  /** A step that was begun and neither done nor failed: the process stopped inside it. */
  inFlight?: AnyStep;
  newUserId?: string;
  oldAccount?: OldAccountMode;
  outcome?: UserOutcome;
  lastError?: string;
}

export function readJournal(file: string): JournalRecord[] {
  if (!fs.existsSync(file)) return [];
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const records: JournalRecord[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      records.push(JSON.parse(line) as JournalRecord);
    } catch {
      const isLast = lines.slice(i + 1).every((l) => l.trim() === "");
      if (isLast) return; // torn final write
      throw new Error(
        `journal ${file}, line ${i + 1} is not valid JSON; the journal is append-only and must ` +
          "not be edited. Restore it from a copy, or move it aside only after checking every " +
          "user it names by hand",
      );
    }
  });
  return records;
}

/** Folds the records into one state per user (keyed by lower-case email). */
export function foldJournal(records: readonly JournalRecord[]): Map<string, UserJournalState> {
  const users = new Map<string, UserJournalState>();
  const get = (email: string) => {
    let s = users.get(email);
    if (!s) {
      s = { email, done: new Set() };
      users.set(email, s);
    }
    return s;
  };
  for (const r of records) {
    if (r.kind === "run") continue;
    const s = get(r.email);
    if (r.kind === "user") {
      s.outcome = r.outcome;
      continue;
    }
    if (r.phase === "begin") {
      if (r.step === "record-roles" && s.outcome !== undefined) {
        // A user migrated again after a rollback (or a failure before anything changed).
        s.done = new Set();
        s.snapshot = undefined;
        s.newUserId = undefined;
        s.oldAccount = undefined;
      }
      s.inFlight = r.step;
      if (r.data?.oldAccount) s.oldAccount = r.data.oldAccount;
      // A rolled-back or failed user that is started again is no longer finished.
      if (s.outcome !== "migrated") s.outcome = undefined;
    } else if (r.phase === "done") {
      s.done.add(r.step);
      if (s.inFlight === r.step) s.inFlight = undefined;
      if (r.data?.snapshot) s.snapshot = r.data.snapshot;
      if (r.data?.newUserId) s.newUserId = r.data.newUserId;
      if (r.data?.oldAccount) s.oldAccount = r.data.oldAccount;
    } else {
      if (s.inFlight === r.step) s.inFlight = undefined;
      s.lastError = r.error;
    }
  }
  return users;
}

/** Users that were started (roles recorded) and are neither migrated nor rolled back. */
export function unfinished(states: ReadonlyMap<string, UserJournalState>): UserJournalState[] {
  return [...states.values()].filter(
    (s) => s.snapshot !== undefined && s.outcome !== "migrated" && s.outcome !== "rolled-back",
  );
}

/** True when the new SSO account may exist (invite begun or done), so rollback is not safe. */
export function mayHaveNewAccount(s: UserJournalState): boolean {
  return s.done.has("invite") || s.inFlight === "invite" || s.newUserId !== undefined;
}

export const stepIndex = (step: StepName): number => STEPS.indexOf(step);

/** Appends records durably: open in append mode, write one line, fsync. */
export class Journal {
  private readonly fd: number;
  private sealed = false;
  readonly runId: string;
  /** Called after each durable append; tests use it to "kill" the process at a boundary. */
  onAppend?: (record: JournalRecord) => void;

  constructor(
    readonly file: string,
    mode: "apply" | "rollback",
  ) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.fd = fs.openSync(file, "a", 0o600);
    this.runId = `${new Date().toISOString()}-${process.pid}`;
    this.append({ v: 1, t: now(), kind: "run", runId: this.runId, mode, pid: process.pid });
  }

  step(email: string, step: AnyStep, phase: Phase, data?: StepData, error?: string): void {
    this.append({
      v: 1,
      t: now(),
      kind: "step",
      runId: this.runId,
      email,
      step,
      phase,
      ...(data ? { data } : {}),
      ...(error ? { error } : {}),
    });
  }

  outcome(email: string, outcome: UserOutcome): void {
    this.append({ v: 1, t: now(), kind: "user", runId: this.runId, email, outcome });
  }

  close(): void {
    if (!this.sealed) fs.closeSync(this.fd);
    this.sealed = true;
  }

  /** After this nothing more is written (tests use it to model a killed process). */
  seal(): void {
    this.close();
  }

  private append(record: JournalRecord): void {
    if (this.sealed) throw new Error(`journal ${this.file} is closed`);
    fs.writeSync(this.fd, `${JSON.stringify(record)}\n`);
    fs.fsyncSync(this.fd);
    this.onAppend?.(record);
  }
}

const now = () => new Date().toISOString();
