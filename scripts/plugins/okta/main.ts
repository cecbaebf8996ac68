/**
 * `pulumi-resource-okta` substitute (version 7.0.0, what @pulumi/okta 7.0.0 asks for), served
 * by scripts/plugins/host.ts. Installed by scripts/build-plugins.sh when the real plugin cannot
 * be built from Go modules. It talks only to a local Okta through `okta:httpProxy`.
 */
import { type Props, serve } from "../host";
import { checkConfig, OktaClient } from "./client";
import {
  getGroup,
  getServer,
  groupAssignmentResource,
  oauthResource,
  serverPolicyResource,
  serverPolicyRuleResource,
} from "./resources";

let client: OktaClient | undefined;
let configError: Error | undefined = new Error("okta provider: Configure was not called");
let verified: Promise<unknown> | undefined;

/** The configured client; like the real plugin, the first use checks the token with users/me. */
function okta(): OktaClient {
  if (configError || !client) throw configError;
  return client;
}

async function verifiedOkta(): Promise<OktaClient> {
  const c = okta();
  verified ??= c.call("GET", "/api/v1/users/me").then(() => c.call("GET", "/api/v1/users/me"));
  await verified;
  return c;
}

function lazy<T extends object>(make: () => T): T {
  return new Proxy({} as T, { get: (_t, key) => Reflect.get(make(), key) });
}

const clientAfterCheck = () =>
  lazy<OktaClient>(() => {
    const c = okta();
    return {
      call: async (...args: Parameters<OktaClient["call"]>) => {
        await verifiedOkta();
        return c.call(...args);
      },
      raw: async (...args: Parameters<OktaClient["raw"]>) => {
        await verifiedOkta();
        return c.raw(...args);
      },
    } as unknown as OktaClient;
  });

void serve({
  name: "okta",
  version: "7.0.0",
  configure(config: Props) {
    try {
      client = new OktaClient(checkConfig(config));
      configError = undefined;
    } catch (err) {
      configError = err instanceof Error ? err : new Error(String(err));
    }
  },
  resources: {
    "okta:app/oAuth:OAuth": oauthResource(clientAfterCheck),
    "okta:app/groupAssignment:GroupAssignment": groupAssignmentResource(clientAfterCheck),
    "okta:auth/serverPolicy:ServerPolicy": serverPolicyResource(clientAfterCheck),
    "okta:auth/serverPolicyRule:ServerPolicyRule": serverPolicyRuleResource(clientAfterCheck),
  },
  functions: {
    "okta:group/getGroup:getGroup": async (args) => getGroup(await verifiedOkta(), args),
    "okta:auth/getServer:getServer": async (args) => getServer(await verifiedOkta(), args),
  },
});
