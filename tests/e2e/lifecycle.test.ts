/**
 * End-to-end: the real Pulumi CLI (scripts/build-engine.sh) runs tests/e2e/program against the
 * local Action1 through the whole life of a stack: policy preview, up, a no-change up, refresh
 * without drift, drift made in Action1 and found by refresh, a secret rotation, destroy. It also
 * checks that no
 * credential reaches the state in plain text, and records each step's time and Action1 calls
 * (written to .pulumi/e2e-metrics.json and printed at the end).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { decodeIdpValue, encodeIdpValue } from "../../infra/action1/idpSetting";
import { defaultSeed, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET } from "../../standins/action1/seed";
import { type LocalAction1, startLocalAction1 } from "../../standins/action1/server";
import {
  type Engine,
  engineEnv,
  type PulumiResult,
  projectRoot,
  pulumiOk,
  requireEngine,
  runPulumi,
} from "../helpers/engine";

jest.setTimeout(240_000);

const programDir = path.join(__dirname, "program");
const policyPackDir = path.join(projectRoot, "policies");
/** The program has no Okta side: the policies joining the IdP to an Okta app are disabled. */
const policyConfig = path.join(__dirname, "policy-config.json");
const OKTA_CLIENT_SECRET = "fake-okta-client-secret-e2e-not-real-0001";
const ROTATED_OKTA_CLIENT_SECRET = "fake-okta-client-secret-e2e-not-real-0002";
const stack = `e2e${process.pid}`;
const stackConfigFile = path.join(programDir, `Pulumi.${stack}.yaml`);
const runDir = `e2e-${stack}-${Date.now()}`;

const SECOND_ADMIN = {
  id: "00000000-0000-4000-8000-0000000ad002",
  email: "second-admin@example.invalid",
};
const SPARE_ADMIN_EMAIL = "spare-admin@example.invalid";

interface StepMetric {
  step: string;
  seconds: number;
  action1Calls: number;
  byMethod: Record<string, number>;
}
const metrics: StepMetric[] = [];

let action1: LocalAction1;
let engine: Engine;

/** Seed: the default enterprise plus a second password admin the program adopts, and a spare
 * admin the stack does not manage (so destroy never removes the last interactive admin). */
function seed() {
  const s = defaultSeed();
  const template = s.users[0];
  if (!template) throw new Error("default seed has no users");
  s.users.push(
    { ...template, id: SECOND_ADMIN.id, email: SECOND_ADMIN.email, first_name: "Second" },
    {
      ...template,
      id: "00000000-0000-4000-8000-0000000ad003",
      email: SPARE_ADMIN_EMAIL,
      first_name: "Spare",
    },
  );
  return s;
}

/** Runs one CLI step, recording its time and the Action1 requests it caused. */
async function step(
  name: string,
  args: string[],
  expectOk = true,
): Promise<PulumiResult & { calls: LocalAction1["requests"] }> {
  const before = action1.requests.length;
  const res = expectOk
    ? await pulumiOk(engine, args, { cwd: programDir })
    : await runPulumi(engine, args, { cwd: programDir });
  const calls = action1.requests.slice(before);
  const byMethod: Record<string, number> = {};
  for (const r of calls) {
    const key = `${r.method} ${r.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/g, ":id")}`;
    byMethod[key] = (byMethod[key] ?? 0) + 1;
  }
  metrics.push({ step: name, seconds: res.ms / 1000, action1Calls: calls.length, byMethod });
  return { ...res, calls };
}

/** `resourceChanges` of the newest entry of the stack's history (update, refresh, destroy). */
async function lastChanges(): Promise<Record<string, number>> {
  const res = await pulumiOk(engine, ["stack", "history", "--json", "--page-size", "1"], {
    cwd: programDir,
  });
  const history = JSON.parse(res.stdout) as Array<{ resourceChanges?: Record<string, number> }>;
  return history[0]?.resourceChanges ?? {};
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((e) => {
    const full = path.join(e.parentPath, e.name);
    return e.isFile() ? [full] : [];
  });
}

/** Every state, history and backup file of the run's backend, with any that contain `needle`. */
function stateFilesContaining(needle: string): { files: string[]; hits: string[] } {
  const files = filesUnder(engine.stateDir);
  return { files, hits: files.filter((f) => fs.readFileSync(f, "utf8").includes(needle)) };
}

async function exportedStack(): Promise<string> {
  return (await pulumiOk(engine, ["stack", "export"], { cwd: programDir })).stdout;
}

beforeAll(async () => {
  requireEngine();
  action1 = await startLocalAction1({ seed: seed() });
  engine = engineEnv({ stateDir: path.join(runDir, "state") });
  await pulumiOk(engine, ["stack", "init", stack], { cwd: programDir });
  const set = (key: string, value: string, secret = false) =>
    pulumiOk(engine, ["config", "set", ...(secret ? ["--secret"] : []), key, value], {
      cwd: programDir,
    });
  await set("action1ApiBaseUrl", action1.apiBaseUrl);
  await set("allowInsecureEndpoints", "true");
  await set("action1ClientId", FAKE_CLIENT_ID, true);
  await set("action1ClientSecret", FAKE_CLIENT_SECRET, true);
  await set("oktaClientSecret", OKTA_CLIENT_SECRET, true);
});

/** Writes other than token requests, as "METHOD path" with ids replaced by ":id", sorted. */
function writes(calls: LocalAction1["requests"]): string[] {
  return calls
    .filter((c) => c.method !== "GET" && c.path !== "/oauth2/token")
    .map((c) => `${c.method} ${c.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/g, ":id")}`)
    .sort();
}

function idpValue() {
  const setting = action1.state.idpSetting();
  if (!setting) throw new Error("the local Action1 has no identity-provider setting");
  return { setting, value: decodeIdpValue(setting.value) };
}

afterAll(async () => {
  try {
    if (engine) {
      await runPulumi(engine, ["stack", "rm", "--yes", "--force", stack], { cwd: programDir });
      fs.rmSync(path.join(projectRoot, ".pulumi", runDir), { recursive: true, force: true });
    }
    fs.rmSync(stackConfigFile, { force: true });
  } finally {
    await action1?.close();
  }
  if (metrics.length > 0) {
    const out = path.join(projectRoot, ".pulumi", "e2e-metrics.json");
    fs.writeFileSync(out, `${JSON.stringify(metrics, null, 2)}\n`);
    const rows = metrics.map(
      (m) => `${m.step.padEnd(34)} ${m.seconds.toFixed(1).padStart(6)} s ${m.action1Calls} calls`,
    );
    console.log(`e2e steps (also in ${path.relative(projectRoot, out)}):\n${rows.join("\n")}`);
  }
});

const policyArgs = ["--policy-pack", policyPackDir, "--policy-pack-config", policyConfig];

describe("the real Pulumi CLI against the local Action1", () => {
  test("preview with the policy pack fails on a state that breaks keep-enterprise-admin", async () => {
    await pulumiOk(engine, ["config", "set", "e2eViolate", "true"], { cwd: programDir });
    const res = await step("preview --policy-pack (violating)", ["preview", ...policyArgs], false);
    expect(res.code).not.toBe(0);
    expect(res.stdout).toContain("[mandatory] [severity: critical]  keep-enterprise-admin");
    expect(res.stdout).toContain(
      'The stack keeps 1 enabled interactive Enterprise Admin (User "break-glass" ' +
        "<initial-admin@example.invalid>); at least 2 are required so that losing one account " +
        "cannot lock the enterprise out of Action1.",
    );
    expect(res.calls).toEqual([]);
  });

  test("preview with the policy pack passes the declared state and calls Action1 zero times", async () => {
    await pulumiOk(engine, ["config", "rm", "e2eViolate"], { cwd: programDir });
    const res = await step("preview --policy-pack", ["preview", ...policyArgs]);
    expect(res.stdout).toContain(`(local: ${policyPackDir})`);
    expect(res.stdout).not.toContain("[mandatory]");
    expect(res.stdout).toContain("+ 8 to create");
    expect(res.calls).toEqual([]);
  });

  test("up creates every resource: Okta as identity provider, the Okta admin invited", async () => {
    const res = await step("up", ["up", "--yes", "--skip-preview"]);
    expect(await lastChanges()).toEqual({ create: 8 });
    const { value } = idpValue();
    expect(value).toMatchObject({
      provider: "Okta",
      clientId: "0oae2efakeclientid0001",
      clientSecret: OKTA_CLIENT_SECRET,
      issuerUri: "https://e2e-org.okta.invalid",
    });
    const invited = action1.state.findUserByEmail("okta-admin@example.invalid");
    expect(invited).toMatchObject({ enabled: "yes", identity_provider: "Okta" });
    expect(action1.state.members.get("enterprise_admin")?.has(invited?.id ?? "")).toBe(true);
    // The password admins and their role already exist: adopted, so only the IdP setting, the
    // invitation and the Okta admin's role are written.
    expect(writes(res.calls)).toEqual([
      "POST /roles/enterprise_admin/users/:id",
      "POST /settings/all",
      "POST /users",
    ]);
  });

  test("after up, no state file and no stack export holds a credential in plain text", async () => {
    for (const secret of [FAKE_CLIENT_SECRET, FAKE_CLIENT_ID, OKTA_CLIENT_SECRET]) {
      const { files, hits } = stateFilesContaining(secret);
      expect(files.length).toBeGreaterThan(0);
      expect(hits).toEqual([]);
      expect(await exportedStack()).not.toContain(secret);
    }
  });

  test("a second up has no changes and does not write to Action1", async () => {
    const res = await step("up (no changes)", [
      "up",
      "--yes",
      "--skip-preview",
      "--expect-no-changes",
    ]);
    expect(await lastChanges()).toEqual({ same: 8 });
    expect(writes(res.calls)).toEqual([]);
  });

  test("refresh finds no drift", async () => {
    await step("refresh (no drift)", ["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
    expect(await lastChanges()).toEqual({ same: 8 });
  });

  test("drift made in the Action1 console is found by refresh and undone by up", async () => {
    action1.state.updateUser(SECOND_ADMIN.id, { enabled: "no" }, "console");
    const { setting, value } = idpValue();
    const drifted = encodeIdpValue({ ...value, issuerUri: "https://drifted.okta.invalid" });
    action1.state.updateSetting(setting.id, { value: drifted }, "console");
    const drift = await step(
      "refresh (drift)",
      ["refresh", "--yes", "--skip-preview", "--expect-no-changes"],
      false,
    );
    expect(drift.code).not.toBe(0);
    expect(await lastChanges()).toEqual({ same: 6, update: 2 });
    const exported = await exportedStack();
    expect(exported).toContain('"issuerUri": "https://drifted.okta.invalid"');
    expect(exported).toMatch(/"enabled": false/);
    const fix = await step("up (undo drift)", ["up", "--yes", "--skip-preview"]);
    expect(await lastChanges()).toEqual({ same: 6, update: 2 });
    expect(writes(fix.calls)).toEqual(["PATCH /settings/all/:id", "PATCH /users/:id"]);
    expect(action1.state.users.get(SECOND_ADMIN.id)?.enabled).toBe("yes");
    expect(idpValue().value.issuerUri).toBe("https://e2e-org.okta.invalid");
  });

  test("a rotated Okta client secret is applied as an update and stays out of the state", async () => {
    await pulumiOk(
      engine,
      ["config", "set", "--secret", "oktaClientSecret", ROTATED_OKTA_CLIENT_SECRET],
      { cwd: programDir },
    );
    const res = await step("up (secret rotation)", ["up", "--yes", "--skip-preview"]);
    expect(await lastChanges()).toEqual({ same: 7, update: 1 });
    expect(writes(res.calls)).toEqual(["PATCH /settings/all/:id"]);
    expect(idpValue().value.clientSecret).toBe(ROTATED_OKTA_CLIENT_SECRET);
    for (const secret of [OKTA_CLIENT_SECRET, ROTATED_OKTA_CLIENT_SECRET]) {
      expect(stateFilesContaining(secret).hits).toEqual([]);
      expect(await exportedStack()).not.toContain(secret);
    }
  });

  test("destroy removes what the stack manages and keeps the adopted accounts", async () => {
    const res = await step("destroy", ["destroy", "--yes", "--skip-preview"]);
    expect(await lastChanges()).toEqual({ delete: 8 });
    expect(action1.state.idpSetting()).toBeUndefined();
    expect(action1.state.users.get(SECOND_ADMIN.id)?.enabled).toBe("yes");
    expect(action1.enabledInteractiveEnterpriseAdmins()).toBeGreaterThanOrEqual(1);
    // Three role assignments revoked, the invited Okta admin deleted, the IdP setting deleted;
    // the two adopted password accounts are released (retainOnDelete), not deleted.
    expect(writes(res.calls)).toEqual([
      "DELETE /roles/enterprise_admin/users/:id",
      "DELETE /roles/enterprise_admin/users/:id",
      "DELETE /roles/enterprise_admin/users/:id",
      "DELETE /settings/all/:id",
      "DELETE /users/:id",
    ]);
  });
});
