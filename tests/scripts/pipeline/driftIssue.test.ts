import { reportDrift } from "../../../scripts/pipeline/driftIssue";
import { fakeGitHub } from "./fixtures";

const TOKEN = "ghs_fake_token_not_real";
const BODY = "<!-- action1-okta-sso:drift-check:eu -->\n### Drift check — stack `eu`: ❌ drift\n";
const RUN = "https://github.example.invalid/o/r/actions/runs/5";
const LIST = "GET /api/v3/repos/example/repo/issues?state=open&labels=drift&per_page=100&page=1";

const openIssues = [
  { number: 4, title: "Drift in stack na" },
  { number: 6, title: "Drift in stack eu", pull_request: {} }, // a pull request, not an issue
  { number: 7, title: "Drift in stack eu" },
];

async function withGitHub(
  pages: object[][],
  run: (target: { repository: string; apiUrl: string; token: string }) => Promise<void>,
  status: { patch?: number; post?: number } = {},
) {
  const gh = await fakeGitHub(pages, status);
  try {
    await run({ repository: "example/repo", apiUrl: gh.url, token: TOKEN });
  } finally {
    await gh.close();
  }
  return gh.seen.map((s) => ({
    call: `${s.method} ${s.url}`,
    body: s.body ? JSON.parse(s.body) : undefined,
  }));
}

describe("reportDrift", () => {
  it("opens a labelled issue for a drifted stack without one", async () => {
    let result: unknown;
    const seen = await withGitHub([[openIssues[0] as object]], async (target) => {
      result = await reportDrift(target, "eu", "drift", BODY, RUN);
    });
    expect(result).toEqual({ action: "created", number: 99 });
    expect(seen).toEqual([
      { call: LIST, body: undefined },
      {
        call: "POST /api/v3/repos/example/repo/issues",
        body: { title: "Drift in stack eu", body: BODY, labels: ["drift"] },
      },
    ]);
  });

  it("updates the stack's open issue (not a pull request of the same title)", async () => {
    let result: unknown;
    const seen = await withGitHub([openIssues], async (target) => {
      result = await reportDrift(target, "eu", "drift", BODY, RUN);
    });
    expect(result).toEqual({ action: "updated", number: 7 });
    expect(seen[1]).toEqual({
      call: "PATCH /api/v3/repos/example/repo/issues/7",
      body: { body: BODY },
    });
  });

  it("comments and closes the issue when the check passes again", async () => {
    let result: unknown;
    const seen = await withGitHub([openIssues], async (target) => {
      result = await reportDrift(target, "eu", "passed", "", RUN);
    });
    expect(result).toEqual({ action: "closed", number: 7 });
    expect(seen.slice(1)).toEqual([
      {
        call: "POST /api/v3/repos/example/repo/issues/7/comments",
        body: { body: `The drift check of stack \`eu\` passes again ([run](${RUN})); closing.` },
      },
      {
        call: "PATCH /api/v3/repos/example/repo/issues/7",
        body: { state: "closed", state_reason: "completed" },
      },
    ]);
  });

  it("does nothing when the check passes and no issue is open", async () => {
    let result: unknown;
    const seen = await withGitHub([[]], async (target) => {
      result = await reportDrift(target, "eu", "passed", "", RUN);
    });
    expect(result).toEqual({ action: "none" });
    expect(seen.map((s) => s.call)).toEqual([LIST]);
  });

  it("opens an issue saying the check could not run when it reported nothing", async () => {
    const seen = await withGitHub([[]], async (target) => {
      await reportDrift(target, "na", undefined, "", RUN);
    });
    expect(seen[1]?.body).toEqual({
      title: "Drift in stack na",
      body: `The drift check of stack \`na\` could not run ([run](${RUN})): see the job's log.\n`,
      labels: ["drift"],
    });
  });

  it("names the permission when GitHub refuses", async () => {
    await withGitHub(
      [[]],
      async (target) => {
        await expect(reportDrift(target, "eu", "failed", BODY, undefined)).rejects.toThrow(
          'drift-issue: opening the drift issue failed: HTTP 403 {"message":"Resource not ' +
            'accessible by integration"}. Check that the job has `issues: write` and that ' +
            "GITHUB_TOKEN is the job's token",
        );
      },
      { post: 403 },
    );
  });
});
