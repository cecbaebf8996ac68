/**
 * `pr-comment`: posts a step's Markdown summary to a pull request, or updates the comment that
 * carries the same hidden marker (first line of the summary), so each stack has one comment that
 * follows the latest push instead of a new comment per run. Uses the GitHub REST API with the
 * job's GITHUB_TOKEN (needs `pull-requests: write`).
 */
import { PipelineError } from "./context";
import { type Fetch, GitHubClient, type GitHubTarget } from "./github";

export interface CommentTarget extends GitHubTarget {
  /** The pull request's number. */
  readonly number: number;
}

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

/** Creates or updates the marked comment; returns what it did and the comment id. */
export async function upsertComment(
  target: CommentTarget,
  body: string,
  fetchImpl: Fetch = fetch,
): Promise<{ action: "created" | "updated"; id: number }> {
  const github = new GitHubClient(target, "pr-comment", "pull-requests: write", fetchImpl);
  if (!Number.isInteger(target.number) || target.number <= 0) {
    throw new PipelineError(
      `pr-comment: invalid pull request number '${target.number}' (a positive integer)`,
      2,
    );
  }
  const marker = markerOf(body);
  if (marker !== undefined) {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const comments = await github.request<IssueComment[]>(
        "listing the comments",
        "GET",
        `/issues/${target.number}/comments?per_page=${PAGE_SIZE}&page=${page}`,
      );
      const found = comments.find((c) => (c.body ?? "").trimStart().startsWith(marker));
      if (found) {
        await github.request(
          `updating comment ${found.id}`,
          "PATCH",
          `/issues/comments/${found.id}`,
          {
            body,
          },
        );
        return { action: "updated", id: found.id };
      }
      if (comments.length < PAGE_SIZE) break;
    }
  }
  const created = await github.request<IssueComment>(
    "creating the comment",
    "POST",
    `/issues/${target.number}/comments`,
    { body },
  );
  return { action: "created", id: created.id };
}
