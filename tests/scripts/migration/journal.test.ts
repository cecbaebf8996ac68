import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  foldJournal,
  Journal,
  mayHaveNewAccount,
  readJournal,
  unfinished,
} from "../../../scripts/migration/journal";

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "journal-"));
  file = path.join(dir, "sub", "j.jsonl");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const snapshot = {
  oldUserId: "u1",
  email: "Ann@example.invalid",
  roles: [{ id: "viewer", name: "Viewer" }],
};

describe("Journal", () => {
  it("appends one JSON line per record, readable only by the owner", () => {
    const j = new Journal(file, "apply");
    j.step("ann@example.invalid", "record-roles", "begin");
    j.step("ann@example.invalid", "record-roles", "done", { snapshot });
    j.close();
    const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n");
    expect(lines.map((l) => JSON.parse(l).kind)).toEqual(["run", "step", "step"]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(() => j.step("ann@example.invalid", "invite", "begin")).toThrow(
      `journal ${file} is closed`,
    );
  });

  it("ignores a torn last line and refuses a damaged one in the middle", () => {
    const j = new Journal(file, "apply");
    j.step("ann@example.invalid", "record-roles", "begin");
    j.close();
    fs.appendFileSync(file, '{"v":1,"kind":"st');
    expect(readJournal(file)).toHaveLength(2);
    fs.appendFileSync(file, '\n{"v":1}\n');
    expect(() => readJournal(file)).toThrow(
      `journal ${file}, line 3 is not valid JSON; the journal is append-only and must not be ` +
        "edited. Restore it from a copy, or move it aside only after checking every user it " +
        "names by hand",
    );
  });

  it("folds steps into per-user state: done, in flight, snapshot, new id", () => {
    const j = new Journal(file, "apply");
    const e = "ann@example.invalid";
    j.step(e, "record-roles", "begin");
    j.step(e, "record-roles", "done", { snapshot });
    j.step(e, "revoke-roles", "begin");
    j.step(e, "revoke-roles", "done");
    j.step(e, "retire-old", "begin", { oldAccount: "delete" });
    j.step(e, "retire-old", "done");
    j.step(e, "invite", "begin");
    j.step("bob@example.invalid", "record-roles", "begin");
    j.close();
    const states = foldJournal(readJournal(file));
    const ann = states.get(e);
    expect(ann && { ...ann, done: [...ann.done] }).toEqual({
      email: e,
      snapshot,
      done: ["record-roles", "revoke-roles", "retire-old"],
      inFlight: "invite",
      oldAccount: "delete",
    });
    expect(ann && mayHaveNewAccount(ann)).toBe(true);
    // Bob never got a snapshot: nothing changed for him, so he is not unfinished.
    expect(unfinished(states).map((s) => s.email)).toEqual([e]);
  });

  it("starts a user afresh when it is migrated again after a rollback", () => {
    const j = new Journal(file, "apply");
    const e = "bob@example.invalid";
    j.step(e, "record-roles", "begin");
    j.step(e, "record-roles", "done", { snapshot });
    j.step(e, "revoke-roles", "begin");
    j.step(e, "revoke-roles", "done");
    j.outcome(e, "rolled-back");
    j.step(e, "record-roles", "begin");
    j.close();
    const bob = foldJournal(readJournal(file)).get(e);
    expect(bob && { done: [...bob.done], snapshot: bob.snapshot, inFlight: bob.inFlight }).toEqual({
      done: [],
      snapshot: undefined,
      inFlight: "record-roles",
    });
  });
});
