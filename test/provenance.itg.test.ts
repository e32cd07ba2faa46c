// Verifying build provenance (packages/provenance) against Sigstore doubles on loopback: @sigstore/mock's Fulcio
// and Rekor behind HTTP servers, signing through @sigstore/sign as a build would, verifying through
// @sigstore/verify with a trust root made of the doubles' keys. The first part of issue 22.
import { GitHubAttestations } from '@gitops/github';
import { findProvenance, parseTrustedRoots, verifyProvenance } from '@gitops/provenance';
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
    expect(verifyProvenance(bundle, digest, { repositories: ['acme/web'] }, sigstore.roots)).toEqual({
      workflow,
      repository: 'acme/web',
      ref: 'refs/heads/main',
      // The source commit, from the certificate's Source Repository Digest (the job token's sha).
      commit: 'f'.repeat(40),
      predicateType: 'https://slsa.dev/provenance/v1',
    });
    expect(
      verifyProvenance(bundle, digest, { repositories: ['Acme/Web'], ref: 'refs/heads/main' }, sigstore.roots),
    ).toMatchObject({ workflow });
  });

  test('another repository, another ref, another digest each refuse with the identity found and expected', async () => {
    const bundle = await sigstore.attest(digest, 'evil/fork/.github/workflows/ci.yml@refs/heads/main');
    expect(() => verifyProvenance(bundle, digest, { repositories: ['acme/web'] }, sigstore.roots)).toThrow(
      `${digest} is attested by evil/fork/.github/workflows/ci.yml@refs/heads/main; expected a workflow of acme/web`,
    );
    const branch = await sigstore.attest(digest, 'acme/web/.github/workflows/ci.yml@refs/heads/feature');
    expect(() =>
      verifyProvenance(branch, digest, { repositories: ['acme/web'], ref: 'refs/heads/main' }, sigstore.roots),
    ).toThrow(
      `${digest} is attested by acme/web/.github/workflows/ci.yml@refs/heads/feature; expected a workflow of acme/web on refs/heads/main`,
    );
    const other = `sha256:${'b'.repeat(64)}`;
    expect(() => verifyProvenance(branch, other, { repositories: ['acme/web'] }, sigstore.roots)).toThrow(
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
    expect(() => verifyProvenance(tampered, digest, { repositories: ['acme/web'] }, sigstore.roots)).toThrow(
      /^the attestation of sha256:a{64} does not verify \((TLOG_BODY_ERROR|SIGNATURE_ERROR)\)/,
    );
    const elsewhere = await startSigstoreDouble();
    try {
      expect(() => verifyProvenance(bundle, digest, { repositories: ['acme/web'] }, elsewhere.roots)).toThrow(
        /^the attestation of sha256:a{64} does not verify \(/,
      );
    } finally {
      await elsewhere.stop();
    }
    const person = await sigstore.attest(digest, workflow, { issuer: 'https://accounts.example.com' });
    expect(() => verifyProvenance(person, digest, { repositories: ['acme/web'] }, sigstore.roots)).toThrow(
      /is attested by https:\/\/github\.com\/acme\/web\/\.github\/workflows\/ci\.yml@refs\/heads\/main \(issuer https:\/\/accounts\.example\.com\), not by a GitHub Actions workflow; expected a workflow of acme\/web$/,
    );
    expect(() => verifyProvenance({ nonsense: true }, digest, { repositories: ['acme/web'] }, sigstore.roots)).toThrow(
      /^the attestation of sha256:a{64} is not a Sigstore bundle: /,
    );
  });

  test("GitHub's attestations API keeps a bundle under its subject's digest; what it returns verifies", async () => {
    const attestations = new GitHubAttestations('ghs_testtoken0123456789', github.url);
    const bundle = await sigstore.attest(digest, workflow);
    expect(await attestations.store('acme/web', bundle)).toEqual({ stored: true, id: 1 });
    const found = await attestations.list('acme/web', digest);
    expect(found).toHaveLength(1);
    expect(verifyProvenance(found[0], digest, { repositories: ['acme/web'] }, sigstore.roots)).toMatchObject({
      workflow,
    });
    expect(await attestations.list('acme/web', `sha256:${'c'.repeat(64)}`)).toEqual([]);
    expect(github.failures).toEqual([]);
  });

  test('of several bundles the one that holds is found; trust roots come one per line; each refusal names why', async () => {
    const elsewhere = await startSigstoreDouble();
    try {
      const lines = `${JSON.stringify(elsewhere.trustedRoot)}\n${JSON.stringify(sigstore.trustedRoot)}\n`;
      const roots = parseTrustedRoots(lines, 'sigstore/trusted_root.jsonl');
      expect(roots).toHaveLength(2);
      const foreign = await sigstore.attest(digest, 'evil/fork/.github/workflows/ci.yml@refs/heads/main');
      const good = await sigstore.attest(digest, workflow);
      const expected = { repositories: ['acme/api', 'acme/web'] };
      expect(findProvenance([foreign, good], digest, expected, roots, 'acme/web')).toMatchObject({ workflow });
      expect(() => findProvenance([foreign, foreign], digest, expected, roots, 'acme/web')).toThrow(
        `none of the 2 attestations of ${digest} in acme/web holds: ${digest} is attested by evil/fork/.github/workflows/ci.yml@refs/heads/main; expected a workflow of acme/api or acme/web; `,
      );
      expect(() => findProvenance([], digest, expected, roots, 'acme/web')).toThrow(
        `${digest} has no attestation in acme/web; expected one signed by a workflow of acme/api or acme/web`,
      );
      const unlogged = structuredClone(good) as { verificationMaterial: { tlogEntries: unknown[] } };
      unlogged.verificationMaterial.tlogEntries = [];
      expect(() => verifyProvenance(unlogged, digest, expected, roots)).toThrow(
        `the attestation of ${digest} carries neither a transparency log entry nor a timestamp`,
      );
      expect(() => parseTrustedRoots('{"mediaType": 1}\n', 'roots.jsonl')).toThrow(
        'roots.jsonl:1: not a Sigstore trusted root: it names no certificate authority',
      );
      // The parser's own message would quote the file: the line says where, never what.
      expect(() => parseTrustedRoots('{\n  "tlogs": ["top secret"\n', 'roots.json')).toThrow(
        'roots.json:1: not JSON (one Sigstore trusted root per line, as gh attestation trusted-root prints)',
      );
      expect(() => parseTrustedRoots('{"certificateAuthorities": 7}\n', 'roots.jsonl')).toThrow(
        /^roots\.jsonl:1: not a Sigstore trusted root/,
      );
      expect(parseTrustedRoots(JSON.stringify(sigstore.trustedRoot, null, 2), 'pretty.json')).toHaveLength(1);
    } finally {
      await elsewhere.stop();
    }
  });
});
