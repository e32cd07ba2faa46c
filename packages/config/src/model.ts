// The resolved configuration: what every action and the CLI work from.
import type { ImageRef } from '@gitops/image-ref';
import type { SourceLocation } from '@gitops/log';
import type { FreezeWindow } from './freeze';

export type Via = 'commit' | 'pull-request';
export type WriteMode = 'reference' | 'tag' | 'digest' | 'tag@digest';
export type Severity = 'off' | 'warning' | 'error';

export const policyNames = [
  'image-latest-tag',
  'image-without-digest',
  'duplicate-resource',
  'missing-resources',
  'privileged-container',
  'host-path',
  'missing-probes',
  'namespace-missing',
  'plain-secret',
  'leaked-credential',
] as const;
export type PolicyName = (typeof policyNames)[number];

export interface Environment {
  readonly name: string;
  /** Folder relative to the repository root, POSIX separators, normalised. */
  readonly path: string;
  /** The environment promoted into this one; undefined for the first. */
  readonly promoteFrom: string | undefined;
  readonly via: Via;
  readonly requireDigest: boolean;
  /** The controller that applies it; undefined when none is declared. */
  readonly controller: ControllerSpec | undefined;
  /** Promote into it only what its source runs Healthy and Synced at the exact digest (auto-promote implies it). */
  readonly requireHealthy: boolean;
  /** `gitops promote --auto` promotes into it whatever runs healthy in its source. */
  readonly autoPromote: boolean;
  /** Its address, for the GitHub deployment; undefined: what the controller reports, if anything. */
  readonly url: string | undefined;
  /** Only digests with a valid build provenance attestation of these signers are written; undefined: any. */
  readonly requireProvenance: ProvenanceRule | undefined;
  /** Windows in which deploy and promote refuse to change it (rollback never is). */
  readonly freeze: readonly FreezeWindow[];
  /** The line is stopped (`gitops hold`): nothing but a rollback changes it until `gitops unhold`. */
  readonly hold: Hold | undefined;
  /** Where it is declared; undefined when found by convention. */
  readonly location: SourceLocation | undefined;
  /** Set: the environment is a fleet of clusters, changed wave by wave (its path is the folder they are in). */
  readonly fleet?: Fleet | undefined;
}

/** The clusters an environment is made of, and the waves a change goes through them in. */
export interface Fleet {
  readonly clusters: readonly Cluster[];
  /** The names of the clusters of each wave, in order; every cluster is in exactly one. */
  readonly waves: readonly (readonly string[])[];
  /** Between waves: a soak time, or `manual` (the run stops after each wave); undefined: none. */
  readonly wavePause: { readonly seconds: number } | 'manual' | undefined;
}

export interface Cluster {
  /** Stands for {cluster} in paths and controller names. */
  readonly name: string;
  /** Its folder, relative to the repository root. */
  readonly path: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Its own controller, else the environment's (with {cluster} replaced); undefined: none. */
  readonly controller: ControllerSpec | undefined;
  readonly location: SourceLocation | undefined;
}

/** A stop of the line, as `gitops hold` writes it into gitops.yaml (its commit's trailers say the same). */
export interface Hold {
  readonly reason: string;
  /** Who held it: the run's actor, or the committer. */
  readonly by: string | undefined;
  /** When (ISO 8601). */
  readonly at: string | undefined;
}

/** Who may have built what an environment runs: checked against each digest's Sigstore attestation. */
export interface ProvenanceRule {
  /** `owner/name` of the repositories whose workflows may sign; may hold `{app}`. */
  readonly repositories: readonly string[];
  /** The ref the image was built from (`refs/heads/main`, the certificate's source ref); undefined: any. */
  readonly ref: string | undefined;
  /** The workflow that must have signed (`owner/repo/.github/workflows/build.yml`, `@ref` optional); undefined: any. */
  readonly signerWorkflow?: string | undefined;
  /** Sigstore trusted roots (JSON, one per line), relative to the repository root; undefined: public-good's. */
  readonly trustedRoot: string | undefined;
}

/** An Argo CD Application, or a Flux Kustomization or HelmRelease; names may hold `{app}` and `{env}`. */
export type ControllerSpec =
  | {
      readonly kind: 'argocd';
      /** Argo CD's address: https://argocd.example.com */
      readonly server: string;
      readonly name: string;
      readonly namespace: string | undefined;
      /** Plain http:// is allowed for `server`. */
      readonly insecure?: boolean | undefined;
    }
  | {
      readonly kind: 'flux';
      readonly resource: 'Kustomization' | 'HelmRelease';
      readonly name: string;
      readonly namespace: string;
      /** The Kubernetes API address; undefined: the kubeconfig's current context. */
      readonly server: string | undefined;
      /** Plain http:// is allowed for the API server. */
      readonly insecure?: boolean | undefined;
      /** The kubeconfig may run its exec plugin or auth-provider command. */
      readonly kubeconfigExec?: boolean | undefined;
    };

export interface TargetSpec {
  /** File template relative to the repository root; may hold `{env}`. */
  readonly file: string;
  /** YAML path template; may hold `{env}`. Undefined: the kind is detected from the file. */
  readonly path: string | undefined;
  readonly write: WriteMode;
  /** A `path` whose keys do not exist yet is created (default); false makes a missing key an error. */
  readonly create: boolean;
  /** Environments this target applies to; undefined means all. */
  readonly environments: readonly string[] | undefined;
  readonly location: SourceLocation | undefined;
}

export interface App {
  readonly name: string;
  readonly image: ImageRef;
  /** Flux ImagePolicy `namespace:name` whose setter markers belong to this app. */
  readonly imagePolicy: string | undefined;
  /** Empty: the app's image is found wherever it appears in the environment's manifests. */
  readonly targets: readonly TargetSpec[];
  /** Image names that differ per environment (a prod registry, say). */
  readonly imageOverrides: Readonly<Record<string, ImageRef>>;
  /** Flux ImagePolicies that differ per environment (pypodinfo-staging, pypodinfo-prod). */
  readonly imagePolicyOverrides?: Readonly<Record<string, string>> | undefined;
  readonly location: SourceLocation | undefined;
}

export interface GitopsConfig {
  /** Absolute path of the repository root. */
  readonly root: string;
  /** The gitops.yaml read, as given; undefined when the layout was found by convention. */
  readonly file: string | undefined;
  /** Environments in promotion order. */
  readonly environments: readonly Environment[];
  readonly apps: readonly App[];
  /** Only the policies the file sets; the validator supplies defaults for the rest. */
  readonly policies: Readonly<Partial<Record<PolicyName, Severity>>>;
  /** The SSH allowed-signers file pending changes are checked against (commit-signing: ssh), relative to the root. */
  readonly allowedSigners?: string | undefined;
  /** Where pending changes are published: refs/gitops/pending/ (refs) or refs/heads/gitops-pending/ (branches). */
  readonly pendingChanges?: PendingChanges | undefined;
  /** Preview environments per pull request; undefined: none. */
  readonly previews?: Previews | undefined;
}

export type PendingChanges = 'refs' | 'branches';

/** Preview environments per pull request: where they come from and live, and how many and how long. */
export interface Previews {
  /** The template folder, relative to the repository root. */
  readonly template: string;
  /** Where a preview lives, a template holding `{number}` (and maybe `{app}`), relative to the root. */
  readonly path: string;
  /** The apps that may be previewed; undefined: every app. */
  readonly apps: readonly string[] | undefined;
  /** The address, a template with `{number}`, `{branch}`, `{app}`; undefined: none. */
  readonly url: string | undefined;
  readonly max: number;
  /** How long a preview may live before the sweep removes it. */
  readonly ttlHours: number;
  /** The controller that applies a preview; names may hold `{number}` and `{app}`. */
  readonly controller: ControllerSpec | undefined;
  readonly location: SourceLocation | undefined;
}

/** A target with `{env}` substituted: the exact file (and path) to edit for one environment. */
export interface ResolvedTarget {
  readonly file: string;
  readonly path: string | undefined;
  readonly write: WriteMode;
  readonly create: boolean;
  readonly location: SourceLocation | undefined;
}

/** An environment's `hold:` as gitops.yaml has it; undefined when the line runs. */
export function holdOf(raw: unknown): Hold | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const entry = raw as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return { reason: text(entry.reason) ?? 'no reason given', by: text(entry.by), at: text(entry.at) };
}
