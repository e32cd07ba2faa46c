// Verifying build provenance (packages/provenance) against Sigstore doubles on loopback: @sigstore/mock's Fulcio
// and Rekor behind HTTP servers, signing through @sigstore/sign as a build would, verifying through
// @sigstore/verify with a trust root made of the doubles' keys. The first part of issue 22.
import { GitHubAttestations, githubClient } from '@gitops/github';
import { verifyProvenance } from '@gitops/provenance';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type GitHubDouble, startGitHubDouble } from './support/github-double';
import { type SigstoreDouble, startSigstoreDouble } from './support/sigstore-double';

const digest = `sha256:${'a'.repeat(64)}`;
const workflow = 'acme/web/.github/workflows/ci.yml@refs/heads/main';
let sigstore: SigstoreDouble;
let github: GitHubDouble;

beforeAll(async () => {
  [sigstore, github] = await Promise.all([startSigstoreDouble(), startGitHubDouble()]);
});
afterAll(async () => Promise.all([sigstore?.stop(), github?.stop()]));

describe('build provenance', () => {
  test('a digest attested by a workflow of the expected repository verifies, naming the workflow', async () => {
    const bundle = await sigstore.attest(digest, workflow);
    expect(verifyProvenance(bundle, digest, { repository: 'acme/web' }, sigstore.trustedRoot)).toEqual({
      workflow,
      repository: 'acme/web',
      ref: 'refs/heads/main',
      predicateType: 'https://slsa.dev/provenance/v1',
    });
    expect(
      verifyProvenance(bundle, digest, { repository: 'Acme/Web', ref: 'refs/heads/main' }, sigstore.trustedRoot),
    ).toMatchObject({ workflow });
  });

  test('another repository, another ref, another digest each refuse with the identity found and expected', async () => {
    const bundle = await sigstore.attest(digest, 'evil/fork/.github/workflows/ci.yml@refs/heads/main');
    expect(() => verifyProvenance(bundle, digest, { repository: 'acme/web' }, sigstore.trustedRoot)).toThrow(
      `${digest} is attested by evil/fork/.github/workflows/ci.yml@refs/heads/main; expected a workflow of acme/web`,
    );
    const branch = await sigstore.attest(digest, 'acme/web/.github/workflows/ci.yml@refs/heads/feature');
    expect(() =>
      verifyProvenance(branch, digest, { repository: 'acme/web', ref: 'refs/heads/main' }, sigstore.trustedRoot),
    ).toThrow(
      `${digest} is attested by acme/web/.github/workflows/ci.yml@refs/heads/feature; expected a workflow of acme/web on refs/heads/main`,
    );
    const other = `sha256:${'b'.repeat(64)}`;
    expect(() => verifyProvenance(branch, other, { repository: 'acme/web' }, sigstore.trustedRoot)).toThrow(
      `the attestation is not about ${other}: its subjects are sha256:aaaaaaaaaaaa…`,
    );
  });

  test('a tampered bundle, a foreign trust root and a signer that is not a workflow are refused', async () => {
    const bundle = (await sigstore.attest(digest, workflow)) as {
      dsseEnvelope: { payload: string; signatures: { sig: string }[] };
    };
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
    statement.predicate.tampered = true;
    const tampered = {
      ...bundle,
      dsseEnvelope: { ...bundle.dsseEnvelope, payload: Buffer.from(JSON.stringify(statement)).toString('base64') },
    };
    expect(() => verifyProvenance(tampered, digest, { repository: 'acme/web' }, sigstore.trustedRoot)).toThrow(
      /^the attestation of sha256:a{64} does not verify \((TLOG_BODY_ERROR|SIGNATURE_ERROR)\)/,
    );
    const elsewhere = await startSigstoreDouble();
    try {
      expect(() => verifyProvenance(bundle, digest, { repository: 'acme/web' }, elsewhere.trustedRoot)).toThrow(
        /^the attestation of sha256:a{64} does not verify \(/,
      );
    } finally {
      await elsewhere.stop();
    }
    const person = await sigstore.attest(digest, workflow, { issuer: 'https://accounts.example.com' });
    expect(() => verifyProvenance(person, digest, { repository: 'acme/web' }, sigstore.trustedRoot)).toThrow(
      /is attested by https:\/\/github\.com\/acme\/web\/\.github\/workflows\/ci\.yml@refs\/heads\/main \(issuer https:\/\/accounts\.example\.com\), not by a GitHub Actions workflow; expected a workflow of acme\/web$/,
    );
    expect(() =>
      verifyProvenance({ nonsense: true }, digest, { repository: 'acme/web' }, sigstore.trustedRoot),
    ).toThrow(/^the attestation of sha256:a{64} is not a Sigstore bundle: /);
  });

  test("GitHub's attestations API keeps a bundle under its subject's digest; what it returns verifies", async () => {
    const attestations = new GitHubAttestations(githubClient('ghs_testtoken0123456789', github.url));
    const bundle = await sigstore.attest(digest, workflow);
    expect(await attestations.store('acme/web', bundle)).toBe(1);
    const found = await attestations.list('acme/web', digest);
    expect(found).toHaveLength(1);
    expect(verifyProvenance(found[0], digest, { repository: 'acme/web' }, sigstore.trustedRoot)).toMatchObject({
      workflow,
    });
    expect(await attestations.list('acme/web', `sha256:${'c'.repeat(64)}`)).toEqual([]);
    expect(github.failures).toEqual([]);
  });
});
