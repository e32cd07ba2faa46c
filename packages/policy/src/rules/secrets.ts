// plain-secret: a Secret whose values sit in Git as plain text (base64 is an encoding, not encryption). Anyone
// who can read the config repository, its forks and its history can read them.
import { isSopsValue, type RenderedResource } from '@gitops/manifests';
import type { Rule, RuleHit } from './rule';

/** Every value ENC[…]: SOPS encrypted them (it also leaves a `sops:` block, which says nothing of the values). */
function sopsEncrypted(values: Record<string, unknown>): boolean {
  return Object.values(values).every(isSopsValue);
}

export const plainSecret: Rule = {
  name: 'plain-secret',
  description:
    'A Secret with data or stringData in plain text (not SOPS-encrypted): whoever reads the repository reads it.',
  fix: 'Encrypt the values with SOPS (Flux decrypts them), or keep them out of Git with Sealed Secrets or External Secrets; then rotate the values that were committed.',
  defaultLevel: () => 'error',
  check({ resources }) {
    const hits: RuleHit[] = [];
    for (const resource of resources) {
      const { object } = resource;
      if (object.kind !== 'Secret') continue;
      for (const field of ['data', 'stringData'] as const) {
        const values = object[field];
        if (values === null || typeof values !== 'object' || Array.isArray(values)) continue;
        const entries = values as Record<string, unknown>;
        if (Object.keys(entries).length === 0 || sopsEncrypted(entries)) continue;
        hits.push(plainHit(resource, field));
      }
    }
    return hits;
  },
};

function plainHit(resource: RenderedResource, field: 'data' | 'stringData'): RuleHit {
  return {
    resource,
    path: [field],
    message: `this Secret keeps its ${field} in Git as plain text; encrypt it with SOPS, or keep the value out of Git with a SealedSecret, an ExternalSecret or a SecretProviderClass`,
  };
}
