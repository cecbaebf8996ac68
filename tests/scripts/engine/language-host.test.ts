/**
 * The Node.js language host's translation of a RunRequest into the `node @pulumi/pulumi/cmd/run`
 * command line and environment (the e2e suite runs it for real through the CLI).
 */

import * as languagePb from "@pulumi/pulumi/proto/language_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

interface HostInfo {
  rootDirectory: string;
  programDirectory: string;
  entryPoint: string;
  options: Record<string, unknown>;
}
const host = require("../../../scripts/engine/language-host.js") as {
  parseArgs(argv: string[]): { engineAddress: string };
  programInfo(info: unknown, fallbackDir: string, fallbackProgram?: string): HostInfo;
  runArguments(
    req: languagePb.RunRequest,
    runPath: string,
    engineAddress: string,
    info: HostInfo,
  ): { args: string[]; pwd: string };
  runEnvironment(req: languagePb.RunRequest, info: HostInfo): NodeJS.ProcessEnv;
};

function request(opts: { entryPoint: string; programDirectory: string; options?: object }) {
  const info = new languagePb.ProgramInfo();
  info.setRootDirectory("/proj");
  info.setProgramDirectory(opts.programDirectory);
  info.setEntryPoint(opts.entryPoint);
  info.setOptions(Struct.fromJavaScript((opts.options ?? {}) as never));
  const req = new languagePb.RunRequest();
  req.setInfo(info);
  req.setMonitorAddress("127.0.0.1:4001");
  req.setOrganization("organization");
  req.setProject("action1-okta-sso");
  req.setStack("eu");
  req.setPwd("/proj");
  req.setDryrun(true);
  req.setParallel(16);
  req.getConfigMap().set("action1-okta-sso:region", "eu");
  req.getConfigMap().set("action1-okta-sso:action1ClientSecret", "fake-secret-not-real");
  req.setConfigsecretkeysList(["action1-okta-sso:action1ClientSecret"]);
  return req;
}

test("the engine address is the last positional argument; flags are ignored", () => {
  expect(host.parseArgs(["-tracing=x", "-root=/p", "127.0.0.1:5000"])).toEqual({
    engineAddress: "127.0.0.1:5000",
  });
  expect(host.parseArgs([])).toEqual({ engineAddress: "" });
});

test("a preview runs cmd/run with every engine flag and the entry point under the program dir", () => {
  const req = request({ entryPoint: "index.ts", programDirectory: "/proj/infra" });
  const info = host.programInfo(req.getInfo(), req.getPwd());
  expect(host.runArguments(req, "/sdk/cmd/run", "127.0.0.1:5000", info)).toEqual({
    pwd: "/proj",
    args: [
      "/sdk/cmd/run",
      ...["--monitor", "127.0.0.1:4001", "--engine", "127.0.0.1:5000"],
      ...["--organization", "organization", "--project", "action1-okta-sso"],
      ...["--root-directory", "/proj", "--stack", "eu", "--pwd", "/proj", "--dry-run"],
      ...["--parallel", "16", "/proj/infra/index.ts"],
    ],
  });
});

test("entry point '.' runs the package in place, or the program directory when elsewhere", () => {
  const here = request({ entryPoint: ".", programDirectory: "/proj" });
  const args = host.runArguments(here, "run", "e", host.programInfo(here.getInfo(), "/proj")).args;
  expect(args.at(-1)).toBe(".");
  const there = request({ entryPoint: ".", programDirectory: "/proj/sub" });
  const args2 = host.runArguments(
    there,
    "run",
    "e",
    host.programInfo(there.getInfo(), "/proj"),
  ).args;
  expect(args2.at(-1)).toBe("/proj/sub");
});

test("nodeargs from Pulumi.yaml come before the run script", () => {
  const req = request({
    entryPoint: "index.ts",
    programDirectory: "/proj",
    options: { nodeargs: "--max-old-space-size=512  --no-warnings" },
  });
  const { args } = host.runArguments(req, "run", "e", host.programInfo(req.getInfo(), "/proj"));
  expect(args.slice(0, 3)).toEqual(["--max-old-space-size=512", "--no-warnings", "run"]);
});

test("the program gets config, secret keys and TypeScript settings in its environment", () => {
  const req = request({
    entryPoint: "index.ts",
    programDirectory: "/proj",
    options: { typescript: false, tsconfig: "tsconfig.pulumi.json" },
  });
  const env = host.runEnvironment(req, host.programInfo(req.getInfo(), "/proj"));
  expect(JSON.parse(env.PULUMI_CONFIG ?? "")).toEqual({
    "action1-okta-sso:region": "eu",
    "action1-okta-sso:action1ClientSecret": "fake-secret-not-real",
  });
  expect(JSON.parse(env.PULUMI_CONFIG_SECRET_KEYS ?? "")).toEqual([
    "action1-okta-sso:action1ClientSecret",
  ]);
  expect(env.PULUMI_NODEJS_TYPESCRIPT).toBe("false");
  expect(env.PULUMI_NODEJS_TSCONFIG_PATH).toBe("tsconfig.pulumi.json");
  const plain = request({ entryPoint: "index.ts", programDirectory: "/proj" });
  const env2 = host.runEnvironment(plain, host.programInfo(plain.getInfo(), "/proj"));
  expect(env2.PULUMI_NODEJS_TYPESCRIPT).toBe("true");
  expect(env2.PULUMI_NODEJS_TSCONFIG_PATH).toBeUndefined();
});

test("a CLI that sends no ProgramInfo gets the pwd and the deprecated program field", () => {
  expect(host.programInfo(undefined, "/proj", "main.ts")).toEqual({
    rootDirectory: "/proj",
    programDirectory: "/proj",
    entryPoint: "main.ts",
    options: {},
  });
});
