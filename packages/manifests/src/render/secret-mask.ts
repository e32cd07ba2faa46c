// Rendered diffs are shown in the job log, the step summary and a pull-request comment: Secret values must not
// be. Each value becomes a marker, as `argocd app diff` does, that still shows whether it changed: the marker is
// a keyed hash under a key made for this one diff and never shown, so equal values match on both sides of the
// diff, different values differ, and no marker can be turned back into its value or checked against a guess.
import { createHmac, randomBytes } from 'node:crypto';
import type { ResourceObject } from './model';

/** Whether `value` is SOPS-encrypted: `ENC[AES256_GCM,data:…,iv:…,tag:…,type:str]`. */
export function isSopsValue(value: unknown): boolean {
  return typeof value === 'string' && /^ENC\[[A-Z0-9_]+,data:/.test(value);
}

export class SecretMask {
  private readonly key = randomBytes(32);

  /** `<hidden a1b2c3d4>`: the same for the same value within this mask. */
  marker(value: unknown): string {
    const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
    return `<hidden ${createHmac('sha256', this.key).update(text).digest('hex').slice(0, 8)}>`;
  }

  /** A copy of the resource with every Secret `data`/`stringData` value and every SOPS-encrypted value hidden. */
  hide(object: ResourceObject): ResourceObject {
    const copy = this.hideSops(object) as ResourceObject;
    if (copy.kind !== 'Secret') return copy;
    for (const field of ['data', 'stringData']) {
      const values = copy[field];
      if (values === null || typeof values !== 'object' || Array.isArray(values)) continue;
      copy[field] = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, this.marker(value)]));
    }
    return copy;
  }

  private hideSops(value: unknown): unknown {
    if (typeof value === 'string') return isSopsValue(value) ? this.marker(value) : value;
    if (Array.isArray(value)) return value.map((item) => this.hideSops(item));
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.hideSops(item)]));
  }
}
