/**
 * Fault injection for the local Action1, per test. A rule matches by method and path (relative
 * to `/api/3.0`, without the query string) and fires `times` times (default 1), in the order the
 * rules were added.
 */

export type FaultAction =
  /** Answer with this status (429 carries `details.retry_after` and a `Retry-After` header). */
  | { kind: "status"; status: number; retryAfterSeconds?: number; retryAfterHeaderOnly?: boolean }
  /** Close the connection before anything is done (the request never took effect). */
  | { kind: "drop" }
  /** Do the work, then close the connection without answering (an ambiguous failure). */
  | { kind: "dropAfterApply" }
  /** Wait before handling the request (to trigger client timeouts). */
  | { kind: "latency"; ms: number }
  /** Answer 401 as if the presented token had expired (the token is revoked). */
  | { kind: "expireToken" };

export interface FaultRule {
  method?: string;
  /** Exact path or a regular expression tested against the path. */
  path?: string | RegExp;
  times?: number;
  action: FaultAction;
}

/** Paging quirks the real API shows (../shared/docs/action1-api.md, section 3). */
export interface PagingQuirks {
  /** How `total_items` is sent: always a string, always a number, or alternating. */
  totalItems: "string" | "number" | "alternate" | "omit";
  /** `next_page`: normal, left out although more rows exist, or always the same URL. */
  nextPage: "normal" | "omit" | "repeat";
  /** Largest page the server returns whatever `limit` asks (0 = no cap). */
  maxLimit: number;
  /** A broken server that always answers the first page, whatever `from` says. */
  ignoreFrom?: boolean;
}

export class Faults {
  private rules: (FaultRule & { left: number })[] = [];
  /** Revokes every token issued so far (next call with one of them gets a 401). */
  expireAllTokens: () => void = () => {};
  quirks: PagingQuirks = { totalItems: "alternate", nextPage: "normal", maxLimit: 0 };

  add(rule: FaultRule): this {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
    return this;
  }

  /** Shorthand: `n` answers of 429 with `retry_after` seconds. */
  rateLimit(path: string | RegExp, retryAfterSeconds?: number, times = 1): this {
    return this.add({ path, times, action: { kind: "status", status: 429, retryAfterSeconds } });
  }

  clear(): void {
    this.rules = [];
    this.quirks = { totalItems: "alternate", nextPage: "normal", maxLimit: 0 };
  }

  /** Rules not yet used up (a test can assert all its faults fired). */
  pending(): FaultRule[] {
    return this.rules.filter((r) => r.left > 0);
  }

  /** The next action for this request, consuming one use of the first matching rule. */
  take(method: string, path: string): FaultAction[] {
    const actions: FaultAction[] = [];
    for (const r of this.rules) {
      if (r.left <= 0) continue;
      if (r.method && r.method.toUpperCase() !== method) continue;
      if (r.path !== undefined) {
        const ok = typeof r.path === "string" ? r.path === path : r.path.test(path);
        if (!ok) continue;
      }
      // Latency combines with one other fault; any other kind stops the search.
      r.left--;
      actions.push(r.action);
      if (r.action.kind !== "latency") break;
    }
    return actions;
  }
}
