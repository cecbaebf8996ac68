import * as okta from "@pulumi/okta";
import * as pulumi from "@pulumi/pulumi";

export interface AssignedGroup {
  readonly name: string;
  readonly id: string;
}

/**
 * Looks up one Okta group by its exact name.
 *
 * `okta.group.getGroup` is an Okta `q=` prefix search: an exact hit wins, several prefix hits
 * fail with "group starting with name … matches N groups", and a single *partial* hit is
 * returned with only a warning. So the result's name is checked here, and every failure is
 * rethrown as one clear error that names the group and the fix.
 *
 * Limitation: when Okta holds two groups with exactly this name (an Okta group and an
 * AD-sourced one, say), the provider returns one of them and this check cannot tell.
 */
export async function findGroupByExactName(
  name: string,
  stack: string,
  opts?: pulumi.InvokeOptions,
): Promise<AssignedGroup> {
  const fix = `create the group in Okta, or fix its name under groups in Pulumi.${stack}.yaml`;
  let found: okta.group.GetGroupResult;
  try {
    found = await okta.group.getGroup({ name }, opts);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const ambiguous = /matches \d+ groups/.test(reason);
    throw new Error(
      ambiguous
        ? `Okta group "${name}" is ambiguous: no group has exactly this name and several start ` +
            `with it${because(reason)}. Fix: use the exact name of one group in ` +
            `Pulumi.${stack}.yaml.`
        : `Okta group "${name}" was not found${because(reason)}. Fix: ${fix}.`,
    );
  }
  if (found.name !== name) {
    throw new Error(
      `Okta group "${name}" was not found: the only group starting with that name is ` +
        `"${found.name}", and names must match exactly. Fix: ${fix}.`,
    );
  }
  return { name: found.name, id: found.id };
}

/** ` (first line of the reason)`, or nothing when the reason is empty. */
function because(text: string): string {
  const line = (text.split("\n")[0] ?? "").trim();
  return line === "" ? "" : ` (${line})`;
}

export interface GroupAssignments {
  /** In config order. */
  readonly groups: pulumi.Output<AssignedGroup[]>;
  readonly assignments: readonly okta.app.GroupAssignment[];
}

/**
 * One `okta.app.GroupAssignment` per configured group (not the authoritative
 * `AppGroupAssignments`, which fights other assignments). `priority` is left to Okta, which
 * renumbers it, and ignored in diffs.
 */
export function assignGroups(
  appId: pulumi.Input<string>,
  names: readonly string[],
  stack: string,
  opts?: pulumi.CustomResourceOptions,
): GroupAssignments {
  const lookups = names.map((name) => pulumi.output(findGroupByExactName(name, stack)));
  const assignments = names.map(
    (name, i) =>
      new okta.app.GroupAssignment(
        `action1-group:${name}`,
        { appId, groupId: (lookups[i] as pulumi.Output<AssignedGroup>).id },
        { ...opts, ignoreChanges: ["priority"] },
      ),
  );
  return { groups: pulumi.all(lookups), assignments };
}
