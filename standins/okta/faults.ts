import { internalError, type OktaApiError, rateLimited } from "./errors";

/**
 * Fault injection for the local Okta: answer the next `times` matching requests with a 429
 * (with `X-Rate-Limit-Reset`), a 500, or delay every answer by `latencyMs`.
 */
export interface FaultRule {
  status: 429 | 500;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  method?: string;
  /** A path prefix, or a pattern tested against the path. */
  path?: string | RegExp;
  /** For 429: seconds from now written into X-Rate-Limit-Reset (default 1). */
  resetAfterSeconds?: number;
}

export class Faults {
  latencyMs = 0;
  private rules: (FaultRule & { left: number })[] = [];

  inject(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
  }

  clear(): void {
    this.rules = [];
    this.latencyMs = 0;
  }

  /** The fault for this request, if any (consumes one use of the rule). */
  take(method: string, path: string): OktaApiError | undefined {
    const rule = this.rules.find(
      (r) =>
        r.left > 0 &&
        (r.method === undefined || r.method.toUpperCase() === method) &&
        (r.path === undefined ||
          (typeof r.path === "string" ? path.startsWith(r.path) : r.path.test(path))),
    );
    if (!rule) return undefined;
    rule.left -= 1;
    if (rule.status === 500) return internalError();
    const reset = Math.ceil(Date.now() / 1000) + (rule.resetAfterSeconds ?? 1);
    return rateLimited(reset);
  }
}
