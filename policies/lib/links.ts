/**
 * How resources in a stack relate. The engine records, per input property, the resources its
 * value came from (`propertyDependencies`); that is the reliable link during preview, when ids and
 * client ids are still unknown. A known id that matches is accepted too.
 */
import type { PolicyResource } from "@pulumi/policy";
import { readString } from "./known";
import { TOKENS } from "./tokens";

export function ofType(resources: readonly PolicyResource[], type: string): PolicyResource[] {
  return resources.filter((r) => r.type === type);
}

/** The resources the value of `prop` came from. */
export function sourcesOf(r: PolicyResource, prop: string): readonly PolicyResource[] {
  return r.propertyDependencies?.[prop] ?? [];
}

/** The Okta apps an identity provider takes its clientId from; every app when none is linked. */
export function appsFor(
  idp: PolicyResource,
  resources: readonly PolicyResource[],
): PolicyResource[] {
  const linked = sourcesOf(idp, "clientId").filter((s) => s.type === TOKENS.oktaApp);
  return linked.length > 0 ? [...linked] : ofType(resources, TOKENS.oktaApp);
}

/** True when a group assignment's appId comes from `app` (by dependency or by a known id). */
export function assignsTo(assignment: PolicyResource, app: PolicyResource): boolean {
  if (sourcesOf(assignment, "appId").some((s) => s.urn === app.urn)) {
    return true;
  }
  const appId = readString(() => assignment.props.appId);
  const id = readString(() => app.props.id);
  return typeof appId === "string" && typeof id === "string" && appId === id;
}

/** The group assignments that belong to `app`. */
export function groupAssignmentsOf(
  app: PolicyResource,
  resources: readonly PolicyResource[],
): PolicyResource[] {
  return ofType(resources, TOKENS.oktaGroupAssignment).filter((g) => assignsTo(g, app));
}

/** True when some group assignment cannot be tied to an app yet (unknown appId, no dependency). */
export function someAssignmentUnresolved(resources: readonly PolicyResource[]): boolean {
  return ofType(resources, TOKENS.oktaGroupAssignment).some(
    (g) =>
      sourcesOf(g, "appId").length === 0 && typeof readString(() => g.props.appId) !== "string",
  );
}
