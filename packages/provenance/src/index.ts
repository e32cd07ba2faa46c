// Trust in images: Sigstore attestations of build provenance, verified before a digest is written.
export { type ExpectedSigner, githubActionsIssuer, type Provenance, verifyProvenance } from './verify';
