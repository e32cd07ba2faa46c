// Verifying a Sigstore bundle that attests an image digest: the signature and its certificate against a trust
// root (Fulcio's CA, Rekor's log, the CT log), the digest among the in-toto statement's subjects, and the
// source the image was built from: the repository and ref Fulcio wrote into the certificate from the job's token.
// For a reusable workflow the certificate's subject is the shared workflow (org/shared/.github/workflows/build.yml),
// not the repository that called it, so the rule is held against the source extensions; `signerWorkflow` pins the
// workflow itself, as `gh attestation verify --signer-workflow` does.

import { UserError } from '@gitops/errors';
import { type Bundle, bundleFromJSON } from '@sigstore/bundle';
import { X509Certificate } from '@sigstore/core';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';

/**
 * Who may have built the image: a workflow run of one of `repositories` (owner/name), from `ref` when given, and
 * signed by `signerWorkflow` (`owner/repo/.github/workflows/file.yml`, `@ref` optional) when given.
 */
export interface ExpectedSigner {
  readonly repositories: readonly string[];
  readonly ref?: string | undefined;
  readonly signerWorkflow?: string | undefined;
}

/** What a valid attestation says of its signer. */
export interface Provenance {
  /** The workflow that signed: `acme/web/.github/workflows/ci.yml@refs/heads/main` (a reusable one: its own). */
  readonly workflow: string;
  /** The source it was built from (Fulcio's Source Repository URI and Ref): the caller of a reusable workflow. */
  readonly repository: string;
  readonly ref: string;
  /** The source commit (Source Repository Digest), when the certificate names it. */
  readonly commit: string | undefined;
  /** The in-toto predicate type (`https://slsa.dev/provenance/v1`). */
  readonly predicateType: string;
}

/** GitHub Actions' OIDC issuer: the only one whose certificates name a workflow. */
export const githubActionsIssuer = 'https://token.actions.githubusercontent.com';

/**
 * Verifies `bundle` (its JSON) for `digest` (`sha256:<hex>`) against `trustedRoots` (any one may vouch for it), and
 * that its signer is a workflow `expected` allows. Throws a UserError naming the digest, the identity found and
 * the identity expected.
 */
export function verifyProvenance(
  bundle: unknown,
  digest: string,
  expected: ExpectedSigner,
  trustedRoots: readonly TrustedRoot[],
): Provenance {
  const parsed = parseBundle(bundle, digest);
  const statement = statementOf(parsed, digest);
  const identity = verifiedIdentity(parsed, digest, trustedRoots);
  const workflow = workflowOf(identity?.subjectAlternativeName);
  const wanted = describeExpected(expected);
  if (identity?.extensions?.issuer !== githubActionsIssuer || !workflow)
    throw new UserError(
      `${digest} is attested by ${identity?.subjectAlternativeName ?? 'an unnamed signer'} (issuer ${identity?.extensions?.issuer ?? 'none'}), not by a GitHub Actions workflow; expected ${wanted}`,
    );
  const source = sourceOf(parsed);
  if (!source)
    throw new UserError(
      `${digest} is attested by ${workflow.name}, whose certificate names no source repository; expected ${wanted}`,
    );
  const signer =
    source.repository.toLowerCase() === workflow.repository.toLowerCase() && source.ref === workflow.ref
      ? workflow.name
      : `${workflow.name} (built from ${source.repository}@${source.ref})`;
  const repositories = expected.repositories.map((repository) => repository.toLowerCase());
  if (
    !repositories.includes(source.repository.toLowerCase()) ||
    (expected.ref !== undefined && source.ref !== expected.ref) ||
    !signedBy(workflow.name, expected.signerWorkflow)
  )
    throw new UserError(`${digest} is attested by ${signer}; expected ${wanted}`);
  return {
    workflow: workflow.name,
    repository: source.repository,
    ref: source.ref,
    commit: source.commit,
    predicateType: statement.predicateType,
  };
}

/** Whether `workflow` (`owner/repo/path@ref`) is the one `expected` names, with or without its ref. */
function signedBy(workflow: string, expected: string | undefined): boolean {
  if (expected === undefined) return true;
  return expected.includes('@') ? workflow === expected : workflow.startsWith(`${expected}@`);
}

/** Fulcio's extensions for what was built (docs: sigstore/fulcio oid-info.md), with the legacy ones as fallback. */
const sourceRepositoryUri = '1.3.6.1.4.1.57264.1.12';
const sourceRepositoryDigest = '1.3.6.1.4.1.57264.1.13';
const sourceRepositoryRef = '1.3.6.1.4.1.57264.1.14';
const legacyRepository = '1.3.6.1.4.1.57264.1.5';
const legacyRef = '1.3.6.1.4.1.57264.1.6';
const legacySha = '1.3.6.1.4.1.57264.1.3';

/** The repository, ref and commit the signing certificate says were built; undefined when it says none. */
function sourceOf(bundle: Bundle): { repository: string; ref: string; commit: string | undefined } | undefined {
  const material = bundle.verificationMaterial.content;
  const raw =
    material.$case === 'certificate'
      ? material.certificate.rawBytes
      : material.$case === 'x509CertificateChain'
        ? material.x509CertificateChain.certificates[0]?.rawBytes
        : undefined;
  if (!raw) return undefined;
  const certificate = X509Certificate.parse(Buffer.from(raw));
  // The newer extensions hold a DER UTF8String; the legacy ones the raw text.
  const text = (oid: string) => certificate.extension(oid)?.valueObj.subs?.[0]?.value.toString('utf8');
  const legacy = (oid: string) => certificate.extension(oid)?.value.toString('utf8');
  const uri = text(sourceRepositoryUri);
  const repository = uri?.startsWith('https://github.com/')
    ? uri.slice('https://github.com/'.length)
    : legacy(legacyRepository);
  const ref = text(sourceRepositoryRef) ?? legacy(legacyRef);
  if (!repository || !ref) return undefined;
  return { repository, ref, commit: text(sourceRepositoryDigest) ?? legacy(legacySha) };
}

/** `a workflow of acme/web on refs/heads/main`, `a workflow of acme/web or acme/api` */
export function describeExpected(expected: ExpectedSigner): string {
  const signer = expected.signerWorkflow ? `, signed by ${expected.signerWorkflow}` : '';
  return `a workflow of ${expected.repositories.join(' or ')}${expected.ref ? ` on ${expected.ref}` : ''}${signer}`;
}

type Identity = { subjectAlternativeName?: string; extensions?: { issuer?: string } } | undefined;

/**
 * The signer, once the signature, certificate chain and the log's or timestamp authority's word check out against
 * one of the roots. Public-good Sigstore logs every signature in Rekor; GitHub's own Sigstore (private
 * repositories) logs nothing and timestamps instead: what the bundle carries decides what is required of it.
 */
function verifiedIdentity(bundle: Bundle, digest: string, trustedRoots: readonly TrustedRoot[]): Identity {
  const material = bundle.verificationMaterial;
  const logged = material.tlogEntries.length > 0;
  const timestamped = (material.timestampVerificationData?.rfc3161Timestamps.length ?? 0) > 0;
  // Without either, nothing says the short-lived certificate was valid when it signed.
  if (!logged && !timestamped)
    throw new UserError(`the attestation of ${digest} carries neither a transparency log entry nor a timestamp`);
  let failure: Error | undefined;
  for (const root of trustedRoots) {
    const verifier = new Verifier(toTrustMaterial(root), {
      tlogThreshold: logged ? 1 : 0,
      tsaThreshold: timestamped ? 1 : 0,
      ctlogThreshold: root.ctlogs.length > 0 ? 1 : 0,
    });
    try {
      return verifier.verify(toSignedEntity(bundle)).identity;
    } catch (error) {
      failure ??= error as Error;
    }
  }
  const code = (failure as { code?: string } | undefined)?.code;
  throw new UserError(
    `the attestation of ${digest} does not verify${code ? ` (${code})` : ''}: ${failure?.message ?? 'no trusted root was given'}`,
  );
}

function parseBundle(bundle: unknown, digest: string): Bundle {
  try {
    return bundleFromJSON(bundle);
  } catch (error) {
    throw new UserError(`the attestation of ${digest} is not a Sigstore bundle: ${(error as Error).message}`);
  }
}

/** The in-toto statement the bundle signs, which must name `digest` among its subjects. */
function statementOf(bundle: Bundle, digest: string): { predicateType: string } {
  const envelope =
    bundle.content.$case === 'dsseEnvelope' &&
    bundle.content.dsseEnvelope.payloadType === 'application/vnd.in-toto+json'
      ? bundle.content.dsseEnvelope
      : undefined;
  if (!envelope) throw new UserError(`the attestation of ${digest} is not an in-toto statement (a DSSE envelope)`);
  let statement: { predicateType?: string; subject?: { digest?: Record<string, string> }[] };
  try {
    statement = JSON.parse(envelope.payload.toString('utf8'));
  } catch {
    throw new UserError(`the attestation of ${digest} holds a statement that is not JSON`);
  }
  const [algorithm, hex] = digest.split(':');
  const subjects = (statement.subject ?? []).map((subject) => subject.digest?.[algorithm ?? ''] ?? '');
  if (!subjects.includes(hex ?? ''))
    throw new UserError(
      `the attestation is not about ${digest}: its subjects are ${subjects.map((s) => `${algorithm}:${s.slice(0, 12)}…`).join(', ') || 'none'}`,
    );
  return { predicateType: statement.predicateType ?? '' };
}

/** `https://github.com/<owner>/<repo>/.github/workflows/<file>@<ref>` → its parts; undefined for anything else. */
function workflowOf(san: string | undefined) {
  const match = /^https:\/\/github\.com\/(([^/]+\/[^/]+)\/\.github\/workflows\/[^@]+)@(.+)$/.exec(san ?? '');
  if (!match) return undefined;
  return { name: `${match[1]}@${match[3]}`, repository: match[2] as string, ref: match[3] as string };
}
