/**
 * `pr-comment`: posts a step's Markdown summary to a pull request, or updates the comment that
 * carries the same hidden marker (first line of the summary), so each stack has one comment that
 * follows the latest push instead of a new comment per run. Uses the GitHub REST API with the
 * job's GITHUB_TOKEN (needs `pull-requests: write`).
 */
import { PipelineError } from "./context";

export interface CommentTarget {
  /** `owner/name`. */
  readonly repository: string;
  readonly number: number;
  /** Defaults to https://api.github.com (GITHUB_API_URL on GitHub Enterprise). */
  readonly apiUrl: string;
  readonly token: string;
}

export type Fetch = typeof fetch;

interface IssueComment {
  id: number;
  body?: string;
}

const PAGE_SIZE = 100;
/** A pull request with more than 5,000 comments is searched no further (a new comment is made). */
const MAX_PAGES = 50;

/** The marker a summary starts with: its first line when that is an HTML comment. */
export function markerOf(body: string): string | undefined {
  const first = body.split("\n", 1)[0]?.trim() ?? "";
  return /^<!--.*-->$/.test(first) ? first : undefined;
}

function headers(token: string): Record<string, string> {
  return {
    accept: "application/vnd.github+json",
    authorization: `Bearer ${token}`,
    "content-type": "application/json",
    "user-agent": "action1-okta-sso-pipeline",
    "x-github-api-version": "2022-11-28",
  };
}

async function call(
  fetchImpl: Fetch,
  method: string,
  url: string,
  token: string,
  body?: unknown,
): Promise<Response> {
  const response = await fetchImpl(url, {
    method,
    headers: headers(token),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return response;
}

async function failure(what: string, response: Response): Promise<PipelineError> {
  const text = (await response.text()).slice(0, 300);
  return new PipelineError(
    `pr-comment: ${what} failed: HTTP ${response.status} ${text}. Check that the job has ` +
      "`pull-requests: write` and that GITHUB_TOKEN is the job's token",
  );
}

/** Creates or updates the marked comment; returns what it did and the comment id. */
export async function upsertComment(
  target: CommentTarget,
  body: string,
  fetchImpl: Fetch = fetch,
): Promise<{ action: "created" | "updated"; id: number }> {
  if (target.token.trim() === "") {
    throw new PipelineError(
      "pr-comment: GITHUB_TOKEN is not set or empty: posting to the pull request needs it. " +
        "Fix: give the step the job token as GITHUB_TOKEN (github.token) in its env",
    );
  }
  if (!/^[\w.-]+\/[\w.-]+$/.test(target.repository)) {
    throw new PipelineError(
      `pr-comment: invalid repository '${target.repository}' (expected owner/name)`,
      2,
    );
  }
  if (!Number.isInteger(target.number) || target.number <= 0) {
    throw new PipelineError(
      `pr-comment: invalid pull request number '${target.number}' (a positive integer)`,
      2,
    );
  }
  const api = target.apiUrl.replace(/\/+$/, "");
  const base = `${api}/repos/${target.repository}/issues`;
  const marker = markerOf(body);
  if (marker !== undefined) {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const url = `${base}/${target.number}/comments?per_page=${PAGE_SIZE}&page=${page}`;
      const response = await call(fetchImpl, "GET", url, target.token);
      if (!response.ok) throw await failure("listing the comments", response);
      const comments = (await response.json()) as IssueComment[];
      const found = comments.find((c) => (c.body ?? "").trimStart().startsWith(marker));
      if (found) {
        const patch = await call(fetchImpl, "PATCH", `${base}/comments/${found.id}`, target.token, {
          body,
        });
        if (!patch.ok) throw await failure(`updating comment ${found.id}`, patch);
        return { action: "updated", id: found.id };
      }
      if (comments.length < PAGE_SIZE) break;
    }
  }
  const post = await call(fetchImpl, "POST", `${base}/${target.number}/comments`, target.token, {
    body,
  });
  if (!post.ok) throw await failure("creating the comment", post);
  const created = (await post.json()) as IssueComment;
  return { action: "created", id: created.id };
}
