// Cache sources and destinations for builders that keep caches in registries only (buildah, docker build without
// buildx): the registry entries of build-push-action's spelling, the others (type=gha, type=local) left out.

/** buildah caches in a registry repository: `type=registry,ref=R` (BuildKit's spelling) and a bare `R` both give R. */
export function registryCaches(entries: readonly string[]): string[] {
  return entries.flatMap((entry) => {
    if (!entry.includes('=')) return [entry];
    const fields = Object.fromEntries(entry.split(',').map((field) => field.split('=', 2) as [string, string]));
    return fields.type === 'registry' && fields.ref ? [fields.ref] : [];
  });
}
