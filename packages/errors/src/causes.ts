// One table of the causes a git host, the GitHub API or a registry gives for failing, and what each means to
// the user: whether trying again can help (a host with a bad minute) and what to do otherwise. Every client
// (git, Octokit, the registry client) classifies through it, so the same situation reads the same everywhere.

export type CauseKind =
  | 'disk-full'
  | 'actions-pull-requests'
  | 'rate-limit'
  | 'authentication'
  | 'permission'
  | 'missing'
  | 'unknown-host'
  | 'transport'
  | 'unreachable'
  | 'timeout'
  | 'server-error';

export interface KnownCause {
  readonly kind: CauseKind;
  /** Trying again later can succeed: the host was down, slow or busy. */
  readonly transient: boolean;
  /** What the user can do about it; empty when the host's own reason says it. */
  readonly advice: string;
}

/** What a failure is known by: its text (git's stderr, an API message), an HTTP status, an errno code. */
export interface Failure {
  readonly text?: string;
  readonly status?: number;
  readonly code?: string;
}

interface Row extends KnownCause {
  readonly text?: RegExp;
  readonly status?: (status: number) => boolean;
  readonly codes?: readonly string[];
}

// Order matters: the first row that matches wins (a 403 that says "rate limit" is a rate limit).
const rows: readonly Row[] = [
  {
    kind: 'disk-full',
    transient: false,
    advice: 'free space on the runner (RUNNER_TEMP and the workspace) or use a larger runner',
    codes: ['ENOSPC', 'EDQUOT'],
    text: /No space left on device|ENOSPC|Disk quota exceeded/i,
  },
  {
    kind: 'actions-pull-requests',
    transient: false,
    advice:
      'allow it in the repository (or organization) settings: Actions > General > Workflow permissions > ' +
      '"Allow GitHub Actions to create and approve pull requests", or use a GitHub App token',
    text: /GitHub Actions is not permitted to (create|approve)/i,
  },
  {
    kind: 'rate-limit',
    transient: false,
    advice: 'wait for the limit to reset, or use a GitHub App token, whose limit is higher',
    text: /rate limit/i,
  },
  {
    kind: 'rate-limit',
    transient: true,
    advice: '',
    status: (status) => status === 429,
    text: /returned error: 429|429 Too Many Requests/,
  },
  {
    kind: 'authentication',
    transient: false,
    advice: 'check that the credentials (token, password or key) are set, current and meant for this host',
    status: (status) => status === 401,
    text: /Authentication failed|terminal prompts disabled|could not read (Username|Password)|returned error: 401|Permission denied \(publickey|Bad credentials|Invalid username or (password|token)/i,
  },
  {
    kind: 'permission',
    transient: false,
    advice: 'give the token the permission it needs (contents: write to push, pull-requests: write for pull requests)',
    status: (status) => status === 403,
    text: /returned error: 403|Permission to \S+ denied|Resource not accessible by (integration|personal access token)|Write access to repository not granted/i,
  },
  {
    kind: 'missing',
    transient: false,
    advice: 'check the name; a private repository also reads as missing to credentials that cannot see it',
    status: (status) => status === 404,
    text: /Repository not found|repository '[^']*' (does not exist|not found)|does not appear to be a git repository|returned error: 404|No such repository|repository not exported/i,
  },
  {
    kind: 'unknown-host',
    transient: false,
    advice: 'check the host name',
    codes: ['ENOTFOUND'],
    text: /Could not resolve host|Name or service not known|Temporary failure in name resolution|unable to look up/i,
  },
  {
    kind: 'transport',
    transient: false,
    advice: 'use an https, ssh, git or file URL',
    text: /transport '[^']*' not allowed|Unable to find remote helper|unsupported URL protocol|Protocol "[^"]*" not supported/i,
  },
  {
    kind: 'unreachable',
    transient: true,
    advice: '',
    codes: ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN'],
    text: /Connection refused|Connection reset|Failed to connect|Couldn't connect|No route to host|Network is unreachable|The remote end hung up unexpectedly|early EOF|unexpected disconnect|RPC failed|SSL_ERROR_SYSCALL|Broken pipe|gnutls_handshake\(\) failed/i,
  },
  {
    kind: 'timeout',
    transient: true,
    advice: '',
    codes: ['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT'],
    text: /timed out|Operation too slow|no answer for \d+ s/i,
  },
  {
    kind: 'server-error',
    transient: true,
    advice: '',
    status: (status) => status >= 500 && status <= 599,
    text: /returned error: 5\d\d|\b50[234] (Bad Gateway|Service Unavailable|Gateway Time-?out)/i,
  },
];

/** The known cause of a failure, or undefined when the table does not know it. */
export function knownCause(failure: Failure): KnownCause | undefined {
  const row = rows.find(
    (candidate) =>
      (failure.code !== undefined && candidate.codes?.includes(failure.code)) ||
      (failure.status !== undefined && candidate.status?.(failure.status)) ||
      (failure.text !== undefined && candidate.text?.test(failure.text)),
  );
  if (!row) return undefined;
  return { kind: row.kind, transient: row.transient, advice: row.advice };
}

/** The errno code of a Node error or of the error it wraps (fetch wraps the socket's). */
export function errnoCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
