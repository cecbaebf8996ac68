/**
 * Shared set-up for the Action1 dynamic-provider tests: a fresh local Action1 per test (with a
 * custom Helpdesk role), fake API credentials in the environment, and small helpers to create
 * users and grants through the providers and to read the writes the local Action1 received.
 */
import { encodeIdpValue, IDP_SCOPE, IDP_TEMPLATE_ID } from "../../infra/action1/idpSetting";
import { resetRuntime } from "../../infra/dynamic/action1Runtime";
import {
  type RoleAssignmentInputs,
  type RoleAssignmentOutputs,
  roleAssignmentProvider as roles,
} from "../../infra/dynamic/roleAssignmentProvider";
import {
  type UserInputs,
  type UserOutputs,
  userProvider as users,
} from "../../infra/dynamic/userProvider";
import { defaultSeed, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET } from "../../standins/action1/seed";
import { type LocalAction1, startLocalAction1 } from "../../standins/action1/server";

export const HELPDESK = { id: "5d1c7f0e-4444-4c3a-9d7e-000000000004", name: "Helpdesk" };

export const lastAdminMessage = (what: string, email: string) =>
  `refused: ${what} would leave the enterprise with no enabled interactive Enterprise Admin; ` +
  `${email} would be the last one. To proceed, first make another interactive user an enabled ` +
  "Enterprise Admin (keep a break-glass password admin), then retry.";

export interface ProviderTestKit {
  /** The local Action1 of the running test. */
  readonly a1: LocalAction1;
  /** Switches the local Action1's identity provider to Okta, as an admin would in the console. */
  useOkta(): void;
  createUser(i: UserInputs): Promise<{ id: string; outs: UserOutputs }>;
  createGrant(i: RoleAssignmentInputs): Promise<{ id: string; outs: RoleAssignmentOutputs }>;
  /** User inputs for Ann (an Okta user), with overrides. */
  inputs(over?: Partial<UserInputs>): UserInputs;
  /** Writes (non-GET, non-token) requests as "METHOD path body". */
  writes(): string[];
}

/** Registers beforeEach/afterEach in the calling test file and returns the kit. */
export function providerTestKit(): ProviderTestKit {
  let a1: LocalAction1 | undefined;
  beforeEach(async () => {
    const seed = defaultSeed();
    seed.roles.push({ ...HELPDESK, description: "custom" });
    a1 = await startLocalAction1({ seed });
    resetRuntime();
    process.env.ACTION1_CLIENT_ID = FAKE_CLIENT_ID;
    process.env.ACTION1_CLIENT_SECRET = FAKE_CLIENT_SECRET;
  });
  afterEach(async () => {
    await a1?.close();
    delete process.env.ACTION1_CLIENT_ID;
    delete process.env.ACTION1_CLIENT_SECRET;
  });
  const local = (): LocalAction1 => {
    if (!a1) throw new Error("the local Action1 runs only inside a test");
    return a1;
  };
  return {
    get a1() {
      return local();
    },
    useOkta: () =>
      local().state.createSetting(
        IDP_TEMPLATE_ID,
        encodeIdpValue({
          provider: "Okta",
          clientId: "fake-okta-client-id",
          clientSecret: "fake-okta-client-secret-not-a-real-secret",
          issuerUri: "https://sandbox-example.okta.invalid",
        }),
        [...IDP_SCOPE],
        "console",
      ),
    async createUser(i) {
      const { id, outs } = await users.create(i);
      if (!outs) throw new Error("create returned no outputs");
      return { id, outs };
    },
    async createGrant(i) {
      const { id, outs } = await roles.create(i);
      if (!outs) throw new Error("create returned no outputs");
      return { id, outs };
    },
    inputs: (over = {}) => ({
      apiBaseUrl: local().apiBaseUrl,
      email: "Ann@Example.invalid",
      signIn: "okta",
      userType: "Interactive",
      enabled: true,
      firstName: "Ann",
      lastName: "Okta",
      ...over,
    }),
    writes: () =>
      local()
        .requests.filter((r) => r.method !== "GET" && r.path !== "/oauth2/token")
        .map(
          (r) => `${r.method} ${r.path}${r.body === undefined ? "" : ` ${JSON.stringify(r.body)}`}`,
        ),
  };
}
