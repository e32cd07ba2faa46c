// image-latest-tag and image-without-digest: what a container image reference pins, and what it leaves to chance.

import { containers } from './containers';
import type { Rule, RuleHit, RuleInput } from './rule';

function pinning(image: string): { tag: string | undefined; digest: boolean } {
  const [name = '', digest] = image.split('@');
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return { tag: colon > slash ? name.slice(colon + 1) : undefined, digest: digest !== undefined };
}

function imageSites(input: RuleInput) {
  return containers(input.resources)
    .filter((site) => typeof site.container.image === 'string')
    .map((site) => ({ ...site, image: site.container.image as string }));
}

export const imageLatestTag: Rule = {
  name: 'image-latest-tag',
  description: 'A container image with the tag latest, or no tag, and no digest: what runs changes without a commit.',
  fix: 'Pin a version tag or, better, a digest: `gitops deploy --image 1.4.2@sha256:…` or the deploy action write both (`newTag` and `digest`).',
  defaultLevel: () => 'warning',
  check(input) {
    const hits: RuleHit[] = [];
    for (const site of imageSites(input)) {
      const { tag, digest } = pinning(site.image);
      if (digest || (tag !== undefined && tag !== 'latest')) continue;
      hits.push({
        resource: site.resource,
        path: [...site.path, 'image'],
        message: `container "${site.name}" runs ${site.image}: ${tag ? 'the tag latest' : 'no tag (so latest)'} moves without a commit; pin a version or a digest`,
      });
    }
    return hits;
  },
};

export const imageWithoutDigest: Rule = {
  name: 'image-without-digest',
  description: 'A container image not pinned by digest; always an error where the environment sets require-digest.',
  fix: "Deploy by digest (`image: tag@sha256:…`, as push-registry's `digest` output gives it); promote copies digests as they are.",
  defaultLevel: (environment) => (environment.requireDigest ? 'error' : 'off'),
  check(input) {
    const hits: RuleHit[] = [];
    for (const site of imageSites(input)) {
      if (pinning(site.image).digest) continue;
      const why = input.environment.requireDigest
        ? `environment ${input.environment.name} requires images pinned by digest`
        : 'a tag can be moved to other content';
      hits.push({
        resource: site.resource,
        path: [...site.path, 'image'],
        message: `container "${site.name}" runs ${site.image} without a digest: ${why}`,
      });
    }
    return hits;
  },
};
