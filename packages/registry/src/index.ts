// An OCI distribution client on fetch: auth, blobs, manifests kept byte for byte, copies between registries.
export { basicHeader, type Challenge, type Credentials, parseChallenge } from './auth';
export { getBlob, hasBlob, mountBlob, streamBlob } from './blobs';
export { type ClientOptions, RegistryClient, type RegistryRequest } from './client';
export { type CopyEnd, type CopyStats, copyImage } from './copy';
export { sha256Digest, verifyDigest } from './digest';
export { dockerArchiveToLayout } from './docker-archive';
export { dockerCredentials } from './docker-config';
export { type EndpointOptions, registryBaseUrl } from './endpoint';
export { RegistryError } from './errors';
export { credentialsWithLogin, type Login, registryHost } from './login';
export {
  getManifest,
  imageManifest,
  isIndex,
  type Manifest,
  type ManifestContent,
  mediaTypes,
  parseManifest,
  putManifest,
  resolveDigest,
} from './manifests';
export { type Layout, readLayout, writeLayout } from './oci-layout';
export { type Published, type PublishRequest, type PublishResult, publishImage } from './publish';
export { pullToLayout } from './pull';
export { pushLayout } from './push';
export { type Artifact, attachArtifact, type ReferrerEnd } from './referrers';
export { indexTar, type TarEntry } from './tar';
export { chunkThreshold, putBlob, putBlobChunked, putFileChunked } from './upload';
