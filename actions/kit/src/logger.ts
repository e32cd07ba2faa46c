// The engine's Logger, backed by @actions/core: warnings and errors become annotations on file and line.
import * as core from '@actions/core';
import type { Logger, SourceLocation } from '@gitops/log';

/** Where an annotation goes: the file, line and column GitHub shows it on, under a title. */
export function annotationProperties(where: SourceLocation | undefined, title: string): core.AnnotationProperties {
  const result: core.AnnotationProperties = { title };
  if (!where) return result;
  result.file = where.file;
  if (where.line !== undefined) result.startLine = where.line;
  if (where.column !== undefined) result.startColumn = where.column;
  return result;
}

export function actionLogger(title: string): Logger {
  return {
    debug: (message) => core.debug(message),
    info: (message) => core.info(message),
    warning: (message, where) => core.warning(message, annotationProperties(where, title)),
    error: (message, where) => core.error(message, annotationProperties(where, title)),
    group: (name, fn) => core.group(name, fn),
  };
}
