// Workflow commands (`::error file=…,line=…::`), so `gitops` run in a GitHub Actions step annotates the
// exact file and line, as the actions do.
import type { SourceLocation } from '@gitops/log';

export function runningInActions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

export function annotationCommand(
  level: 'error' | 'warning' | 'notice',
  message: string,
  where?: SourceLocation,
  title?: string,
): string {
  const properties: string[] = [];
  if (title) properties.push(`title=${escapeProperty(title)}`);
  if (where) {
    properties.push(`file=${escapeProperty(where.file)}`);
    if (where.line !== undefined) properties.push(`line=${where.line}`);
    if (where.column !== undefined) properties.push(`col=${where.column}`);
  }
  return `::${level}${properties.length ? ` ${properties.join(',')}` : ''}::${escapeData(message)}`;
}
