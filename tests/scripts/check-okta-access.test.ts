/** check-okta-access against the local Okta, with the shipped na stack file's users. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../scripts/check-okta-access";
import { defaultOktaSeed, FAKE_OKTA_API_TOKEN } from "../../standins/okta/seed";
import { type LocalOkta, startLocalOkta } from "../../standins/okta/server";

const APP_ID = "0oa-action1-na-test";
let okta: LocalOkta;
let out: string[];
let err: string[];

beforeEach(async () => {
  const seed = defaultOktaSeed();
  // The na stack assigns "Action1 Admins" and "Action1 Helpdesk"; here only the admins group is
  // assigned, so the helpdesk user (bob) cannot sign in.
  seed.apps.push({ id: APP_ID, label: "Action1", groups: ["Action1 Admins"] });
  okta = await startLocalOkta({ seed });
  out = [];
  err = [];
  jest.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  jest.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
});
afterEach(async () => {
  jest.restoreAllMocks();
  await okta.close();
});

const argv = (...args: string[]) => ["node", "check-okta-access", ...args];

describe("check-okta-access", () => {
  it("names each Okta user of the stack who is in no group assigned to the app", async () => {
    const code = await main(argv("--stack", "na", "--app-id", APP_ID, "--okta-url", okta.origin), {
      OKTA_API_TOKEN: FAKE_OKTA_API_TOKEN,
    });
    expect(code).toBe(1);
    expect(out).toEqual([
      "ok: alice.admin@example.invalid can sign in",
      "CANNOT SIGN IN: bob.helpdesk@example.invalid: is in no group assigned to the Action1 " +
        "app (its groups: Everyone, Action1 Helpdesk); add it to one of the stack's `groups`",
      "1 of 2 Okta user(s) of stack na can sign in to Action1",
    ]);
    // Only reads, and the password (break-glass) account is not asked about.
    const asked = okta.requests.map((r) => `${r.method} ${r.path}`);
    expect(asked.every((r) => r.startsWith("GET "))).toBe(true);
    expect(asked.join("\n")).not.toContain("breakglass");
  });

  it("passes when every Okta user is in an assigned group", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "okta-access-"));
    fs.writeFileSync(
      path.join(dir, "Pulumi.na.yaml"),
      "config:\n  action1-okta-sso:users:\n" +
        '    - "breakglass@example.invalid | password | Enterprise Admin"\n' +
        '    - "ALICE.admin@example.invalid | okta | Enterprise Admin"\n' +
        '    - "carol.ops@example.invalid | okta | Helpdesk | disabled"\n',
    );
    const code = await main(
      argv("--stack", "na", "--project-dir", dir, "--okta-url", okta.origin),
      { OKTA_API_TOKEN: FAKE_OKTA_API_TOKEN, OKTA_APP_ID: APP_ID },
    );
    expect(code).toBe(0);
    expect(out).toEqual([
      "ok: ALICE.admin@example.invalid can sign in",
      "1 of 1 Okta user(s) of stack na can sign in to Action1",
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("warns about, but passes, a user assigned to the app directly instead of by group", async () => {
    await okta.close();
    const seed = defaultOktaSeed();
    seed.apps.push({
      id: APP_ID,
      label: "Action1",
      groups: ["Action1 Admins"],
      users: ["bob.helpdesk@example.invalid"],
    });
    okta = await startLocalOkta({ seed });
    const code = await main(argv("--stack", "na", "--app-id", APP_ID, "--okta-url", okta.origin), {
      OKTA_API_TOKEN: FAKE_OKTA_API_TOKEN,
    });
    expect(code).toBe(0);
    expect(out).toEqual([
      "ok: alice.admin@example.invalid can sign in",
      "WARNING: bob.helpdesk@example.invalid: is assigned to the Action1 app directly, not " +
        "through a group (its groups: Everyone, Action1 Helpdesk); it can sign in, but the " +
        "stack does not manage that: add it to one of the stack's `groups`",
      "2 of 2 Okta user(s) of stack na can sign in to Action1",
    ]);
  });

  it("refuses to send the token over plain http to a non-loopback host", async () => {
    const code = await main(
      argv("--stack", "na", "--app-id", APP_ID, "--okta-url", "http://okta.example.invalid"),
      { OKTA_API_TOKEN: FAKE_OKTA_API_TOKEN },
    );
    expect(code).toBe(2);
    expect(err).toEqual([
      "check-okta-access: cannot run:\n" +
        '- the Okta org URL: "http://okta.example.invalid" must use https:// (http:// only for ' +
        "127.0.0.1)",
    ]);
    expect(err.join("\n")).not.toContain(FAKE_OKTA_API_TOKEN);
  });

  it("lists every usage problem at once, never the token, and exits 2", async () => {
    const code = await main(argv("--stack", "mars"), {});
    expect(code).toBe(2);
    expect(err).toEqual([
      "check-okta-access: cannot run:\n" +
        "- --app-id is missing: give the Okta app's id (or set OKTA_APP_ID)\n" +
        "- OKTA_API_TOKEN is not set: export an Okta API token (read-only is enough)\n" +
        "- Pulumi.mars.yaml does not exist: --stack must name a stack of this project\n" +
        "- the Okta org URL is unknown: pass --okta-url, set OKTA_ORG_URL or okta:orgName",
    ]);
    expect(okta.requests).toEqual([]);
  });
});
