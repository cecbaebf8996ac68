import { existsSync } from "node:fs";
import { join } from "node:path";
import type { RecordedRequest } from "../../standins/action1/server";
import { action1Contract, CONTRACT_EXCEPTIONS, OPENAPI_PATH } from "./action1Contract";

const base: RecordedRequest = {
  seq: 1,
  at: 0,
  method: "GET",
  path: "/me",
  query: {},
  contentType: "",
  body: undefined,
  status: 200,
  response: undefined,
};
const user = {
  id: "u1",
  type: "User",
  self: "/API/users/u1",
  email: "a@example.invalid",
  first_name: "A",
  last_name: "B",
  password: "",
  enabled: "yes",
  user_type: "Interactive",
  identity_provider: "Okta",
};
const check = (r: Partial<RecordedRequest>) => action1Contract().checkExchange({ ...base, ...r });

describe("the contract check itself", () => {
  test("reads Action1's document from ../shared and keeps no copy in the repo", () => {
    expect(OPENAPI_PATH).toBe(
      join(__dirname, "..", "..", "..", "shared", "action1", "action1-openapi.json"),
    );
    expect(existsSync(OPENAPI_PATH)).toBe(true);
    expect(existsSync(join(__dirname, "..", "..", "action1-openapi.json"))).toBe(false);
  });

  test("every exception has a reason", () => {
    for (const e of CONTRACT_EXCEPTIONS) expect(e.reason.length).toBeGreaterThan(40);
    expect(new Set(CONTRACT_EXCEPTIONS.map((e) => e.id)).size).toBe(CONTRACT_EXCEPTIONS.length);
  });

  test("accepts a documented exchange", () => {
    expect(check({ response: user })).toEqual([]);
  });

  test("catches an answer in the wrong shape (boolean enabled)", () => {
    const problems = check({ response: { ...user, enabled: true } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("GET /me -> 200: answer:");
    expect(problems[0]).toContain("data/enabled must be string");
  });

  test("catches a bad request body, an undocumented query parameter and path", () => {
    expect(
      check({
        method: "POST",
        path: "/settings/all",
        contentType: "application/json",
        body: { template_id: "identity_provider", value: 1 },
        response: { id: "s", template_id: "identity_provider", value: "x", scope: [] },
      })[0],
    ).toContain("POST /settings/all: request body:");
    expect(check({ path: "/users", query: { page: "2" }, response: { items: [] } })).toEqual([
      'GET /users: query parameter "page" not documented',
    ]);
    expect(check({ path: "/users", query: { limit: "0" }, response: { items: [] } })[0]).toContain(
      "query limit=0",
    );
    expect(check({ path: "/sso/okta" })).toEqual(["GET /sso/okta: path not in the document"]);
    expect(check({ method: "PUT", path: "/users/u1" })).toEqual([
      "PUT /users/u1: method not in the document for /users/{userId}",
    ]);
  });

  test("a form body is accepted only on the token endpoint", () => {
    const token = {
      method: "POST",
      contentType: "application/x-www-form-urlencoded",
      body: { client_id: "api-key@example.invalid", client_secret: "fake-not-real" },
      response: { access_token: "a", refresh_token: "r", expires_in: 60, token_type: "Bearer" },
    };
    expect(check({ ...token, path: "/oauth2/token" })).toEqual([]);
    expect(
      check({ ...token, path: "/settings/all", response: { id: "s" } }).some((p) =>
        p.includes('body content type "application/x-www-form-urlencoded" not documented'),
      ),
    ).toBe(true);
  });

  test("undocumented statuses are checked against Error; 429 needs a numeric retry_after", () => {
    const err = { id: "0", type: "Error", status: 429, user_message: "slow down" };
    expect(check({ status: 429, response: { ...err, details: { retry_after: 3 } } })).toEqual([]);
    expect(check({ status: 429, response: { ...err, details: { retry_after: "3" } } })).toEqual([
      "GET /me -> 429: details.retry_after must be a number",
    ]);
    expect(check({ status: 409, response: err })).toEqual(["GET /me: status 409 not documented"]);
  });
});
