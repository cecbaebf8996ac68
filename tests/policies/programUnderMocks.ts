/**
 * Runs a Pulumi program under mocks and turns what it registers into the resources a policy sees
 * (`ResourceSpec`s for tests/policies/helpers.ts), so the whole pack can be fed the shipped stacks.
 *
 * Mocks give `newResource` only the inputs, so this also wraps the SDK's `registerResource` in
 * the same isolated module registry to record each resource's options (protect,
 * additionalSecretOutputs) and, from the Outputs in its inputs, the resources each input came
 * from: the engine's `propertyDependencies`. Props are the inputs plus the mock's state, as
 * `validateStack` would see the outputs of a create. Okta resources get the Okta provider's props
 * from config, as the engine's default provider would carry them.
 */
import * as path from "node:path";
import type * as PulumiModule from "@pulumi/pulumi";
import type { ResourceSpec } from "./helpers";

const ROOT = path.resolve(__dirname, "..", "..");
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

export interface CaptureOptions {
  /** Program module, relative to the project root. */
  readonly program: string;
  readonly stack: string;
  readonly config: Record<string, string>;
  readonly secretKeys?: readonly string[];
  readonly invoke?: (token: string, inputs: Record<string, unknown>) => Record<string, unknown>;
  readonly state?: (
    type: string,
    name: string,
    inputs: Record<string, unknown>,
  ) => Record<string, unknown> | undefined;
}

interface Registration {
  readonly res: object;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly props: Record<string, unknown>;
  readonly protect: boolean;
  readonly additionalSecretOutputs: string[];
}

type RegisterResource = (
  res: object,
  parent: unknown,
  t: string,
  name: string,
  custom: boolean,
  remote: boolean,
  newDependency: unknown,
  props: Record<string, unknown> | undefined,
  opts: { protect?: boolean; additionalSecretOutputs?: string[] },
  ...rest: unknown[]
) => void;

/** Deep plain copy with the secret wire form unwrapped. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(plain);
  }
  if (value && typeof value === "object") {
    if (SECRET_SIG in value) {
      return plain((value as unknown as { value: unknown }).value);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** Every resource an input value (an Output, or a list or map holding Outputs) came from. */
async function sourcesOf(pulumi: typeof PulumiModule, value: unknown): Promise<object[]> {
  if (pulumi.Output.isInstance(value)) {
    const out = value as unknown as {
      allResources?: () => Promise<Set<object>>;
      resources: () => Set<object>;
    };
    return [...(out.allResources ? await out.allResources() : out.resources())];
  }
  if (Array.isArray(value)) {
    return (await Promise.all(value.map((v) => sourcesOf(pulumi, v)))).flat();
  }
  if (value && typeof value === "object" && !pulumi.Resource.isInstance(value)) {
    return (await Promise.all(Object.values(value).map((v) => sourcesOf(pulumi, v)))).flat();
  }
  return [];
}

export async function captureProgram(opts: CaptureOptions): Promise<ResourceSpec[]> {
  const registrations: Registration[] = [];
  const outputs = new Map<string, Record<string, unknown>>();
  let pulumi: typeof PulumiModule | undefined;
  let loadError: unknown;
  await jest.isolateModulesAsync(async () => {
    pulumi = require("@pulumi/pulumi") as typeof PulumiModule;
    const runtime = require("@pulumi/pulumi/runtime/resource") as {
      registerResource: RegisterResource;
    };
    const original = runtime.registerResource;
    runtime.registerResource = (res, parent, t, name, custom, remote, dep, props, o, ...rest) => {
      registrations.push({
        res,
        type: t,
        name,
        custom,
        props: props ?? {},
        protect: o.protect === true,
        additionalSecretOutputs: [...(o.additionalSecretOutputs ?? [])],
      });
      return original(res, parent, t, name, custom, remote, dep, props, o, ...rest);
    };
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          const state = {
            ...args.inputs,
            ...(opts.state?.(args.type, args.name, args.inputs) ?? {}),
          };
          outputs.set(`${args.type}::${args.name}`, state);
          return { id: `${args.name}-id`, state };
        },
        call: (args) => (opts.invoke ? opts.invoke(args.token, args.inputs) : {}),
      },
      "action1-okta-sso",
      opts.stack,
      false,
    );
    pulumi.runtime.setAllConfig(opts.config, [...(opts.secretKeys ?? [])]);
    try {
      require(path.join(ROOT, opts.program));
    } catch (err) {
      loadError = err;
    }
  });
  if (loadError !== undefined) {
    throw loadError;
  }
  const p = pulumi as typeof PulumiModule;
  const runtime = p.runtime as unknown as { waitForRPCs?: () => Promise<void> };
  await runtime.waitForRPCs?.();
  await new Promise((r) => setImmediate(r));

  const custom = registrations.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
  const names = new Map<object, string>(custom.map((r) => [r.res, r.name]));
  const seen = new Set<string>();
  const provider = {
    type: "pulumi:providers:okta",
    name: "default",
    urn: `urn:pulumi:${opts.stack}::action1-okta-sso::pulumi:providers:okta::default`,
    props: { orgName: opts.config["okta:orgName"], baseUrl: opts.config["okta:baseUrl"] },
  };
  const specs: ResourceSpec[] = [];
  for (const r of custom) {
    if (seen.has(r.name)) {
      throw new Error(`two resources are named "${r.name}": name-based links would be ambiguous`);
    }
    seen.add(r.name);
    const dependsOn: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(r.props)) {
      const from = (await sourcesOf(p, value))
        .map((s) => names.get(s))
        .filter((n): n is string => n !== undefined);
      if (from.length > 0) {
        dependsOn[key] = [...new Set(from)];
      }
    }
    const state = outputs.get(`${r.type}::${r.name}`) ?? {};
    specs.push({
      type: r.type,
      name: r.name,
      stack: opts.stack,
      props: { id: `${r.name}-id`, ...(plain(state) as Record<string, unknown>) },
      opts: { protect: r.protect, additionalSecretOutputs: r.additionalSecretOutputs },
      ...(r.type.startsWith("okta:") ? { provider } : {}),
      dependsOn,
    });
  }
  return specs;
}
