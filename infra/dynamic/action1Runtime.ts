/**
 * Shared run-time pieces of the user and role-assignment providers: the Action1 API credentials
 * (from the dynamic provider's `configure`, else the environment) and a client per API base URL.
 * Loaded through `loadRuntime`, never serialized into state.
 */
import type { ConfigureRequest } from "@pulumi/pulumi/dynamic";
import { type AdminReader, toAdminCandidate } from "../action1/adminGuard";
import { Action1Client } from "../action1/client";

const CLIENT_ID_KEY = "action1-okta-sso:action1ClientId";
const CLIENT_SECRET_KEY = "action1-okta-sso:action1ClientSecret";

let configured: { clientId?: string; clientSecret?: string } | undefined;
const clients = new Map<string, Action1Client>();

/** Called from each provider's `configure`: keeps the credentials in this process only. */
export function configureCredentials(req: ConfigureRequest): void {
  configured = {
    clientId: req.config.get(CLIENT_ID_KEY),
    clientSecret: req.config.get(CLIENT_SECRET_KEY),
  };
  clients.clear();
}

/** Forgets configured credentials and cached clients (tests). */
export function resetRuntime(): void {
  configured = undefined;
  clients.clear();
}

export function clientFor(apiBaseUrl: string): Action1Client {
  const existing = clients.get(apiBaseUrl);
  if (existing) return existing;
  const clientId = configured?.clientId || process.env.ACTION1_CLIENT_ID || "";
  const clientSecret = configured?.clientSecret || process.env.ACTION1_CLIENT_SECRET || "";
  const client = new Action1Client({ apiBaseUrl, clientId, clientSecret });
  clients.set(apiBaseUrl, client);
  return client;
}

/** The adminGuard's view of a client. */
export function adminReader(client: Action1Client): AdminReader {
  return {
    listRoles: async () => (await client.listRoles()).map((r) => ({ id: r.id, name: r.name })),
    listRoleMembers: async (roleId) => (await client.listRoleUsers(roleId)).map(toAdminCandidate),
  };
}
