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
  /**
   * How long work is getting on (a copy's bytes and rate): redrawn in place on a terminal, a plain line elsewhere;
   * `done`: the last line, which stays. Without it, progress goes to `info`.
   */
  progress?(message: string, done?: boolean): void;
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

/** Where a logger's progress lines go: its `progress`, else plain `info` lines. */
export function progressOf(logger: Logger): (message: string, done?: boolean) => void {
  return (message, done) => (logger.progress ? logger.progress(message, done) : logger.info(message));
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
export function terminalLogger(options: { verbose?: boolean; stream?: NodeJS.WriteStream } = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const located = (message: string, where?: SourceLocation) =>
    where ? `${formatLocation(where)}: ${message}` : message;
  // A progress line drawn on a terminal without its newline: cleared before anything else is written.
  let drawn = false;
  const write = (text: string) => {
    if (drawn) stream.write('\r\u001b[2K');
    drawn = false;
    stream.write(text);
  };
  return {
    debug: (message) => {
      if (options.verbose) write(`debug: ${message}\n`);
    },
    info: (message) => write(`${message}\n`),
    warning: (message, where) => write(`warning: ${located(message, where)}\n`),
    error: (message, where) => write(`error: ${located(message, where)}\n`),
    progress: (message, done) => {
      if (!stream.isTTY || done) return write(`${message}\n`);
      // One line, cut to the terminal's width so it never wraps (a wrapped line cannot be redrawn in place).
      write(message.slice(0, Math.max((stream.columns ?? 80) - 1, 20)));
      drawn = true;
    },
    group: async (title, fn) => {
      write(`== ${title}\n`);
      return fn();
    },
  };
}
