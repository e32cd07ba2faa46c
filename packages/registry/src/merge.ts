// One multi-platform image from several single-platform ones: the OCI layouts a matrix of native builds wrote (one
// per runner), merged into one index that names each platform's manifest by digest. The index is made here and
// pushed as a layout whose blobs are read from the layout that holds each; nothing is copied on disk. An input
// that is itself an index is flattened, its attestation manifests carried along. The same inputs give the same
// bytes, so the same digest: platforms in a fixed order, attestations after them, JSON without whitespace.
import { existsSync } from 'node:fs';
import { sha256Digest } from './digest';
import { RegistryError } from './errors';
import { isIndex, mediaTypes, parseManifest } from './manifests';
import { blobPath, type Layout } from './oci-layout';

interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string | undefined;
}

interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: Platform | undefined;
  readonly annotations?: Readonly<Record<string, string>> | undefined;
}

export interface MergeInput {
  /** How the input was given (`oci:build/amd64`): errors name it. */
  readonly label: string;
  readonly layout: Layout;
  /** Whether it holds a blob; default: its layout folder has the file. */
  readonly holds?: ((digest: string) => boolean) | undefined;
}

const attestationType = 'vnd.docker.reference.type';
const platformText = (p: Platform) => `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;

/** The layouts as one: its manifest the merged index, its blobs each from the layout that holds it. */
export function mergeLayouts(inputs: readonly MergeInput[]): Layout {
  const images: { descriptor: Descriptor; from: string }[] = [];
  const attestations: Descriptor[] = [];
  for (const input of inputs) {
    for (const descriptor of descriptorsOf(input)) {
      if (descriptor.annotations?.[attestationType] === 'attestation-manifest') {
        attestations.push(descriptor);
        continue;
      }
      const platform = descriptor.platform as Platform;
      const twin = images.find(
        (image) => platformText(image.descriptor.platform as Platform) === platformText(platform),
      );
      if (twin)
        throw new RegistryError(
          `${twin.from} and ${input.label} are both ${platformText(platform)}: give each platform once`,
          undefined,
          {
            subject: 'source',
          },
        );
      images.push({ descriptor, from: input.label });
    }
  }
  const byPlatform = (a: Descriptor, b: Descriptor) =>
    platformText(a.platform as Platform) < platformText(b.platform as Platform) ? -1 : 1;
  const manifests = [
    ...images.map((image) => image.descriptor).sort(byPlatform),
    ...attestations.sort((a, b) => (a.digest < b.digest ? -1 : 1)),
  ];
  const bytes = new Uint8Array(
    Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: mediaTypes.ociIndex, manifests })),
  );
  const holder = (digest: string) => {
    const found = inputs.find((input) =>
      input.holds ? input.holds(digest) : existsSync(blobPath(input.layout.dir, digest)),
    );
    if (!found) throw new RegistryError(`no input holds blob ${digest}`);
    return found.layout;
  };
  return {
    dir: inputs[0]?.layout.dir ?? '',
    manifest: { bytes, mediaType: mediaTypes.ociIndex, digest: sha256Digest(bytes) },
    blob: (digest) => holder(digest).blob(digest),
    blobFile: (digest) => holder(digest).blobFile(digest),
  };
}

/** An input's image manifests with their platforms (an index flattened), and its attestation manifests. */
function descriptorsOf(input: MergeInput): Descriptor[] {
  const { manifest } = input.layout;
  if (!isIndex(manifest.mediaType)) {
    const platform = platformOf(input, parseManifest(manifest).config?.digest);
    return [{ mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.bytes.byteLength, platform }];
  }
  const children = (parseManifest(manifest).manifests ?? []) as Descriptor[];
  return children.map((child) => {
    if (child.annotations?.[attestationType] === 'attestation-manifest' || child.platform?.os) return child;
    const content = parseManifest({
      ...manifest,
      bytes: input.layout.blob(child.digest),
      mediaType: child.mediaType,
      digest: child.digest,
    });
    return { ...child, platform: platformOf(input, content.config?.digest) };
  });
}

/** The platform an image's config says it is for. */
function platformOf(input: MergeInput, config: string | undefined): Platform {
  let parsed: { os?: unknown; architecture?: unknown; variant?: unknown } = {};
  try {
    parsed = config ? JSON.parse(Buffer.from(input.layout.blob(config)).toString('utf8')) : {};
  } catch {
    parsed = {};
  }
  if (typeof parsed.os !== 'string' || typeof parsed.architecture !== 'string')
    throw new RegistryError(`${input.label}: the image's config names no os and architecture`, undefined, {
      subject: 'source',
    });
  return {
    os: parsed.os,
    architecture: parsed.architecture,
    ...(typeof parsed.variant === 'string' && parsed.variant ? { variant: parsed.variant } : {}),
  };
}
