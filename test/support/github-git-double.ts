// The GitHub double's Git database operations: making a commit and a ref through the REST API, and reading a commit
// with the account GitHub ties it to and whether its signature verified. The states follow GitHub's REST docs and
// the examples in its OpenAPI description (@octokit/openapi: `git-commit`, `git-ref`, `commit`):
// - "Create a commit": a commit made with no author, committer or signature of the caller's is made for the token's
//   identity and signed by GitHub, so its verification is `verified: true, reason: "valid"`
//   (docs.github.com/rest/git/commits, "Signature verification object"; bots' commits made this way are signed).
// - A commit pushed with git and no signature: `verified: false, reason: "unsigned"`, as in the `commit` example.
// - The `author` account is the one whose noreply address (`<id>+<login>@users.noreply.github.com`) the commit's
//   author email is, else null, as GitHub ties a commit to an account by its email.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { Context } from 'openapi-backend';

/** A GitHub account as the double knows it: who a token belongs to. */
export interface Account {
  readonly login: string;
  readonly id: number;
  readonly type: 'Bot' | 'User';
}

/** What createCommitOnBranch and the REST API make commits as, for any token the test did not name. */
export const defaultAccount: Account = { login: 'gitops-app[bot]', id: 1, type: 'Bot' };

const emptyTree = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export interface GitDatabaseDouble {
  readonly handlers: Record<string, (c: Context) => { status: number; body: unknown }>;
}

type Example = (name: string) => Record<string, unknown>;

const notFound = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };

export function gitDatabaseDouble(options: {
  readonly repositories: string | undefined;
  readonly accounts: Readonly<Record<string, Account>>;
  readonly url: string;
  readonly example: Example;
}): GitDatabaseDouble {
  const signed = new Map<string, Account>();
  const accountOf = (c: Context): Account => {
    const header = String((c.request.headers as Record<string, string>).authorization ?? '');
    return options.accounts[header.replace(/^(token|bearer)\s+/i, '')] ?? defaultAccount;
  };
  const repository = (c: Context) => {
    const { owner = '', repo = '' } = c.request.params as Record<string, string>;
    return {
      name: `${owner}/${repo}`,
      bare: path.join(options.repositories ?? '/nonexistent', `${owner}/${repo}.git`),
    };
  };
  const git = (bare: string, args: string[], input = '', env: Record<string, string> = {}) =>
    execFileSync('git', args, {
      cwd: bare,
      input,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', ...env },
      encoding: 'utf8',
    }).trim();
  const byEmail = (email: string): Account | undefined =>
    [defaultAccount, ...Object.values(options.accounts)].find(
      (account) => email === `${account.id}+${account.login}@users.noreply.github.com`,
    );
  const simpleUser = (account: Account) => ({
    ...(options.example('commit').author as Record<string, unknown>),
    login: account.login,
    id: account.id,
    node_id: `U_${account.id}`,
    type: account.type,
    url: `${options.url}/users/${encodeURIComponent(account.login)}`,
    html_url: `https://github.com/${encodeURIComponent(account.login)}`,
  });
  const verification = (account: Account | undefined) =>
    account
      ? {
          verified: true,
          reason: 'valid',
          signature: '-----BEGIN PGP SIGNATURE-----',
          payload: 'tree',
          verified_at: new Date().toISOString(),
        }
      : { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };

  return {
    handlers: {
      'git/create-commit': (c) => {
        const { name, bare } = repository(c);
        const input = c.request.requestBody as { message: string; tree: string; parents?: string[]; author?: unknown };
        const account = accountOf(c);
        const date = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
        const email = `${account.id}+${account.login}@users.noreply.github.com`;
        let sha: string;
        try {
          const parents = (input.parents ?? []).flatMap((parent) => ['-p', parent]);
          sha = git(bare, ['commit-tree', input.tree, ...parents, '-F', '-'], input.message, {
            GIT_AUTHOR_NAME: account.login,
            GIT_AUTHOR_EMAIL: email,
            GIT_AUTHOR_DATE: date,
            GIT_COMMITTER_NAME: 'GitHub',
            GIT_COMMITTER_EMAIL: 'noreply@github.com',
            GIT_COMMITTER_DATE: date,
          });
        } catch {
          return {
            status: 422,
            body: { message: 'Tree SHA does not exist', documentation_url: 'https://docs.github.com/rest' },
          };
        }
        // GitHub signs only what it makes as the caller: a custom author would leave it unsigned.
        if (input.author === undefined) signed.set(`${name} ${sha}`, account);
        const who = { name: account.login, email, date };
        return {
          status: 201,
          body: {
            ...options.example('git-commit'),
            sha,
            node_id: `C_${sha}`,
            url: `${options.url}/repos/${name}/git/commits/${sha}`,
            html_url: `https://github.com/${name}/commit/${sha}`,
            author: who,
            committer: { name: 'GitHub', email: 'noreply@github.com', date },
            message: input.message,
            tree: { sha: input.tree, url: `${options.url}/repos/${name}/git/trees/${input.tree}` },
            parents: [],
            verification: verification(signed.get(`${name} ${sha}`)),
          },
        };
      },
      'git/create-ref': (c) => {
        const { name, bare } = repository(c);
        const input = c.request.requestBody as { ref: string; sha: string };
        try {
          git(bare, ['update-ref', input.ref, input.sha, '']);
        } catch {
          return {
            status: 422,
            body: { message: 'Reference already exists', documentation_url: 'https://docs.github.com/rest' },
          };
        }
        return {
          status: 201,
          body: {
            ...options.example('git-ref'),
            ref: input.ref,
            node_id: `REF_${input.sha}`,
            url: `${options.url}/repos/${name}/git/${input.ref}`,
            object: { type: 'commit', sha: input.sha, url: `${options.url}/repos/${name}/git/commits/${input.sha}` },
          },
        };
      },
      'repos/get-commit': (c) => {
        const { name, bare } = repository(c);
        const ref = (c.request.params as Record<string, string>).ref ?? '';
        let fields: string[];
        try {
          fields = git(bare, [
            'show',
            '-s',
            '--format=%H%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%T%x00%B',
            `${ref}^{commit}`,
          ]).split('\0');
        } catch {
          return notFound;
        }
        const [sha = '', an = '', ae = '', ad = '', cn = '', ce = '', cd = '', tree = emptyTree, message = ''] = fields;
        const account = signed.get(`${name} ${sha}`);
        const author = account ?? byEmail(ae);
        const base = options.example('commit');
        return {
          status: 200,
          body: {
            ...base,
            sha,
            node_id: `C_${sha}`,
            url: `${options.url}/repos/${name}/commits/${sha}`,
            html_url: `https://github.com/${name}/commit/${sha}`,
            comments_url: `${options.url}/repos/${name}/commits/${sha}/comments`,
            commit: {
              ...(base.commit as Record<string, unknown>),
              url: `${options.url}/repos/${name}/git/commits/${sha}`,
              author: { name: an, email: ae, date: ad },
              committer: { name: cn, email: ce, date: cd },
              message: message.trim(),
              tree: { sha: tree, url: `${options.url}/repos/${name}/git/trees/${tree}` },
              comment_count: 0,
              verification: verification(account),
            },
            author: author ? simpleUser(author) : null,
            committer: null,
            parents: [],
            stats: { additions: 0, deletions: 0, total: 0 },
            files: [],
          },
        };
      },
    },
  };
}
