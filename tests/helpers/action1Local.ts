/**
 * Test helpers around the local Action1: start it, build a client with short backoffs that
 * records every log line, and check every recorded exchange against the OpenAPI contract.
 */
import { Action1Client, type Action1ClientOptions } from "../../infra/action1/client";
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET } from "../../standins/action1/seed";
import {
  type LocalAction1,
  type LocalAction1Options,
  startLocalAction1,
} from "../../standins/action1/server";
import { action1Contract } from "./action1Contract";

export interface Harness {
  local: LocalAction1;
  client: Action1Client;
  logs: string[];
  makeClient(overrides?: Partial<Action1ClientOptions>): Action1Client;
  /** Contract problems over every exchange recorded so far. */
  contractProblems(): string[];
  close(): Promise<void>;
}

export async function startHarness(
  opts: LocalAction1Options = {},
  clientOpts: Partial<Action1ClientOptions> = {},
): Promise<Harness> {
  const local = await startLocalAction1(opts);
  const logs: string[] = [];
  const makeClient = (overrides: Partial<Action1ClientOptions> = {}) =>
    new Action1Client({
      apiBaseUrl: local.apiBaseUrl,
      clientId: FAKE_CLIENT_ID,
      clientSecret: FAKE_CLIENT_SECRET,
      initialDelayMs: 5,
      maxDelayMs: 50,
      timeoutMs: 2_000,
      logger: {
        debug: (m) => logs.push(`debug ${m}`),
        warn: (m) => logs.push(`warn ${m}`),
      },
      ...clientOpts,
      ...overrides,
    });
  return {
    local,
    client: makeClient(),
    logs,
    makeClient,
    contractProblems: () => action1Contract().checkAll(local.requests),
    close: () => local.close(),
  };
}

/** Every token the local Action1 issued, read from the recorded token answers. */
export function issuedTokens(local: LocalAction1): string[] {
  return local.requests
    .filter((r) => r.path === "/oauth2/token" && r.status === 200)
    .flatMap((r) => {
      const a = r.response as { access_token?: string; refresh_token?: string };
      return [a.access_token, a.refresh_token].filter((t): t is string => !!t);
    });
}
