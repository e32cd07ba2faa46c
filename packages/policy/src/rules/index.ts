// Every policy rule, in the order gitops.yaml documents them.
import { imageLatestTag, imageWithoutDigest } from './images';
import { hostPath, missingProbes, missingResources, privilegedContainer } from './pods';
import { duplicateResource, namespaceMissing } from './resources';
import type { Rule } from './rule';
import { plainSecret } from './secrets';

export const rules: readonly Rule[] = [
  imageLatestTag,
  imageWithoutDigest,
  duplicateResource,
  missingResources,
  privilegedContainer,
  hostPath,
  missingProbes,
  namespaceMissing,
  plainSecret,
];

export type { Rule, RuleHit, RuleInput } from './rule';
