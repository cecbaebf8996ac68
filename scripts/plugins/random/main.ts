/**
 * `pulumi-resource-random` substitute (version 4.21.2, what @pulumi/random 4.21.2 asks for),
 * served by scripts/plugins/host.ts; installed by scripts/build-plugins.sh when the real plugin
 * cannot be built from Go modules. Only RandomPassword, the one resource the program uses.
 * Known shortcoming: `bcryptHash` is left empty (no bcrypt in the dependency tree).
 */
import { serve } from "../host";
import { randomPasswordResource } from "./password";

void serve({
  name: "random",
  version: "4.21.2",
  configure() {},
  resources: { "random:index/randomPassword:RandomPassword": randomPasswordResource() },
  functions: {},
});
