// Registry authentication: the challenge in WWW-Authenticate says how (Basic, or Bearer with a token service).
export interface Credentials {
  readonly username: string;
  readonly password: string;
  /**
   * An OAuth refresh token (docker's `identitytoken`, as `docker login` keeps for registries that issue them):
   * traded at the token service for access tokens, in place of the password.
   */
  readonly identityToken?: string;
}

export interface Challenge {
  readonly scheme: 'basic' | 'bearer';
  readonly params: Readonly<Record<string, string>>;
}

/** Parses `Bearer realm="…",service="…",scope="…"` (or `Basic realm="…"`). */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const match = /^\s*(\w+)\s*(.*)$/.exec(header);
  const scheme = match?.[1]?.toLowerCase();
  if (scheme !== 'basic' && scheme !== 'bearer') return undefined;
  const params: Record<string, string> = {};
  for (const part of (match?.[2] ?? '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) {
    params[(part[1] ?? '').toLowerCase()] = part[2] ?? part[3] ?? '';
  }
  return { scheme, params };
}

export function basicHeader(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}
