// The logging seam: the engine logs through this, never through @actions/core, so the same code
// serves the action (backed by core), the CLI (backed by the terminal) and tests (recorded).

/** Where a message points in a file; lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string, where?: SourceLocation): void;
  error(message: string, where?: SourceLocation): void;
  /** Runs `fn` inside a collapsible section (a `core.group` in the action). */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

export type LogLevel = 'debug' | 'info' | 'warning' | 'error';
export interface LogEntry {
  level: LogLevel;
  message: string;
  where?: SourceLocation;
}

/** A logger that keeps every entry, for tests and for reports built after the fact. */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];

  debug(message: string): void {
    this.entries.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.entries.push({ level: 'info', message });
  }
  warning(message: string, where?: SourceLocation): void {
    this.entries.push(where ? { level: 'warning', message, where } : { level: 'warning', message });
  }
  error(message: string, where?: SourceLocation): void {
    this.entries.push(where ? { level: 'error', message, where } : { level: 'error', message });
  }
  async group<T>(_title: string, fn: () => Promise<T>): Promise<T> {
    return fn();
  }
  messages(level?: LogLevel): string[] {
    return this.entries.filter((e) => !level || e.level === level).map((e) => e.message);
  }
}

/** Formats a location the way compilers do: `file:line:column`. */
export function formatLocation(where: SourceLocation): string {
  let text = where.file;
  if (where.line !== undefined) text += `:${where.line}`;
  if (where.line !== undefined && where.column !== undefined) text += `:${where.column}`;
  return text;
}

/**
 * A logger for terminals: everything on stderr (progress, warnings, errors), so a command's results on stdout
 * stay clean for scripts; debug only when asked.
 */
export function terminalLogger(options: { verbose?: boolean } = {}): Logger {
  const located = (message: string, where?: SourceLocation) =>
    where ? `${formatLocation(where)}: ${message}` : message;
  return {
    debug: (message) => {
      if (options.verbose) process.stderr.write(`debug: ${message}\n`);
    },
    info: (message) => {
      process.stderr.write(`${message}\n`);
    },
    warning: (message, where) => {
      process.stderr.write(`warning: ${located(message, where)}\n`);
    },
    error: (message, where) => {
      process.stderr.write(`error: ${located(message, where)}\n`);
    },
    group: async (title, fn) => {
      process.stderr.write(`== ${title}\n`);
      return fn();
    },
  };
}
