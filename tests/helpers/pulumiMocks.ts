/**
 * Runs Pulumi programs under `pulumi.runtime.setMocks` and records what they declare.
 *
 * Usage:
 *   const run = await runProgram({ program: "infra/index.ts", stack: "na",
 *     config: { ...stackFileConfig("na").values, ...FAKE_SECRETS }, invoke });
 *   run.world.one("okta:app/oAuth:OAuth").inputs;  await run.value(run.exports.clientId);
 *
 * Each call loads the program and a fresh `@pulumi/pulumi` in an isolated module registry, so one
 * test file can run several stacks. Nothing here talks to a network.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as PulumiModule from "@pulumi/pulumi";
import { parse as parseYaml } from "yaml";

export const ROOT = path.resolve(__dirname, "..", "..");

export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  /** Plain values; a secret input shows in its wire form `{ [SECRET_SIG]: …, value }`. */
  readonly inputs: Record<string, unknown>;
  readonly id: string;
  readonly provider?: string;
}

export interface RecordedInvoke {
  readonly token: string;
  readonly inputs: Record<string, unknown>;
}

export interface MockWorld {
  readonly resources: RecordedResource[];
  readonly invokes: RecordedInvoke[];
  ofType(type: string): RecordedResource[];
  /** The single resource of a type (fails when there are none or several). */
  one(type: string): RecordedResource;
}

/** Answers an invoke; throw to make it fail like the provider would. */
export type InvokeHandler = (
  token: string,
  inputs: Record<string, unknown>,
) => Record<string, unknown>;
/** Extra state (outputs) for a resource, merged over its inputs. */
export type StateHandler = (
  type: string,
  name: string,
  inputs: Record<string, unknown>,
) => Record<string, unknown> | undefined;

export interface RunOptions {
  /** Program module, relative to the project root. */
  readonly program: string;
  readonly stack: string;
  readonly project?: string;
  /** Config map as `setAllConfig` takes it: `namespace:key` → string. */
  readonly config: Record<string, string>;
  readonly secretKeys?: readonly string[];
  readonly invoke?: InvokeHandler;
  readonly state?: StateHandler;
  /** Record into this world (to inspect it even when the program throws). */
  readonly world?: MockWorld;
}

export interface ProgramRun<E = Record<string, unknown>> {
  readonly pulumi: typeof PulumiModule;
  readonly world: MockWorld;
  /** The program module's exports (its stack outputs). */
  readonly exports: E;
  /** Resolves an Output (or plain value) of this run, rejecting when the Output failed. */
  value<T>(o: PulumiModule.Input<T>): Promise<T>;
  isSecret(o: unknown): Promise<boolean>;
  /** Waits until every registration and invoke in flight has finished. */
  settle(): Promise<void>;
}

export const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** The plain value of a recorded input, unwrapping the secret wire form. */
export function plain(value: unknown): unknown {
  if (value && typeof value === "object" && SECRET_SIG in value) {
    return (value as unknown as { value: unknown }).value;
  }
  return value;
}

export function isSecretInput(value: unknown): boolean {
  return Boolean(value && typeof value === "object" && SECRET_SIG in value);
}

export function newWorld(): MockWorld {
  const resources: RecordedResource[] = [];
  const invokes: RecordedInvoke[] = [];
  return {
    resources,
    invokes,
    ofType: (type) => resources.filter((r) => r.type === type),
    one(type) {
      const found = resources.filter((r) => r.type === type);
      if (found.length !== 1) {
        throw new Error(`expected one ${type}, found ${found.length}`);
      }
      return found[0] as RecordedResource;
    },
  };
}

/**
 * Loads and runs a program under mocks. Resource ids are `<name>-id`; outputs are the inputs
 * plus whatever `state` adds. Invokes without a handler answer `{}`.
 */
export async function runProgram<E = Record<string, unknown>>(
  opts: RunOptions,
): Promise<ProgramRun<E>> {
  const world = opts.world ?? newWorld();
  let pulumi: typeof PulumiModule | undefined;
  let programExports: E | undefined;
  let loadError: unknown;
  await jest.isolateModulesAsync(async () => {
    pulumi = require("@pulumi/pulumi") as typeof PulumiModule;
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          const id = `${args.name}-id`;
          const extra = opts.state?.(args.type, args.name, args.inputs) ?? {};
          world.resources.push({
            type: args.type,
            name: args.name,
            inputs: args.inputs,
            id,
            ...(args.provider ? { provider: args.provider } : {}),
          });
          return { id, state: { ...args.inputs, ...extra } };
        },
        call(args) {
          world.invokes.push({ token: args.token, inputs: args.inputs });
          return opts.invoke ? opts.invoke(args.token, args.inputs) : {};
        },
      },
      opts.project ?? "action1-okta-sso",
      opts.stack,
      false,
    );
    pulumi.runtime.setAllConfig(opts.config, [...(opts.secretKeys ?? [])]);
    try {
      programExports = require(path.join(ROOT, opts.program)) as E;
    } catch (err) {
      loadError = err;
    }
  });
  if (loadError !== undefined) throw loadError;
  const p = pulumi as typeof PulumiModule;
  const value = <T>(o: PulumiModule.Input<T>): Promise<T> => {
    const out = p.output(o) as unknown as { promise(): Promise<T> };
    return out.promise();
  };
  return {
    pulumi: p,
    world,
    exports: programExports as E,
    value,
    isSecret: (o) => p.isSecret(p.output(o)),
    async settle() {
      const runtime = p.runtime as unknown as { waitForRPCs?: () => Promise<void> };
      if (runtime.waitForRPCs) await runtime.waitForRPCs();
      await new Promise((r) => setImmediate(r));
    },
  };
}

/**
 * A stack file's config as `setAllConfig` takes it: strings stay, booleans and numbers become
 * text, lists and maps become JSON (as the Pulumi CLI passes them). Encrypted values
 * (`secure:`) are listed in `secretKeys` with a placeholder value.
 */
export function stackFileConfig(
  stack: string,
  root = ROOT,
): { values: Record<string, string>; secretKeys: string[] } {
  const file = path.join(root, `Pulumi.${stack}.yaml`);
  const doc = parseYaml(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> };
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, v] of Object.entries(doc.config ?? {})) {
    if (v && typeof v === "object" && !Array.isArray(v) && "secure" in v) {
      values[key] = "fake-encrypted-value-not-real";
      secretKeys.push(key);
    } else {
      values[key] = typeof v === "string" ? v : JSON.stringify(v);
    }
  }
  return { values, secretKeys };
}

export interface FakeOktaGroup {
  readonly id: string;
  readonly name: string;
  readonly type?: string;
}
export interface FakeOktaAuthServer {
  readonly id: string;
  readonly name: string;
  readonly issuer: string;
  readonly status?: "ACTIVE" | "INACTIVE";
}

/**
 * Answers the Okta provider's lookups the way it does against a real org (TF
 * `data_source_okta_group.go`, `data_source_okta_auth_server.go`): `getGroup` is a `q=` prefix
 * search where an exact name wins, several prefix hits fail, one partial hit is returned;
 * `getServer` needs an exact name.
 */
export function fakeOktaDirectory(dir: {
  groups?: readonly FakeOktaGroup[];
  servers?: readonly FakeOktaAuthServer[];
}): InvokeHandler {
  return (token, inputs) => {
    if (token === "okta:group/getGroup:getGroup") {
      const name = String(inputs.name ?? "");
      const hits = (dir.groups ?? []).filter((g) =>
        g.name.toLowerCase().startsWith(name.toLowerCase()),
      );
      const exact = hits.find((g) => g.name === name);
      const pick = exact ?? (hits.length === 1 ? hits[0] : undefined);
      if (!pick) {
        throw providerError(
          hits.length > 1
            ? `group starting with name "${name}" matches ${hits.length} groups, select a ` +
                "more precise name"
            : `group with name "${name}" does not exist`,
        );
      }
      return {
        id: pick.id,
        name: pick.name,
        type: pick.type ?? "OKTA_GROUP",
        description: "",
        users: [],
      };
    }
    if (token === "okta:auth/getServer:getServer") {
      const name = String(inputs.name ?? "");
      const server = (dir.servers ?? []).find((s) => s.name === name);
      if (!server) throw providerError(`authorization server with name "${name}" does not exist`);
      return {
        id: server.id,
        name: server.name,
        issuer: server.issuer,
        status: server.status ?? "ACTIVE",
        issuerMode: "ORG_URL",
        audiences: ["api://action1"],
        description: "",
        kid: "fake-kid",
        credentialsRotationMode: "AUTO",
        credentialsLastRotated: "",
        credentialsNextRotation: "",
      };
    }
    return {};
  };
}

/**
 * An invoke failure as the engine reports it: the SDK rethrows `new Error(err.details)`, so a
 * mock's error needs `details` to carry its message to the program.
 */
export function providerError(message: string): Error {
  return Object.assign(new Error(message), { details: message });
}
