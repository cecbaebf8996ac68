/**
 * A small host for resource provider plugins written in TypeScript: serves the
 * `pulumirpc.ResourceProvider` gRPC service on the stubs that ship in @pulumi/pulumi, the same
 * way the SDK's own dynamic-provider host does (127.0.0.1, random port printed on stdout).
 *
 * It exists because the Go module proxy reachable here refuses the Okta and Random provider
 * modules (see scripts/build-plugins.sh), so `pulumi-resource-okta` and
 * `pulumi-resource-random` are substitutes built on this host. Secrets: the host tells the engine
 * it does not accept secrets, so values arrive plain and the engine re-marks outputs secret
 * (the SDKs list `clientSecret`, `result`, … in `additionalSecretOutputs`).
 */
import * as path from "node:path";

const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
// Use the gRPC runtime the SDK's generated stubs were built against.
const fromSdk = (id: string) => require(require.resolve(id, { paths: [sdkDir] }));
// biome-ignore lint/suspicious/noExplicitAny: untyped generated gRPC stubs
type Any = any;
const grpc: Any = fromSdk("@grpc/grpc-js");
const provproto: Any = require("@pulumi/pulumi/proto/provider_pb.js");
const provrpc: Any = require("@pulumi/pulumi/proto/provider_grpc_pb.js");
const plugproto: Any = require("@pulumi/pulumi/proto/plugin_pb.js");
const emptyproto: Any = require("google-protobuf/google/protobuf/empty_pb.js");
const structproto: Any = require("google-protobuf/google/protobuf/struct_pb.js");

export type Props = Record<string, unknown>;

/** The engine's marker for a value not known yet (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Unwraps secret envelopes the engine may still send (e.g. in provider config). */
export function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") {
    const obj = value as Props;
    if (obj[SECRET_SIG] === "1b47061264138c4ac30d75fd1eb44270") return plain(obj.value);
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

export interface DiffResult {
  changes: boolean;
  replaces: string[];
}

export interface ResourceImpl {
  /** Validates and fills defaults; failures name the property. */
  check?(
    news: Props,
    olds: Props,
  ): { inputs: Props; failures: { property: string; reason: string }[] };
  diff(oldInputs: Props, news: Props, oldOutputs: Props): DiffResult;
  create(inputs: Props): Promise<{ id: string; outs: Props }>;
  /** `undefined` means the object is gone (removed from state on refresh). */
  read(id: string, state: Props, inputs: Props): Promise<{ id: string; outs: Props } | undefined>;
  update(id: string, olds: Props, news: Props, oldInputs: Props): Promise<Props>;
  delete(id: string, state: Props): Promise<void>;
}

export interface PluginImpl {
  name: string;
  version: string;
  configure(config: Props): void;
  resources: Record<string, ResourceImpl>;
  functions: Record<string, (args: Props) => Promise<Props>>;
}

/** Compares the named inputs; any of `replaceOn` that changed forces a replacement. */
export function diffInputs(
  oldInputs: Props,
  news: Props,
  keys: string[],
  replaceOn: string[] = [],
): DiffResult {
  const changed = keys.filter(
    (k) => JSON.stringify(oldInputs[k] ?? null) !== JSON.stringify(news[k] ?? null),
  );
  return { changes: changed.length > 0, replaces: changed.filter((k) => replaceOn.includes(k)) };
}

function resourceType(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.split("$").pop() ?? qualified;
}

function failure(err: unknown): Any {
  const message = err instanceof Error ? err.message : String(err);
  return { code: grpc.status.UNKNOWN, message, details: message };
}

export async function serve(plugin: PluginImpl): Promise<void> {
  const impl = (urn: string): ResourceImpl => {
    const type = resourceType(urn);
    const found = plugin.resources[type];
    if (!found) throw new Error(`${plugin.name} plugin: unknown resource type ${type}`);
    return found;
  };
  const unimplemented = (what: string) => (_call: Any, callback: Any) =>
    callback({ code: grpc.status.UNIMPLEMENTED, details: `${what} is not implemented` });
  const wrap =
    (fn: (req: Any) => Promise<Any>) =>
    (call: Any, callback: Any): void => {
      fn(call.request).then(
        (resp) => callback(undefined, resp),
        (err) => callback(failure(err), null),
      );
    };
  const toStruct = (value: Props) => structproto.Struct.fromJavaScript(value);
  const props = (s: Any): Props => (s ? (plain(s.toJavaScript()) as Props) : {});

  const service = {
    handshake: unimplemented("Handshake"),
    parameterize: unimplemented("Parameterize"),
    getSchema: unimplemented("GetSchema"),
    checkConfig: unimplemented("CheckConfig"),
    diffConfig: unimplemented("DiffConfig"),
    construct: unimplemented("Construct"),
    call: unimplemented("Call"),
    attach: unimplemented("Attach"),
    getMapping: unimplemented("GetMapping"),
    getMappings: unimplemented("GetMappings"),
    getPluginInfo: wrap(async () => {
      const resp = new plugproto.PluginInfo();
      resp.setVersion(plugin.version);
      return resp;
    }),
    cancel: wrap(async () => new emptyproto.Empty()),
    configure: wrap(async (req) => {
      const config: Props = {};
      const args = props(req.getArgs());
      for (const [k, v] of Object.entries(args)) config[k] = v;
      // Older engines send only `variables` ("okta:config:httpProxy" → value).
      req.getVariablesMap().forEach((v: string, k: string) => {
        const key = k.split(":").pop() ?? k;
        if (config[key] === undefined) {
          try {
            config[key] = JSON.parse(v);
          } catch {
            config[key] = v;
          }
        }
      });
      plugin.configure(config);
      const resp = new provproto.ConfigureResponse();
      resp.setAcceptsecrets(false);
      resp.setAcceptresources(false);
      return resp;
    }),
    invoke: wrap(async (req) => {
      const fn = plugin.functions[req.getTok()];
      if (!fn) throw new Error(`${plugin.name} plugin: unknown function ${req.getTok()}`);
      const resp = new provproto.InvokeResponse();
      resp.setReturn(toStruct(await fn(props(req.getArgs()))));
      return resp;
    }),
    check: wrap(async (req) => {
      const news = props(req.getNews());
      const olds = props(req.getOlds());
      const resp = new provproto.CheckResponse();
      const result = impl(req.getUrn()).check?.(news, olds) ?? { inputs: news, failures: [] };
      resp.setInputs(toStruct(result.inputs));
      resp.setFailuresList(
        result.failures.map((f) => {
          const cf = new provproto.CheckFailure();
          cf.setProperty(f.property);
          cf.setReason(f.reason);
          return cf;
        }),
      );
      return resp;
    }),
    diff: wrap(async (req) => {
      const olds = props(req.getOlds());
      const oldInputs = req.getOldInputs() ? props(req.getOldInputs()) : olds;
      const result = impl(req.getUrn()).diff(oldInputs, props(req.getNews()), olds);
      const resp = new provproto.DiffResponse();
      resp.setChanges(
        result.changes
          ? provproto.DiffResponse.DiffChanges.DIFF_SOME
          : provproto.DiffResponse.DiffChanges.DIFF_NONE,
      );
      resp.setReplacesList(result.replaces);
      return resp;
    }),
    create: wrap(async (req) => {
      const result = await impl(req.getUrn()).create(props(req.getProperties()));
      const resp = new provproto.CreateResponse();
      resp.setId(result.id);
      resp.setProperties(toStruct(result.outs));
      return resp;
    }),
    read: wrap(async (req) => {
      const resp = new provproto.ReadResponse();
      const inputs = props(req.getInputs());
      const found = await impl(req.getUrn()).read(req.getId(), props(req.getProperties()), inputs);
      if (!found) return resp; // an empty id tells the engine the object is gone
      resp.setId(found.id);
      resp.setProperties(toStruct(found.outs));
      resp.setInputs(toStruct(inputs));
      return resp;
    }),
    update: wrap(async (req) => {
      const olds = props(req.getOlds());
      const oldInputs = req.getOldInputs() ? props(req.getOldInputs()) : olds;
      const outs = await impl(req.getUrn()).update(
        req.getId(),
        olds,
        props(req.getNews()),
        oldInputs,
      );
      const resp = new provproto.UpdateResponse();
      resp.setProperties(toStruct(outs));
      return resp;
    }),
    delete: wrap(async (req) => {
      await impl(req.getUrn()).delete(req.getId(), props(req.getProperties()));
      return new emptyproto.Empty();
    }),
    list: (call: Any) => call.emit("error", { code: grpc.status.UNIMPLEMENTED, details: "List" }),
  };

  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(provrpc.ResourceProviderService, service);
  const port: number = await new Promise((resolve, reject) => {
    server.bindAsync(
      "127.0.0.1:0",
      grpc.ServerCredentials.createInsecure(),
      (err: Error, p: number) => (err ? reject(err) : resolve(p)),
    );
  });
  // The engine reads the port from the first line of stdout.
  console.log(String(port));
}
