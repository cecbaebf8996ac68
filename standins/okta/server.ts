import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Command } from "commander";
import { invalidToken, methodNotAllowed, OktaApiError } from "./errors";
import { Faults } from "./faults";
import { type Ctx, compile, type Reply } from "./router";
import { appGroupRoutes } from "./routes/appGroups";
import { appRoutes } from "./routes/apps";
import { authServerRoutes } from "./routes/authServers";
import { peopleRoutes } from "./routes/people";
import { wellKnownRoutes } from "./routes/wellKnown";
import { defaultOktaSeed, type OktaSeed } from "./seed";
import { OktaState } from "./state";

/**
 * The local Okta: an HTTP server on 127.0.0.1 that answers the Management API calls of the
 * project's scripts and of the Okta provider plugin, in Okta's shapes. It also answers
 * proxy-style requests (absolute URL in the request line), which is how the plugin talks to it
 * when `okta:httpProxy` points here.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** True when the request line carried an absolute URL (the plugin's proxy mode). */
  proxied: boolean;
  status: number;
}

export interface LocalOkta {
  origin: string;
  state: OktaState;
  faults: Faults;
  requests: RecordedRequest[];
  /** Requests no route answered ("METHOD /path"): the plugin called something not served. */
  unhandled: string[];
  close(): Promise<void>;
}

export interface LocalOktaOptions {
  seed?: OktaSeed;
  port?: number;
  /**
   * The org's public URL for issuers and well-known documents (e.g.
   * `https://example-org.okta.com`); default: the server's own origin.
   */
  orgUrl?: string;
  /** Called with one line per request (the CLI prints them); unhandled routes always warn. */
  log?: (line: string) => void;
}

const ROUTES = [
  ...peopleRoutes,
  ...appGroupRoutes,
  ...appRoutes,
  ...authServerRoutes,
  ...wellKnownRoutes,
].map(compile);

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new OktaApiError(400, "E0000003", "The request body was not well-formed.", [
      "Could not parse the request body as JSON.",
    ]);
  }
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = {
    "X-Rate-Limit-Limit": "600",
    "X-Rate-Limit-Remaining": "599",
    "X-Rate-Limit-Reset": String(Math.ceil(Date.now() / 1000) + 60),
    ...reply.headers,
  };
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...headers,
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startLocalOkta(opts: LocalOktaOptions = {}): Promise<LocalOkta> {
  const state = new OktaState(opts.seed ?? defaultOktaSeed());
  const faults = new Faults();
  const requests: RecordedRequest[] = [];
  const unhandled: string[] = [];
  const log = opts.log ?? (() => {});

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = req.url ?? "/";
    const url = new URL(raw, state.origin);
    const method = (req.method ?? "GET").toUpperCase();
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams.entries()),
      body: undefined,
      proxied: /^https?:\/\//i.test(raw),
      status: 0,
    };
    requests.push(record);
    let reply: Reply;
    try {
      record.body = await readBody(req);
      if (faults.latencyMs > 0) await sleep(faults.latencyMs);
      const fault = faults.take(method, url.pathname);
      if (fault) throw fault;
      reply = dispatch(method, url, record.body, req.headers.authorization);
    } catch (err) {
      if (err instanceof OktaApiError) {
        reply = { status: err.status, body: err.body(), headers: err.headers };
      } else {
        console.error(`[local-okta] handler crashed on ${method} ${url.pathname}:`, err);
        reply = {
          status: 500,
          body: new OktaApiError(500, "E0000009", "Internal Server Error").body(),
        };
      }
    }
    record.status = reply.status;
    log(`${method} ${url.pathname}${url.search} -> ${reply.status}`);
    send(res, reply);
  };

  const dispatch = (method: string, url: URL, body: unknown, authorization?: string): Reply => {
    const candidates = ROUTES.filter((r) => r.regex.test(url.pathname));
    if (candidates.length === 0) {
      const line = `${method} ${url.pathname}`;
      unhandled.push(line);
      console.error(`[local-okta] UNHANDLED ROUTE ${line}${url.search} (answered 404)`);
      throw new OktaApiError(
        404,
        "E0000007",
        `Not found: Resource not found: ${url.pathname} (Route)`,
      );
    }
    const route = candidates.find((r) => r.method === method);
    if (!route) {
      unhandled.push(`${method} ${url.pathname}`);
      console.error(`[local-okta] UNHANDLED METHOD ${method} ${url.pathname} (answered 405)`);
      throw methodNotAllowed();
    }
    let callerId = "";
    if (route.auth !== false) {
      const match = /^SSWS\s+(.+)$/i.exec(authorization ?? "");
      const owner = match?.[1] ? state.tokens.get(match[1].trim()) : undefined;
      if (!owner) throw invalidToken();
      callerId = owner;
    }
    const values = route.regex.exec(url.pathname) ?? [];
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = decodeURIComponent(values[i + 1] ?? "");
    });
    const ctx: Ctx = { method, url, params, query: url.searchParams, body, state, callerId };
    return route.handler(ctx);
  };

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  state.origin = `http://127.0.0.1:${port}`;
  state.orgUrl = opts.orgUrl;
  return {
    origin: state.origin,
    state,
    faults,
    requests,
    unhandled,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name("local-okta")
    .description("Run the local Okta stand-in on 127.0.0.1 until interrupted.")
    .option("--port <port>", "port to listen on (0 picks a free one)", "0")
    .option("--seed <file>", "JSON seed (OktaSeed) instead of the default fixture")
    .option(
      "--org-url <url>",
      "the org's public URL for issuers (e.g. https://example-org.okta.com)",
    )
    .option("--quiet", "do not print one line per request")
    .parse(argv);
  const options = program.opts<{ port: string; seed?: string; orgUrl?: string; quiet?: boolean }>();
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port: "${options.port}" is not a port number; give 0..65535`);
  }
  const seed = options.seed
    ? (JSON.parse(readFileSync(options.seed, "utf8")) as OktaSeed)
    : undefined;
  const okta = await startLocalOkta({
    seed,
    port,
    orgUrl: options.orgUrl,
    log: options.quiet ? undefined : (line) => console.log(`[local-okta] ${line}`),
  });
  const token = [...okta.state.tokens.keys()][0] ?? "";
  console.log(`local Okta listening on ${okta.origin}`);
  console.log(`API token (fake): ${token}   header: Authorization: SSWS ${token}`);
  const stop = () => {
    void okta.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (require.main === module) {
  main(process.argv).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
