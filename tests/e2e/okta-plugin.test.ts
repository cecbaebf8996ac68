/**
 * End-to-end: the Okta provider plugin as installed by scripts/build-plugins.sh, driven by the
 * real CLI and program (eu stack) against the local Okta: an Okta 500 on a group assignment
 * fails the up with Okta's error text (no retry in proxy mode) and the next up converges without
 * a second app; an okta:httpProxy that is not a loopback address is refused before any request.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { SANDBOX_DIR, Sandbox } from "../../scripts/sandbox";
import { engineEnv, projectRoot, requireEngine } from "../helpers/engine";

jest.setTimeout(300_000);

const STACK = "eu";
let sandbox: Sandbox;

beforeAll(async () => {
  requireEngine();
  sandbox = new Sandbox({ dir: path.join(SANDBOX_DIR, `e2e-plugin-${process.pid}`) });
  await sandbox.start();
  await sandbox.initStack(STACK);
});

afterAll(async () => {
  if (sandbox?.engine) await sandbox.removeStack(STACK);
  await sandbox?.close();
});

test("the installed plugins are the versions package-lock.json pins for the SDKs", () => {
  const lock = JSON.parse(fs.readFileSync(path.join(projectRoot, "package-lock.json"), "utf8"));
  const plugins = path.join(engineEnv().homeDir, "plugins");
  for (const name of ["okta", "random"]) {
    const version = lock.packages[`node_modules/@pulumi/${name}`].version as string;
    const dir = path.join(plugins, `resource-${name}-v${version}`);
    expect(fs.statSync(path.join(dir, `pulumi-resource-${name}`)).mode & 0o111).not.toBe(0);
    expect(fs.existsSync(`${dir}.partial`)).toBe(false);
  }
});

test("an Okta 500 on a group assignment fails the up with Okta's error; the next up converges", async () => {
  sandbox.okta.faults.inject({
    status: 500,
    method: "PUT",
    path: /^\/api\/v1\/apps\/[^/]+\/groups\//,
  });
  const failed = await sandbox.pulumi(STACK, "up (Okta 500)", ["up", "--yes", "--skip-preview"]);
  expect(failed.code).not.toBe(0);
  expect(failed.stdout).toContain(
    "the API returned an error: Internal Server Error. Causes: none (PUT /api/v1/apps/",
  );
  expect(failed.stdout).toContain("HTTP 500, E0000009)");
  const before = sandbox.okta.requests.length;
  await sandbox.ok(STACK, "up (after the fault)", ["up", "--yes", "--skip-preview"]);
  const writes = sandbox.okta.requests
    .slice(before)
    .filter((r) => r.method !== "GET")
    .map((r) => `${r.method} ${r.path}`);
  expect(writes.some((w) => w === "POST /api/v1/apps")).toBe(false);
  expect(writes.filter((w) => /^PUT \/api\/v1\/apps\/[^/]+\/groups\//.test(w))).toHaveLength(1);
  expect(sandbox.okta.state.apps.size).toBe(1);
  await sandbox.ok(STACK, "up (no changes)", [
    "up",
    "--yes",
    "--skip-preview",
    "--expect-no-changes",
  ]);
});

test("an okta:httpProxy that is not a loopback address is refused before any Okta request", async () => {
  const before = sandbox.okta.requests.length;
  await sandbox.setConfig(STACK, "okta:httpProxy", "https://example-org-eu.okta-emea.com");
  const res = await sandbox.pulumi(STACK, "preview (remote proxy)", ["preview"]);
  expect(res.code).not.toBe(0);
  expect(`${res.stdout}${res.stderr}`).toContain(
    'okta:httpProxy host "example-org-eu.okta-emea.com" is not a loopback address; this ' +
      "substitute plugin only talks to a local Okta on 127.0.0.1",
  );
  expect(sandbox.okta.requests.length).toBe(before);
  await sandbox.setConfig(STACK, "okta:httpProxy", sandbox.okta.origin);
  await sandbox.destroy(STACK);
});
