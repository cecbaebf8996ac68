import { notFound } from "../errors";
import type { AppRecord, GroupRecord, OktaState, UserRecord } from "../state";

/** Lookups shared by the route modules: each throws Okta's 404 when the id is unknown. */
export function requireApp(state: OktaState, appId: string): AppRecord {
  const app = state.apps.get(appId);
  if (!app) throw notFound(appId, "AppInstance");
  return app;
}

export function requireUser(state: OktaState, idOrLogin: string): UserRecord {
  const user = state.findUser(idOrLogin);
  if (!user) throw notFound(idOrLogin, "User");
  return user;
}

export function requireGroup(state: OktaState, groupId: string): GroupRecord {
  const group = state.groups.get(groupId);
  if (!group) throw notFound(groupId, "UserGroup");
  return group;
}
