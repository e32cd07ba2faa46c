// Trust in images: Sigstore attestations of build provenance, verified before a digest is written.

export type { TrustedRoot } from '@sigstore/protobuf-specs';
export {
  type Attestation,
  type AttestRequest,
  attestBuildProvenance,
  githubSigstore,
  type InTotoStatement,
  publicGoodSigstore,
  type SigstoreEndpoints,
  slsaProvenanceType,
} from './attest';
export { findProvenance } from './find';
export { parseTrustedRoots, publicGoodTrustedRoot } from './trusted-roots';
export {
  describeExpected,
  type ExpectedSigner,
  githubActionsIssuer,
  type Provenance,
  verifyProvenance,
} from './verify';
