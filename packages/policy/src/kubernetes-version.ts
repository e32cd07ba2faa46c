// The Kubernetes API level resources are checked against. The bundled schemas are one release's; checking
// against another would silently accept fields that release lacks, so any other version is refused.
import { UserError } from '@gitops/errors';
import { modelPackageVersions } from './models.generated';

export const bundledKubernetesVersion = '1.34';

/** `1.34`, `v1.34` or `1.34.2` → `1.34`; anything the bundled schemas cannot answer throws. */
export function checkKubernetesVersion(text: string | undefined): string {
  const given = (text ?? '').trim();
  if (given === '') return bundledKubernetesVersion;
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(given);
  if (!match) {
    throw new UserError(
      `kubernetes-version "${given}" is not a Kubernetes version; write it as ${bundledKubernetesVersion} (or v${bundledKubernetesVersion}.0)`,
      { kind: 'usage' },
    );
  }
  const minor = `${Number(match[1])}.${Number(match[2])}`;
  if (minor !== bundledKubernetesVersion) {
    throw new UserError(
      `kubernetes-version ${given}: the bundled schemas describe Kubernetes ${bundledKubernetesVersion} only ` +
        `(kubernetes-models ${modelPackageVersions['kubernetes-models']}); use ${bundledKubernetesVersion} or leave it empty`,
      { kind: 'usage' },
    );
  }
  return minor;
}
