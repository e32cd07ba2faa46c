// What resolving a section of gitops.yaml works with: the data as records, a place to report problems at their
// key, paths checked to stay inside the repository, and the words for an unknown environment.
import type { KeyPath, YamlLocator } from './locate';
import type { ControllerSpec } from './model';
import { unknownName } from './suggest';

export type Data = Record<string, unknown>;

/** `{name}` placeholders in templates (target files and paths, controller object names). */
export const placeholder = /\{([^}]*)\}/g;

export interface Resolving {
  readonly locator: YamlLocator;
  /** Reports a problem at the value of `where` (or at its key). */
  problem(where: KeyPath, message: string, onKey?: boolean): void;
  /** `value` as a path inside the repository; undefined, with a problem reported, when it leaves it. */
  insideRepository(value: string, where: KeyPath): string | undefined;
  /** A `controller:` block; names may hold the placeholders given (default {app} and {env}). */
  controller(raw: Data, where: KeyPath, placeholders?: readonly string[]): ControllerSpec | undefined;
  /** What is at a path relative to the repository root. */
  probe(relative: string): 'directory' | 'file' | 'missing';
  /** The names of the folders in a folder (relative to the root); none when it is missing. */
  folders(parent: string): string[];
}

export function unknownEnvironment(name: string, known: string[]): string {
  return unknownName('environment', name, known);
}

export function asRecord(value: unknown): Data {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : {};
}
