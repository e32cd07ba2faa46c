// Where the config repository is and how to authenticate to it, without the token ever touching a URL,
// an argument list or .git/config.
import { UserError } from '@gitops/errors';
import { withGitConfig } from './git-config-env';
import { withoutUserinfo } from './redact';
import { defaultBudgetMs, type Patience } from './run';

export interface Remote {
  /** The URL git fetches and pushes, without credentials. */
  readonly url: string;
  /** The URL as logs and messages show it: no userinfo at all (not even an ssh user name). */
  readonly display: string;
  /** `owner/name` when the remote is a repository on the GitHub server (for pull requests). */
  readonly githubRepository: string | undefined;
  /** GIT_CONFIG_* variables that carry the token as an HTTP header; empty without a token. */
  readonly env: Record<string, string>;
  readonly secrets: readonly string[];
  /** How long git keeps trying the host when it fails in passing. */
  readonly patience: Patience;
}

/** The repository input is unusable as it is written: the message says why. */
export class RemoteError extends UserError {
  constructor(message: string) {
    super(message, { subject: 'repository' });
  }
}

const ownerName = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** `scheme://userinfo@`: the scheme in any letter case (git and URL parsers ignore it). */
const schemeUserinfo = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i;
/** scp-like `user:password@host:path` (no scheme; the part before the first `@` holds a colon and no slash). */
const scpUserinfo = /^([^/@:]*):([^/@]*)@/;

/**
 * `repository` is `owner/name` on `serverUrl`, or any git URL (https, git://, ssh, file://, a path).
 * A token is sent only over http(s), as `Authorization: basic` (what actions/checkout does).
 * A URL that carries a password (any scheme, any letter case) or, over http(s), any userinfo at all is refused
 * before it is printed anywhere: the credential would reach logs, `.git/config` and the process list.
 */
export function resolveRemote(
  repository: string,
  serverUrl: string,
  token: string | undefined,
  patience: Patience = { budgetMs: defaultBudgetMs },
): Remote {
  const server = serverUrl.replace(/\/+$/, '');
  if (repository.startsWith('-'))
    throw new RemoteError(
      `"${withoutUserinfo(repository)}" starts with "-", which git would read as an option; refused`,
    );
  let url: string;
  if (ownerName.test(repository)) {
    url = `${server}/${repository}.git`;
  } else {
    url = repository;
    const userinfo = schemeUserinfo.exec(url);
    const http = /^https?:\/\//i.test(url);
    if ((userinfo && (http || userinfo[2]?.includes(':'))) || (!userinfo && scpUserinfo.test(url))) {
      throw new RemoteError(
        `the URL ${withoutUserinfo(url)} carries credentials; remove them and pass the token on its own`,
      );
    }
  }
  const githubRepository = ownerName.test(repository) ? repository : githubOwnerName(url, server);
  const env: Record<string, string> = {};
  const secrets: string[] = [];
  if (token && needsToken(url)) {
    const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
    const origin = new URL(url).origin;
    Object.assign(env, withGitConfig({}, [[`http.${origin}/.extraheader`, header]]));
    secrets.push(token, header, Buffer.from(`x-access-token:${token}`).toString('base64'));
  }
  return { url, display: withoutUserinfo(url), githubRepository, env, secrets, patience };
}

/**
 * `owner/name` when `url` is a repository on the GitHub server `server` (github.com, or a GHES host from
 * GITHUB_SERVER_URL), in any form git takes: https (any port the server has), ssh://[user@]host[:port]/,
 * scp-like `user@host:owner/name`, the host in any letter case, with or without `.git` and a trailing slash.
 */
export function githubOwnerName(url: string, server: string): string | undefined {
  let host: string;
  try {
    host = new URL(server).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const path = repositoryPath(url, host);
  if (path === undefined) return undefined;
  const rest = path.replace(/\/+$/, '').replace(/\.git$/i, '');
  return ownerName.test(rest) ? rest : undefined;
}

/** The path of `url` on `host` (without the leading slash), or undefined when `url` is on another host. */
function repositoryPath(url: string, host: string): string | undefined {
  const scp = /^(?:[^@/:]+@)?([^@/:]+):(?!\/\/)(.+)$/.exec(url);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return scp[1]?.toLowerCase() === host ? scp[2] : undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!/^(https?|ssh|git\+ssh|ssh\+git):$/i.test(parsed.protocol) || parsed.hostname.toLowerCase() !== host)
    return undefined;
  return decodeURIComponent(parsed.pathname.replace(/^\/+/, ''));
}

export function needsToken(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
