import { request } from "node:http";
import { FAKE_OKTA_API_TOKEN } from "../../../standins/okta/seed";

/** Small HTTP helpers for the local Okta tests (127.0.0.1 only). */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export async function call(
  origin: string,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = FAKE_OKTA_API_TOKEN,
): Promise<Answer> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (token !== null) headers.Authorization = `SSWS ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(`${origin}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: Object.fromEntries(res.headers.entries()),
    body: text === "" ? undefined : JSON.parse(text),
  };
}

/** A proxy-style request: the request line carries the absolute URL, as the plugin sends it. */
export function proxyCall(origin: string, method: string, path: string): Promise<Answer> {
  const target = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        method,
        path: `${origin}${path}`,
        headers: {
          Authorization: `SSWS ${FAKE_OKTA_API_TOKEN}`,
          "Proxy-Authorization": "Basic Og==",
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text === "" ? undefined : JSON.parse(text),
          });
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

export type J = Record<string, unknown>;
export const obj = (v: unknown): J => v as J;
export const arr = (v: unknown): J[] => v as J[];
