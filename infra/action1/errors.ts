/**
 * The one error type of the Action1 API client.
 *
 * It carries what a reader needs to act (method, path, HTTP status, Action1's own
 * `user_message` / `developer_message`) and never a request body, a token or a secret: messages
 * from the server pass through `redact` with every secret the client knows before they are kept.
 */

/** Why a call failed, beyond the HTTP status. */
export type Action1ErrorKind =
  | "http" // Action1 answered with a non-2xx status
  | "network" // connection refused/reset/dropped before a full answer
  | "timeout" // the per-call timeout expired (AbortSignal)
  | "rate-limited" // 429 and the retries (or the wait Action1 asked for) ran out
  | "auth" // the token endpoint refused the API credentials
  | "protocol" // the answer was not what the API documents (e.g. not JSON, paging loop)
  | "not-found"; // a look-up (e.g. a role by id or name) matched nothing

export interface Action1ApiErrorDetails {
  kind: Action1ErrorKind;
  method: string;
  /** Path relative to the API base URL, without the query string (e.g. `/users/123`). */
  path: string;
  status?: number;
  userMessage?: string;
  developerMessage?: string;
  /** How long Action1 asked us to wait (429 `details.retry_after` or `Retry-After`), in ms. */
  retryAfterMs?: number;
  /** Attempts made, including the first. */
  attempts?: number;
  /** Extra sentence saying what to do next. Must not contain secrets. */
  hint?: string;
}

export class Action1ApiError extends Error {
  readonly kind: Action1ErrorKind;
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly userMessage: string | undefined;
  readonly developerMessage: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly attempts: number;

  constructor(details: Action1ApiErrorDetails) {
    super(formatMessage(details));
    this.name = "Action1ApiError";
    this.kind = details.kind;
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.userMessage = details.userMessage;
    this.developerMessage = details.developerMessage;
    this.retryAfterMs = details.retryAfterMs;
    this.attempts = details.attempts ?? 1;
  }

  /** A copy with a different attempt count (the message is rebuilt). */
  withAttempts(attempts: number): Action1ApiError {
    return new Action1ApiError({ ...this.details(), attempts });
  }

  details(): Action1ApiErrorDetails {
    return {
      kind: this.kind,
      method: this.method,
      path: this.path,
      status: this.status,
      userMessage: this.userMessage,
      developerMessage: this.developerMessage,
      retryAfterMs: this.retryAfterMs,
      attempts: this.attempts,
    };
  }
}

function formatMessage(d: Action1ApiErrorDetails): string {
  const what = `Action1 API ${d.method} ${d.path}`;
  const status = d.status === undefined ? "" : ` (HTTP ${d.status})`;
  let reason: string;
  switch (d.kind) {
    case "timeout":
      reason = "timed out";
      break;
    case "network":
      reason = `network error${d.developerMessage ? `: ${d.developerMessage}` : ""}`;
      break;
    case "auth":
      reason = "the API credentials were refused";
      break;
    case "rate-limited":
      reason = "rate limited by Action1";
      break;
    case "protocol":
      reason = `unexpected answer: ${d.developerMessage ?? "unknown"}`;
      break;
    default: {
      const messages = [d.userMessage, d.developerMessage].filter(
        (m, i, all): m is string => !!m && all.indexOf(m) === i,
      );
      reason = messages.length > 0 ? messages.join(" / ") : "failed";
    }
  }
  const attempts = d.attempts && d.attempts > 1 ? ` after ${d.attempts} attempts` : "";
  const hint = d.hint ? ` ${d.hint}` : "";
  return `${what} failed${status}${attempts}: ${reason}.${hint}`;
}

/** True for "this object does not exist" answers (Action1 documents no 404; 400 may mean it). */
export function isNotFound(err: unknown): boolean {
  if (!(err instanceof Action1ApiError) || err.kind !== "http") return false;
  if (err.status === 404) return true;
  const text = `${err.userMessage ?? ""} ${err.developerMessage ?? ""}`;
  return err.status === 400 && /not found|does not exist|no such/i.test(text);
}

/**
 * Replaces every occurrence of each secret in `text` with `***`. Secrets shorter than 4
 * characters are ignored (they would blank out ordinary words).
 */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join("***");
  }
  return out;
}
