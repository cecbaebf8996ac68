/**
 * The few GitHub REST calls the pipeline makes (PR comments, drift issues), with the job's
 * GITHUB_TOKEN. Failures become one PipelineError naming the call, the HTTP status, GitHub's
 * answer (cut short) and the permission the job needs; the token is never printed.
 */
import { PipelineError } from "./context";

export type Fetch = typeof fetch;

export interface GitHubTarget {
  /** `owner/name`. */
  readonly repository: string;
  /** https://api.github.com, or GITHUB_API_URL on GitHub Enterprise. */
  readonly apiUrl: string;
  readonly token: string;
}

export class GitHubClient {
  private readonly base: string;

  constructor(
    private readonly target: GitHubTarget,
    /** Prefix of error messages, e.g. `pr-comment`. */
    private readonly step: string,
    /** The job permission a refused write points at, e.g. `pull-requests: write`. */
    private readonly permission: string,
    private readonly fetchImpl: Fetch = fetch,
  ) {
    if (target.token.trim() === "") {
      throw new PipelineError(
        `${step}: GITHUB_TOKEN is not set or empty: ${step} needs it. Fix: give the step the job ` +
          "token as GITHUB_TOKEN (github.token) in its env",
      );
    }
    if (!/^[\w.-]+\/[\w.-]+$/.test(target.repository)) {
      throw new PipelineError(
        `${step}: invalid repository '${target.repository}' (expected owner/name)`,
        2,
      );
    }
    this.base = `${target.apiUrl.replace(/\/+$/, "")}/repos/${target.repository}`;
  }

  /** Calls `METHOD /repos/<owner/name><path>` and returns the parsed JSON answer. */
  async request<T>(what: string, method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.fetchImpl(`${this.base}${path}`, {
      method,
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${this.target.token}`,
        "content-type": "application/json",
        "user-agent": "action1-okta-sso-pipeline",
        "x-github-api-version": "2022-11-28",
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) {
      const text = (await response.text()).slice(0, 300);
      throw new PipelineError(
        `${this.step}: ${what} failed: HTTP ${response.status} ${text}. Check that the job has ` +
          `\`${this.permission}\` and that GITHUB_TOKEN is the job's token`,
      );
    }
    const text = await response.text();
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }
}
