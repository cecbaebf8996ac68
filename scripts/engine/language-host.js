#!/usr/bin/env node

/**
 * A Node.js language host (`pulumi-language-nodejs`) for the Pulumi CLI built by
 * scripts/build-engine.sh.
 *
 * Why it exists: the Go module of Pulumi's own language host
 * (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) has no release tags and the
 * Go module proxy reachable here refuses every version of it, including commit pseudo-versions
 * (403 "This module version is not available"). This file implements the part of the
 * `pulumirpc.LanguageRuntime` gRPC service that `preview`/`up`/`refresh`/`destroy` and local
 * policy packs use, on the gRPC stubs that ship inside @pulumi/pulumi (plan C3 of
 * shared/docs/pulumi-offline.md). It is written from the protocol (proto files in
 * node_modules/@pulumi/pulumi/proto) and the behaviour of the CLI at the pinned version.
 *
 * Implemented: Handshake, GetPluginInfo, GetRequiredPlugins/GetRequiredPackages (empty list, see
 * below), Run (node on @pulumi/pulumi/cmd/run), RunPlugin (policy packs via
 * @pulumi/pulumi/cmd/run-policy-pack, Node plugins via cmd/run-plugin).
 * Known shortcomings (also in docs/guides/engine.md "Limitations"):
 *  - GetRequiredPackages reports no packages, so the CLI never pre-installs provider plugins; a
 *    provider plugin must already be on PATH (e.g. .engine/bin/pulumi-resource-okta) or in
 *    PULUMI_HOME/plugins when a program first registers one of its resources.
 *  - InstallDependencies, About, GetProgramDependencies, code generation, Pack and Link answer
 *    UNIMPLEMENTED (`pulumi install`, `pulumi about`, `pulumi convert`, `pulumi package` and
 *    `pulumi new` need Pulumi's real host).
 *  - No debugger attach and no `nodeargs`-only runtimes (bun, pnpm specifics) are supported.
 *
 * Usage (as the CLI starts it): pulumi-language-nodejs [-flags...] <engine-address>
 * It prints the port it listens on (127.0.0.1) on stdout, then serves until killed.
 */
const path = require("node:path");
const { spawn } = require("node:child_process");

const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
// Use the exact gRPC runtime the SDK's generated stubs were built against.
const fromSdk = (id) => require(require.resolve(id, { paths: [sdkDir] }));
const grpc = fromSdk("@grpc/grpc-js");
const languagePb = require("@pulumi/pulumi/proto/language_pb.js");
const languageGrpc = require("@pulumi/pulumi/proto/language_grpc_pb.js");
const pluginPb = require("@pulumi/pulumi/proto/plugin_pb.js");

const SDK_VERSION = require("@pulumi/pulumi/package.json").version;
/** Exit code by which the Node runtime says it already printed an actionable error. */
const EXIT_AFTER_USER_ACTIONABLE_MESSAGE = 32;

/** The engine address is the last positional argument; flags (-tracing=…, -root=…) are ignored. */
function parseArgs(argv) {
  const positional = argv.filter((a) => !a.startsWith("-"));
  return { engineAddress: positional[positional.length - 1] ?? "" };
}

/**
 * Reads ProgramInfo (root/program directory, entry point, runtime options) from a request; a CLI
 * that sends no ProgramInfo gets the request's pwd and deprecated `program` field instead.
 */
function programInfo(info, fallbackDir, fallbackProgram) {
  const options = info?.getOptions()?.toJavaScript() ?? {};
  return {
    rootDirectory: info?.getRootDirectory() || fallbackDir,
    programDirectory: info?.getProgramDirectory() || fallbackDir,
    entryPoint: info?.getEntryPoint() || fallbackProgram || ".",
    options,
  };
}

/** Resolves a module of @pulumi/pulumi as the program itself would (from its directory). */
function resolveFrom(dir, id) {
  try {
    return require.resolve(id, { paths: [dir] });
  } catch {
    throw new Error(
      `cannot find ${id} from ${dir}: it looks like the Pulumi SDK has not been installed; ` +
        "run npm ci in the project (and in the policy pack folder)",
    );
  }
}

function nodeArgsFrom(options) {
  const raw = options.nodeargs;
  return typeof raw === "string" && raw.trim() !== "" ? raw.trim().split(/\s+/) : [];
}

/** Builds the argument list of `node @pulumi/pulumi/cmd/run` for a RunRequest. */
function runArguments(req, runPath, engineAddress, info) {
  const args = [...nodeArgsFrom(info.options), runPath];
  const add = (flag, value) => {
    if (value !== undefined && value !== null && `${value}` !== "")
      args.push(`--${flag}`, `${value}`);
  };
  add("monitor", req.getMonitorAddress());
  add("engine", engineAddress);
  add("organization", req.getOrganization());
  add("project", req.getProject());
  add("root-directory", info.rootDirectory);
  add("stack", req.getStack());
  const pwd = req.getPwd() || info.programDirectory;
  add("pwd", pwd);
  if (req.getDryrun()) args.push("--dry-run");
  add("parallel", req.getParallel());
  let program = ".";
  if (info.entryPoint !== ".") program = path.resolve(info.programDirectory, info.entryPoint);
  else if (path.resolve(info.programDirectory) !== path.resolve(pwd))
    program = info.programDirectory;
  args.push(program, ...req.getArgsList());
  return { args, pwd };
}

/** The environment of the program: ours plus config, secret keys and TypeScript options. */
function runEnvironment(req, info) {
  const config = {};
  for (const [k, v] of req.getConfigMap().entries()) config[k] = v;
  const env = {
    ...process.env,
    PULUMI_CONFIG: JSON.stringify(config),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
    PULUMI_NODEJS_TYPESCRIPT: info.options.typescript === false ? "false" : "true",
  };
  if (typeof info.options.tsconfig === "string" && info.options.tsconfig !== "") {
    env.PULUMI_NODEJS_TSCONFIG_PATH = info.options.tsconfig;
  }
  return env;
}

function createHost(engineAddressFromArgs) {
  let engineAddress = engineAddressFromArgs;
  return {
    handshake(call, callback) {
      const addr = call.request.getEngineAddress();
      if (addr) engineAddress = addr;
      callback(null, new languagePb.LanguageHandshakeResponse());
    },
    getPluginInfo(_call, callback) {
      const info = new pluginPb.PluginInfo();
      info.setVersion(SDK_VERSION);
      callback(null, info);
    },
    getRequiredPlugins(_call, callback) {
      callback(null, new languagePb.GetRequiredPluginsResponse());
    },
    getRequiredPackages(_call, callback) {
      callback(null, new languagePb.GetRequiredPackagesResponse());
    },
    run(call, callback) {
      const req = call.request;
      let info;
      let runPath;
      try {
        info = programInfo(req.getInfo(), req.getPwd(), req.getProgram());
        runPath = resolveFrom(info.programDirectory, "@pulumi/pulumi/cmd/run");
      } catch (err) {
        const res = new languagePb.RunResponse();
        res.setError(err.message);
        callback(null, res);
        return;
      }
      const { args, pwd } = runArguments(req, runPath, engineAddress, info);
      const child = spawn(process.execPath, args, {
        cwd: pwd,
        env: runEnvironment(req, info),
        stdio: ["ignore", "inherit", "inherit"],
      });
      let settled = false;
      const finish = (error, bail) => {
        if (settled) return;
        settled = true;
        const res = new languagePb.RunResponse();
        if (error) res.setError(error);
        if (bail) res.setBail(true);
        callback(null, res);
      };
      child.on("error", (err) => finish(`could not start node: ${err.message}`, false));
      child.on("exit", (code, signal) => {
        if (code === 0) finish("", false);
        else if (code === EXIT_AFTER_USER_ACTIONABLE_MESSAGE) finish("", true);
        else if (code !== null) finish(`Program exited with non-zero exit code: ${code}`, false);
        else finish(`Program exited unexpectedly (signal ${signal})`, false);
      });
      call.on("cancelled", () => child.kill("SIGTERM"));
    },
    runPlugin(call) {
      const req = call.request;
      const send = (set) => {
        const res = new languagePb.RunPluginResponse();
        set(res);
        call.write(res);
      };
      let child;
      try {
        const info = programInfo(req.getInfo(), req.getPwd());
        const dir = info.programDirectory;
        const env = {};
        for (const entry of req.getEnvList()) {
          const i = entry.indexOf("=");
          if (i > 0) env[entry.slice(0, i)] = entry.slice(i + 1);
        }
        if (Object.keys(env).length === 0) Object.assign(env, process.env);
        const extra = req.getArgsList();
        const args =
          req.getKind() === "analyzer"
            ? [resolveFrom(dir, "@pulumi/pulumi/cmd/run-policy-pack"), ...extra, dir]
            : [resolveFrom(dir, "@pulumi/pulumi/cmd/run-plugin"), dir, ...extra];
        child = spawn(process.execPath, [...nodeArgsFrom(info.options), ...args], {
          cwd: dir,
          env,
          stdio: ["ignore", "pipe", "pipe"],
        });
      } catch (err) {
        send((r) => r.setStderr(Buffer.from(`${err.message}\n`)));
        send((r) => r.setExitcode(1));
        call.end();
        return;
      }
      child.stdout.on("data", (chunk) => send((r) => r.setStdout(chunk)));
      child.stderr.on("data", (chunk) => send((r) => r.setStderr(chunk)));
      child.on("error", (err) => {
        send((r) => r.setStderr(Buffer.from(`could not start node: ${err.message}\n`)));
      });
      child.on("close", (code) => {
        send((r) => r.setExitcode(code ?? 1));
        call.end();
      });
      call.on("cancelled", () => child.kill("SIGTERM"));
    },
  };
}

function main() {
  const { engineAddress } = parseArgs(process.argv.slice(2));
  const server = new grpc.Server({
    "grpc.max_receive_message_length": 400 * 1024 * 1024,
    "grpc.max_send_message_length": 400 * 1024 * 1024,
  });
  server.addService(languageGrpc.LanguageRuntimeService, createHost(engineAddress));
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
      process.stderr.write(`language host: could not listen: ${err.message}\n`);
      process.exit(1);
    }
    process.stdout.write(`${port}\n`);
  });
  const stop = () => server.tryShutdown(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

if (require.main === module) main();

module.exports = { parseArgs, runArguments, runEnvironment, programInfo };
