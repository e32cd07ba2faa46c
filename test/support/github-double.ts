// A local stand-in for the GitHub REST and GraphQL APIs. Every request it receives and every response it sends is
// validated against GitHub's own OpenAPI description (@octokit/openapi) or GraphQL schema (@octokit/graphql-schema),
// so it cannot drift from GitHub;
// a request it does not expect, or an invalid one, is recorded as a failure for the test to assert on.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildSchema, execute, type GraphQLSchema, parse, validate } from 'graphql';
import { type Context, type Document, OpenAPIBackend } from 'openapi-backend';
import { type Account, gitDatabaseDouble } from './github-git-double';
import { registerLeakSink } from './leak-scanner';
import { projectRoot } from './run-action';
import { freePort } from './services/ports';

export interface PullState {
  number: number;
  owner: string;
  repo: string;
  head: string;
  base: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  nodeId: string;
  autoMerge: boolean;
}

export interface DeploymentState {
  id: number;
  owner: string;
  repo: string;
  ref: string;
  environment: string;
  statuses: {
    state: string;
    logUrl: string | undefined;
    description: string | undefined;
    environmentUrl: string | undefined;
  }[];
}

/** An issue (not a pull request), as the issues API keeps it. */
export interface IssueState {
  number: number;
  owner: string;
  repo: string;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | null;
  updates: number;
}

export interface CommentState {
  id: number;
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
  updates: number;
}

export interface GitHubDouble {
  readonly url: string;
  readonly requests: { method: string; path: string; body: unknown }[];
  /** Requests or responses that GitHub's description rejects, and requests nobody expected. */
  readonly failures: string[];
  readonly pulls: PullState[];
  readonly deployments: DeploymentState[];
  /** Issue and pull request comments. */
  readonly comments: CommentState[];
  /** Issues opened through the issues API (numbers from 5001, apart from pull requests'). */
  readonly issues: IssueState[];
  /** Commits made through GraphQL's createCommitOnBranch. */
  readonly commits: CommitState[];
  /** Attestations stored through the attestations API: the repository, the digests it names, the bundle. */
  readonly attestations: { id: number; repository: string; digests: string[]; bundle: unknown }[];
  /** From now on, answers the operation (`pulls/create`) with this status and message, as GitHub refuses. */
  refuse(operationId: string, status: number, message: string): void;
  stop(): Promise<void>;
}

let definition: Document | undefined;

/** GitHub's description, with `nullable` schemas that lack a `type` made explicit for ajv. */
function githubDefinition(): Document {
  if (!definition) {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    definition = rewriteNullable(JSON.parse(readFileSync(file, 'utf8'))) as Document;
  }
  return definition;
}

function rewriteNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteNullable);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node as Record<string, unknown>).map(
    ([key, value]) => [key, rewriteNullable(value)] as const,
  );
  const object = Object.fromEntries(entries) as Record<string, unknown>;
  // A nullable enum (an issue's state_reason) is null on GitHub's answers, but OpenAPI 3.0 lets an enum that lacks
  // null refuse it: null joins the values.
  if (object.nullable === true && Array.isArray(object.enum) && !object.enum.includes(null))
    object.enum = [...object.enum, null];
  if (object.nullable === true && object.type === undefined) {
    const { nullable: _nullable, ...rest } = object;
    return { anyOf: [rest, { enum: [null] }] };
  }
  return object;
}

/** An example of GitHub's REST description (components.examples), as GitHub documents the object. */
export function githubExample(name: string): Record<string, unknown> {
  return example(name);
}

function example(name: string): Record<string, unknown> {
  const examples = (githubDefinition() as { components: { examples: Record<string, { value: unknown }> } }).components
    .examples;
  return structuredClone(examples[name]?.value) as Record<string, unknown>;
}

export interface GitHubDoubleOptions {
  /** Where `owner/name.git` bare repositories are (a git daemon's base): createCommitOnBranch commits there. */
  readonly repositories?: string;
  /**
   * Runs when a createCommitOnBranch call has passed the expectedHeadOid check and before its commit lands: a
   * test pushes another commit here to make the race that the compare-and-swap must catch.
   */
  readonly beforeCommit?: (commit: { readonly repository: string; readonly branch: string }) => void;
  /** Whose token is whose: the account GitHub makes and signs commits as. Any other token is gitops-app[bot]. */
  readonly accounts?: Readonly<Record<string, Account>>;
}

export async function startGitHubDouble(options: GitHubDoubleOptions = {}): Promise<GitHubDouble> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const requests: GitHubDouble['requests'] = [];
  const failures: string[] = [];
  const pulls: PullState[] = [];
  const deployments: DeploymentState[] = [];
  const comments: CommentState[] = [];
  const issues: IssueState[] = [];
  const commits: CommitState[] = [];
  const attestations: GitHubDouble['attestations'] = [];
  const refusals = new Map<string, { status: number; message: string }>();
  const commentObject = (comment: CommentState) => ({
    ...example('issue-comment'),
    id: comment.id,
    node_id: `IC_node${comment.id}`,
    body: comment.body,
    url: `${url}/repos/${comment.owner}/${comment.repo}/issues/comments/${comment.id}`,
    html_url: `https://github.com/${comment.owner}/${comment.repo}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${url}/repos/${comment.owner}/${comment.repo}/issues/${comment.issueNumber}`,
  });

  const issueObject = (issue: IssueState) => {
    // GitHub's example issue is one of a pull request: a plain issue has no pull_request key.
    const { pull_request: _, ...base } = example('issue');
    const label = (example('issue') as { labels: Record<string, unknown>[] }).labels[0] ?? {};
    return {
      ...base,
      id: 90_000 + issue.number,
      node_id: `I_node${issue.number}`,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.stateReason,
      labels: issue.labels.map((name, i) => ({ ...label, id: i + 1, name })),
      url: `${url}/repos/${issue.owner}/${issue.repo}/issues/${issue.number}`,
      html_url: `https://github.com/${issue.owner}/${issue.repo}/issues/${issue.number}`,
      closed_at: issue.state === 'closed' ? '2026-12-07T00:00:00Z' : null,
    };
  };

  const pullObject = (pull: PullState, simple = false) => {
    const base = example('pull-request');
    const object = {
      ...base,
      number: pull.number,
      id: 1000 + pull.number,
      node_id: pull.nodeId,
      title: pull.title,
      body: pull.body,
      state: pull.state,
      html_url: `https://github.com/${pull.owner}/${pull.repo}/pull/${pull.number}`,
      url: `${url}/repos/${pull.owner}/${pull.repo}/pulls/${pull.number}`,
      // GitHub's example lists teams without fields its own schema requires; these pull requests request none.
      requested_teams: [],
      head: { ...(base.head as object), ref: pull.head, label: `${pull.owner}:${pull.head}` },
      base: { ...(base.base as object), ref: pull.base, label: `${pull.owner}:${pull.base}` },
    };
    if (simple) {
      // pull-request-simple has no counters or merge state.
      for (const key of [
        'merged',
        'mergeable',
        'rebaseable',
        'mergeable_state',
        'merged_by',
        'comments',
        'review_comments',
        'maintainer_can_modify',
        'commits',
        'additions',
        'deletions',
        'changed_files',
      ]) {
        delete (object as Record<string, unknown>)[key];
      }
    }
    return object;
  };

  const api = new OpenAPIBackend({ definition: githubDefinition(), quick: true, validate: true });
  const params = (c: Context) => c.request.params as Record<string, string>;
  const body = (c: Context) => c.request.requestBody as Record<string, unknown>;
  const gitDatabase = gitDatabaseDouble({
    repositories: options.repositories,
    accounts: options.accounts ?? {},
    url,
    example,
  });
  api.register({
    ...gitDatabase.handlers,
    'pulls/list': (c) => {
      const { owner = '', repo = '' } = params(c);
      const query = c.request.query as Record<string, string>;
      const head = query.head?.includes(':') ? query.head.split(':')[1] : query.head;
      const found = pulls.filter(
        (p) =>
          p.owner === owner &&
          p.repo === repo &&
          p.state === (query.state ?? 'open') &&
          (!head || p.head === head) &&
          (!query.base || p.base === query.base),
      );
      return { status: 200, body: found.map((p) => pullObject(p, true)) };
    },
    'pulls/create': (c) => {
      const { owner = '', repo = '' } = params(c);
      const input = body(c);
      if (pulls.some((p) => p.owner === owner && p.repo === repo && p.state === 'open' && p.head === input.head)) {
        return {
          status: 422,
          body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' },
        };
      }
      const pull: PullState = {
        number: pulls.length + 1,
        owner,
        repo,
        head: String(input.head),
        base: String(input.base),
        title: String(input.title),
        body: String(input.body ?? ''),
        state: 'open',
        labels: [],
        nodeId: `PR_node${pulls.length + 1}`,
        autoMerge: false,
      };
      pulls.push(pull);
      return { status: 201, body: pullObject(pull) };
    },
    'pulls/get': (c) => {
      const { owner = '', repo = '' } = params(c);
      const pull = pulls.find(
        (p) => p.owner === owner && p.repo === repo && p.number === Number(params(c).pull_number),
      );
      if (!pull)
        return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
      return { status: 200, body: pullObject(pull) };
    },
    'pulls/update': (c) => {
      const pull = pulls.find((p) => p.number === Number(params(c).pull_number));
      if (!pull)
        return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
      const input = body(c);
      if (input.title !== undefined) pull.title = String(input.title);
      if (input.body !== undefined) pull.body = String(input.body);
      return { status: 200, body: pullObject(pull) };
    },
    'issues/add-labels': (c) => {
      const pull = pulls.find((p) => p.number === Number(params(c).issue_number));
      const labels = (body(c).labels as string[]) ?? [];
      if (pull) pull.labels = [...new Set([...pull.labels, ...labels])];
      const template = (example('label-items') as unknown as Record<string, unknown>[])[0] ?? {};
      return { status: 200, body: (pull?.labels ?? labels).map((name, i) => ({ ...template, id: i + 1, name })) };
    },
    'repos/create-deployment': (c) => {
      const { owner = '', repo = '' } = params(c);
      const input = body(c);
      const deployment: DeploymentState = {
        id: deployments.length + 1,
        owner,
        repo,
        ref: String(input.ref),
        environment: String(input.environment),
        statuses: [],
      };
      deployments.push(deployment);
      return {
        status: 201,
        body: { ...example('deployment'), id: deployment.id, ref: deployment.ref, environment: deployment.environment },
      };
    },
    'repos/create-attestation': (c) => {
      const { owner = '', repo = '' } = params(c);
      const bundle = body(c).bundle as { dsseEnvelope?: { payload?: string } };
      // GitHub files an attestation under the digests its in-toto statement names as subjects.
      let subjects: { digest?: Record<string, string> }[] = [];
      try {
        const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope?.payload ?? '', 'base64').toString('utf8'));
        subjects = statement.subject ?? [];
      } catch {
        return {
          status: 422,
          body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' },
        };
      }
      const digests = subjects.flatMap((subject) =>
        Object.entries(subject.digest ?? {}).map(([algorithm, hex]) => `${algorithm}:${hex}`),
      );
      const attestation = { id: attestations.length + 1, repository: `${owner}/${repo}`, digests, bundle };
      attestations.push(attestation);
      return { status: 201, body: { id: attestation.id } };
    },
    'repos/list-attestations': (c) => {
      const { owner = '', repo = '', subject_digest = '' } = params(c);
      const found = attestations
        .filter((entry) => entry.repository === `${owner}/${repo}` && entry.digests.includes(subject_digest))
        .reverse();
      if (found.length === 0)
        return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
      return {
        status: 200,
        body: {
          attestations: found.map((entry) => ({
            bundle: entry.bundle,
            repository_id: 1,
            bundle_url: `${url}/bundles/${entry.id}`,
          })),
        },
      };
    },
    'repos/create-deployment-status': (c) => {
      const deployment = deployments.find((d) => d.id === Number(params(c).deployment_id));
      const input = body(c);
      deployment?.statuses.push({
        state: String(input.state),
        logUrl: input.log_url as string | undefined,
        description: input.description as string | undefined,
        environmentUrl: input.environment_url as string | undefined,
      });
      return { status: 201, body: { ...example('deployment-status'), state: String(input.state) } };
    },
    'issues/list-for-repo': (c) => {
      const { owner = '', repo = '' } = params(c);
      const query = c.request.query as Record<string, string>;
      const wanted = (query.labels ?? '').split(',').filter(Boolean);
      const state = query.state ?? 'open';
      const perPage = Number(query.per_page ?? 30);
      const page = Number(query.page ?? 1);
      const found = issues.filter(
        (issue) =>
          issue.owner === owner &&
          issue.repo === repo &&
          (state === 'all' || issue.state === state) &&
          wanted.every((label) => issue.labels.includes(label)),
      );
      return { status: 200, body: found.slice((page - 1) * perPage, page * perPage).map(issueObject) };
    },
    'issues/create': (c) => {
      const { owner = '', repo = '' } = params(c);
      const input = body(c);
      const issue: IssueState = {
        number: 5001 + issues.length,
        owner,
        repo,
        title: String(input.title),
        body: String(input.body ?? ''),
        labels: ((input.labels as (string | { name: string })[] | undefined) ?? []).map((label) =>
          typeof label === 'string' ? label : label.name,
        ),
        state: 'open',
        stateReason: null,
        updates: 0,
      };
      issues.push(issue);
      return { status: 201, body: issueObject(issue) };
    },
    'issues/update': (c) => {
      const { owner = '', repo = '', issue_number } = params(c);
      const issue = issues.find((i) => i.owner === owner && i.repo === repo && i.number === Number(issue_number));
      if (!issue)
        return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
      const input = body(c);
      if (input.title !== undefined) issue.title = String(input.title);
      if (input.body !== undefined) issue.body = String(input.body);
      if (input.state === 'open' || input.state === 'closed') issue.state = input.state;
      if (input.state_reason !== undefined) issue.stateReason = input.state_reason as IssueState['stateReason'];
      issue.updates++;
      return { status: 200, body: issueObject(issue) };
    },
    'issues/list-comments': (c) => {
      const { owner = '', repo = '', issue_number } = params(c);
      const query = c.request.query as Record<string, string>;
      const perPage = Number(query.per_page ?? 30);
      const page = Number(query.page ?? 1);
      const found = comments.filter(
        (comment) => comment.owner === owner && comment.repo === repo && comment.issueNumber === Number(issue_number),
      );
      return { status: 200, body: found.slice((page - 1) * perPage, page * perPage).map(commentObject) };
    },
    'issues/create-comment': (c) => {
      const { owner = '', repo = '', issue_number } = params(c);
      const comment: CommentState = {
        id: 5000 + comments.length + 1,
        owner,
        repo,
        issueNumber: Number(issue_number),
        body: String(body(c).body),
        updates: 0,
      };
      comments.push(comment);
      return { status: 201, body: commentObject(comment) };
    },
    'issues/update-comment': (c) => {
      const comment = comments.find((candidate) => candidate.id === Number(params(c).comment_id));
      if (!comment)
        return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
      comment.body = String(body(c).body);
      comment.updates++;
      return { status: 200, body: commentObject(comment) };
    },
    validationFail: (c) => {
      failures.push(
        `${c.request.method.toUpperCase()} ${c.request.path}: request does not match GitHub's API: ${JSON.stringify(c.validation.errors)}`,
      );
      return { status: 422, body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' } };
    },
    notFound: (c) => {
      failures.push(`unexpected request ${c.request.method.toUpperCase()} ${c.request.path}`);
      return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
    },
    notImplemented: (c) => {
      failures.push(
        `request the double does not answer: ${c.operation?.operationId} ${c.request.method.toUpperCase()} ${c.request.path}`,
      );
      return { status: 501, body: { message: 'Not Implemented', documentation_url: 'https://docs.github.com/rest' } };
    },
    postResponseHandler: (c) => {
      const result = c.response as { status: number; body: unknown };
      if (c.operation && result.status < 300) {
        const valid = c.api.validateResponse(result.body, c.operation, result.status);
        if (valid.errors?.length) {
          failures.push(
            `${c.operation.operationId}: the double's response does not match GitHub's API: ${JSON.stringify(valid.errors).slice(0, 500)}`,
          );
        }
      }
      return result;
    },
  });
  await api.init();

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const parsed = raw ? JSON.parse(raw) : undefined;
    const target = new URL(req.url ?? '/', url);
    requests.push({ method: req.method ?? 'GET', path: target.pathname, body: parsed });
    let result: { status: number; body: unknown };
    const operation = api.matchOperation({
      method: req.method ?? 'GET',
      path: target.pathname,
      headers: req.headers as Record<string, string>,
    });
    const refusal = operation?.operationId ? refusals.get(operation.operationId) : undefined;
    if (refusal) {
      result = {
        status: refusal.status,
        body: { message: refusal.message, documentation_url: 'https://docs.github.com/rest' },
      };
    } else if (target.pathname === '/graphql' && req.method === 'POST') {
      try {
        result = await graphqlAnswer(parsed, pulls, failures, options, commits);
      } catch (error) {
        failures.push(`the double failed on a GraphQL call: ${(error as Error).message}`);
        result = { status: 500, body: { message: 'the double failed' } };
      }
    } else {
      result = (await api.handleRequest({
        method: req.method ?? 'GET',
        path: target.pathname,
        query: Object.fromEntries(target.searchParams),
        headers: req.headers as Record<string, string>,
        body: parsed,
      })) as { status: number; body: unknown };
    }
    res.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(result.body));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  // What a run sent GitHub (pull request titles and bodies, comments) is public to the repository's readers.
  const unregister = registerLeakSink(`GitHub double ${port}`, () =>
    requests.map((request, i): [string, string] => [
      `GitHub request #${i + 1} ${request.method} ${request.path}`,
      JSON.stringify(request.body ?? ''),
    ]),
  );
  return {
    url,
    requests,
    failures,
    pulls,
    deployments,
    comments,
    issues,
    commits,
    attestations,
    refuse: (operationId, status, message) => {
      refusals.set(operationId, { status, message });
    },
    stop: () => {
      unregister();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let schema: GraphQLSchema | undefined;

/** GitHub's GraphQL schema (@octokit/graphql-schema), built once. */
function githubSchema(): GraphQLSchema {
  // GitHub's published schema defines a few fields twice, which graphql-js's strict SDL check refuses.
  schema ??= buildSchema(
    readFileSync(path.join(projectRoot, 'node_modules/@octokit/graphql-schema/schema.graphql'), 'utf8'),
    { assumeValidSDL: true },
  );
  return schema;
}

/** A GraphQL error as GitHub words them: `type` beside the message (STALE_DATA, NOT_FOUND, ...). */
class GitHubGraphQLError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The GraphQL calls the actions make, run by graphql-js against GitHub's schema: the query and its variables are
 * checked by GitHub's own types before a resolver sees them. Enabling auto-merge marks the pull request;
 * createCommitOnBranch makes the commit in the bare repository under `options.repositories`, as GitHub does, refusing a
 * branch that is not at expectedHeadOid.
 */
async function graphqlAnswer(
  request: { query?: string; variables?: Record<string, unknown> } | undefined,
  pulls: PullState[],
  failures: string[],
  options: GitHubDoubleOptions,
  commits: CommitState[],
) {
  const query = request?.query ?? '';
  const document = (() => {
    try {
      return parse(query);
    } catch (error) {
      return error as Error;
    }
  })();
  const invalid = document instanceof Error ? [document] : validate(githubSchema(), document);
  if (invalid.length > 0 || document instanceof Error) {
    failures.push(`GraphQL query does not match GitHub's schema: ${invalid.map((e) => e.message).join('; ')}`);
    return { status: 200, body: { errors: invalid.map((e) => ({ message: e.message })) } };
  }
  const root = {
    enablePullRequestAutoMerge: ({ input }: { input: { pullRequestId: string } }) => {
      const pull = pulls.find((p) => p.nodeId === input.pullRequestId);
      if (!pull)
        throw new GitHubGraphQLError(
          'NOT_FOUND',
          `Could not resolve to a node with the global id of '${input.pullRequestId}'`,
        );
      pull.autoMerge = true;
      return { pullRequest: { number: pull.number } };
    },
    createCommitOnBranch: ({ input }: { input: CommitOnBranchInput }) => {
      if (!options.repositories) throw new Error('this double was started without repositories');
      const made = commitOnBranch(options.repositories, input, options.beforeCommit);
      commits.push(made);
      return { commit: { oid: made.oid } };
    },
  };
  const result = await execute({
    schema: githubSchema(),
    document,
    rootValue: root,
    variableValues: request?.variables ?? {},
  });
  for (const error of result.errors ?? []) {
    if (!(error.originalError instanceof GitHubGraphQLError)) failures.push(`GraphQL: ${error.message}`);
  }
  const errors = result.errors?.map((error) => ({
    ...(error.originalError instanceof GitHubGraphQLError ? { type: error.originalError.type } : {}),
    path: error.path,
    locations: error.locations,
    message: error.message,
  }));
  return { status: 200, body: errors ? { data: result.data ?? null, errors } : { data: result.data } };
}

interface CommitOnBranchInput {
  branch: { repositoryNameWithOwner?: string; branchName?: string };
  expectedHeadOid: string;
  message: { headline: string; body?: string };
  fileChanges?: { additions?: { path: string; contents: string }[]; deletions?: { path: string }[] };
}

/** A commit GitHub made through createCommitOnBranch. */
export interface CommitState {
  readonly repository: string;
  readonly branch: string;
  readonly oid: string;
}

/** What GitHub does for createCommitOnBranch, on the bare repository: a new tree from the tip, one commit, CAS. */
function commitOnBranch(
  root: string,
  input: CommitOnBranchInput,
  beforeCommit: GitHubDoubleOptions['beforeCommit'],
): CommitState {
  const repository = input.branch.repositoryNameWithOwner ?? '';
  const branch = input.branch.branchName ?? '';
  const bare = path.join(root, `${repository}.git`);
  const run = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) =>
    execFileSync('git', args, {
      cwd: bare,
      input: options.input ?? '',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', ...options.env },
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    }).trim();
  let tip: string;
  try {
    tip = run(['rev-parse', '--verify', `refs/heads/${branch}^{commit}`]);
  } catch {
    throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to a Ref with the name 'refs/heads/${branch}'.`);
  }
  const stale = () =>
    new GitHubGraphQLError(
      'STALE_DATA',
      `Expected branch to point to "${input.expectedHeadOid}" but it did not.  Pull and try again.`,
    );
  if (tip !== input.expectedHeadOid) throw stale();
  const index = path.join(mkdtempSync(path.join(tmpdir(), 'gitops-double-index-')), 'index');
  const env = { GIT_INDEX_FILE: index };
  try {
    run(['read-tree', tip], { env });
    for (const addition of input.fileChanges?.additions ?? []) {
      const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], {
        cwd: bare,
        input: Buffer.from(addition.contents, 'base64'),
        encoding: 'utf8',
      }).trim();
      run(['update-index', '--add', '--cacheinfo', `100644,${blob},${addition.path}`], { env });
    }
    for (const deletion of input.fileChanges?.deletions ?? [])
      run(['update-index', '--force-remove', '--', deletion.path], { env });
    const tree = run(['write-tree'], { env });
    const message = input.message.body ? `${input.message.headline}\n\n${input.message.body}` : input.message.headline;
    // Made by the token's identity, committed by GitHub: as GitHub writes the commits it signs.
    const oid = run(['commit-tree', tree, '-p', tip, '-F', '-'], {
      input: message,
      env: {
        GIT_AUTHOR_NAME: 'gitops-app[bot]',
        GIT_AUTHOR_EMAIL: '1+gitops-app[bot]@users.noreply.github.com',
        GIT_COMMITTER_NAME: 'GitHub',
        GIT_COMMITTER_EMAIL: 'noreply@github.com',
      },
    });
    beforeCommit?.({ repository, branch });
    try {
      // The compare-and-swap: a push that landed meanwhile makes this fail, as GitHub's own check would.
      run(['update-ref', `refs/heads/${branch}`, oid, tip]);
    } catch {
      throw stale();
    }
    return { repository, branch, oid };
  } finally {
    rmSync(path.dirname(index), { recursive: true, force: true });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
