// The Sigstore trust roots a signature is checked against: a file of the config repository (what
// `gh attestation trusted-root` prints: one TrustedRoot JSON per line, GitHub's own Sigstore among them), or
// public-good Sigstore's, brought up to date through its TUF repository as `gh` and `cosign` do.
import * as path from 'node:path';
import { UserError } from '@gitops/errors';
import { TrustedRoot } from '@sigstore/protobuf-specs';

/** Trusted roots from a file's text: one JSON document, or one per line. `file` names it in errors. */
export function parseTrustedRoots(text: string, file: string): TrustedRoot[] {
  const documents = text.trim().startsWith('[')
    ? [{ line: 1, text }]
    : text
        .split('\n')
        .map((line, index) => ({ line: index + 1, text: line }))
        .filter((entry) => entry.text.trim() !== '');
  // A pretty-printed document spans lines: read the whole text as one when a line alone is not JSON.
  const whole = documents.length > 1 && !isJson(documents[0]?.text ?? '') ? [{ line: 1, text }] : documents;
  const roots = whole.flatMap(({ line, text: json }) => {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      // Not the parser's message: it quotes the text, and the file may hold anything.
      throw new UserError(
        `${file}:${line}: not JSON (one Sigstore trusted root per line, as gh attestation trusted-root prints)`,
      );
    }
    return (Array.isArray(value) ? value : [value]).map((root) => {
      let parsed: TrustedRoot;
      try {
        parsed = TrustedRoot.fromJSON(root);
      } catch {
        throw new UserError(`${file}:${line}: not a Sigstore trusted root`);
      }
      if (!(parsed.certificateAuthorities.length > 0))
        throw new UserError(`${file}:${line}: not a Sigstore trusted root: it names no certificate authority`);
      return parsed;
    });
  });
  if (roots.length === 0) throw new UserError(`${file}: holds no Sigstore trusted root`);
  return roots;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Public-good Sigstore's trust root, through its TUF repository (the root of trust ships with @sigstore/tuf), kept
 * under `cacheDir`. Loaded only when needed: the TUF client and its HTTP stack are most of the cost.
 */
export async function publicGoodTrustedRoot(cacheDir: string): Promise<TrustedRoot> {
  const { getTrustedRoot } = await import('@sigstore/tuf');
  try {
    return await getTrustedRoot({ cachePath: path.join(cacheDir, 'sigstore-tuf'), retry: 2, timeout: 30_000 });
  } catch (error) {
    throw new UserError(
      `cannot read public-good Sigstore's trust root from its TUF repository (https://tuf-repo-cdn.sigstore.dev): ${(error as Error).message}; give the trusted roots as a file instead (require-provenance's trusted-root, or gitops verify --trusted-root)`,
    );
  }
}
