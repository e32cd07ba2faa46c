// The rendered manifests as one YAML stream in a stable order, so two renderings diff by content only; the text
// is for people to read, so Secret values are hidden by the mask both sides of a diff share.
import { stringify } from 'yaml';
import type { RenderedResource } from './model';
import { resourceName } from './model';
import type { SecretMask } from './secret-mask';

export function renderedText(resources: readonly RenderedResource[], mask: SecretMask): string {
  const keyed = resources.map((resource) => {
    const { kind, namespace, name } = resourceName(resource.object);
    return { key: `${String(resource.object.apiVersion ?? '')}\u0000${kind}\u0000${namespace}\u0000${name}`, resource };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed
    .map(({ resource }) => stringify(mask.hide(resource.object), { lineWidth: 0, aliasDuplicateObjects: false }))
    .join('---\n');
}
