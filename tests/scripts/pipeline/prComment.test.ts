import { markerOf, upsertComment } from "../../../scripts/pipeline/prComment";
import { fakeGitHub } from "./fixtures";

const BODY = "<!-- action1-okta-sso:preview:eu -->\n### Pulumi preview — stack `eu`\n";
const TOKEN = "ghs_fake_token_not_real";

describe("upsertComment", () => {
  it("creates a comment when no comment carries the marker", async () => {
    const gh = await fakeGitHub([[{ id: 1, body: "LGTM" }]]);
    try {
      const result = await upsertComment(
        { repository: "example/repo", number: 12, apiUrl: gh.url, token: TOKEN },
        BODY,
      );
      expect(result).toEqual({ action: "created", id: 99 });
      expect(gh.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
        "GET /api/v3/repos/example/repo/issues/12/comments?per_page=100&page=1",
        "POST /api/v3/repos/example/repo/issues/12/comments",
      ]);
      expect(JSON.parse(gh.seen[1]?.body ?? "")).toEqual({ body: BODY });
      expect(gh.seen[1]?.headers).toMatchObject({
        authorization: `Bearer ${TOKEN}`,
        accept: "application/vnd.github+json",
        "x-github-api-version": "2022-11-28",
      });
    } finally {
      await gh.close();
    }
  });

  it("updates the marked comment in place, looking through every page", async () => {
    const page1 = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, body: `comment ${i}` }));
    const gh = await fakeGitHub([
      page1,
      [
        { id: 500, body: "<!-- action1-okta-sso:preview:na -->\nother stack" },
        { id: 501, body: `${BODY}old text` },
      ],
    ]);
    try {
      const result = await upsertComment(
        { repository: "example/repo", number: 12, apiUrl: gh.url, token: TOKEN },
        BODY,
      );
      expect(result).toEqual({ action: "updated", id: 501 });
      expect(gh.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
        "GET /api/v3/repos/example/repo/issues/12/comments?per_page=100&page=1",
        "GET /api/v3/repos/example/repo/issues/12/comments?per_page=100&page=2",
        "PATCH /api/v3/repos/example/repo/issues/comments/501",
      ]);
      expect(JSON.parse(gh.seen[2]?.body ?? "")).toEqual({ body: BODY });
    } finally {
      await gh.close();
    }
  });

  it("always creates a new comment for a body without a marker", async () => {
    const gh = await fakeGitHub([[{ id: 1, body: "hello" }]]);
    try {
      const target = { repository: "example/repo", number: 3, apiUrl: gh.url, token: TOKEN };
      expect(await upsertComment(target, "hello")).toEqual({ action: "created", id: 99 });
      expect(gh.seen.map((s) => s.method)).toEqual(["POST"]);
    } finally {
      await gh.close();
    }
  });

  it("explains a refused write (missing pull-requests: write), without the token", async () => {
    const gh = await fakeGitHub([[]], { post: 403 });
    try {
      const run = upsertComment(
        { repository: "example/repo", number: 12, apiUrl: gh.url, token: TOKEN },
        BODY,
      );
      await expect(run).rejects.toThrow(
        'pr-comment: creating the comment failed: HTTP 403 {"message":"Resource not accessible ' +
          'by integration"}. Check that the job has `pull-requests: write` and that GITHUB_TOKEN ' +
          "is the job's token",
      );
    } finally {
      await gh.close();
    }
  });

  it("fails closed without a token, and on a bad repository or number, sending nothing", async () => {
    const neverCalled = jest.fn();
    const target = {
      repository: "example/repo",
      number: 1,
      apiUrl: "http://127.0.0.1:9",
      token: "",
    };
    await expect(upsertComment(target, BODY, neverCalled)).rejects.toThrow(
      "pr-comment: GITHUB_TOKEN is not set or empty: pr-comment needs it. Fix: " +
        "give the step the job token as GITHUB_TOKEN (github.token) in its env",
    );
    await expect(
      upsertComment({ ...target, token: TOKEN, repository: "no-slash" }, BODY, neverCalled),
    ).rejects.toThrow("pr-comment: invalid repository 'no-slash' (expected owner/name)");
    await expect(
      upsertComment({ ...target, token: TOKEN, number: 0 }, BODY, neverCalled),
    ).rejects.toThrow("pr-comment: invalid pull request number '0' (a positive integer)");
    expect(neverCalled).not.toHaveBeenCalled();
  });
});

describe("markerOf", () => {
  it("is the first line when that is an HTML comment", () => {
    expect(markerOf(BODY)).toBe("<!-- action1-okta-sso:preview:eu -->");
    expect(markerOf("text\n<!-- x -->")).toBeUndefined();
  });
});
