/**
 * Scripts send API credentials to the URLs they are given, so a URL must be https, or plain
 * http on the loopback stand-ins only (the sandbox and tests).
 */
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** A problem with a credential-bearing URL, naming the setting; undefined when it is fine. */
export function endpointProblem(name: string, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${name}: "${url}" is not a URL`;
  }
  if (parsed.username || parsed.password) return `${name}: the URL must not carry credentials`;
  const local = LOOPBACK.has(parsed.hostname);
  if (parsed.protocol !== "https:" && !(local && parsed.protocol === "http:")) {
    return `${name}: "${url}" must use https:// (http:// only for 127.0.0.1)`;
  }
  return undefined;
}
