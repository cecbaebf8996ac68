/** The one error type of the small Okta Management API client. Never carries the API token. */
export type OktaErrorKind = "http" | "network" | "timeout" | "rate-limited";

export interface OktaClientErrorDetails {
  kind: OktaErrorKind;
  method: string;
  /** Path without the query string, e.g. `/api/v1/users/00u1`. */
  path: string;
  status?: number;
  errorCode?: string;
  errorSummary?: string;
  /** When Okta's window resets (429 `X-Rate-Limit-Reset`), in ms from now. */
  retryAfterMs?: number;
  attempts?: number;
}

export class OktaClientError extends Error {
  readonly kind: OktaErrorKind;
  readonly status: number | undefined;
  readonly errorCode: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly details: OktaClientErrorDetails;

  constructor(details: OktaClientErrorDetails) {
    const status = details.status === undefined ? "" : ` (HTTP ${details.status})`;
    const attempts =
      details.attempts && details.attempts > 1 ? ` after ${details.attempts} attempts` : "";
    const reason =
      details.kind === "http"
        ? [details.errorCode, details.errorSummary].filter(Boolean).join(" ") || "failed"
        : details.kind === "rate-limited"
          ? "rate limited by Okta"
          : details.kind === "timeout"
            ? "timed out"
            : `network error${details.errorSummary ? `: ${details.errorSummary}` : ""}`;
    super(`Okta API ${details.method} ${details.path} failed${status}${attempts}: ${reason}`);
    this.name = "OktaClientError";
    this.kind = details.kind;
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.retryAfterMs = details.retryAfterMs;
    this.details = details;
  }
}

export const isOktaNotFound = (e: unknown): boolean =>
  e instanceof OktaClientError && e.kind === "http" && e.status === 404;
