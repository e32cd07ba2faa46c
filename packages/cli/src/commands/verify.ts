// `gitops verify`: whether an image's build provenance holds, by the rule deploy and promote apply.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { verifyImage } from '@gitops/delivery';
import { dockerCredentials } from '@gitops/registry';
import { splitList } from '../change-flags';
import { type Command, exitCodes, UsageError } from '../command';
import { jsonFlag, jsonFlagHelp, printJson } from '../report';

export const verifyCommand: Command = {
  path: ['verify'],
  summary: "check an image digest's build provenance: signed by a workflow of the repository",
  subjects: { image: 'IMAGE', token: 'GITHUB_TOKEN' },
  help: `Usage: gitops verify IMAGE@DIGEST --repository OWNER/NAME[,OWNER/NAME] [--ref REF] [--signer-workflow W]
                    [--trusted-root FILE] [--api-url URL] [--json]

Reads the attestations GitHub keeps for the digest in each repository, and passes when one of them is a
valid Sigstore bundle about the digest, signed by a GitHub Actions workflow run of one of the repositories (built
from REF, e.g. refs/heads/main, when given; through a reusable workflow, the caller's repository and ref count):
what require-provenance in gitops.yaml asks of deploy and promote.
Prints the workflow that built it; exits 1, with the digest, the signer found and the signer expected, when
no attestation holds.

  --repository R     the repositories whose workflows may have built the image (comma-separated)
  --ref REF          the ref the image was built from (the certificate's source ref)
  --signer-workflow W  the workflow that must have signed: OWNER/REPO/.github/workflows/FILE[@REF]
  --trusted-root F   Sigstore trusted roots, one JSON per line (gh attestation trusted-root prints them; GitHub's
                     own Sigstore, for private repositories, is among them); default: public-good Sigstore's,
                     read through its TUF repository
  --api-url URL      GitHub API (default: https://api.github.com)

${jsonFlagHelp}

The token is read from GITOPS_TOKEN or GITHUB_TOKEN; it needs to read the repositories' attestations. The
attestations beside the image in its registry are read too, with the credentials of ~/.docker/config.json.`,
  options: {
    repository: { type: 'string' },
    ref: { type: 'string' },
    'signer-workflow': { type: 'string' },
    'trusted-root': { type: 'string' },
    'api-url': { type: 'string' },
    ...jsonFlag,
  },
  positionals: ['image'],
  async run({ values, positionals }, output) {
    const [image] = positionals;
    if (!image) throw new UsageError('give the image, pinned by digest: IMAGE@sha256:…');
    const repositories = typeof values.repository === 'string' ? splitList(values.repository) : [];
    if (repositories.length === 0) throw new UsageError('give --repository OWNER/NAME: whose workflows may build it');
    const bad = repositories.find((repository) => !/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(repository));
    if (bad) throw new UsageError(`--repository "${bad}" is not OWNER/NAME`);
    const ref = values.ref as string | undefined;
    if (ref !== undefined && !ref.startsWith('refs/'))
      throw new UsageError(`--ref "${ref}" is not a full ref such as refs/heads/main or refs/tags/v1.2.0`);
    const signerWorkflow = values['signer-workflow'] as string | undefined;
    if (
      signerWorkflow !== undefined &&
      !/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+\/\.github\/workflows\/[^@\s]+(@refs\/\S+)?$/.test(signerWorkflow)
    )
      throw new UsageError(`--signer-workflow "${signerWorkflow}" is not OWNER/REPO/.github/workflows/FILE[@REF]`);
    const file = values['trusted-root'] as string | undefined;
    let trustedRoots: { text: string; file: string } | undefined;
    if (file !== undefined) {
      try {
        trustedRoots = { text: readFileSync(file, 'utf8'), file };
      } catch (error) {
        throw new UsageError(`--trusted-root ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
      }
    }
    const provenance = await verifyImage({
      image,
      repositories,
      ref,
      signerWorkflow,
      trustedRoots,
      token: process.env.GITOPS_TOKEN || process.env.GITHUB_TOKEN || undefined,
      apiUrl: values['api-url'] as string | undefined,
      registry: { credentials: (registry: string) => dockerCredentials(registry), insecureRegistries: [] },
      tempDir: tmpdir(),
    });
    if (values.json === true) printJson(output, { image, ...provenance });
    else output.out(`${image}: built by ${provenance.workflow} (${provenance.predicateType})`);
    return exitCodes.ok;
  },
};
