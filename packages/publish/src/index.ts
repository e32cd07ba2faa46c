// Publishing an image with its build provenance attested: push-registry's engine when it attests.
export { type PublishAttestedResult, publishAttested } from './attest';
