import { request } from "node:http";

/**
 * The substitute Okta plugin's HTTP client. Like the real plugin with `okta:httpProxy` set, it
 * sends every call as a proxy request (absolute URL in the request line, `Proxy-Authorization:
 * Basic Og==`) to the proxy, which is the org URL too. It talks to loopback addresses only: a
 * substitute must never reach a real tenant.
 */
export interface OktaClientConfig {
  httpProxy: string;
  apiToken: string;
}

export class OktaHttpError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly body: unknown,
  ) {
    const b = (body ?? {}) as { errorCode?: string; errorSummary?: string; errorCauses?: unknown };
    const causes = Array.isArray(b.errorCauses)
      ? (b.errorCauses as { errorSummary?: string }[]).map((c) => c.errorSummary).filter(Boolean)
      : [];
    super(
      `the API returned an error: ${b.errorSummary ?? "no summary"}. Causes: ${
        causes.length > 0 ? causes.join("; ") : "none"
      } (${method} ${path}: HTTP ${status}, ${b.errorCode ?? "no errorCode"})`,
    );
  }
}

export function checkConfig(config: Record<string, unknown>): OktaClientConfig {
  const problems: string[] = [];
  const proxy = typeof config.httpProxy === "string" ? config.httpProxy.replace(/\/+$/, "") : "";
  const token = typeof config.apiToken === "string" ? config.apiToken : "";
  if (!proxy) {
    problems.push(
      "okta:httpProxy is not set: this substitute Okta plugin only talks to a local Okta " +
        "(set okta:httpProxy to http://127.0.0.1:PORT); for a real tenant use the real plugin",
    );
  } else {
    let host = "";
    try {
      host = new URL(proxy).hostname;
    } catch {
      problems.push(`okta:httpProxy "${proxy}" is not a URL; give http://127.0.0.1:PORT`);
    }
    if (host && host !== "127.0.0.1" && host !== "localhost" && host !== "[::1]") {
      problems.push(
        `okta:httpProxy host "${host}" is not a loopback address; this substitute plugin only ` +
          "talks to a local Okta on 127.0.0.1",
      );
    }
  }
  if (!token) problems.push("no Okta credentials provided: set okta:apiToken (secret)");
  if (problems.length > 0) throw new Error(`okta provider configuration: ${problems.join("; ")}`);
  return { httpProxy: proxy, apiToken: token };
}

export class OktaClient {
  constructor(private readonly config: OktaClientConfig) {}

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const res = await this.raw(method, path, body);
    if (res.status >= 400) throw new OktaHttpError(res.status, method, path, res.body);
    return res.body as T;
  }

  /** The answer whatever its status (callers that treat 404 as "gone"). */
  raw(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const proxy = new URL(this.config.httpProxy);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: proxy.hostname,
          port: proxy.port || 80,
          method,
          path: `${this.config.httpProxy}${path}`,
          headers: {
            Accept: "application/json",
            Authorization: `SSWS ${this.config.apiToken}`,
            "Proxy-Authorization": "Basic Og==",
            "User-Agent": "pulumi-resource-okta-substitute/7.0.0",
            ...(payload === undefined
              ? {}
              : {
                  "Content-Type": "application/json",
                  "Content-Length": Buffer.byteLength(payload),
                }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let parsed: unknown;
            try {
              parsed = text === "" ? undefined : JSON.parse(text);
            } catch {
              parsed = { errorSummary: `non-JSON answer: ${text.slice(0, 200)}` };
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on("error", reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }
}
