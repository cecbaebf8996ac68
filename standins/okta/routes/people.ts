import { notFound } from "../errors";
import { parseFilter } from "../filter";
import { type Ctx, noContent, objectBody, ok, paginate, type Route } from "../router";
import type { Json, UserRecord } from "../state";
import { requireApp, requireGroup, requireUser } from "./common";

/**
 * Users, groups and app assignments (users and groups) of the Management API: what the
 * migration reads, and the group assignments the Okta plugin manages.
 */
function listUsers(ctx: Ctx) {
  const { state, query } = ctx;
  let users = [...state.users.values()];
  const expression = query.get("search") ?? query.get("filter");
  if (expression) {
    const predicate = parseFilter(expression);
    users = users.filter((u) => predicate(state.userJson(u)));
  } else {
    // Without search or filter, Okta leaves DEPROVISIONED users out of the list.
    users = users.filter((u) => u.status !== "DEPROVISIONED");
  }
  const q = query.get("q")?.toLowerCase();
  if (q) {
    users = users.filter((u) =>
      [u.profile.firstName, u.profile.lastName, u.profile.email, u.profile.login].some((v) =>
        v.toLowerCase().startsWith(q),
      ),
    );
  }
  return paginate(
    ctx,
    users.map((u) => state.userJson(u)),
    (u) => String(u.id),
  );
}

function userGroups(ctx: Ctx) {
  const user = requireUser(ctx.state, ctx.params.id ?? "");
  const groups = [...ctx.state.groups.values()].filter((g) => g.members.has(user.id));
  return ok(groups.map((g) => ctx.state.groupJson(g)));
}

function listGroups(ctx: Ctx) {
  const { state, query } = ctx;
  let groups = [...state.groups.values()];
  const q = query.get("q")?.toLowerCase();
  if (q) groups = groups.filter((g) => g.profile.name.toLowerCase().startsWith(q));
  const expression = query.get("search") ?? query.get("filter");
  if (expression) {
    const predicate = parseFilter(expression);
    groups = groups.filter((g) => predicate(state.groupJson(g)));
  }
  return paginate(
    ctx,
    groups.map((g) => state.groupJson(g)),
    (g) => String(g.id),
  );
}

function groupUsers(ctx: Ctx) {
  const group = requireGroup(ctx.state, ctx.params.id ?? "");
  const users = [...group.members]
    .map((id) => ctx.state.users.get(id))
    .filter((u): u is UserRecord => u !== undefined);
  return paginate(
    ctx,
    users.map((u) => ctx.state.userJson(u)),
    (u) => String(u.id),
  );
}

function listAppUsers(ctx: Ctx) {
  const { state, query } = ctx;
  const app = requireApp(state, ctx.params.appId ?? "");
  let entries = state.effectiveAppUsers(app);
  const q = query.get("q")?.toLowerCase();
  if (q) {
    entries = entries.filter(({ user }) =>
      [user.profile.firstName, user.profile.lastName, user.profile.email, user.profile.login].some(
        (v) => v.toLowerCase().startsWith(q),
      ),
    );
  }
  return paginate(
    ctx,
    entries.map(({ user, scope }) => state.appUserJson(app, user, scope)),
    (a) => String(a.id),
  );
}

function getAppUser(ctx: Ctx) {
  const { state } = ctx;
  const app = requireApp(state, ctx.params.appId ?? "");
  const userId = ctx.params.userId ?? "";
  const entry = state.effectiveAppUsers(app).find(({ user }) => user.id === userId);
  if (!entry) {
    throw notFound(userId, "AppUser");
  }
  return ok(state.appUserJson(app, entry.user, entry.scope));
}

function assignAppUser(ctx: Ctx) {
  const { state } = ctx;
  const app = requireApp(state, ctx.params.appId ?? "");
  const body = objectBody(ctx, "AppUser");
  const user = requireUser(state, String(body.id ?? ""));
  const credentials = (body.credentials ?? {}) as Json;
  const at = state.now();
  const existing = app.users.get(user.id);
  app.users.set(user.id, {
    created: existing?.created ?? at,
    lastUpdated: at,
    userName: typeof credentials.userName === "string" ? credentials.userName : user.profile.login,
    profile: (body.profile as Json | undefined) ?? {},
  });
  return ok(state.appUserJson(app, user, "USER"));
}

function unassignAppUser(ctx: Ctx) {
  const app = requireApp(ctx.state, ctx.params.appId ?? "");
  const userId = ctx.params.userId ?? "";
  if (!app.users.delete(userId)) {
    throw notFound(userId, "AppUser");
  }
  return noContent();
}

export const peopleRoutes: Route[] = [
  { method: "GET", pattern: "/api/v1/users", handler: listUsers },
  {
    method: "GET",
    pattern: "/api/v1/users/:id",
    handler: (ctx) => {
      const id = ctx.params.id === "me" ? ctx.callerId : (ctx.params.id ?? "");
      return ok(ctx.state.userJson(requireUser(ctx.state, id)));
    },
  },
  { method: "GET", pattern: "/api/v1/users/:id/groups", handler: userGroups },
  { method: "GET", pattern: "/api/v1/groups", handler: listGroups },
  {
    method: "GET",
    pattern: "/api/v1/groups/:id",
    handler: (ctx) => ok(ctx.state.groupJson(requireGroup(ctx.state, ctx.params.id ?? ""))),
  },
  { method: "GET", pattern: "/api/v1/groups/:id/users", handler: groupUsers },
  { method: "GET", pattern: "/api/v1/apps/:appId/users", handler: listAppUsers },
  { method: "POST", pattern: "/api/v1/apps/:appId/users", handler: assignAppUser },
  { method: "GET", pattern: "/api/v1/apps/:appId/users/:userId", handler: getAppUser },
  { method: "DELETE", pattern: "/api/v1/apps/:appId/users/:userId", handler: unassignAppUser },
];
