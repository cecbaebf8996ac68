/**
 * Okta-shaped errors: every failure the local Okta sends has `errorCode`, `errorSummary`,
 * `errorLink`, `errorId` and `errorCauses`, as in Okta's Management API (`Error` schema).
 */
export interface OktaErrorBody {
  errorCode: string;
  errorSummary: string;
  errorLink: string;
  errorId: string;
  errorCauses: { errorSummary: string }[];
}

let errorCounter = 0;

export class OktaApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly errorSummary: string,
    readonly causes: string[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${errorCode}: ${errorSummary}`);
  }

  body(): OktaErrorBody {
    errorCounter += 1;
    return {
      errorCode: this.errorCode,
      errorSummary: this.errorSummary,
      errorLink: this.errorCode,
      errorId: `oae${errorCounter.toString(36).padStart(19, "0")}`,
      errorCauses: this.causes.map((errorSummary) => ({ errorSummary })),
    };
  }
}

export const notFound = (what: string, type: string): OktaApiError =>
  new OktaApiError(404, "E0000007", `Not found: Resource not found: ${what} (${type})`);

export const invalidToken = (): OktaApiError =>
  new OktaApiError(401, "E0000011", "Invalid token provided");

/** Okta's generic validation error (HTTP 400, E0000001) with one cause per problem. */
export const validationFailed = (field: string, causes: string[]): OktaApiError =>
  new OktaApiError(400, "E0000001", `Api validation failed: ${field}`, causes);

export const invalidSearch = (detail: string): OktaApiError =>
  new OktaApiError(400, "E0000031", "Invalid search criteria.", [detail]);

export const methodNotAllowed = (): OktaApiError =>
  new OktaApiError(405, "E0000022", "The endpoint does not support the provided HTTP method");

export const rateLimited = (resetEpochSeconds: number): OktaApiError =>
  new OktaApiError(429, "E0000047", "API call exceeded rate limit due to too many requests.", [], {
    "X-Rate-Limit-Limit": "600",
    "X-Rate-Limit-Remaining": "0",
    "X-Rate-Limit-Reset": String(resetEpochSeconds),
  });

export const internalError = (): OktaApiError =>
  new OktaApiError(500, "E0000009", "Internal Server Error");
