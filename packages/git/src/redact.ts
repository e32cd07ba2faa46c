// What git says, made safe to show: credentials in URLs and known secrets removed. Shared by the runner of git
// (every message it shows) and the remote (the address it shows).

/** The URL (or any text holding URLs) with every `scheme://userinfo@` and scp-like `user@host:` user removed. */
export function withoutUserinfo(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/gi, '$1')
    .replace(/^[^/@:\s]+(?::[^/@\s]*)?@(?=[^/:\s]+:)/, '');
}

/** The text with every secret replaced by *** and every URL's userinfo removed. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let result = withoutUserinfo(text);
  for (const secret of secrets) if (secret) result = result.replaceAll(secret, '***');
  return result;
}
