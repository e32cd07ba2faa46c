// A policy rule: looks at the rendered resources of one environment and says where something is wrong.
import type { Environment, PolicyName } from '@gitops/config';
import type { LocateMode, PathStep, RenderedResource } from '@gitops/manifests';
import type { Level } from '../findings';

export interface RuleHit {
  readonly resource: RenderedResource;
  readonly path: readonly PathStep[];
  readonly message: string;
  /** `owner` for something missing (point at the resource's own file), `value` for a value that is wrong. */
  readonly mode?: LocateMode;
}

export interface RuleInput {
  readonly environment: Environment;
  readonly resources: readonly RenderedResource[];
}

export interface Rule {
  readonly name: PolicyName;
  readonly description: string;
  /** How to fix it (markdown): code scanning shows it as the rule's help. */
  readonly fix: string;
  /** The level when gitops.yaml `policies:` does not set one; may depend on the environment. */
  defaultLevel(environment: Environment): Level | 'off';
  check(input: RuleInput): RuleHit[];
}
