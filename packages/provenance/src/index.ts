// Trust in images: Sigstore attestations of build provenance, verified before a digest is written. Signing them
// (@gitops/provenance/attest) is apart: a deploy that verifies loads none of it.

export type { TrustedRoot } from '@sigstore/protobuf-specs';
export { findProvenance } from './find';
export { parseTrustedRoots, publicGoodTrustedRoot } from './trusted-roots';
export { type ExpectedSigner, type Provenance, verifyProvenance } from './verify';
