// The controller of each environment, from the Argo CD Applications and Flux Kustomizations that apply its folder:
// their names and namespaces, with {app} where one Application per app applies the same folder.
import {
  applicationPaths,
  applicationSetFolders,
  isArgoApplication,
  isArgoApplicationSet,
  isFluxKustomization,
  nameOf,
  namespaceOf,
  normalPath,
} from './environments';
import { fact, guess, type Note, type ProposedController } from './model';
import type { YamlDocument } from './repository-yaml';

export interface ControllerRequest {
  readonly root: string;
  readonly environment: { readonly name: string; readonly path: string };
  readonly apps: readonly string[];
  readonly documents: readonly YamlDocument[];
  /** Argo CD's address; without it an Application is named in a note, not written (server is required). */
  readonly argocdServer: string | undefined;
}

const spec = (doc: YamlDocument) => (doc.value.spec ?? {}) as Record<string, unknown>;

export function proposeController(request: ControllerRequest): { controller?: ProposedController; notes: Note[] } {
  const { environment, documents } = request;
  const applies = (folder: string | undefined) => folder !== undefined && normalPath(folder) === environment.path;
  const applications = documents.filter(
    (doc) => isArgoApplication(doc) && applicationPaths(spec(doc)).some((source) => applies(source)),
  );
  const kustomizations = documents.filter(
    (doc) =>
      isFluxKustomization(doc) && applies(typeof spec(doc).path === 'string' ? (spec(doc).path as string) : undefined),
  );
  if (applications.length > 0) {
    const names = applications.map(nameOf);
    const application = names.length === 1 ? (names[0] as string) : appPattern(names, request.apps);
    const seen = `Argo CD Application ${names.join(', ')} (${applications.map((doc) => `${doc.file}:${doc.line}`).join(', ')}) applies ${environment.path}`;
    if (!application)
      return { notes: [guess(`${seen}, one name per app but no {app} pattern fits: add controller.argocd by hand`)] };
    return argoController({
      seen,
      application,
      namespace: namespaceOf(applications[0] as YamlDocument),
      server: request.argocdServer,
    });
  }
  const generated = applicationSetApplication(request);
  if (generated) return generated;
  const [kustomization] = kustomizations;
  if (kustomization) {
    const namespace = namespaceOf(kustomization);
    return {
      controller: {
        flux: { name: nameOf(kustomization), ...(namespace && namespace !== 'flux-system' ? { namespace } : {}) },
      },
      notes: [
        fact(
          `Flux Kustomization ${nameOf(kustomization)} (${kustomization.file}:${kustomization.line}) applies ${environment.path}`,
        ),
      ],
    };
  }
  return { notes: [] };
}

/** `{app}-dev` from web-dev and api-dev when each name holds one app's name the same way. */
function appPattern(names: readonly string[], apps: readonly string[]): string | undefined {
  const patterns = new Set(
    names.map((name) => {
      const app = apps.find((candidate) => name.includes(candidate));
      return app === undefined ? undefined : name.replace(app, '{app}');
    }),
  );
  const [only] = patterns;
  return patterns.size === 1 && only ? only : undefined;
}

/** The Application an ApplicationSet generates for the environment's folder, named by its template. */
function applicationSetApplication(
  request: ControllerRequest,
): { controller?: ProposedController; notes: Note[] } | undefined {
  const { environment } = request;
  for (const doc of request.documents.filter(isArgoApplicationSet)) {
    const folder = applicationSetFolders(request.root, doc).find((entry) => entry.path === environment.path);
    if (!folder?.application) continue;
    const seen = `Argo CD ApplicationSet ${nameOf(doc)} (${doc.file}:${doc.line}) makes Application ${folder.application} for ${environment.path}`;
    return argoController({
      seen,
      application: folder.application,
      namespace: namespaceOf(doc),
      server: request.argocdServer,
    });
  }
  return undefined;
}

/**
 * An Argo CD controller entry, or, without Argo CD's address (which no repository holds), a note naming the
 * Application to add. The namespace is kept only where it is not Argo CD's own (argocd).
 */
function argoController(found: {
  readonly seen: string;
  readonly application: string;
  readonly namespace: string | undefined;
  readonly server: string | undefined;
}): { controller?: ProposedController; notes: Note[] } {
  const { seen, application, namespace, server } = found;
  if (!server)
    return {
      notes: [
        fact(
          `${seen}: add controller.argocd (application: ${application}) with your Argo CD address, or run gitops init --argocd-server URL`,
        ),
      ],
    };
  return {
    controller: { argocd: { server, application, ...(namespace && namespace !== 'argocd' ? { namespace } : {}) } },
    notes: [fact(seen)],
  };
}
