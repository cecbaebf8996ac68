/**
 * A migration world for tests and the benchmark: the local Action1 (identity provider already
 * Okta, a break-glass password admin, password users with roles) and the local Okta (the same
 * people, assigned to the Action1 app through a group).
 */
import { Action1Client } from "../../../infra/action1/client";
import { encodeIdpValue, IDP_SCOPE, IDP_TEMPLATE_ID } from "../../../infra/action1/idpSetting";
import { checkAppAccess } from "../../../infra/oktaApi/access";
import { OktaClient } from "../../../infra/oktaApi/client";
import { action1ForMigration } from "../../../scripts/migration/action1Adapter";
import type { MigrationAction1, MigrationOkta } from "../../../scripts/migration/ports";
import {
  defaultSeed,
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
  SEED_ADMIN_EMAIL,
  type SeedUser,
} from "../../../standins/action1/seed";
import { type LocalAction1, startLocalAction1 } from "../../../standins/action1/server";
import { defaultOktaSeed, FAKE_OKTA_API_TOKEN } from "../../../standins/okta/seed";
import { type LocalOkta, startLocalOkta } from "../../../standins/okta/server";

export const APP_ID = "0oafakeaction1app0001";
export const HELPDESK = { id: "5d1c7f0e-4444-4c3a-9d7e-000000000004", name: "Helpdesk" };
export const BREAK_GLASS = SEED_ADMIN_EMAIL;

export interface PersonSpec {
  email: string;
  roles: string[];
  /** Okta status (default ACTIVE); "missing" leaves the user out of Okta. */
  okta?: "ACTIVE" | "SUSPENDED" | "missing" | "unassigned";
}

export interface World {
  a1: LocalAction1;
  okta: LocalOkta;
  client: Action1Client;
  action1: MigrationAction1;
  oktaPort: MigrationOkta;
  /** Ids of the password users created from the specs, by lower-case email. */
  ids: Map<string, string>;
  close(): Promise<void>;
}

export async function startWorld(
  people: PersonSpec[],
  opts: { maxRetries?: number; tokenTtlSeconds?: number; pageSize?: number } = {},
): Promise<World> {
  const seed = defaultSeed();
  seed.roles.push({ ...HELPDESK, description: "custom role" });
  const ids = new Map<string, string>();
  people.forEach((p, i) => {
    const id = `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`;
    ids.set(p.email.toLowerCase(), id);
    const user: SeedUser = {
      id,
      email: p.email,
      first_name: `First${i}`,
      last_name: `Last${i}`,
      user_type: "Interactive",
      enabled: "yes",
      identity_provider: "Action1",
      password: "Fake-password-9-not-real",
      roles: p.roles,
    };
    seed.users.push(user);
  });
  const a1 = await startLocalAction1({ seed, tokenTtlSeconds: opts.tokenTtlSeconds });
  a1.state.createSetting(
    IDP_TEMPLATE_ID,
    encodeIdpValue({
      provider: "Okta",
      clientId: "fake-okta-client-id",
      clientSecret: "fake-okta-client-secret-not-a-real-secret",
      issuerUri: "https://sandbox-example.okta.invalid",
    }),
    [...IDP_SCOPE],
    "console",
  );

  const oktaSeed = defaultOktaSeed();
  const inOkta = people.filter((p) => p.okta !== "missing");
  for (const p of inOkta) {
    oktaSeed.users.push({
      login: p.email.toLowerCase(),
      firstName: "F",
      lastName: "L",
      status: p.okta === "SUSPENDED" ? "SUSPENDED" : "ACTIVE",
    });
  }
  oktaSeed.groups.push({
    name: "Action1 Migrated",
    members: inOkta.filter((p) => p.okta !== "unassigned").map((p) => p.email.toLowerCase()),
  });
  oktaSeed.apps.push({ id: APP_ID, label: "Action1", groups: ["Action1 Migrated"] });
  const okta = await startLocalOkta({ seed: oktaSeed });

  const client = new Action1Client({
    apiBaseUrl: a1.apiBaseUrl,
    clientId: FAKE_CLIENT_ID,
    clientSecret: FAKE_CLIENT_SECRET,
    initialDelayMs: 5,
    maxDelayMs: 40,
    maxRetries: opts.maxRetries ?? 6,
    timeoutMs: 5_000,
    pageSize: opts.pageSize,
  });
  const oktaClient = new OktaClient({
    orgUrl: okta.origin,
    apiToken: FAKE_OKTA_API_TOKEN,
    initialDelayMs: 5,
  });
  return {
    a1,
    okta,
    client,
    action1: action1ForMigration(client),
    oktaPort: { checkAccess: (email) => checkAppAccess(oktaClient, APP_ID, email) },
    ids,
    close: async () => {
      await a1.close();
      await okta.close();
    },
  };
}

/** Every role id the user with this email (enabled, case-insensitive) holds, sorted. */
export function rolesOf(world: World, userId: string): string[] {
  return [...world.a1.state.members.entries()]
    .filter(([, members]) => members.has(userId))
    .map(([roleId]) => roleId)
    .sort();
}

/** Enabled users with this email (case-insensitive). */
export function enabledWithEmail(world: World, email: string) {
  return [...world.a1.state.users.values()].filter(
    (u) => u.enabled === "yes" && u.email.toLowerCase() === email.toLowerCase(),
  );
}
