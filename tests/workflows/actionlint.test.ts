/**
 * Lints .github/workflows with actionlint (built from Go modules by scripts/build-actionlint.sh;
 * `.ci/run` builds it before the tests, and this file builds it when it is missing and Go is
 * there). In CI a missing binary is a failure, never a skip. Only on a workstation without Go
 * (the README's two commands need nothing but Node and npm) are these tests skipped, saying so.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "..", "..");
const actionlint = join(root, ".engine", "bin", "actionlint");

/** True when actionlint is there, building it first if Go can; false only without Go, off CI. */
function ensureActionlint(): boolean {
  if (existsSync(actionlint)) return true;
  const hasGo = spawnSync("go", ["version"], { encoding: "utf8" }).status === 0;
  if (!hasGo && !process.env.CI) {
    console.warn(
      "actionlint tests SKIPPED: .engine/bin/actionlint is missing and Go is not on PATH; " +
        "install Go and run `bash scripts/build-actionlint.sh` to lint the workflows",
    );
    return false;
  }
  // In CI without Go this fails too, and the tests below then fail on the missing binary.
  spawnSync("bash", [join(root, "scripts", "build-actionlint.sh")], { stdio: "inherit" });
  return true;
}

const suite = ensureActionlint() ? describe : describe.skip;

interface Finding {
  message: string;
  filepath: string;
  line: number;
  column: number;
  kind: string;
}

function lint(
  cwd: string,
  files: string[] = [],
): { status: number | null; findings: Finding[]; stderr: string } {
  if (!existsSync(actionlint)) {
    throw new Error(
      `actionlint is not built (${actionlint} is missing): run \`bash scripts/build-actionlint.sh\`` +
        " (needs Go and the Go module proxy)",
    );
  }
  const run = spawnSync(actionlint, ["-no-color", "-format", "{{json .}}", ...files], {
    cwd,
    encoding: "utf8",
  });
  const text = run.stdout.trim();
  return {
    status: run.status,
    findings: text === "" ? [] : (JSON.parse(text) as Finding[]),
    stderr: run.stderr,
  };
}

suite("actionlint", () => {
  it("finds nothing wrong in .github/workflows", () => {
    const dir = join(root, ".github", "workflows");
    const files = readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => join(dir, f));
    expect(files.length).toBeGreaterThan(0);
    const result = lint(root, files);
    const readable = result.findings.map(
      (f) => `${f.filepath}:${f.line}:${f.column}: ${f.message} [${f.kind}]`,
    );
    expect(readable).toEqual([]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("does report a broken workflow (so the check above can fail)", () => {
    const dir = mkdtempSync(join(tmpdir(), "actionlint-"));
    mkdirSync(join(dir, ".github", "workflows"), { recursive: true });
    const broken = join(dir, ".github", "workflows", "broken.yml");
    writeFileSync(
      broken,
      [
        "on: push",
        "jobs:",
        "  build:",
        "    runs-on: ubuntu-24.04",
        "    steps:",
        `      - run: echo $${"{{"} github.event.pull_request.title }}`,
        "      - uses: pulumi/actions@v6",
        "        with:",
        "          pulumi-versoin: 3.276.0",
        "",
      ].join("\n"),
    );
    const result = lint(dir, [broken]);
    expect(result.status).toBe(1);
    expect(result.findings.map((f) => f.kind).sort()).toEqual(["action", "expression"]);
  });
});
