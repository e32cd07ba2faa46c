// The proposal as gitops.yaml text: every decision commented over the key it decided, guesses marked as such.
import { Document, isMap, isScalar, type YAMLMap } from 'yaml';
import type { Note, Proposal, ProposedApp, ProposedEnvironment } from './model';

const width = 110;

/** Comment lines for notes (yaml adds the `#`), wrapped to the width. */
function commentOf(notes: readonly Note[]): string | undefined {
  if (notes.length === 0) return undefined;
  const lines: string[] = [];
  for (const note of notes) {
    let line = '';
    for (const word of `${note.guessed ? 'guessed: ' : ''}${note.text}`.split(' ')) {
      if (line && line.length + word.length + 1 > width) {
        lines.push(` ${line}`);
        line = '  ';
      }
      line = line && line !== '  ' ? `${line} ${word}` : `${line}${word}`;
    }
    lines.push(` ${line}`);
  }
  return lines.join('\n');
}

function environmentValue(env: ProposedEnvironment): Record<string, unknown> {
  return {
    path: env.path,
    ...(env.via === 'pull-request' ? { via: 'pull-request' } : {}),
    'require-digest': env.requireDigest,
    ...(env.controller ? { controller: env.controller } : {}),
  };
}

function appValue(app: ProposedApp): Record<string, unknown> {
  return {
    image: app.image,
    ...(app.imagePolicy ? { 'image-policy': app.imagePolicy } : {}),
    ...(app.imagePolicies
      ? {
          environments: Object.fromEntries(
            Object.entries(app.imagePolicies).map(([env, policy]) => [env, { 'image-policy': policy }]),
          ),
        }
      : {}),
    ...(app.targets.length
      ? {
          targets: app.targets.map((target) => ({
            file: target.file,
            ...(target.path ? { path: target.path } : {}),
            ...(target.write && target.write !== 'reference' ? { write: target.write } : {}),
            ...(target.environments ? { environments: [...target.environments] } : {}),
          })),
        }
      : {}),
  };
}

/** Puts each entry's notes over its key. */
function annotate(map: unknown, notesOf: (key: string) => readonly Note[]): void {
  if (!isMap(map)) return;
  for (const pair of (map as YAMLMap).items) {
    if (!isScalar(pair.key)) continue;
    const comment = commentOf(notesOf(String(pair.key.value)));
    if (comment) pair.key.commentBefore = comment;
  }
}

export function renderProposal(proposal: Proposal): string {
  const document = new Document({
    environments: Object.fromEntries(proposal.environments.map((env) => [env.name, environmentValue(env)])),
    apps: Object.fromEntries(proposal.apps.map((app) => [app.name, appValue(app)])),
  });
  document.commentBefore =
    commentOf([
      {
        text: 'Proposed by gitops init from the repository as it stands; docs/gitops-yaml.md says what each key does.',
        guessed: false,
      },
      ...proposal.notes,
    ]) ?? null;
  annotate(
    document.get('environments', true),
    (name) => proposal.environments.find((env) => env.name === name)?.notes ?? [],
  );
  annotate(document.get('apps', true), (name) => proposal.apps.find((app) => app.name === name)?.notes ?? []);
  return document.toString({ lineWidth: 0 });
}
