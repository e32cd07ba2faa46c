// What `gitops init` proposes: gitops.yaml's environments and apps, each with the reasons it was decided so.

export interface Note {
  readonly text: string;
  /** A guess the team should check, not a fact read from the repository. */
  readonly guessed: boolean;
}

export interface ProposedController {
  readonly argocd?: { readonly server: string; readonly application: string; readonly namespace?: string | undefined };
  readonly flux?: { readonly name: string; readonly namespace?: string | undefined };
}

export interface ProposedEnvironment {
  readonly name: string;
  readonly path: string;
  readonly requireDigest: boolean;
  readonly via: 'commit' | 'pull-request';
  readonly controller: ProposedController | undefined;
  readonly notes: readonly Note[];
}

export interface ProposedTarget {
  readonly file: string;
  readonly path?: string | undefined;
  readonly write?: 'tag' | 'reference' | undefined;
  /** Only these environments; undefined: every environment. */
  readonly environments?: readonly string[] | undefined;
}

export interface ProposedApp {
  readonly name: string;
  readonly image: string;
  readonly imagePolicy: string | undefined;
  /** Where each environment's markers name a policy of its own: environment → policy. */
  readonly imagePolicies: Readonly<Record<string, string>> | undefined;
  readonly targets: readonly ProposedTarget[];
  readonly notes: readonly Note[];
}

export interface Proposal {
  readonly environments: readonly ProposedEnvironment[];
  readonly apps: readonly ProposedApp[];
  /** About the whole proposal: the order, folders left out, what was not read. */
  readonly notes: readonly Note[];
}

export const fact = (text: string): Note => ({ text, guessed: false });
export const guess = (text: string): Note => ({ text, guessed: true });
