// `gitops copy` and `gitops digest`: the registry client from a terminal.
import { formatImageRef, parseImageRef, withDigest } from '@gitops/image-ref';
import { terminalLogger } from '@gitops/log';
import {
  type Credentials,
  credentialsWithLogin,
  dockerCredentials,
  type Login,
  publishImage,
  RegistryClient,
  resolveDigest,
} from '@gitops/registry';
import { type Command, exitCodes, givenValue, UsageError } from '../command';
import { jsonFlag, jsonFlagHelp, printJson } from '../report';

const credentialsHelp = `Credentials: GITOPS_REGISTRY_USERNAME and GITOPS_REGISTRY_PASSWORD, for the registry GITOPS_REGISTRY
names (default: the destinations' registry when they are all on one), else ~/.docker/config.json.
For the source of a copy: GITOPS_SOURCE_REGISTRY_USERNAME and GITOPS_SOURCE_REGISTRY_PASSWORD, else
~/.docker/config.json (the destination's never go to the source, nor to any other registry).
Registries on loopback, and those named with --insecure-registry, are spoken to over plain HTTP.`;

/** Credentials from `<prefix>_USERNAME` and `<prefix>_PASSWORD`, else the Docker config's for the registry. */
function credentialsFrom(prefix: string): (registry: string) => Credentials | undefined {
  return (registry) => {
    const username = process.env[`${prefix}_USERNAME`];
    const password = process.env[`${prefix}_PASSWORD`];
    return username && password ? { username, password } : dockerCredentials(registry);
  };
}

/** GITOPS_REGISTRY_USERNAME and _PASSWORD as a login for one registry (GITOPS_REGISTRY, else the only one). */
export function environmentLogin(): Login | undefined {
  const username = process.env.GITOPS_REGISTRY_USERNAME;
  const password = process.env.GITOPS_REGISTRY_PASSWORD;
  if (!username || !password) return undefined;
  return {
    credentials: { username, password },
    registry: process.env.GITOPS_REGISTRY || undefined,
    names: { registry: 'GITOPS_REGISTRY', username: 'GITOPS_REGISTRY_USERNAME' },
  };
}

function insecure(values: Record<string, unknown>): string[] {
  return (values['insecure-registry'] as string[] | undefined) ?? [];
}

export const copyCommand: Command = {
  path: ['copy'],
  summary: 'publish an image (oci:PATH, a local Docker image, or a reference) to registries',
  subjects: { source: 'SOURCE', destinations: 'DESTINATION' },
  help: `Usage: gitops copy SOURCE DESTINATION... [--insecure-registry HOST] [--floating-tags always] [--json]

SOURCE is oci:PATH (an OCI image layout), a local Docker image, or a remote reference; each DESTINATION is a
reference with its tag. Prints the digest, the same at every destination.

Floating tags only move forward: where the destinations' tags hold an exact version (1.2.1), the tags that float
over it (1.2, 1, latest) move only when it is the highest version of their line in the destination repository;
the others are left, with a line that says why. A pre-release moves none.
  --floating-tags always   move every tag given, back in time too

${jsonFlagHelp}

${credentialsHelp}`,
  options: {
    'insecure-registry': { type: 'string', multiple: true },
    'floating-tags': { type: 'string' },
    ...jsonFlag,
  },
  positionals: ['source', '...destinations'],
  async run({ values, positionals }, output) {
    const [source, ...destinations] = positionals;
    if (!source || destinations.length === 0) throw new UsageError('give a source and at least one destination');
    const floating = values['floating-tags'] ?? 'forward';
    if (floating !== 'forward' && floating !== 'always')
      throw new UsageError(`--floating-tags "${String(floating)}" is neither forward nor always`);
    const result = await publishImage({
      source,
      destinations,
      credentials: { source: credentialsFrom('GITOPS_SOURCE_REGISTRY'), destination: dockerCredentials },
      destinationLogin: environmentLogin(),
      attempts: 5,
      insecureRegistries: insecure(values),
      floatingTags: floating,
      logger: terminalLogger(),
    });
    if (values.json === true) {
      printJson(output, {
        digest: result.digest,
        images: result.images.map((image) => ({
          reference: `${image.reference}@${result.digest}`,
          uploadedBlobs: image.stats.uploadedBlobs,
          mountedBlobs: image.stats.mountedBlobs,
          presentBlobs: image.stats.presentBlobs,
        })),
      });
      return exitCodes.ok;
    }
    for (const image of result.images) {
      output.out(
        `${image.reference}@${result.digest}  (${image.stats.uploadedBlobs} uploaded, ${image.stats.mountedBlobs} mounted, ${image.stats.presentBlobs} already there)`,
      );
    }
    return exitCodes.ok;
  },
};

export const digestCommand: Command = {
  path: ['digest'],
  summary: 'print the digest a tag points at in its registry',
  help: `Usage: gitops digest REFERENCE [--insecure-registry HOST] [--json]

${jsonFlagHelp}

${credentialsHelp}`,
  options: { 'insecure-registry': { type: 'string', multiple: true }, ...jsonFlag },
  positionals: ['reference'],
  async run({ values, positionals }, output) {
    const [text] = positionals;
    if (!text) throw new UsageError('give a reference');
    const ref = givenValue(undefined, () => parseImageRef(text));
    const client = new RegistryClient(ref.registry, {
      credentials: credentialsWithLogin(environmentLogin(), [ref.registry], dockerCredentials)(ref.registry),
      insecureRegistries: insecure(values),
    });
    const digest = await resolveDigest(client, ref.repository, ref.digest ?? ref.tag ?? 'latest');
    if (values.json === true)
      printJson(output, { reference: formatImageRef(withDigest(ref, digest)), tag: ref.tag ?? null, digest });
    else output.out(digest);
    return exitCodes.ok;
  },
};
