/**
 * Hand-made CrossGuard arguments for policy tests, shaped like what the policy server builds
 * (@pulumi/policy server.js): props behind `unknownCheckingProxy`, options with empty lists and
 * zero timeouts, violations collected instead of sent. Nothing here starts the pack's server.
 */
import type {
  EnforcementLevel,
  Policies,
  PolicyProviderResource,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { unknownCheckingProxy } from "@pulumi/policy";
import { secretsPreservingProxy } from "@pulumi/policy/secret";

/** The engine's marker for a value unknown during preview (any type is sent as this string). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const TEST_PROJECT = "action1-okta-sso";

export interface Violation {
  message: string;
  urn?: string;
}

export interface Outcome {
  violations: Violation[];
  /** The reason given to `notApplicable`, when the policy skipped. */
  notApplicable?: string;
}

export function urnOf(type: string, name: string, stack = "na"): string {
  return `urn:pulumi:${stack}::${TEST_PROJECT}::${type}::${name}`;
}

export function options(overrides: Partial<PolicyResourceOptions> = {}): PolicyResourceOptions {
  return {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    additionalSecretOutputs: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    ...overrides,
  };
}

class NotApplicable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

function notApplicable(reason?: string): never {
  throw new NotApplicable(reason ?? "not applicable");
}

/** What a resource in a stack looks like before links are resolved. */
export interface ResourceSpec {
  type: string;
  name: string;
  props: Record<string, unknown>;
  opts?: Partial<PolicyResourceOptions>;
  provider?: PolicyProviderResource;
  /** The stack in the URN. @default "na" */
  stack?: string;
  /** Input property -> names of the resources (in the same stack) its value came from. */
  dependsOn?: Record<string, string[]>;
}

export function resourceArgs(
  spec: ResourceSpec,
  config: object = {},
  raw?: Record<string, unknown>,
): ResourceValidationArgs {
  const props = unknownCheckingProxy(raw ?? spec.props) as Record<string, unknown>;
  return {
    type: spec.type,
    name: spec.name,
    urn: urnOf(spec.type, spec.name, spec.stack),
    props,
    opts: options(spec.opts),
    provider: spec.provider,
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => config as T,
    notApplicable,
  };
}

/** Resources as `validateStack` gets them, with propertyDependencies resolved by name. */
export function stackResources(specs: readonly ResourceSpec[]): PolicyResource[] {
  const built = specs.map(
    (s): PolicyResource => ({
      type: s.type,
      name: s.name,
      urn: urnOf(s.type, s.name, s.stack),
      props: unknownCheckingProxy(s.props) as Record<string, unknown>,
      opts: options(s.opts),
      provider: s.provider,
      dependencies: [],
      propertyDependencies: {},
      isType: () => false,
      asType: () => undefined,
    }),
  );
  const byName = new Map(built.map((r) => [r.name, r]));
  specs.forEach((s, i) => {
    const r = built[i] as PolicyResource;
    for (const [prop, names] of Object.entries(s.dependsOn ?? {})) {
      r.propertyDependencies[prop] = names.map((n) => {
        const dep = byName.get(n);
        if (!dep) {
          throw new Error(`test setup: ${s.name}.${prop} depends on unknown resource "${n}"`);
        }
        return dep;
      });
      for (const dep of r.propertyDependencies[prop] ?? []) {
        if (!r.dependencies.includes(dep)) {
          r.dependencies.push(dep);
        }
      }
    }
  });
  return built;
}

export function stackArgs(
  specs: readonly ResourceSpec[],
  config: object = {},
): StackValidationArgs {
  return {
    resources: stackResources(specs),
    stackTags: new Map(),
    getConfig: <T extends object>() => config as T,
    notApplicable,
  };
}

function collect(run: (report: (message: string, urn?: string) => void) => void): Outcome {
  const violations: Violation[] = [];
  try {
    run((message, urn) => violations.push(urn === undefined ? { message } : { message, urn }));
  } catch (e) {
    if (e instanceof NotApplicable) {
      return { violations, notApplicable: e.reason };
    }
    throw e;
  }
  return { violations };
}

/** Runs every validation of a resource policy (one function or an array, as the server does). */
export async function runResourcePolicy(
  policy: ResourceValidationPolicy,
  args: ResourceValidationArgs,
): Promise<Outcome> {
  const validations = policy.validateResource;
  const list = Array.isArray(validations) ? validations : validations ? [validations] : [];
  const violations: Violation[] = [];
  for (const validate of list) {
    const outcome = collect((report) => {
      validate(args, report);
    });
    violations.push(...outcome.violations);
    if (outcome.notApplicable !== undefined) {
      return { violations, notApplicable: outcome.notApplicable };
    }
  }
  return { violations };
}

export async function runStackPolicy(
  policy: StackValidationPolicy,
  args: StackValidationArgs,
): Promise<Outcome> {
  return collect((report) => {
    policy.validateStack(args, report);
  });
}

export const messages = (o: Outcome): string[] => o.violations.map((v) => v.message);

/** Props as `remediateResource` gets them: secrets still wrapped, behind both proxies. */
export function remediationProps(raw: Record<string, unknown>): Record<string, unknown> {
  return unknownCheckingProxy(secretsPreservingProxy(raw)) as Record<string, unknown>;
}

export interface PackViolation extends Violation {
  policy: string;
  level: EnforcementLevel;
}

type PackConfig = Record<
  string,
  EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)
>;

function isStackPolicy(p: Policies[number]): p is StackValidationPolicy {
  return "validateStack" in p;
}

/**
 * Runs a whole pack the way the policy server does: the level from config, else the policy's,
 * else the pack default; disabled policies skipped; resource policies per resource; each policy
 * gets its own config without `enforcementLevel`. Remediation is not applied here.
 */
export async function runPack(
  policies: Policies,
  specs: readonly ResourceSpec[],
  config: PackConfig = {},
  packLevel: EnforcementLevel = "advisory",
): Promise<PackViolation[]> {
  const found: PackViolation[] = [];
  for (const p of policies) {
    const entry = config[p.name];
    const configured = typeof entry === "string" ? entry : entry?.enforcementLevel;
    let level = configured ?? p.enforcementLevel ?? packLevel;
    if (level === "disabled") {
      continue;
    }
    level = level === "remediate" ? "mandatory" : level;
    const own = typeof entry === "object" ? { ...entry } : {};
    delete (own as { enforcementLevel?: unknown }).enforcementLevel;
    const outcomes = isStackPolicy(p)
      ? [await runStackPolicy(p, stackArgs(specs, own))]
      : await Promise.all(specs.map((s) => runResourcePolicy(p, resourceArgs(s, own))));
    for (const o of outcomes) {
      for (const v of o.violations) {
        found.push({ policy: p.name, level, ...v });
      }
    }
  }
  return found;
}
