// Where attestations are signed, apart from the signing code: an action names the endpoints from its inputs
// without loading Sigstore's client, which is loaded only when a run attests.
/** Where signing goes: a Fulcio CA, and a Rekor log or a timestamp authority (or both). */
export interface SigstoreEndpoints {
  readonly fulcioUrl: string;
  readonly rekorUrl?: string | undefined;
  readonly tsaUrl?: string | undefined;
}

/** Public-good Sigstore: for public repositories, whose attestations anyone may verify. */
export const publicGoodSigstore: SigstoreEndpoints = {
  fulcioUrl: 'https://fulcio.sigstore.dev',
  rekorUrl: 'https://rekor.sigstore.dev',
};

/** GitHub's own Sigstore (private and internal repositories): nothing is logged publicly, a timestamp instead. */
export function githubSigstore(serverUrl: string): SigstoreEndpoints {
  const host = new URL(serverUrl).hostname;
  const domain = host === 'github.com' ? 'githubapp.com' : host;
  return { fulcioUrl: `https://fulcio.${domain}`, tsaUrl: `https://timestamp.${domain}` };
}

export const slsaProvenanceType = 'https://slsa.dev/provenance/v1';
