// A local stand-in for the GitHub REST API. Every request it receives and every response it sends is
// validated against GitHub's own OpenAPI description (@octokit/openapi), so it cannot drift from GitHub;
// a request it does not expect, or an invalid one, is recorded as a failure for the test to assert on.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { type Context, type Document, OpenAPIBackend } from 'openapi-backend';
import { registerLeakSink } from './leak-scanner';
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
  statuses: { state: string; logUrl: string | undefined; description: string | undefined }[];
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
  if (object.nullable === true && object.type === undefined) {
    const { nullable: _nullable, ...rest } = object;
    return { anyOf: [rest, { enum: [null] }] };
  }
  return object;
}

function example(name: string): Record<string, unknown> {
  const examples = (githubDefinition() as { components: { examples: Record<string, { value: unknown }> } }).components
    .examples;
  return structuredClone(examples[name]?.value) as Record<string, unknown>;
}

export async function startGitHubDouble(): Promise<GitHubDouble> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const requests: GitHubDouble['requests'] = [];
  const failures: string[] = [];
  const pulls: PullState[] = [];
  const deployments: DeploymentState[] = [];
  const comments: CommentState[] = [];
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
  api.register({
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
    'repos/create-deployment-status': (c) => {
      const deployment = deployments.find((d) => d.id === Number(params(c).deployment_id));
      const input = body(c);
      deployment?.statuses.push({
        state: String(input.state),
        logUrl: input.log_url as string | undefined,
        description: input.description as string | undefined,
      });
      return { status: 201, body: { ...example('deployment-status'), state: String(input.state) } };
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
      result = graphql(parsed, pulls, failures);
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
    refuse: (operationId, status, message) => {
      refusals.set(operationId, { status, message });
    },
    stop: () => {
      unregister();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The one GraphQL call the actions make: enabling auto-merge on a pull request. */
function graphql(
  request: { query?: string; variables?: Record<string, unknown> } | undefined,
  pulls: PullState[],
  failures: string[],
) {
  const query = request?.query ?? '';
  if (!/mutation[^{]*\{\s*enablePullRequestAutoMerge\(input:\s*\{\s*pullRequestId:\s*\$id\s*\}\)/.test(query)) {
    failures.push(`unexpected GraphQL query: ${query}`);
    return { status: 200, body: { errors: [{ message: 'unexpected query' }] } };
  }
  const pull = pulls.find((p) => p.nodeId === request?.variables?.id);
  if (!pull)
    return {
      status: 200,
      body: { data: null, errors: [{ type: 'NOT_FOUND', message: 'Could not resolve to a node' }] },
    };
  pull.autoMerge = true;
  return { status: 200, body: { data: { enablePullRequestAutoMerge: { pullRequest: { number: pull.number } } } } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
