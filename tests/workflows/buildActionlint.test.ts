/**
 * scripts/build-actionlint.sh, run on a copy of itself in a temporary project with a fake `go`
 * that records its arguments and "builds" a stub binary: the exact build command, the skip when
 * the pinned version is present, the rebuild on a version mismatch, and its refusals.
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const script = resolve(__dirname, "..", "..", "scripts", "build-actionlint.sh");

function project() {
  const root = mkdtempSync(join(tmpdir(), "build-actionlint-"));
  mkdirSync(join(root, "scripts"));
  copyFileSync(script, join(root, "scripts", "build-actionlint.sh"));
  const fakeBin = join(root, "fake-bin");
  mkdirSync(fakeBin);
  // A `go` that logs its argv and environment, then writes an actionlint that prints a version.
  writeFileSync(
    join(fakeBin, "go"),
    [
      "#!/usr/bin/env bash",
      `printf '%s\\n' "GOBIN=$GOBIN CGO_ENABLED=$CGO_ENABLED" "$@" > "${root}/go-args"`,
      'mkdir -p "$GOBIN"',
      `printf '#!/usr/bin/env bash\\necho "%s"\\n' "\${FAKE_BUILT_VERSION:-v1.7.12}" > "$GOBIN/actionlint"`,
      'chmod +x "$GOBIN/actionlint"',
      "",
    ].join("\n"),
  );
  chmodSync(join(fakeBin, "go"), 0o755);
  const run = (args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
    spawnSync("bash", [join(root, "scripts", "build-actionlint.sh"), ...args], {
      encoding: "utf8",
      env: { PATH: `${fakeBin}:/usr/bin:/bin`, ...env },
    });
  return { root, run, bin: join(root, ".engine", "bin", "actionlint") };
}

describe("scripts/build-actionlint.sh", () => {
  it("builds the pinned version from Go modules into .engine/bin", () => {
    const p = project();
    const res = p.run();
    expect(res.status).toBe(0);
    expect(readFileSync(join(p.root, "go-args"), "utf8").split("\n")).toEqual([
      `GOBIN=${join(p.root, ".engine", "bin")} CGO_ENABLED=0`,
      "install",
      "-trimpath",
      "-ldflags",
      "-s -w -X github.com/rhysd/actionlint.version=v1.7.12",
      "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12",
      "",
    ]);
    expect(existsSync(p.bin)).toBe(true);
    expect(res.stdout).toContain(`build-actionlint: built ${p.bin} (v1.7.12) in `);
  });

  it("skips the build when the pinned version is already there, rebuilds on --force", () => {
    const p = project();
    expect(p.run().status).toBe(0);
    writeFileSync(join(p.root, "go-args"), "");
    const again = p.run();
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(
      `build-actionlint: ${p.bin} is already v1.7.12; skipping (--force rebuilds)\n`,
    );
    expect(readFileSync(join(p.root, "go-args"), "utf8")).toBe("");
    expect(p.run(["--force"]).status).toBe(0);
    expect(readFileSync(join(p.root, "go-args"), "utf8")).toContain("install");
  });

  it("rebuilds a binary of another version", () => {
    const p = project();
    expect(p.run([], { FAKE_BUILT_VERSION: "v1.6.27" }).status).toBe(0);
    const res = p.run();
    expect(res.status).toBe(0);
    expect(res.stdout).toContain(
      `build-actionlint: ${p.bin} reports 'v1.6.27', want v1.7.12; rebuilding`,
    );
  });

  it("refuses an unknown argument and says when Go is missing", () => {
    const p = project();
    const bad = p.run(["--fast"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("build-actionlint: unknown argument '--fast' (allowed: --force)\n");
    // A PATH with only what the script needs before it looks for Go, wherever Go is installed.
    const bare = join(p.root, "bare-bin");
    mkdirSync(bare);
    const dirname = spawnSync("bash", ["-c", "command -v dirname"], { encoding: "utf8" });
    symlinkSync(dirname.stdout.trim(), join(bare, "dirname"));
    const noGo = spawnSync("/bin/bash", [join(p.root, "scripts", "build-actionlint.sh")], {
      encoding: "utf8",
      env: { PATH: bare },
    });
    expect(noGo.status).toBe(1);
    expect(noGo.stderr).toBe(
      "build-actionlint: 'go' is not on PATH; install Go >= 1.24 (e.g. /usr/local/go/bin)\n",
    );
  });
});
