import { roleAssignmentProvider as roles } from "../../../infra/dynamic/roleAssignmentProvider";
import { type UserInputs, userProvider as users } from "../../../infra/dynamic/userProvider";
import {
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
  SEED_ADMIN_EMAIL,
  SEED_ADMIN_ID,
} from "../../../standins/action1/seed";
import { lastAdminMessage, providerTestKit } from "../../helpers/action1Providers";

const kit = providerTestKit();
const { useOkta, createUser, createGrant, inputs, writes } = kit;

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const okToPassword = (email: string) =>
  `signIn of ${email} cannot change from "okta" to "password": that would delete the Action1 ` +
  "user before a replacement exists (the provider never creates password users). Keep signIn " +
  '"okta" for now; to move the user, make it a password user in the Action1 console, then ' +
  "`pulumi state delete` this User's URN so the stack forgets it without deleting it, then " +
  '`pulumi up` with signIn "password"';
const passwordToOkta = (email: string) =>
  `signIn of ${email} cannot change from "password" to "okta": that would delete the Action1 ` +
  "user before a replacement exists (the provider never creates password users). Keep signIn " +
  `"password" for now; to move the user, run \`npm run migrate-users -- --users ${email} ` +
  "--apply` (moves the user to Okta, keeping its roles), then `pulumi refresh` so the stack " +
  'forgets the old password user, then `pulumi up` with signIn "okta"';

describe("User provider check/diff", () => {
  it("lists every bad input at once and refuses API users", async () => {
    const res = await users.check(
      {} as UserInputs,
      {
        apiBaseUrl: kit.a1.apiBaseUrl,
        email: "not-an-email",
        signIn: "sso",
        userType: "API",
      } as unknown as UserInputs,
    );
    expect(res.failures).toEqual([
      {
        property: "email",
        reason: 'email "not-an-email" is not an email address; use name@domain',
      },
      { property: "signIn", reason: 'signIn "sso" is not allowed; use "okta" or "password"' },
      {
        property: "userType",
        reason:
          'userType "API" is not allowed: the provider manages interactive users only ' +
          '("Interactive"); create API credentials in the console',
      },
    ]);
  });

  it("defaults userType and enabled", async () => {
    const res = await users.check(
      {} as UserInputs,
      {
        apiBaseUrl: kit.a1.apiBaseUrl,
        email: " a@example.invalid ",
        signIn: "okta",
      } as UserInputs,
    );
    expect(res).toEqual({
      inputs: {
        apiBaseUrl: kit.a1.apiBaseUrl,
        email: "a@example.invalid",
        signIn: "okta",
        userType: "Interactive",
        enabled: true,
      },
    });
  });

  it("replaces on another address or sign-in, updates on case, names and enabled", async () => {
    const olds = { ...inputs(), userId: "u1", identityProvider: "Okta" };
    expect(await users.diff("u1", olds, inputs({ email: "ann@example.INVALID" }))).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
      stables: ["userId"],
    });
    expect(await users.diff("u1", olds, inputs())).toMatchObject({ changes: false });
    expect(await users.diff("u1", olds, inputs({ enabled: false }))).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(await users.diff("u1", olds, inputs({ email: "bob@example.invalid" }))).toMatchObject({
      replaces: ["email"],
      deleteBeforeReplace: false,
    });
    await expect(users.diff("u1", olds, inputs({ signIn: "password" }))).rejects.toThrow(
      okToPassword("Ann@Example.invalid"),
    );
  });
});

describe("User provider against the local Action1", () => {
  it("takes the credentials from configure (stack config) before the environment", async () => {
    useOkta();
    process.env.ACTION1_CLIENT_SECRET = "fake-wrong-secret-not-a-real-secret";
    const asked: string[] = [];
    await users.configure({
      config: {
        get: (key: string) => {
          asked.push(key);
          return key.endsWith("action1ClientId") ? FAKE_CLIENT_ID : FAKE_CLIENT_SECRET;
        },
        require: () => "",
      },
    });
    const { outs } = await createUser(inputs());
    expect(outs.identityProvider).toBe("Okta");
    expect(asked).toEqual([
      "action1-okta-sso:action1ClientId",
      "action1-okta-sso:action1ClientSecret",
    ]);
    const token = kit.a1.requests.find((r) => r.path === "/oauth2/token");
    expect(token?.body).toEqual({ client_id: FAKE_CLIENT_ID, client_secret: FAKE_CLIENT_SECRET });
  });

  it("invites an SSO user once the identity provider is Okta", async () => {
    useOkta();
    const { id, outs } = await createUser(inputs());
    expect(outs).toEqual({ ...inputs(), userId: id, identityProvider: "Okta" });
    expect(writes()).toEqual([
      `POST /users {"email":"Ann@Example.invalid","first_name":"Ann","last_name":"Okta"}`,
    ]);
    expect(kit.a1.state.users.get(id)?.identity_provider).toBe("Okta");
  });

  it("refuses to invite while the identity provider is not Okta", async () => {
    await expect(createUser(inputs())).rejects.toThrow(
      "Ann@Example.invalid: the enterprise identity provider is not set (Action1), so a new user " +
        "would sign in with a password. Create the Okta identity provider first (declare the " +
        "user with dependsOn the IdentityProvider resource)",
    );
    expect(writes()).toEqual([]);
  });

  it("refuses an okta user whose address is still a password user", async () => {
    useOkta();
    await expect(createUser(inputs({ email: SEED_ADMIN_EMAIL }))).rejects.toThrow(
      `${SEED_ADMIN_EMAIL} already exists as an Action1 password user (${SEED_ADMIN_ID}); move ` +
        "it to Okta with `npm run migrate-users -- --users <email>` first, or declare it with " +
        'signIn "password"',
    );
  });

  it("adopts the break-glass password account and never deletes it", async () => {
    const { id, outs } = await createUser(
      inputs({ email: SEED_ADMIN_EMAIL.toUpperCase(), signIn: "password" }),
    );
    expect(id).toBe(SEED_ADMIN_ID);
    expect(outs.identityProvider).toBe("Action1");
    await users.delete(id, outs);
    expect(writes()).toEqual([]);
    expect(kit.a1.state.users.get(SEED_ADMIN_ID)?.enabled).toBe("yes");
  });

  it("refuses to disable the last enabled interactive Enterprise Admin", async () => {
    const { id, outs } = await createUser(inputs({ email: SEED_ADMIN_EMAIL, signIn: "password" }));
    await expect(users.update(id, outs, { ...outs, enabled: false })).rejects.toThrow(
      lastAdminMessage(`disabling ${SEED_ADMIN_EMAIL}`, SEED_ADMIN_EMAIL),
    );
    expect(writes()).toEqual([]);
  });

  it("disables a user when another admin remains, and re-enables it", async () => {
    useOkta();
    const { id, outs } = await createUser(inputs());
    const off = await users.update(id, outs, { ...outs, enabled: false });
    expect(off.outs?.enabled).toBe(false);
    const on = await users.update(id, off.outs ?? outs, { ...outs, enabled: true });
    expect(on.outs?.enabled).toBe(true);
    expect(writes().slice(1)).toEqual([
      `PATCH /users/${id} {"enabled":"no"}`,
      `PATCH /users/${id} {"enabled":"yes"}`,
    ]);
  });

  it("refuses to delete the last admin, naming it; deletes once another admin exists", async () => {
    useOkta();
    const ann = await createUser(inputs());
    const grant = await createGrant({
      apiBaseUrl: kit.a1.apiBaseUrl,
      userId: ann.id,
      email: "ann@example.invalid",
      role: "Enterprise Admin",
    });
    // Someone disables the initial admin in the console: Ann is the last one now.
    kit.a1.state.updateUser(SEED_ADMIN_ID, { enabled: "no" }, "console");
    await expect(users.delete(ann.id, ann.outs)).rejects.toThrow(
      lastAdminMessage("deleting Ann@Example.invalid", "Ann@Example.invalid"),
    );
    await expect(roles.delete(grant.id, grant.outs)).rejects.toThrow(
      lastAdminMessage(
        "removing the Enterprise Admin role from ann@example.invalid",
        "Ann@Example.invalid",
      ),
    );
    expect(kit.a1.state.members.get("enterprise_admin")?.has(ann.id)).toBe(true);
    kit.a1.state.updateUser(SEED_ADMIN_ID, { enabled: "yes" }, "console");
    await roles.delete(grant.id, grant.outs);
    await users.delete(ann.id, ann.outs);
    expect(writes().slice(-2)).toEqual([
      `DELETE /roles/enterprise_admin/users/${ann.id}`,
      `DELETE /users/${ann.id}`,
    ]);
    expect(
      kit.a1.timeline.every(
        (t) => t.enabledInteractiveEnterpriseAdmins > 0 || t.actor === "console",
      ),
    ).toBe(true);
  });

  it("reads a user, and reports it gone after a delete in the console", async () => {
    useOkta();
    const { id, outs } = await createUser(inputs());
    const read = await users.read(id, outs);
    expect(read.props).toEqual(outs);
    kit.a1.state.softDeleteUser(id, "console");
    expect(await users.read(id, outs)).toEqual({});
  });
});

describe("User provider: no signIn replacement, unknowns in preview", () => {
  it("check refuses a signIn change of an existing user, both ways, naming the way out", async () => {
    const o = inputs();
    expect((await users.check(o, inputs({ signIn: "password" }))).failures).toEqual([
      { property: "signIn", reason: okToPassword("Ann@Example.invalid") },
    ]);
    const p = inputs({ email: SEED_ADMIN_EMAIL, signIn: "password" });
    expect((await users.check(p, { ...p, signIn: "okta" })).failures).toEqual([
      { property: "signIn", reason: passwordToOkta(SEED_ADMIN_EMAIL) },
    ]);
    // A new user (no olds) may be declared with either sign-in.
    expect((await users.check({} as UserInputs, p)).failures).toBeUndefined();
  });

  it("diff refuses a signIn change instead of planning a delete-before-replace", async () => {
    const olds = { ...inputs({ email: SEED_ADMIN_EMAIL, signIn: "password" as const }) };
    const outs = { ...olds, userId: SEED_ADMIN_ID, identityProvider: "Action1" };
    await expect(users.diff(SEED_ADMIN_ID, outs, { ...olds, signIn: "okta" })).rejects.toThrow(
      passwordToOkta(SEED_ADMIN_EMAIL),
    );
    expect(kit.a1.state.users.get(SEED_ADMIN_ID)?.email).toBe(SEED_ADMIN_EMAIL);
  });

  it("an email change creates first and never deletes the last admin", async () => {
    useOkta();
    const ann = await createUser(inputs());
    await createGrant({
      apiBaseUrl: kit.a1.apiBaseUrl,
      userId: ann.id,
      email: "ann@example.invalid",
      role: "Enterprise Admin",
    });
    kit.a1.state.updateUser(SEED_ADMIN_ID, { enabled: "no" }, "console");
    const d = await users.diff(ann.id, ann.outs, inputs({ email: "ann.new@example.invalid" }));
    expect(d).toEqual({
      changes: true,
      replaces: ["email"],
      deleteBeforeReplace: false,
      stables: [],
    });
    // The engine creates the new user, then deletes the old one: refused, Ann is the last admin.
    await createUser(inputs({ email: "ann.new@example.invalid" }));
    await expect(users.delete(ann.id, ann.outs)).rejects.toThrow(
      lastAdminMessage("deleting Ann@Example.invalid", "Ann@Example.invalid"),
    );
    expect(kit.a1.state.users.get(ann.id)?.enabled).toBe("yes");
  });

  it("check accepts values unknown during preview without validating them", async () => {
    const res = await users.check(inputs(), {
      apiBaseUrl: UNKNOWN,
      email: UNKNOWN,
      signIn: UNKNOWN,
      enabled: UNKNOWN,
      firstName: UNKNOWN,
    } as unknown as UserInputs);
    expect(res.failures).toBeUndefined();
    expect(res.inputs).toMatchObject({ email: UNKNOWN, signIn: UNKNOWN, enabled: UNKNOWN });
  });
});

describe("User provider: guarded writes are serialized per enterprise", () => {
  const BOB = {
    id: "00000000-0000-4000-8000-00000000bb02",
    email: "bob@example.invalid",
  };
  beforeEach(() => {
    useOkta();
    const admin = kit.a1.state.users.get(SEED_ADMIN_ID);
    if (!admin) throw new Error("the seed has no initial admin");
    kit.a1.state.users.set(BOB.id, {
      ...admin,
      id: BOB.id,
      email: BOB.email,
      identity_provider: "Okta",
    });
    kit.a1.state.members.get("enterprise_admin")?.add(BOB.id);
  });

  it("two parallel disables of the only two admins: one succeeds, one is refused", async () => {
    expect(kit.a1.enabledInteractiveEnterpriseAdmins()).toBe(2);
    const admin = {
      ...inputs({ email: SEED_ADMIN_EMAIL, signIn: "password", firstName: undefined }),
      userId: SEED_ADMIN_ID,
      identityProvider: "Action1",
    };
    const bob = {
      ...inputs({ email: BOB.email, firstName: undefined, lastName: undefined }),
      userId: BOB.id,
      identityProvider: "Okta",
    };
    const res = await Promise.allSettled([
      users.update(SEED_ADMIN_ID, admin, { ...admin, enabled: false }),
      users.update(BOB.id, bob, { ...bob, enabled: false }),
    ]);
    expect(res.map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
    expect(String((res[1] as PromiseRejectedResult).reason)).toBe(
      `LastAdminError: ${lastAdminMessage(`disabling ${BOB.email}`, BOB.email)}`,
    );
    expect(kit.a1.minEnabledInteractiveEnterpriseAdmins()).toBe(1);
    expect(kit.a1.enabledInteractiveEnterpriseAdmins()).toBe(1);
  });

  it("two parallel deletes of the only two admins: one succeeds, one is refused", async () => {
    const bob = { ...inputs({ email: BOB.email }), userId: BOB.id, identityProvider: "Okta" };
    const ann = await createUser(inputs());
    kit.a1.state.members.get("enterprise_admin")?.add(ann.id);
    kit.a1.state.updateUser(SEED_ADMIN_ID, { enabled: "no" }, "console");
    const before = kit.a1.timeline.length;
    const res = await Promise.allSettled([
      users.delete(BOB.id, bob),
      users.delete(ann.id, ann.outs),
    ]);
    expect(res.map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
    expect(String((res[1] as PromiseRejectedResult).reason)).toBe(
      `LastAdminError: ${lastAdminMessage("deleting Ann@Example.invalid", "Ann@Example.invalid")}`,
    );
    expect(kit.a1.timeline.slice(before).map((t) => t.enabledInteractiveEnterpriseAdmins)).toEqual([
      1,
    ]);
  });

  it("create with enabled:false adopting the last admin is refused (guarded)", async () => {
    kit.a1.state.updateUser(BOB.id, { enabled: "no" }, "console");
    await expect(
      createUser(inputs({ email: SEED_ADMIN_EMAIL, signIn: "password", enabled: false })),
    ).rejects.toThrow(lastAdminMessage(`disabling ${SEED_ADMIN_EMAIL}`, SEED_ADMIN_EMAIL));
    expect(writes()).toEqual([]);
    expect(kit.a1.enabledInteractiveEnterpriseAdmins()).toBe(1);
  });

  it("create with enabled:false adopts and disables when another admin remains", async () => {
    const { outs } = await createUser(
      inputs({ email: SEED_ADMIN_EMAIL, signIn: "password", enabled: false }),
    );
    expect(outs.enabled).toBe(false);
    expect(writes()).toEqual([`PATCH /users/${SEED_ADMIN_ID} {"enabled":"no"}`]);
  });
});
