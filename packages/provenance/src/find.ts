// Of the bundles stored for a digest, the one that proves it: each is verified in turn, newest first.
import { UserError } from '@gitops/errors';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { describeExpected, type ExpectedSigner, type Provenance, verifyProvenance } from './verify';

/**
 * The provenance of `digest` from the first of `bundles` that verifies. None: a UserError that names the digest,
 * what was found and what was expected; with several refused bundles, each one's reason.
 */
export function findProvenance(
  bundles: readonly unknown[],
  digest: string,
  expected: ExpectedSigner,
  trustedRoots: readonly TrustedRoot[],
  where: string,
): Provenance {
  if (bundles.length === 0)
    throw new UserError(
      `${digest} has no attestation in ${where}; expected one signed by ${describeExpected(expected)}`,
    );
  const reasons: string[] = [];
  for (const bundle of bundles) {
    try {
      return verifyProvenance(bundle, digest, expected, trustedRoots);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      reasons.push(error.message);
    }
  }
  if (reasons.length === 1) throw new UserError(reasons[0] as string);
  throw new UserError(
    `none of the ${reasons.length} attestations of ${digest} in ${where} holds: ${reasons.join('; ')}`,
  );
}
