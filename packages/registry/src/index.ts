// An OCI distribution client on fetch: auth, blobs, manifests kept byte for byte, copies between registries.

export { readAttached } from './attached';
export type { Credentials } from './auth';
export { getBlob, hasBlob } from './blobs';
export { RegistryClient } from './client';
export { copyImage } from './copy';
export { sha256Digest } from './digest';
export { dockerArchiveToLayout } from './docker-archive';
export { dockerCredentials } from './docker-config';
export { RegistryError } from './errors';
export { credentialsWithLogin, type Login } from './login';
export {
  getManifest,
  imageManifest,
  type Manifest,
  mediaTypes,
  parseManifest,
  putManifest,
  resolveDigest,
} from './manifests';
export { readLayout, writeLayout } from './oci-layout';
export { type PublishRequest, type PublishResult, publishImage } from './publish';
export { pullToLayout } from './pull';
export { pushLayout } from './push';
export { attachArtifact } from './referrers';
export { chunkThreshold, putBlob, putBlobChunked, putFileChunked } from './upload';
