// Checks a rendered resource against the Kubernetes (and Argo CD, Flux, cert-manager) schemas bundled with
// the kubernetes-models packages, offline, plus the unknown-field check those schemas leave out.
import { FieldTracker } from './field-tracker';
import type { ResourcePath } from './findings';
import { bundledKubernetesVersion } from './kubernetes-version';
import { modelGroups } from './models.generated';
import { type SchemaError, type SchemaViolation, violationsFrom } from './schema-messages';

export type SchemaResult =
  | { readonly status: 'checked'; readonly violations: SchemaViolation[]; readonly unknownFields: ResourcePath[] }
  | { readonly status: 'unknown-kind'; readonly message: string };

interface ModelClass {
  readonly prototype: { validate(this: unknown): void };
}

export class SchemaChecker {
  private readonly modules = new Map<string, Promise<Record<string, unknown>>>();

  /** `kinds` defined by CustomResourceDefinitions in the same environment: known, but not checked here. */
  async check(resource: Record<string, unknown>, customKinds: ReadonlySet<string> = new Set()): Promise<SchemaResult> {
    const apiVersion = typeof resource.apiVersion === 'string' ? resource.apiVersion : '';
    const kind = typeof resource.kind === 'string' ? resource.kind : '';
    const group = modelGroups[apiVersion];
    if (!group?.kinds.includes(kind)) {
      if (customKinds.has(`${apiVersion.split('/')[0]}/${kind}`))
        return { status: 'checked', violations: [], unknownFields: [] };
      const message = group
        ? `kind ${kind} is not part of ${apiVersion} (it has ${group.kinds.join(', ')})`
        : `no schema for ${kind} in ${apiVersion || 'an empty apiVersion'}: not a Kubernetes ${bundledKubernetesVersion} kind, nor one of Argo CD, Flux or cert-manager, nor defined by a CustomResourceDefinition here`;
      return { status: 'unknown-kind', message };
    }
    const model = await this.model(apiVersion, kind);
    const tracker = new FieldTracker();
    let errors: SchemaError[] = [];
    try {
      model.prototype.validate.call(tracker.wrap(resource));
    } catch (error) {
      const found = (error as { errors?: SchemaError[] }).errors;
      if (!Array.isArray(found)) throw error;
      errors = found;
    }
    const violations = violationsFrom(errors, resource);
    const metadata = resource.metadata as Record<string, unknown> | undefined;
    if (!metadata?.name && !metadata?.generateName) {
      violations.push(
        metadata
          ? { path: ['metadata'], message: 'is missing the required field "name"' }
          : { path: [], message: 'is missing the required field "metadata.name"' },
      );
    }
    return { status: 'checked', violations, unknownFields: tracker.unknownFields(resource) };
  }

  /** Starts loading the validators of these apiVersions without waiting for them. */
  preload(apiVersions: readonly string[]): void {
    for (const apiVersion of apiVersions) if (modelGroups[apiVersion]) this.module(apiVersion).catch(() => undefined);
  }

  private async model(apiVersion: string, kind: string): Promise<ModelClass> {
    return (await this.module(apiVersion))[kind] as ModelClass;
  }

  private module(apiVersion: string): Promise<Record<string, unknown>> {
    let module = this.modules.get(apiVersion);
    if (!module) {
      module = (modelGroups[apiVersion] as NonNullable<(typeof modelGroups)[string]>).load();
      this.modules.set(apiVersion, module);
    }
    return module;
  }
}
