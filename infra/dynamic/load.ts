/**
 * Loads a provider implementation module at run time, from the project that runs it.
 *
 * Dynamic providers are serialized into Pulumi state. To keep that text tiny and free of secrets,
 * provider methods call this function instead of capturing client code: it finds the project root
 * upwards from the working directory (the engine starts the provider host in the project folder),
 * makes TypeScript loadable when the process cannot load it yet, and requires the module by path.
 * Old state therefore runs the current implementation on refresh and delete.
 *
 * Everything it uses is required inside the function body, so nothing is captured by value.
 */

export function loadRuntime<T>(relativePath: string): T {
  const path: typeof import("node:path") = require("node:path");
  const fs: typeof import("node:fs") = require("node:fs");
  const override = process.env.ACTION1_OKTA_SSO_ROOT;
  let dir = override ? path.resolve(override) : process.cwd();
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest)) {
      const name = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name;
      if (name === "action1-okta-sso") break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(
        `cannot find the action1-okta-sso project above ${process.cwd()}: run Pulumi from the ` +
          "project folder, or set ACTION1_OKTA_SSO_ROOT to it",
      );
    }
    dir = parent;
  }
  // Under Jest, TypeScript is already transformed; in the engine's provider host it is not.
  const extensions = (require as NodeJS.Require).extensions as Record<string, unknown> | undefined;
  if (!process.env.JEST_WORKER_ID && extensions && !extensions[".ts"]) {
    const tsNode: typeof import("ts-node") = require(require.resolve("ts-node", { paths: [dir] }));
    tsNode.register({ transpileOnly: true, project: path.join(dir, "tsconfig.json") });
  }
  return require(path.join(dir, relativePath)) as T;
}
