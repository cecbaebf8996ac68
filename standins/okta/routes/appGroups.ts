import { notFound, OktaApiError } from "../errors";
import { type Ctx, noContent, ok, paginate, type Route } from "../router";
import type { Json } from "../state";
import { requireApp, requireGroup } from "./common";

/** App group assignments: list, and PUT/GET/DELETE of one (the plugin's GroupAssignment). */
function putAppGroup(ctx: Ctx) {
  const { state } = ctx;
  const app = requireApp(state, ctx.params.appId ?? "");
  const groupId = ctx.params.groupId ?? "";
  requireGroup(state, groupId);
  if (app.app.status !== "ACTIVE") {
    // Okta answers 404 for a group assignment to an INACTIVE app.
    throw notFound(String(app.app.id), "AppInstance");
  }
  const settings = (app.app.settings ?? {}) as Json;
  if (settings.implicitAssignment === true) {
    throw new OktaApiError(400, "E0000001", "Api validation failed: groupAssignment", [
      "Groups cannot be assigned to an app with implicit assignment (Federation Broker Mode) " +
        "enabled. Turn settings.implicitAssignment off to assign groups.",
    ]);
  }
  const body =
    ctx.body !== null && typeof ctx.body === "object" && !Array.isArray(ctx.body)
      ? (ctx.body as Json)
      : {};
  const existing = app.groups.get(groupId);
  const priority =
    typeof body.priority === "number"
      ? body.priority
      : (existing?.priority ?? app.groups.size - (existing ? 1 : 0));
  const record = {
    lastUpdated: state.now(),
    priority,
    profile: (body.profile as Json | undefined) ?? existing?.profile ?? {},
  };
  app.groups.set(groupId, record);
  return ok(state.appGroupJson(app, groupId, record));
}

function getAppGroup(ctx: Ctx) {
  const app = requireApp(ctx.state, ctx.params.appId ?? "");
  const groupId = ctx.params.groupId ?? "";
  const record = app.groups.get(groupId);
  if (!record) throw notFound(groupId, "ApplicationGroupAssignment");
  return ok(ctx.state.appGroupJson(app, groupId, record));
}

function deleteAppGroup(ctx: Ctx) {
  const app = requireApp(ctx.state, ctx.params.appId ?? "");
  const groupId = ctx.params.groupId ?? "";
  if (!app.groups.delete(groupId)) throw notFound(groupId, "ApplicationGroupAssignment");
  return noContent();
}

function listAppGroups(ctx: Ctx) {
  const app = requireApp(ctx.state, ctx.params.appId ?? "");
  const items = [...app.groups.entries()].map(([id, r]) => ctx.state.appGroupJson(app, id, r));
  return paginate(ctx, items, (g) => String(g.id));
}

export const appGroupRoutes: Route[] = [
  { method: "GET", pattern: "/api/v1/apps/:appId/groups", handler: listAppGroups },
  { method: "GET", pattern: "/api/v1/apps/:appId/groups/:groupId", handler: getAppGroup },
  { method: "PUT", pattern: "/api/v1/apps/:appId/groups/:groupId", handler: putAppGroup },
  { method: "DELETE", pattern: "/api/v1/apps/:appId/groups/:groupId", handler: deleteAppGroup },
];
